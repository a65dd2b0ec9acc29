"""Nothing is lost on a race or a resend, checked without threads on any database: the
interleavings of tests/test_races.py made one step after another.

- Every edit form needs the version it was opened on: missing, the form says so (422)
  and saves nothing; stale, it shows what changed and asks; sent again, it saves.
- A save that was checked, then overtaken by another save before it wrote, is refused
  as a conflict (the write itself is conditional on the version), not saved over it.
- An edit writes exactly its form's fields: never the stage, its time or `reached`.
- Stage moves and "record rejection" read the row afresh, so a stale copy does no harm.
- A create form sent twice adds one row.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.forms import ApplicationForm, CompanyForm, InterviewForm
from applications.models import Application, Interview, Stage, StageChange
from contacts.forms import ContactForm
from contacts.models import Contact
from core.models import SubmitKey
from core.pages import ALREADY_ADDED
from feedback.forms.lessons import LessonForm
from feedback.forms.rejections import RejectionForm
from feedback.models import Lesson, Rejection
from feedback.services import record_rejection
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    InterviewFactory,
    LessonFactory,
)
from tests.html import form_errors, page_messages, parse
from tests.test_url_walker import forms_on

pytestmark = pytest.mark.django_db

CHANGED_ELSEWHERE = "Changed elsewhere since you opened this page."
NO_VERSION = "Onward couldn’t tell when this page was opened, so it saved nothing"

# Each edit form: how to make one of the user's rows, its edit URL, its form class and a
# text field to type into.
EDITS = {
    "application": (
        lambda user: ApplicationFactory(owner=user, stage=Stage.SCREENING),
        "applications:edit",
        ApplicationForm,
        "notes",
    ),
    "company": (lambda user: CompanyFactory(owner=user), "companies:edit", CompanyForm, "notes"),
    "contact": (
        lambda user: ContactFactory(owner=user, company=CompanyFactory(owner=user)),
        "contacts:edit",
        ContactForm,
        "notes",
    ),
    "interview": (
        lambda user: InterviewFactory(application__owner=user),
        "interviews:edit",
        InterviewForm,
        "notes",
    ),
    "lesson": (lambda user: LessonFactory(owner=user), "lessons:edit", LessonForm, "detail"),
}


def shown_form(response, url):
    """What a browser sends for the form on `response` that posts to `url`, as shown."""
    path = url.split("?", 1)[0]
    for form in forms_on(response, url):
        if form.method == "post" and form.action.split("?", 1)[0] == path:
            return form.body(form.buttons[0] if form.buttons else None)
    raise AssertionError(f"no form posting to {url}")


def opened(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return shown_form(response, url)


def saved_elsewhere(row, field, text):
    """Another tab saves `row` meanwhile (a second later, so its version differs even
    where the clock is coarse)."""
    type(row)._base_manager.filter(pk=row.pk).update(
        **{field: text, "updated_at": F("updated_at") + timedelta(seconds=1)}
    )


def text_of(row, field):
    return type(row)._base_manager.values_list(field, flat=True).get(pk=row.pk)


@pytest.fixture(params=list(EDITS))
def edit(request, user):
    make, url_name, form_class, field = EDITS[request.param]
    row = make(user)
    return row, reverse(url_name, args=[row.pk]), form_class, field


def test_the_form_carries_the_version_it_was_opened_on(owner_client, edit):
    row, url, _, _ = edit

    assert opened(owner_client, url)["version"] == row.updated_at.isoformat()


def test_an_edit_without_its_version_saves_nothing_and_says_why(owner_client, edit):
    row, url, _, field = edit
    data = opened(owner_client, url) | {field: "Typed"}
    del data["version"]
    before = text_of(row, field)

    response = owner_client.post(url, data)

    assert response.status_code == 422
    assert any(error.startswith(NO_VERSION) for error in form_errors(response))
    assert text_of(row, field) == before
    # What was typed stays, and sending the form again saves it.
    again = shown_form(response, url)
    assert again[field] == "Typed"
    assert owner_client.post(url, again).status_code == 302
    assert text_of(row, field) == "Typed"


def test_a_stale_version_shows_what_changed_and_asks(owner_client, edit):
    row, url, _, field = edit
    data = opened(owner_client, url) | {field: "Mine"}
    saved_elsewhere(row, field, "Theirs")

    response = owner_client.post(url, data)

    assert response.status_code == 422
    assert CHANGED_ELSEWHERE in response.content.decode()
    table = parse(response).find("table").text
    assert "Theirs" in table and "Mine" in table
    assert text_of(row, field) == "Theirs"
    assert owner_client.post(url, shown_form(response, url)).status_code == 302
    assert text_of(row, field) == "Mine"


def test_a_save_overtaken_after_its_check_is_a_conflict(owner_client, edit, monkeypatch):
    """Both saves passed the version check; the other one wrote first. The write itself
    is conditional on the version, so this one is refused, not saved over it."""
    row, url, form_class, field = edit
    data = opened(owner_client, url) | {field: "Mine"}
    original = form_class.is_valid

    def checked_then_overtaken(form):
        valid = original(form)
        saved_elsewhere(row, field, "Theirs")
        return valid

    monkeypatch.setattr(form_class, "is_valid", checked_then_overtaken)
    response = owner_client.post(url, data)
    monkeypatch.undo()

    assert response.status_code == 422
    assert CHANGED_ELSEWHERE in response.content.decode()
    assert "Theirs" in parse(response).find("table").text
    assert text_of(row, field) == "Theirs"
    assert owner_client.post(url, shown_form(response, url)).status_code == 302
    assert text_of(row, field) == "Mine"


def test_the_edit_writes_only_its_fields(owner_client, user):
    application = ApplicationFactory(owner=user, stage=Stage.SCREENING)
    url = reverse("applications:edit", args=[application.pk])
    data = opened(owner_client, url) | {"title": "Renamed"}

    with CaptureQueriesContext(connection) as captured:
        assert owner_client.post(url, data).status_code == 302

    updates = [
        query["sql"].split(" WHERE ")[0]
        for query in captured
        if query["sql"].startswith('UPDATE "applications_application"')
    ]
    assert any('"title"' in columns for columns in updates), updates
    for columns in updates:
        for kept_elsewhere in (
            '"stage"',
            '"stage_changed_at"',
            '"news_at"',
            '"reached"',
            '"created_at"',
        ):
            assert kept_elsewhere not in columns, columns
    application.refresh_from_db()
    assert application.title == "Renamed"


def test_an_edit_sent_again_after_a_stage_move_keeps_the_stage(owner_client, user, monkeypatch):
    application = ApplicationFactory(owner=user, stage=Stage.SCREENING)
    url = reverse("applications:edit", args=[application.pk])
    data = opened(owner_client, url) | {"notes": "Mine"}
    original = ApplicationForm.is_valid

    def checked_then_moved(form):
        valid = original(form)
        Application.objects.get(pk=application.pk).move_to(Stage.OFFER)
        return valid

    monkeypatch.setattr(ApplicationForm, "is_valid", checked_then_moved)
    response = owner_client.post(url, data)
    monkeypatch.undo()
    assert response.status_code == 422  # the move changed the application: it asks

    assert owner_client.post(url, shown_form(response, url)).status_code == 302

    application.refresh_from_db()
    assert (application.notes, application.stage) == ("Mine", Stage.OFFER)
    last = application.stage_changes.order_by("pk").last()
    assert (last.from_stage, last.to_stage) == (Stage.SCREENING, Stage.OFFER)


def test_a_move_from_a_stale_copy_starts_where_the_application_is():
    application = ApplicationFactory(stage=Stage.APPLIED)
    stale = Application.objects.get(pk=application.pk)
    Application.objects.get(pk=application.pk).move_to(Stage.OFFER)

    change = stale.move_to(Stage.SCREENING)

    assert (change.from_stage, change.to_stage) == (Stage.OFFER, Stage.SCREENING)
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert application.reached == Application.objects.get(pk=application.pk).reached
    assert stale.move_to(Stage.SCREENING) is None
    assert StageChange.objects.filter(application=application).count() == 3


def test_a_move_from_a_stale_copy_keeps_the_furthest_stage_reached():
    application = ApplicationFactory(stage=Stage.APPLIED)
    stale = Application.objects.get(pk=application.pk)
    Application.objects.get(pk=application.pk).move_to(Stage.OFFER)
    reached = Application.objects.get(pk=application.pk).reached

    stale.move_to(Stage.SCREENING)

    assert Application.objects.get(pk=application.pk).reached == reached


def rejection_form(**changes):
    """The "record rejection" form, filled in."""
    data = {
        "received_on": timezone.localdate().isoformat(),
        "at_stage": "interview",
        "channel": "email",
        "reason_given": "Other candidates had more experience.",
        "message": "",
    }
    return data | changes


def test_recording_a_rejection_from_a_stale_page_edits_the_one_recorded(user):
    application = ApplicationFactory(owner=user, stage=Stage.INTERVIEWING)
    data = rejection_form(reason_given="First")
    # Two POSTs of the form: both loaded the application before either saved.
    first = RejectionForm(data, application=application, user=user)
    second = RejectionForm(data | {"reason_given": "Second"}, application=application, user=user)
    assert first.is_valid() and second.is_valid()

    record_rejection(Application.objects.get(pk=application.pk), first)
    rejection, created = record_rejection(Application.objects.get(pk=application.pk), second)

    assert not created
    assert Rejection.objects.get(application=application) == rejection
    assert rejection.reason_given == "Second"
    assert application.stage_changes.filter(to_stage=Stage.REJECTED).count() == 1


# --- A create form sent twice -------------------------------------------------------

CREATES = {
    "application": (
        lambda user: reverse("applications:create"),
        {"company": "Globex", "title": "Data engineer"},
        lambda user: Application.objects.for_user(user),
    ),
    "contact": (
        lambda user: reverse("contacts:create"),
        {"name": "Dana Lee", "company": "Globex"},
        lambda user: Contact.objects.for_user(user),
    ),
    "interview": (
        lambda user: reverse(
            "applications:interview_create", args=[ApplicationFactory(owner=user).pk]
        ),
        {"starts_at": (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
        lambda user: Interview.objects.for_user(user),
    ),
    "lesson": (
        lambda user: reverse("lessons:create"),
        {"category": "skill", "title": "Learn Kafka"},
        lambda user: Lesson.objects.for_user(user),
    ),
}


@pytest.fixture(params=list(CREATES))
def create(request, user):
    url, fills, rows = CREATES[request.param]
    return url(user), fills, lambda: rows(user)


def test_a_create_form_sent_twice_adds_one_row(owner_client, create):
    url, fills, rows = create
    data = opened(owner_client, url) | fills
    assert data["submit_key"]

    first = owner_client.post(url, data)
    second = owner_client.post(url, data, follow=True)

    assert first.status_code == 302
    assert rows().count() == 1
    assert second.redirect_chain[0] == (first["Location"], 302)
    assert ALREADY_ADDED in page_messages(second)


def test_each_form_shown_adds_its_own_row(owner_client, create):
    url, fills, rows = create

    for _ in range(2):
        assert owner_client.post(url, opened(owner_client, url) | fills).status_code == 302

    assert rows().count() == 2


def test_an_invalid_first_send_keeps_the_key_free(owner_client, user):
    url = reverse("contacts:create")
    data = opened(owner_client, url)

    assert owner_client.post(url, data | {"name": ""}).status_code == 422
    assert owner_client.post(url, data | {"name": "Dana Lee"}).status_code == 302
    assert Contact.objects.for_user(user).count() == 1


def test_another_persons_key_is_theirs_alone(owner_client, stranger_client, user, other_user):
    url = reverse("contacts:create")
    data = opened(owner_client, url) | {"name": "Dana Lee"}

    owner_client.post(url, data)
    stranger_client.post(url, data)

    assert Contact.objects.for_user(user).count() == 1
    assert Contact.objects.for_user(other_user).count() == 1


def test_used_keys_are_forgotten_after_a_while(owner_client, user):
    url = reverse("contacts:create")
    data = opened(owner_client, url) | {"name": "Dana Lee"}
    owner_client.post(url, data)
    SubmitKey.objects.update(created_at=timezone.now() - SubmitKey.WINDOW - timedelta(seconds=1))

    owner_client.post(url, opened(owner_client, url) | {"name": "Lee Dana"})

    assert list(SubmitKey.objects.values_list("url", flat=True)) == [
        Contact.objects.get(name="Lee Dana").get_absolute_url()
    ]


def test_an_edit_form_has_no_submit_key(owner_client, user):
    application = ApplicationFactory(owner=user)
    edit_url = reverse("applications:edit", args=[application.pk])
    assert "submit_key" not in opened(owner_client, edit_url)
    assert "submit_key" in opened(owner_client, reverse("applications:create"))
