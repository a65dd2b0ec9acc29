"""A pasted "no", clicked through as a person would: "Got a no?" on the application,
the email pasted, the application found and the rejection filled in, confirmed, and
step 1 opens. With ONWARD_SCREENSHOTS set, the pages are saved there at a desktop and a
phone width, for a person to look at."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from applications.models import Stage
from contacts.models import Contact
from feedback.models import FeedbackRequest, Lesson, Rejection
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.browser.test_accounts_journeys import path_is
from tests.factories import ApplicationFactory, CompanyFactory

FIXTURES = Path(__file__).parent.parent / "feedback" / "fixtures"
SHOTS = os.environ.get("ONWARD_SCREENSHOTS", "").strip()


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_paste_a_no_and_confirm_it(new_context, person, size, viewport):
    page = new_context(viewport=viewport).new_page()

    def shoot(name):
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(SHOTS) / f"{name}-{size}.png", full_page=True)

    northwind = CompanyFactory(owner=person, name="Northwind Analytics")
    analyst = ApplicationFactory(
        owner=person, company=northwind, title="Data Analyst", stage=Stage.INTERVIEWING
    )
    ApplicationFactory(owner=person, company=northwind, title="Data Engineer")
    page.goto("/accounts/login/")
    log_in(page, person.email)

    page.goto(analyst.get_absolute_url())
    page.get_by_role("link", name="Got a “no”? Paste it").click()
    expect(page.get_by_role("heading", name="Got a “no”? Paste the email")).to_be_visible()
    shoot("paste")

    # Sent empty: the error is said in words, next to the box.
    page.get_by_role("button", name="Read the email").click()
    expect(page.get_by_text("Paste the email, or choose a .eml file.")).to_be_visible()
    shoot("paste-error")

    page.get_by_label("The email, as you received it").fill(
        (FIXTURES / "pasted_outlook.txt").read_text()
    )
    page.get_by_role("button", name="Read the email").click()
    expect(page.get_by_role("heading", name="Check the rejection")).to_be_visible()
    expect(page.get_by_role("radio", name="Data Analyst at Northwind Analytics")).to_be_checked()
    expect(page.get_by_label("Received on")).to_have_value("2025-06-05")
    expect(page.get_by_label("Their name")).to_have_value("Priya Shah")
    expect(page.get_by_label("Their role")).to_have_value("Talent Acquisition Lead")
    shoot("paste-confirm")
    assert not Rejection.objects.exists()

    page.get_by_role("button", name="Record the rejection").click()
    rejection = Rejection.objects.get(application=analyst)
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/reflect/"))
    expect(page.get_by_text("Recorded. Three short steps now")).to_be_visible()
    assert rejection.contact == Contact.objects.get(owner=person, name="Priya Shah")
    assert rejection.email_subject == "Data Analyst - update"


STOCK_ANSWER = "We went with a candidate with more relevant experience."


def test_from_a_pasted_no_to_a_check_in_later(new_context, person):
    """Issue 13's journey in one go: a pasted "no" is matched, step 1, step 2's request
    addressed to the sender and signed, "I sent it", a stock answer flagged with the
    question in its own words, sent and tracked, a lesson, step 3, and the check-in it
    sets visible under "later" in the reminders."""
    page = new_context(viewport=DESKTOP).new_page()
    northwind = CompanyFactory(owner=person, name="Northwind Analytics")
    analyst = ApplicationFactory(
        owner=person, company=northwind, title="Data Analyst", stage=Stage.INTERVIEWING
    )
    page.goto("/accounts/login/")
    log_in(page, person.email)

    # Paste: matched, the sender read from the signature, nothing written yet.
    page.goto("/rejections/paste/")
    page.get_by_label("The email, as you received it").fill(
        (FIXTURES / "pasted_outlook.txt").read_text()
    )
    page.get_by_role("button", name="Read the email").click()
    expect(page.get_by_role("radio", name="Data Analyst at Northwind Analytics")).to_be_checked()
    page.get_by_role("button", name="Record the rejection").click()
    rejection = Rejection.objects.get(application=analyst)

    # Step 1.
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/reflect/"))
    page.get_by_label("How you feel").fill("Disappointed, but it was a good interview.")
    page.get_by_label("A kinder way to see it").fill("One role, one team: the next one fits.")
    page.get_by_role("button", name="Save and finish step 1").click()

    # Step 2: addressed to the person who wrote, signed with the person's name.
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/feedback/"))
    message = page.get_by_label("Message")
    expect(message).to_have_value(re.compile(r"^Dear Priya,"))
    expect(message).to_have_value(re.compile(r"Pat Person\s*$"))
    assert "[" not in message.input_value()
    expect(page.get_by_role("link", name="Open in mail app")).to_have_attribute(
        "href", re.compile(r"^mailto:priya\.shah@northwind-analytics\.com\?subject=")
    )
    page.get_by_role("button", name="I sent it").click()
    feedback_request = FeedbackRequest.objects.get(rejection=rejection)
    assert feedback_request.status == FeedbackRequest.Status.SENT

    # A stock answer: flagged, and the question asks about their own words.
    answer = page.get_by_role("region", name="Record the answer")
    answer.get_by_label("Their answer").fill(STOCK_ANSWER)
    answer.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("Generic answer")).to_be_visible()
    question = page.get_by_role("region", name="A stock answer: ask one more question")
    expect(question.get_by_label("Your question")).to_have_value(
        re.compile(r"^Dear Priya,.*more relevant experience.*Pat Person\s*$", re.S)
    )
    question.get_by_role("button", name="I sent it").click()
    feedback_request.refresh_from_db()
    assert feedback_request.is_generic
    assert feedback_request.dig_deeper_sent_on == person.today()
    assert feedback_request.dig_deeper_follow_up_on is not None

    # A lesson from it.
    page.get_by_role("region", name="Lessons").get_by_role("link", name="Add a lesson").click()
    page.get_by_label("What kind of lesson").select_option(label="How the CV presents experience")
    page.get_by_label("Title").fill("Put the analytics results first on my CV")
    page.get_by_role("button", name="Add lesson").click()
    assert Lesson.objects.get(owner=person).feedback_request == feedback_request

    # Step 3: the gracious reply to Priya, and Priya kept with a cadence.
    page.goto(f"/rejections/{rejection.pk}/bridges/")
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value(
        re.compile(r"^Dear Priya,.*Pat Person\s*$", re.S)
    )
    page.get_by_role("button", name="I sent it").click()
    priya = Contact.objects.get(owner=person, name="Priya Shah")
    assert priya.next_check_in_on is not None

    # The check-in it set shows under "later".
    page.goto("/reminders/?show=later")
    due = priya.next_check_in_on
    month = page.get_by_role("region", name=re.compile(rf"^{due:%B %Y}"))
    check_in = month.get_by_role("listitem").filter(has_text="Check in with Priya Shah")
    expect(check_in).to_be_visible()
