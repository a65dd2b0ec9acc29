"""/applications/<id>/no-response/: ghosting is a "no" too. GET shows the light steps and
writes nothing; POST marks the application as no response (one timeline row, one
"no response" rejection) and saves the parts filled in; a repeated POST saves nothing
more; a stranger gets a 404, an anonymous visitor the login page."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Application, Stage, StageChange
from contacts.models import Contact, Interaction
from feedback.models import Lesson, Rejection, StepState
from feedback.silence import mark_no_response
from tests.factories import ApplicationFactory, ContactFactory, InterviewFactory
from tests.html import field_errors, page_messages, parse

pytestmark = pytest.mark.django_db


def url(application):
    return reverse("applications:no_response", args=[application.pk])


@pytest.fixture
def silent(user):
    return ApplicationFactory(
        owner=user,
        company__owner=user,
        company__name="Globex",
        title="Product analyst",
        stage=Stage.SCREENING,
        applied_on=dt.date(2025, 5, 20),
    )


def state(application):
    """What the page could write: the application, its timeline, rejection, contacts,
    interactions and lessons."""
    application.refresh_from_db()
    return (
        application.stage,
        list(StageChange.objects.filter(application=application).values_list("pk", flat=True)),
        list(Rejection.objects.filter(application=application).values_list("pk", flat=True)),
        Contact.objects.count(),
        Interaction.objects.count(),
        Lesson.objects.count(),
    )


def test_the_page_shows_a_gracious_last_note_and_writes_nothing(owner_client, silent):
    before = state(silent)

    response = owner_client.get(url(silent))

    assert response.status_code == 200
    page = parse(response)
    note = page.find("textarea", name="message").text
    assert note.startswith("Dear hiring team at Globex, Thank you again for our conversation")
    assert "go another way" in note
    assert note.endswith("stay in touch. Best wishes, Olive Owner")
    assert state(silent) == before


def test_the_note_greets_the_contact_kept_there(owner_client, user, silent):
    ContactFactory(owner=user, company=silent.company, name="Jane Doe")

    note = parse(owner_client.get(url(silent))).find("textarea", name="message").text

    assert note.startswith("Dear Jane,")


def test_after_an_interview_the_note_thanks_for_it_and_greets_the_interviewer(owner_client, silent):
    Application.objects.filter(pk=silent.pk).update(stage=Stage.INTERVIEWING)
    InterviewFactory(
        application=silent,
        with_whom="Priya Shah",
        starts_at=dt.datetime(2025, 5, 28, 10, tzinfo=dt.UTC),
    )

    note = parse(owner_client.get(url(silent))).find("textarea", name="message").text

    assert note.startswith("Dear Priya, Thank you again for the interview on 28 May")


def test_marking_with_nothing_filled_in_closes_it_as_a_no(owner_client, silent):
    response = owner_client.post(url(silent), {"lesson_category": "other"}, follow=True)

    assertRedirects(response, silent.get_absolute_url())
    assert page_messages(response)[0].startswith("Marked Product analyst at Globex as no response.")
    silent.refresh_from_db()
    assert silent.stage == Stage.NO_RESPONSE
    change = silent.stage_changes.latest("pk")
    assert (change.from_stage, change.to_stage) == (Stage.SCREENING, Stage.NO_RESPONSE)
    rejection = silent.rejection
    assert (rejection.channel, rejection.at_stage) == ("no_response", "screening")
    assert [rejection.reflect_state, rejection.feedback_state, rejection.bridges_state] == [
        StepState.SKIPPED
    ] * 3
    silent.company.refresh_from_db()
    assert silent.company.reapply_from is not None  # a "no" like any other


def test_the_light_steps_log_the_note_keep_the_contact_and_add_the_lesson(
    owner_client, user, silent
):
    data = {
        "message": "Dear Jane,\n\nThank you.\n\nOlive",
        "sent": "on",
        "happened_on": user.today().isoformat(),
        "new_name": "Jane Doe",
        "new_email": "jane@globex.example",
        "keep_in_touch_days": "90",
        "lesson_title": "Follow up a week after the call",
        "lesson_category": "interview_conduct",
    }

    response = owner_client.post(url(silent), data)

    assertRedirects(response, silent.get_absolute_url(), fetch_redirect_response=False)
    jane = Contact.objects.get(owner=user, name="Jane Doe")
    assert (jane.company_id, jane.keep_in_touch_days) == (silent.company_id, 90)
    assert jane.next_check_in_on is not None
    [note] = jane.interactions.all()
    assert (note.kind, note.application_id, note.summary) == (
        Interaction.Kind.THANK_YOU,
        silent.pk,
        data["message"],
    )
    [lesson] = Lesson.objects.filter(owner=user)
    assert (lesson.title, lesson.category, lesson.rejection) == (
        "Follow up a week after the call",
        "interview_conduct",
        Rejection.objects.get(application=silent),
    )
    assert Rejection.objects.get(application=silent).bridges_state == StepState.DONE


def test_a_note_sent_needs_who_it_went_to_and_nothing_is_written(owner_client, silent):
    before = state(silent)

    response = owner_client.post(
        url(silent), {"message": "Thanks", "sent": "on", "lesson_category": "other"}
    )

    assert response.status_code == 422
    assert field_errors(response, "new_name") == ["Write who you sent it to."]
    assert state(silent) == before


def test_a_repeated_post_saves_nothing_more(owner_client, silent):
    data = {"lesson_title": "Ask for a timeline on the call", "lesson_category": "other"}
    owner_client.post(url(silent), data)
    after_first = state(silent)

    response = owner_client.post(url(silent), data, follow=True)

    assert state(silent) == after_first
    assert page_messages(response)[-1] == (
        "Product analyst at Globex is already marked as no response; nothing more was saved."
    )
    assert StageChange.objects.filter(application=silent, to_stage=Stage.NO_RESPONSE).count() == 1


def test_marked_from_the_list_the_light_steps_are_still_to_do(owner_client, user, silent):
    mark_no_response(silent, user.today())
    silent.refresh_from_db()

    page = parse(owner_client.get(url(silent)))
    assert "Save" in [button.text.strip() for button in page.find_all("button", type="submit")]

    owner_client.post(url(silent), {"keep_in_touch_days": "", "lesson_title": "Tailor the CV"})
    assert Lesson.objects.get(owner=user).rejection == silent.rejection
    assert StageChange.objects.filter(application=silent, to_stage=Stage.NO_RESPONSE).count() == 1


@pytest.mark.parametrize("stage", [Stage.SAVED, Stage.REJECTED, Stage.ACCEPTED, Stage.WITHDRAWN])
def test_an_application_not_waiting_on_the_employer_cannot_be_marked(owner_client, silent, stage):
    Application.objects.filter(pk=silent.pk).update(stage=stage)
    before = state(silent)

    for response in (owner_client.get(url(silent)), owner_client.post(url(silent), {})):
        assertRedirects(response, silent.get_absolute_url(), fetch_redirect_response=False)
    assert state(silent) == before


def test_a_stranger_gets_404_and_nothing_changes(stranger_client, silent):
    before = state(silent)

    assert stranger_client.get(url(silent)).status_code == 404
    assert stranger_client.post(url(silent), {"lesson_title": "x"}).status_code == 404
    assert state(silent) == before


def test_an_anonymous_visitor_is_sent_to_log_in(client, silent):
    response = client.post(url(silent), {})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    silent.refresh_from_db()
    assert silent.stage == Stage.SCREENING
