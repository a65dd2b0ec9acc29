import contextlib
import copy
import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from pytest_django.asserts import assertContains, assertRedirects

from applications.models import Application, Company, Interview, StageChange
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    LessonFactory,
    UserFactory,
)
from tests.html import field_errors, page_messages
from transfer import reader, writer

pytestmark = pytest.mark.django_db

URL = reverse("accounts:import")
NOW = datetime(2026, 2, 2, 12, tzinfo=UTC)
MODELS = [
    Company,
    Application,
    StageChange,
    Interview,
    Contact,
    Interaction,
    Rejection,
    Reflection,
    FeedbackRequest,
    Lesson,
    Lesson.applications.through,
]


def document():
    """A small export with one of everything and every kind of reference."""
    return {
        "format": "onward-export",
        "version": 1,
        "exported_at": "2026-02-01T10:00:00Z",
        "profile": {
            "email": "someone.else@example.org",
            "name": "Alex Morgan",
            "time_zone": "Europe/London",
            "keep_in_touch_days": 60,
            "quiet_applied_days": 12,
            "quiet_screening_days": 7,
            "quiet_interview_workdays": 5,
            "digest_enabled": False,
        },
        "companies": [
            {
                "id": 1,
                "name": "Ünion Bank",
                "website": "https://union.example",
                "notes": "Met them at a meetup.",
                "created_at": "2026-01-02T09:00:00.123456Z",
                "updated_at": "2026-01-03T09:00:00Z",
            },
            {
                "id": 2,
                "name": "Globex",
                "website": "",
                "notes": "",
                "created_at": "2026-01-04T09:00:00Z",
                "updated_at": "2026-01-04T09:00:00Z",
            },
        ],
        "applications": [
            {
                "id": 1,
                "company": 1,
                "title": "Data engineer",
                "job_url": "https://union.example/careers/1",
                "location": "Berlin",
                "work_mode": "hybrid",
                "source": "referral",
                "salary_min": 60000,
                "salary_max": 70000,
                "currency": "EUR",
                "stage": "rejected",
                "applied_on": "2026-01-05",
                "follow_up_on": None,
                "notes": "Line one\nLine two",
                "stage_changed_at": "2026-01-19T15:00:00Z",
                "created_at": "2026-01-05T08:00:00Z",
                "updated_at": "2026-01-19T15:00:00Z",
                "stage_changes": [
                    {
                        "from_stage": "",
                        "to_stage": "applied",
                        "changed_at": "2026-01-05T08:00:00Z",
                        "note": "",
                    },
                    {
                        "from_stage": "applied",
                        "to_stage": "interviewing",
                        "changed_at": "2026-01-10T08:00:00Z",
                        "note": "Invited",
                    },
                    {
                        "from_stage": "interviewing",
                        "to_stage": "rejected",
                        "changed_at": "2026-01-19T15:00:00Z",
                        "note": "",
                    },
                ],
                "interviews": [
                    {
                        "starts_at": "2026-01-14T10:30:00Z",
                        "kind": "video",
                        "with_whom": "Jane Roe (hiring manager)",
                        "notes": "",
                        "outcome": "not_passed",
                        "created_at": "2026-01-10T08:00:00Z",
                        "updated_at": "2026-01-14T12:00:00Z",
                    }
                ],
            },
            {
                "id": 2,
                "company": 2,
                "title": "Analytics engineer",
                "job_url": "",
                "location": "",
                "work_mode": "",
                "source": "",
                "salary_min": None,
                "salary_max": None,
                "currency": "",
                "stage": "applied",
                "applied_on": "2026-01-25",
                "follow_up_on": "2026-02-08",
                "notes": "",
                "stage_changed_at": "2026-01-25T09:00:00Z",
                "created_at": "2026-01-25T09:00:00Z",
                "updated_at": "2026-01-25T09:00:00Z",
                "stage_changes": [
                    {
                        "from_stage": "",
                        "to_stage": "applied",
                        "changed_at": "2026-01-25T09:00:00Z",
                        "note": "",
                    }
                ],
                "interviews": [],
            },
        ],
        "contacts": [
            {
                "id": 1,
                "company": 1,
                "name": "Jane Roe",
                "title": "Engineering manager",
                "relation": "hiring_manager",
                "email": "jane@union.example",
                "phone": "",
                "linkedin_url": "",
                "notes": "",
                "keep_in_touch_days": 90,
                "last_contacted_on": "2026-01-20",
                "next_check_in_on": "2026-05-01",
                "created_at": "2026-01-10T08:00:00Z",
                "updated_at": "2026-01-20T18:00:00Z",
                "interactions": [
                    {
                        "application": 1,
                        "happened_on": "2026-01-20",
                        "kind": "thank_you",
                        "summary": "Thanked her for her time.",
                        "created_at": "2026-01-20T18:00:00Z",
                    }
                ],
            },
            {
                "id": 2,
                "company": None,
                "name": "Sam Agent",
                "title": "",
                "relation": "agency_recruiter",
                "email": "",
                "phone": "+44 20 0000 0000",
                "linkedin_url": "",
                "notes": "",
                "keep_in_touch_days": None,
                "last_contacted_on": None,
                "next_check_in_on": None,
                "created_at": "2026-01-11T08:00:00Z",
                "updated_at": "2026-01-11T08:00:00Z",
                "interactions": [],
            },
        ],
        "rejections": [
            {
                "id": 1,
                "application": 1,
                "received_on": "2026-01-19",
                "at_stage": "interview",
                "channel": "email",
                "reason_given": "Other candidates had more experience.",
                "message": "Dear Alex, ...",
                "reflect_state": "done",
                "reflect_skip_reason": "",
                "feedback_state": "done",
                "feedback_skip_reason": "",
                "bridges_state": "skipped",
                "bridges_skip_reason": "Not this time.",
                "created_at": "2026-01-19T15:00:00Z",
                "updated_at": "2026-01-21T10:00:00Z",
                "reflection": {
                    "feelings": "Low.",
                    "mood": 2,
                    "reframe": "One role, one team.",
                    "created_at": "2026-01-19T16:00:00Z",
                    "updated_at": "2026-01-19T16:00:00Z",
                },
                "feedback_requests": [
                    {
                        "id": 1,
                        "contact": 1,
                        "channel": "email",
                        "message": "Dear Jane, ...",
                        "status": "received",
                        "sent_on": "2026-01-20",
                        "follow_up_on": "2026-01-27",
                        "received_on": "2026-01-23",
                        "response": "More Kubernetes.",
                        "is_generic": False,
                        "dig_deeper": "",
                        "push_back": "",
                        "created_at": "2026-01-20T09:00:00Z",
                        "updated_at": "2026-01-23T09:00:00Z",
                    }
                ],
            }
        ],
        "lessons": [
            {
                "id": 1,
                "rejection": 1,
                "feedback_request": 1,
                "category": "skill",
                "title": "Get hands-on with Kubernetes",
                "detail": "",
                "status": "in_progress",
                "target_on": "2026-03-01",
                "done_on": None,
                "created_at": "2026-01-23T10:00:00Z",
                "updated_at": "2026-01-24T10:00:00Z",
                "applications": [2],
            }
        ],
    }


def upload(client, content, name="onward-export.json"):
    if not isinstance(content, bytes):
        content = json.dumps(content).encode()
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def rows_of(user):
    return {
        "companies": Company.objects.filter(owner=user).count(),
        "applications": Application.objects.filter(owner=user).count(),
        "contacts": Contact.objects.filter(owner=user).count(),
        "lessons": Lesson.objects.filter(owner=user).count(),
    }


def assert_nothing_written(user):
    for model in MODELS:
        assert not model.objects.exists(), model.__name__
    user.refresh_from_db()
    assert (user.name, user.time_zone, user.keep_in_touch_days) == ("Olive Owner", "UTC", 90)


def test_owner_sees_the_form(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "Import your data")
    assertContains(response, 'enctype="multipart/form-data"')
    assertContains(response, 'name="file"')
    assertContains(response, "up to 20 MB")
    assert writer.NOT_EMPTY not in response.content.decode()


def test_an_account_with_data_is_told_before_it_uploads(owner_client, user):
    ApplicationFactory(owner=user)

    assertContains(owner_client.get(URL), writer.NOT_EMPTY)


def test_anonymous_is_sent_to_login_and_nothing_is_written(client, user):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")

    response = upload(client, document())

    assert response.status_code == 302
    assert_nothing_written(user)


@time_machine.travel(NOW, tick=False)
def test_the_owner_imports_an_export(owner_client, user):
    calendar_token = user.calendar_token

    response = upload(owner_client, document())

    assertRedirects(response, reverse("insights:dashboard"), fetch_redirect_response=False)
    assert page_messages(owner_client.get(reverse("insights:dashboard"))) == [
        "Your data is back: 2 applications, 2 companies, 2 contacts, 1 rejection, 1 lesson."
    ]
    user.refresh_from_db()
    assert user.email == "owner@example.org"
    assert user.check_password(PASSWORD)
    assert user.calendar_token == calendar_token
    assert (user.name, user.time_zone) == ("Alex Morgan", "Europe/London")
    assert (user.keep_in_touch_days, user.digest_enabled) == (60, False)
    assert (
        user.quiet_applied_days,
        user.quiet_screening_days,
        user.quiet_interview_workdays,
    ) == (12, 7, 5)

    union, globex = Company.objects.for_user(user).order_by("pk")
    assert (union.name, union.name_key) == ("Ünion Bank", "ünion bank")
    assert union.created_at == datetime(2026, 1, 2, 9, 0, 0, 123456, tzinfo=UTC)
    assert union.updated_at == datetime(2026, 1, 3, 9, tzinfo=UTC)
    rejected, applied = Application.objects.for_user(user).order_by("pk")
    assert rejected.company == union and applied.company == globex
    assert rejected.stage == "rejected"
    assert rejected.applied_on == date(2026, 1, 5)
    assert rejected.created_at == datetime(2026, 1, 5, 8, tzinfo=UTC)
    assert rejected.updated_at == rejected.stage_changed_at == datetime(2026, 1, 19, 15, tzinfo=UTC)
    assert [(c.from_stage, c.to_stage) for c in rejected.stage_changes.all()] == [
        ("", "applied"),
        ("applied", "interviewing"),
        ("interviewing", "rejected"),
    ]
    interview = rejected.interviews.get()
    assert interview.starts_at == datetime(2026, 1, 14, 10, 30, tzinfo=UTC)
    assert interview.updated_at == datetime(2026, 1, 14, 12, tzinfo=UTC)

    jane = Contact.objects.for_user(user).get(name="Jane Roe")
    assert jane.company == union
    assert jane.next_check_in_on == date(2026, 5, 1)  # as in the file, not recomputed
    interaction = jane.interactions.get()
    assert interaction.application == rejected
    assert interaction.created_at == datetime(2026, 1, 20, 18, tzinfo=UTC)
    assert Contact.objects.for_user(user).get(name="Sam Agent").company is None

    rejection = rejected.rejection
    assert rejection.bridges_skip_reason == "Not this time."
    assert rejection.updated_at == datetime(2026, 1, 21, 10, tzinfo=UTC)
    assert rejection.reflection.mood == 2
    request = rejection.feedback_requests.get()
    assert request.contact == jane
    assert request.received_on == date(2026, 1, 23)
    lesson = Lesson.objects.for_user(user).get()
    assert lesson.rejection == rejection and lesson.feedback_request == request
    assert list(lesson.applications.all()) == [applied]
    assert lesson.created_at == datetime(2026, 1, 23, 10, tzinfo=UTC)


def test_the_file_is_checked_before_the_account_is_changed_at_all(owner_client, user):
    """The profile is valid but an application is not: the profile stays as it was."""
    bad = document()
    bad["applications"][1]["stage"] = "ghosted"

    response = upload(owner_client, bad)

    assert response.status_code == 422
    assert_nothing_written(user)


@time_machine.travel(NOW, tick=False)
def test_a_hand_made_file_without_timestamps_or_timeline_gets_them(owner_client, user):
    made = {
        "format": "onward-export",
        "version": 1,
        "companies": [{"id": 7, "name": "Initech"}],
        "applications": [{"id": 3, "company": 7, "title": "Analyst", "stage": "screening"}],
    }

    response = upload(owner_client, made)

    assert response.status_code == 302
    application = Application.objects.for_user(user).get()
    assert application.created_at == application.updated_at == NOW
    assert [(c.from_stage, c.to_stage) for c in application.stage_changes.all()] == [
        ("", "screening")
    ]
    user.refresh_from_db()
    assert user.name == "Olive Owner"  # no profile in the file: settings unchanged


def test_another_accounts_export_into_a_non_empty_account_writes_nothing(
    client_for, owner_client, user, other_user
):
    theirs = ApplicationFactory(owner=other_user, company__name="Their Company")
    LessonFactory(owner=other_user)
    their_export = client_for(other_user).get(reverse("accounts:export") + "?download=1").content
    mine = ApplicationFactory(owner=user, company__name="My Company")
    before = {"mine": rows_of(user), "theirs": rows_of(other_user)}

    response = upload(owner_client, their_export)

    assert response.status_code == 422
    assert field_errors(response, "file") == [writer.NOT_EMPTY]
    assert {"mine": rows_of(user), "theirs": rows_of(other_user)} == before
    assert Application.objects.for_user(user).get() == mine
    assert Application.objects.for_user(other_user).get() == theirs
    user.refresh_from_db()
    assert user.name == "Olive Owner"


@pytest.mark.parametrize(
    "kind",
    [
        lambda user: CompanyFactory(owner=user),
        lambda user: ContactFactory(owner=user, company=None),
        lambda user: LessonFactory(owner=user),
    ],
    ids=["a-company", "a-contact", "a-lesson"],
)
def test_any_data_makes_an_account_not_empty(owner_client, user, kind):
    kind(user)

    response = upload(owner_client, document())

    assert response.status_code == 422
    assert field_errors(response, "file") == [writer.NOT_EMPTY]
    assert not Application.objects.exists()


UTF8_HINT = "This file isn’t UTF-8 text, so it isn’t an Onward export."
JSON_HINT = "isn’t valid JSON"
NOT_OURS = "This JSON file isn’t an Onward account export"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("caf\xe9".encode("latin-1"), UTF8_HINT),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", UTF8_HINT),
        (b"", "This file is empty. Choose the .json file that “Export your data” downloaded."),
        (b"Company,Job Title,Status\n", JSON_HINT),
        (b"Company,Job Title,Status\nAcme,Engineer,Applied\n", JSON_HINT),
        (b'{"format": "onward-export", "version": 1', JSON_HINT),
        (b'{"format": "onward-export", "version": 1, "companies": [NaN]}', JSON_HINT),
        (b"[" * 100_000 + b"]" * 100_000, JSON_HINT),
        (b"[]", NOT_OURS),
        (b'"onward-export"', NOT_OURS),
        (b'{"format": "trello-board", "version": 1}', NOT_OURS),
        (b'{"version": 1, "applications": []}', NOT_OURS),
        (
            b'{"format": "onward-export", "version": 3}',
            "This export was made by a newer Onward (format version 3); this one reads "
            "version 2. Update this Onward, then import again.",
        ),
        (
            b'{"format": "onward-export", "version": 0}',
            "This export is in format version 0, which this Onward no longer reads",
        ),
        (
            b'{"format": "onward-export", "version": "1"}',
            'This export’s format version is "1", which is not a version number',
        ),
        (b'{"format": "onward-export"}', "This export doesn’t say its format version"),
    ],
    ids=[
        "not-utf8",
        "binary",
        "empty",
        "csv-header-only",
        "csv",
        "truncated",
        "nan",
        "too-deep",
        "a-list",
        "a-string",
        "another-format",
        "no-format",
        "newer-version",
        "older-version",
        "version-as-text",
        "no-version",
    ],
)
def test_a_file_that_is_not_our_export_is_422_and_nothing_is_written(
    owner_client, user, content, message
):
    response = upload(owner_client, content)

    assert response.status_code == 422
    errors = field_errors(response, "file")
    assert len(errors) == 1
    assert message in errors[0]
    assert_nothing_written(user)


def test_no_file_is_422(owner_client, user):
    response = owner_client.post(URL, {})

    assert response.status_code == 422
    assert field_errors(response, "file") == [
        "Choose the .json file that “Export your data” downloaded."
    ]


def test_a_file_over_the_cap_is_422_and_nothing_is_written(owner_client, user):
    response = upload(owner_client, b" " * (reader.MAX_BYTES + 1))

    assert response.status_code == 422
    assert field_errors(response, "file") == [
        "This file is 20.0 MB; the import reads files of up to 20 MB."
    ]
    assert_nothing_written(user)


def change(path, value):
    """A change to the document: sets the value at `path` (keys and list indexes)."""

    def apply(doc):
        *parents, last = path
        target = doc
        for key in parents:
            target = target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value

    return apply


DELETE = object()
APP = ("applications", 0)
REJECTION = ("rejections", 0)
REQUEST = (*REJECTION, "feedback_requests", 0)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            change((*APP, "stage"), "ghosted"),
            "Application 1: “stage”: Value 'ghosted' is not a valid choice.",
        ),
        (
            change((*APP, "title"), "x" * 201),
            "Application 1: “title” is 201 characters long; at most 200 fit.",
        ),
        (
            change((*APP, "notes"), "x" * 20_001),
            "Application 1: “notes” is 20,001 characters long; at most 20,000 fit.",
        ),
        (change((*APP, "title"), ""), "Application 1: “title”: This field cannot be blank."),
        (change((*APP, "title"), None), "Application 1: “title” can’t be empty (null)."),
        (
            change((*APP, "applied_on"), "next Tuesday"),
            "Application 1: “applied_on”: “next Tuesday” value has an invalid date format. "
            "It must be in YYYY-MM-DD format.",
        ),
        (
            change((*APP, "applied_on"), "2026-02-30"),
            "Application 1: “applied_on”: “2026-02-30” value has the correct format "
            "(YYYY-MM-DD) but it is an invalid date.",
        ),
        (
            change((*APP, "interviews", 0, "starts_at"), "2026-01-14T10:30:00"),
            "Application 1, interview 1: “starts_at” needs a time zone, e.g. "
            "2026-03-01T09:30:00Z; got '2026-01-14T10:30:00'.",
        ),
        (
            change((*APP, "salary_min"), "60k"),
            "Application 1: “salary_min” should be a whole number, not “60k”.",
        ),
        (
            change((*APP, "salary_min"), -5),
            "Application 1: “salary_min” should be a whole number from 0 to "
            "1,000,000,000,000, not -5.",
        ),
        (
            change((*APP, "salary_min"), 90_000),
            "Application 1: The salary minimum can’t be above the maximum.",
        ),
        (
            change((*APP, "salary_max"), 10**12 + 1),
            "Application 1: “salary_max” should be a whole number from 0 to 1,000,000,000,000, "
            "not 1,000,000,000,001.",
        ),
        (
            change((*APP, "notes"), "a\x00b"),
            "Application 1: “notes” contains a NUL character.",
        ),
        (
            change((*APP, "job_url"), "not a link"),
            "Application 1: “job_url”: Enter a valid URL.",
        ),
        (
            change((*APP, "stage_changes", 1, "to_stage"), "ghosted"),
            "Application 1, stage change 2: “to_stage”: Value 'ghosted' is not a valid choice.",
        ),
        (
            change((*APP, "company"), 99),
            "Application 1: “company” has 99, which is no company’s id.",
        ),
        (
            change((*APP, "company"), DELETE),
            "Application 1: “company” is missing; it should be the id of a company.",
        ),
        (change(("companies", 1, "id"), 1), "Two companies have the id 1."),
        (
            change(("companies", 1, "id"), "2"),
            "Company number 2 has no whole-number “id”.",
        ),
        (
            change(("companies", 1, "name"), "  ÜNION   bank "),
            "Company 2: “ÜNION bank” has the same name as company 1; company names are unique.",
        ),
        (change(("companies", 1, "name"), "   "), "Company 2: “name” can’t be blank."),
        (
            change(("companies", 1, "name"), "ß" * 200),
            "Company 2: “name” is too long. Shorten it a little.",
        ),
        (
            change(("companies", 0, "created_at"), "yesterday"),
            "Company 1: “created_at”: “yesterday” value has an invalid format.",
        ),
        (change(("companies",), {}), "“companies” should be a list, not an object."),
        (
            change(("applications", 1), "Analyst"),
            "Item 2 of “applications” should be an object, not “Analyst”.",
        ),
        (
            change(("contacts", 0, "email"), "jane at union"),
            "Contact 1: “email”: Enter a valid email address.",
        ),
        (
            change(("contacts", 0, "keep_in_touch_days"), 45),
            "Contact 1: “keep_in_touch_days”: Value 45 is not a valid choice.",
        ),
        (
            change(("contacts", 0, "interactions", 0, "application"), 5),
            "Contact 1, interaction 1: “application” has 5, which is no application’s id.",
        ),
        (
            change((*REJECTION, "reflection", "mood"), 7),
            "Rejection 1, reflection: “mood” should be a whole number from 1 to 5, not 7.",
        ),
        (
            change((*REJECTION, "reflection", "mood"), True),
            "Rejection 1, reflection: “mood” should be a whole number, not true.",
        ),
        (
            change((*REJECTION, "reflection"), "fine"),
            "Rejection 1: “reflection” should be an object or null.",
        ),
        (
            change((*REJECTION, "reflect_state"), "finished"),
            "Rejection 1: “reflect_state”: Value 'finished' is not a valid choice.",
        ),
        (
            change((*REQUEST, "follow_up_on"), "2026-01-01"),
            "Rejection 1, feedback request 1: The follow-up date can’t be before the sent date.",
        ),
        (
            change((*REQUEST, "is_generic"), "no"),
            "Rejection 1, feedback request 1: “is_generic” should be true or false, not “no”.",
        ),
        (
            change((*REQUEST, "contact"), 3),
            "Rejection 1, feedback request 1: “contact” has 3, which is no contact’s id.",
        ),
        (
            change(("lessons", 0, "applications"), [2, 9]),
            "Lesson 1: “applications” has 9, which is no application’s id.",
        ),
        (
            change(("lessons", 0, "feedback_request"), 2),
            "Lesson 1: “feedback_request” has 2, which is no feedback request’s id.",
        ),
        (
            change(("lessons", 0, "category"), "vibes"),
            "Lesson 1: “category”: Value 'vibes' is not a valid choice.",
        ),
        (
            change(("profile", "time_zone"), "Mars/Olympus_Mons"),
            "Profile: “time_zone”: Mars/Olympus_Mons is not a time zone we know.",
        ),
        (
            change(("profile", "quiet_applied_days"), 0),
            "Profile: “quiet_applied_days” should be a whole number from 1 to 365, not 0.",
        ),
        (
            change(("profile", "keep_in_touch_days"), 7),
            "Profile: “keep_in_touch_days”: Value 7 is not a valid choice.",
        ),
        (change(("profile",), []), "“profile” should be an object, not a list."),
    ],
    ids=lambda value: None if callable(value) else value[:40],
)
def test_invalid_values_or_references_are_422_in_words_and_nothing_is_written(
    owner_client, user, mutate, message
):
    bad = document()
    mutate(bad)

    response = upload(owner_client, bad)

    assert response.status_code == 422
    errors = field_errors(response, "file")
    assert errors[0] == "Nothing was imported: the file has problems."
    assert any(error.startswith(message) for error in errors[1:]), errors
    assert_nothing_written(user)


def test_a_rejection_per_application(owner_client, user):
    bad = document()
    second = copy.deepcopy(bad["rejections"][0])
    second["id"] = 2
    second["feedback_requests"] = []
    bad["rejections"].append(second)

    response = upload(owner_client, bad)

    assert response.status_code == 422
    assert (
        "Rejection 2: application 1 already has rejection 1; an application has one rejection."
        in field_errors(response, "file")
    )
    assert_nothing_written(user)


def test_a_lone_surrogate_is_refused_in_words(owner_client, user):
    raw = json.dumps(document()).replace("Jane Roe", "Jane \\ud800Roe").encode()

    response = upload(owner_client, raw)

    assert response.status_code == 422
    assert "Contact 1: “name” isn’t valid text" in " ".join(field_errors(response, "file"))
    assert_nothing_written(user)


def test_every_problem_is_shown_with_where_it_is_up_to_200_and_the_rest_counted(owner_client, user):
    bad = document()
    bad["applications"] = [
        {"id": number, "company": 1, "title": "", "stage": "nowhere"} for number in range(1, 111)
    ]

    response = upload(owner_client, bad)

    errors = field_errors(response, "file")
    assert errors[0] == "Nothing was imported: the file has problems."
    assert errors[1:6] == [
        "Application 1: “title”: This field cannot be blank.",
        "Application 1: “stage”: Value 'nowhere' is not a valid choice.",
        "Application 2: “title”: This field cannot be blank.",
        "Application 2: “stage”: Value 'nowhere' is not a valid choice.",
        "Application 3: “title”: This field cannot be blank.",
    ]
    assert len(errors) == 1 + reader.SHOWN_PROBLEMS + 1
    assert (
        errors[reader.SHOWN_PROBLEMS]
        == "Application 100: “stage”: Value 'nowhere' is not a valid choice."
    )
    assert errors[-1] == "… and 20 more problems."
    assert_nothing_written(user)


def test_a_database_failure_halfway_writes_nothing(owner_client, user, monkeypatch):
    """All or nothing: rows written before the failure are rolled back with it."""
    real_insert = writer.insert

    def failing_insert(model, objects):
        if model is Lesson:
            raise IntegrityError("simulated failure")
        return real_insert(model, objects)

    monkeypatch.setattr(writer, "insert", failing_insert)

    response = upload(owner_client, document())

    assert response.status_code == 422
    assert field_errors(response, "file") == [
        "Nothing was imported: the database refused the data (simulated failure)."
    ]
    assert_nothing_written(user)


def test_an_account_that_fills_up_between_check_and_write_is_refused(user):
    plan = reader.read_export(json.dumps(document()).encode())
    CompanyFactory(owner=user, name="Added meanwhile")

    with pytest.raises(reader.ImportProblem) as raised:
        writer.import_account(user, plan)

    assert raised.value.messages == [writer.NOT_EMPTY]
    assert list(Company.objects.values_list("name", flat=True)) == ["Added meanwhile"]


def test_importing_the_same_file_twice_is_refused_the_second_time(owner_client, user):
    assert upload(owner_client, document()).status_code == 302

    response = upload(owner_client, document())

    assert response.status_code == 422
    assert field_errors(response, "file") == [writer.NOT_EMPTY]
    assert Application.objects.for_user(user).count() == 2


def test_another_users_rows_are_untouched_by_an_import(owner_client, user, other_user):
    theirs = ApplicationFactory(owner=other_user, company__name="Globex")

    assert upload(owner_client, document()).status_code == 302

    assert Application.objects.for_user(other_user).get() == theirs
    assert Company.objects.for_user(other_user).get().name == "Globex"
    assert Company.objects.for_user(user).filter(name="Globex").exists()


# Fuzzing: whatever the upload, the answer is a redirect (imported) or a 422 with
# the reason (nothing written), never a 500 and never part of a file.
LEAVES = []


def collect_leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            collect_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            collect_leaves(item, (*path, index))
    if path:
        LEAVES.append(path)


collect_leaves(document())
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "2026-01-01", "2026-01-01T10:00:00Z", "applied", "skill", "1"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=5,
)


class ImportFuzzTests(HypothesisTestCase):
    """Each example runs in its own transaction, rolled back after it."""

    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(email="fuzz@example.org", name="Fuzz")

    def setUp(self):
        self.client = Client()
        self.client.force_login(self.user, backend="django.contrib.auth.backends.ModelBackend")

    def assert_all_or_nothing(self, response):
        assert response.status_code in (302, 422), response.status_code
        imported = Application.objects.filter(owner=self.user).count()
        if response.status_code == 422:
            assert field_errors(response, "file")
            for model in MODELS:
                assert not model.objects.exists(), model.__name__
            self.user.refresh_from_db()
            assert self.user.name == "Fuzz"
        else:
            assert imported == len(json.loads(self.sent)["applications"])

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.binary(max_size=500))
    def test_any_bytes(self, raw):
        self.sent = "{}"
        self.assert_all_or_nothing(upload(self.client, raw))

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(paths=st.lists(st.sampled_from(LEAVES), min_size=1, max_size=3), data=st.data())
    def test_any_value_anywhere(self, paths, data):
        doc = document()
        for path in paths:
            # A path under a value an earlier change replaced is no longer there.
            with contextlib.suppress(KeyError, IndexError, TypeError):
                change(path, data.draw(json_values))(doc)
        self.sent = json.dumps(doc)
        self.assert_all_or_nothing(upload(self.client, self.sent.encode()))


@pytest.mark.parametrize(
    ("quiet_after_days", "applied_days"),
    [(30, 30), (21, 14), (3, 3)],
    ids=["chosen", "the-old-default", "shortest"],
)
def test_an_older_export_carries_its_quiet_after_days_to_after_applying(
    owner_client, user, quiet_after_days, applied_days
):
    older = {
        "format": "onward-export",
        "version": 1,
        "profile": {"name": "Alex Morgan", "quiet_after_days": quiet_after_days},
    }

    response = upload(owner_client, older)

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.quiet_applied_days, user.quiet_screening_days) == (applied_days, 10)
    assert user.quiet_interview_workdays == 10


def test_an_older_exports_bad_quiet_after_days_is_said(owner_client, user):
    older = {"format": "onward-export", "version": 1, "profile": {"quiet_after_days": "soon"}}

    response = upload(owner_client, older)

    assert response.status_code == 422
    assert "quiet_applied_days" in response.content.decode()
    assert_nothing_written(user)
