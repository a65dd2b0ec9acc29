"""The re-engagement panel: applying again where they said no before shows the earlier
"no", the feedback and people from there and the lessons done since. It lives in
feedback (feedback/reengagement.py) and the application pages render it by a tag."""

from urllib.parse import parse_qs

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Stage
from tests.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    LessonFactory,
    RejectionFactory,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

HEADING = "You have been here before: Globex"


@pytest.fixture
def earlier_no(user):
    rejection = RejectionFactory(
        application__owner=user,
        application__title="Data engineer",
        application__company__name="Globex",
        at_stage="interview",
    )
    FeedbackRequestFactory(
        rejection=rejection, status="received", response="Show more SQL in the CV."
    )
    ContactFactory(owner=user, company=rejection.application.company, name="Priya Shah")
    LessonFactory(
        owner=user, title="SQL window functions", status="done", done_on=rejection.received_on
    )
    return rejection


def test_the_new_application_form_shows_it_for_a_company_that_said_no(owner_client, earlier_no):
    response = owner_client.get(reverse("applications:create"), {"company": "globex"})

    assertContains(response, HEADING)
    assertContains(response, "Show more SQL in the CV.")
    assertContains(response, "Priya Shah")
    assertContains(response, "SQL window functions")


def test_the_form_shows_nothing_for_a_new_company(owner_client, earlier_no):
    response = owner_client.get(reverse("applications:create"), {"company": "Initech"})

    assertNotContains(response, "You have been here before")


def test_the_panel_follows_the_name_as_typed(owner_client, earlier_no):
    url = reverse("applications:reengagement")

    assertContains(owner_client.get(url, {"company": " GLOBEX "}), HEADING)
    assert owner_client.get(url, {"company": "Initech"}).content.strip() == b""
    assert owner_client.get(url, {"company": "Glo\x00bex"}).status_code == 200


def test_a_strangers_rejections_are_not_shown(stranger_client, earlier_no):
    response = stranger_client.get(reverse("applications:reengagement"), {"company": "Globex"})

    assertNotContains(response, "You have been here before")


def test_an_active_application_there_shows_the_earlier_no(owner_client, user, earlier_no):
    again = ApplicationFactory(owner=user, company=earlier_no.application.company, title="Analyst")

    response = owner_client.get(again.get_absolute_url())

    assertContains(response, HEADING)
    assertContains(response, "Data engineer")


def test_the_rejected_application_itself_does_not(owner_client, earlier_no):
    response = owner_client.get(earlier_no.application.get_absolute_url())

    assertNotContains(response, "You have been here before")


def test_a_closed_application_there_does_not(owner_client, user, earlier_no):
    closed = ApplicationFactory(
        owner=user, company=earlier_no.application.company, stage=Stage.WITHDRAWN
    )

    assertNotContains(owner_client.get(closed.get_absolute_url()), "You have been here before")


def test_the_company_page_lists_its_rejections_feedback_and_lessons(owner_client, earlier_no):
    LessonFactory(owner=earlier_no.application.owner, rejection=earlier_no, title="Talk about dbt")

    response = owner_client.get(earlier_no.application.company.get_absolute_url())

    assertContains(response, "Rejections")
    assertContains(response, "Show more SQL in the CV.")
    assertContains(response, "Talk about dbt")


def test_an_active_applications_panel_drafts_a_note_about_its_role(owner_client, user, earlier_no):
    again = ApplicationFactory(owner=user, company=earlier_no.application.company, title="Analyst")
    priya = earlier_no.application.company.contacts.get()

    page = parse(owner_client.get(again.get_absolute_url()))

    [link] = [a for a in page.find_all("a") if a.text.startswith("Draft a note to Priya Shah")]
    assert link.text == "Draft a note to Priya Shah about the Analyst role"
    path, query = link.attrs["href"].split("?")
    assert path == reverse("reminders:done", args=["check-in", priya.pk])
    assert parse_qs(query) == {
        "application": [str(again.pk)],
        "next": [again.get_absolute_url()],
    }


def test_the_new_application_form_says_the_note_comes_once_it_is_saved(owner_client, earlier_no):
    response = owner_client.get(reverse("applications:create"), {"company": "globex"})

    assertContains(response, "Once this application is saved, its page drafts a note to Priya")
    assertNotContains(response, "?application=")
