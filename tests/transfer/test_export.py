import json
from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import User
from applications.models import Application, Company, Interview, StageChange
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InteractionFactory,
    LessonFactory,
    RejectionFactory,
)
from transfer import export

pytestmark = pytest.mark.django_db

URL = reverse("accounts:export")
DOWNLOAD = f"{URL}?download=1"
SEEDED = "seeded@example.org"


def seed(applications, email=SEEDED):
    call_command("seed_demo", applications=applications, email=email, stdout=StringIO())
    return User.objects.get(email=email)


def download(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_owner_sees_what_the_export_holds(client_for):
    seeded = seed(40)

    response = client_for(seeded).get(URL)

    assertContains(response, "Export your data")
    assertContains(response, "40 applications at 10 companies")
    assertContains(response, f'href="{URL}?download=1"')
    assertContains(response, "Not in it: your password")
    assert response.status_code == 200


def test_anonymous_is_sent_to_login(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")
    response = client.get(DOWNLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@time_machine.travel(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), tick=False)
def test_the_download_is_a_dated_json_attachment_in_the_users_time_zone(client_for, user):
    user.time_zone = "Asia/Tokyo"  # already 2 March there
    user.save()

    response, document = download(client_for(user))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="onward-export-2026-03-02.json"'
    )
    assert "no-store" in response["Cache-Control"]
    assert document["format"] == "onward-export"
    assert document["version"] == 2
    assert document["exported_at"] == "2026-03-01T23:30:00Z"


def test_an_empty_account_exports_its_profile_and_empty_lists(owner_client, user):
    _, document = download(owner_client)

    assert document["profile"] == {
        "email": "owner@example.org",
        "name": "Olive Owner",
        "time_zone": "UTC",
        "keep_in_touch_days": 90,
        "quiet_applied_days": 14,
        "quiet_screening_days": 10,
        "quiet_interview_workdays": 10,
        "digest_enabled": True,
    }
    for section in ("companies", "applications", "contacts", "rejections", "lessons"):
        assert document[section] == []


def test_no_password_calendar_token_or_staff_flags(owner_client, user):
    response, _ = download(owner_client)

    body = response.content.decode()
    assert user.password not in body
    assert user.calendar_token not in body
    for key in ("password", "calendar_token", "is_staff", "is_superuser", "email_confirmed"):
        assert f'"{key}"' not in body


def test_every_row_the_owner_has_is_in_the_file(client_for):
    seeded = seed(60)

    _, document = download(client_for(seeded))

    applications = document["applications"]
    rejections = document["rejections"]
    assert len(document["companies"]) == Company.objects.for_user(seeded).count()
    assert len(applications) == Application.objects.for_user(seeded).count() == 60
    assert sum(len(a["stage_changes"]) for a in applications) == (
        StageChange.objects.for_user(seeded).count()
    )
    assert sum(len(a["interviews"]) for a in applications) == (
        Interview.objects.for_user(seeded).count()
    )
    assert len(document["contacts"]) == Contact.objects.for_user(seeded).count()
    assert sum(len(c["interactions"]) for c in document["contacts"]) == (
        Interaction.objects.for_user(seeded).count()
    )
    assert len(rejections) == Rejection.objects.for_user(seeded).count()
    assert sum(r["reflection"] is not None for r in rejections) == (
        Reflection.objects.filter(rejection__application__owner=seeded).count()
    )
    assert sum(len(r["feedback_requests"]) for r in rejections) == (
        FeedbackRequest.objects.for_user(seeded).count()
    )
    assert len(document["lessons"]) == Lesson.objects.for_user(seeded).count()
    assert sum(len(lesson["applications"]) for lesson in document["lessons"]) == (
        Lesson.applications.through.objects.filter(lesson__owner=seeded).count()
    )


def test_ids_are_local_and_references_point_at_rows_in_the_file(client_for):
    seeded = seed(60)

    _, document = download(client_for(seeded))

    def ids(rows):
        return [row["id"] for row in rows]

    companies = ids(document["companies"])
    applications = ids(document["applications"])
    contacts = ids(document["contacts"])
    rejections = ids(document["rejections"])
    requests = [
        r["id"] for rejection in document["rejections"] for r in rejection["feedback_requests"]
    ]
    assert companies == list(range(1, len(companies) + 1))
    assert applications == list(range(1, 61))
    assert requests == list(range(1, len(requests) + 1))
    assert {a["company"] for a in document["applications"]} <= set(companies)
    assert {c["company"] for c in document["contacts"]} <= {*companies, None}
    assert {i["application"] for c in document["contacts"] for i in c["interactions"]} <= {
        *applications,
        None,
    }
    assert {r["application"] for r in document["rejections"]} <= set(applications)
    assert {
        r["contact"] for rejection in document["rejections"] for r in rejection["feedback_requests"]
    } <= {*contacts, None}
    for lesson in document["lessons"]:
        assert lesson["rejection"] in {*rejections, None}
        assert lesson["feedback_request"] in {*requests, None}
        assert set(lesson["applications"]) <= set(applications)
    assert any(lesson["applications"] for lesson in document["lessons"])


def test_values_and_timestamps_are_exact(owner_client, user):
    company = CompanyFactory(owner=user, name="Ünion Bank", website="https://union.example")
    application = ApplicationFactory(
        owner=user,
        company=company,
        title="Data engineer",
        stage="rejected",
        applied_on=date(2026, 1, 5),
        salary_min=50_000,
        salary_max=60_000,
        currency="EUR",
        notes="Line one\nLine two “quoted”",
    )
    rejection = RejectionFactory(application=application, at_stage="screening")
    contact = ContactFactory(owner=user, company=company, name="Jane Roe", keep_in_touch_days=90)
    InteractionFactory(contact=contact, application=application, kind="thank_you")
    request = FeedbackRequestFactory(rejection=rejection, contact=contact, status="draft")
    lesson = LessonFactory(owner=user, rejection=rejection, feedback_request=request)
    lesson.applications.add(application)
    application.refresh_from_db()

    _, document = download(owner_client)

    exported = document["applications"][0]
    assert exported["company"] == 1
    assert exported["title"] == "Data engineer"
    assert exported["notes"] == "Line one\nLine two “quoted”"
    assert exported["applied_on"] == "2026-01-05"
    assert exported["salary_min"] == 50_000
    assert exported["work_mode"] == ""
    assert exported["follow_up_on"] is None
    assert datetime.fromisoformat(exported["created_at"]) == application.created_at
    assert exported["created_at"].endswith("Z")
    assert [change["to_stage"] for change in exported["stage_changes"]] == ["rejected"]
    assert document["companies"][0]["name"] == "Ünion Bank"
    assert document["contacts"][0]["company"] == 1
    assert document["contacts"][0]["interactions"][0]["application"] == 1
    assert document["rejections"][0]["application"] == 1
    assert document["rejections"][0]["reflection"] is None
    assert document["rejections"][0]["feedback_requests"][0]["contact"] == 1
    assert document["lessons"][0] | {"created_at": None, "updated_at": None} == {
        "id": 1,
        "rejection": 1,
        "feedback_request": 1,
        "category": "skill",
        "title": lesson.title,
        "detail": "",
        "status": "open",
        "target_on": None,
        "done_on": None,
        "created_at": None,
        "updated_at": None,
        "applications": [1],
    }


def test_another_users_data_is_not_in_the_file(owner_client, user, other_user):
    ApplicationFactory(owner=user, company__name="Mine Ltd")
    theirs = ApplicationFactory(owner=other_user, company__name="Theirs Ltd", title="Secret role")
    ContactFactory(owner=other_user, name="Their Contact")
    LessonFactory(owner=other_user, title="Their lesson")
    RejectionFactory(application=theirs)

    response, document = download(owner_client)

    assert [company["name"] for company in document["companies"]] == ["Mine Ltd"]
    for text in ("Theirs Ltd", "Secret role", "Their Contact", "Their lesson", "stranger@"):
        assert text not in response.content.decode()


def test_same_number_of_queries_at_n_and_ten_times_n(client_for):
    """One query per table whatever the size (django-zeal raises on a query per row)."""
    seeded = seed(30)
    seeded_client = client_for(seeded)
    with CaptureQueriesContext(connection) as captured:
        download(seeded_client)
    expected = len(captured)

    seeded = seed(300)
    seeded_client = client_for(seeded)
    with CaptureQueriesContext(connection) as captured:
        _, document = download(seeded_client)

    assert len(document["applications"]) == 300
    assert len(captured) == expected
    assert expected <= 15


# Model fields that the file does not carry as values, each for a reason: keys and
# owners (the file has its own ids, and the importing account owns what it imports),
# values computed from others (name_key; an application's reached, recomputed from the
# imported timeline, and its news_at, from its stage change and interviews), and secrets
# or server state of the user. (The profile's email is written for reference, but an
# import never changes the address.)
LEFT_OUT = {
    User: {
        "id", "password", "last_login", "is_superuser", "groups", "user_permissions",
        "email", "digest_sent_on", "calendar_token", "email_confirmed", "is_staff",
        "is_active", "date_joined",
    },
    Company: {"id", "owner", "name_key"},
    Application: {"id", "owner", "company", "reached", "news_at"},
    StageChange: {"id", "application"},
    Interview: {"id", "owner", "application"},
    Contact: {"id", "owner", "company"},
    Interaction: {"id", "contact", "application"},
    Rejection: {"id", "owner", "application", "contact"},
    Reflection: {"id", "owner", "rejection"},
    FeedbackRequest: {"id", "owner", "rejection", "contact"},
    Lesson: {"id", "owner", "rejection", "feedback_request", "applications"},
}  # fmt: skip
EXPORTED = {
    User: export.PROFILE_FIELDS,
    Company: export.COMPANY_FIELDS,
    Application: export.APPLICATION_FIELDS,
    StageChange: export.STAGE_CHANGE_FIELDS,
    Interview: export.INTERVIEW_FIELDS,
    Contact: export.CONTACT_FIELDS,
    Interaction: export.INTERACTION_FIELDS,
    Rejection: export.REJECTION_FIELDS,
    Reflection: export.REFLECTION_FIELDS,
    FeedbackRequest: export.FEEDBACK_REQUEST_FIELDS,
    Lesson: export.LESSON_FIELDS,
}


@pytest.mark.parametrize("model", list(EXPORTED), ids=lambda model: model.__name__)
def test_every_field_is_exported_or_left_out_on_purpose(model):
    """A field added to a model must be added to the export (and the README) or to
    LEFT_OUT above with its reason; keys and references travel as the file's ids."""
    fields = {f.name for f in model._meta.get_fields() if not f.auto_created or f.concrete}
    assert fields == set(EXPORTED[model]) | LEFT_OUT[model]
    assert not set(EXPORTED[model]) & LEFT_OUT[model]
