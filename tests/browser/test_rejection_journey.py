"""The rejection journey (issue 4), clicked through as a person would: a "no" recorded
from the board, then the three steps (reflect, ask for feedback and learn from a stock
answer, keep the bridge), and the lesson coming back on the next application."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Stage
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Rejection, StepState
from tests.browser.test_accounts_journeys import path_is
from tests.factories import ApplicationFactory, CompanyFactory

GENERIC_ANSWER = "We decided to move forward with other candidates who had more experience."


@pytest.fixture
def at_noon():
    """Noon (UTC, the person's zone) on the real today, the clock running: each date a
    form fills in is "today", and no midnight falls mid-journey."""
    noon = datetime.combine(timezone.now().date(), time(12), tzinfo=UTC)
    with time_machine.travel(noon, tick=True):
        yield


def test_record_a_rejection_and_walk_the_three_steps(at_noon, signed_in_page, person):
    page = signed_in_page
    today = person.today()
    hooli = CompanyFactory(owner=person, name="Hooli")
    application = ApplicationFactory(
        owner=person,
        company=hooli,
        title="Data engineer",
        stage=Stage.INTERVIEWING,
        applied_on=today - timedelta(days=20),
    )
    navbar = page.get_by_role("navigation", name="Main")

    # The "no" arrives: move the card to Rejected on the board, which asks what they said.
    navbar.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="open the board").click()
    card = page.locator(f"#application-{application.pk}")
    card.locator("summary", has_text="Move").click()
    card.get_by_role("group", name="Move Data engineer to").get_by_role(
        "button", name="Rejected…"
    ).click()

    expect(page).to_have_url(path_is(f"/applications/{application.pk}/reject/"))
    expect(page.get_by_role("heading", name="Record the rejection")).to_be_visible()
    expect(page.get_by_label("Received on")).to_have_value(today.isoformat())
    expect(page.get_by_label("At which stage")).to_have_value("interview")
    page.get_by_label("Channel").select_option(label="Email")
    page.get_by_label("Reason given").fill("They went with someone with more experience.")
    page.get_by_label("Their message").fill(f"Dear Pat,\n\n{GENERIC_ANSWER}\n\nHooli")
    page.get_by_role("button", name="Save", exact=True).click()

    # Step 1: don't take it personally.
    rejection = Rejection.objects.get(application=application)
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/reflect/"))
    expect(page.get_by_role("status")).to_contain_text("Three short steps now")
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    steps = page.get_by_role("navigation", name="The three steps")
    step_1 = steps.get_by_role("link", name=re.compile("Don’t take it personally"))
    expect(step_1).to_have_attribute("aria-current", "step")
    expect(page.get_by_role("note")).to_contain_text("Something to think about")
    page.get_by_label("How you feel").fill("Gutted. I liked the team a lot.")
    page.get_by_label("2 · low").check()
    page.get_by_label("A kinder way to see it").fill(
        "They needed more years on one platform this time; my range is what the next team needs."
    )
    page.get_by_role("button", name="Save and finish step 1").click()

    # Step 2: ask for feedback, from the drafted message, to someone new at Hooli.
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/feedback/"))
    expect(page.get_by_role("status")).to_contain_text("Step 1 is done")
    message = page.get_by_label("Message")
    expect(message).to_have_value(re.compile(r"interviews for the Data engineer role at Hooli"))
    page.get_by_label("Name", exact=True).fill("Priya Patel")
    page.get_by_label("Email", exact=True).fill("priya.patel@hooli.example")
    page.get_by_label("Their role").select_option(label="Hiring manager")
    page.get_by_role("button", name="Use this contact").click()
    expect(message).to_have_value(re.compile(r"^Dear Priya"))
    expect(page.get_by_label("Name", exact=True)).to_have_value("Priya Patel")
    # On the draft itself: open it in the mail app, or copy it; here the clipboard API
    # is missing (plain http on a LAN), so the text is selected for Ctrl+C.
    expect(page.get_by_role("link", name="Open in mail app")).to_have_attribute(
        "href", re.compile(r"^mailto:priya\.patel@hooli\.example\?subject=")
    )
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.get_by_role("button", name="Copy", exact=True).click()
    expect(page.get_by_text("Selected: press Ctrl+C to copy it.")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "id_message"
    expect(page.get_by_label("Sent on")).to_have_value(today.isoformat())
    page.get_by_role("button", name="I sent it").click()

    # Sent and tracked in one click; the answer form is right below on the next page.
    feedback_request = FeedbackRequest.objects.get(rejection=rejection)
    request_path = f"/feedback/{feedback_request.pk}/"
    expect(page).to_have_url(re.compile(rf"{request_path}#answer-heading$"))
    expect(page.get_by_role("status").first).to_contain_text("Marked as sent")
    expect(page.get_by_role("heading", name="Feedback request to Priya Patel")).to_be_visible()
    feedback_request.refresh_from_db()
    assert feedback_request.status == FeedbackRequest.Status.SENT
    assert feedback_request.follow_up_on == today + timedelta(days=7)

    # The answer comes back, and it is a stock one.
    answer = page.get_by_role("region", name="Record the answer")
    expect(answer.get_by_label("They answered")).to_be_checked()
    answer.get_by_label("Their answer").fill(GENERIC_ANSWER)
    answer.get_by_role("button", name="Save the answer").click()

    expect(page.get_by_role("status").first).to_contain_text("It reads like a stock answer")
    expect(page.get_by_text("Generic answer")).to_be_visible()
    dig_deeper = page.get_by_role("region", name="A stock answer: ask one more question")
    expect(dig_deeper).to_contain_text("“More experience” says little you can act on.")
    expect(dig_deeper.get_by_label("Your question")).to_have_value(
        re.compile(r"^Dear Priya,.*which experience you had in mind, and in what", re.S)
    )
    feedback_request.refresh_from_db()
    assert feedback_request.is_generic

    # The question, sent, is tracked as a follow-up of the same request.
    dig_deeper.get_by_role("button", name="I sent it").click()
    dig_deeper = page.get_by_role("region", name="A stock answer: ask one more question")
    expect(dig_deeper).to_contain_text("Onward reminds you to follow up on")
    feedback_request.refresh_from_db()
    assert feedback_request.dig_deeper_sent_on == today
    assert feedback_request.dig_deeper_follow_up_on == today + timedelta(days=7)

    # No push-back without evidence: Onward asks for it first.
    push_back = page.get_by_role("region", name="Do you have what they say was missing?")
    push_back.get_by_label("Where does it show?").fill(
        "I ran the data platform for 40 teams at Initech"
    )
    push_back.get_by_role("button", name="Draft the push-back").click()
    push_back = page.get_by_role("region", name="Do you have what they say was missing?")
    expect(push_back.get_by_label("Your push-back")).to_have_value(
        re.compile(r"I ran the data platform for 40 teams at Initech\.")
    )

    # What is genuinely missing becomes a lesson, from this answer.
    page.get_by_role("region", name="Lessons").get_by_role("link", name="Add a lesson").click()
    expect(page.get_by_role("heading", name="Add a lesson")).to_be_visible()
    expect(page.get_by_text(GENERIC_ANSWER)).to_be_visible()
    page.get_by_label("What kind of lesson").select_option(label="How the CV presents experience")
    page.get_by_label("Title").fill("Show the scale of my data work on my CV")
    page.get_by_label("Detail").fill("Numbers: rows, pipelines, teams served.")
    page.get_by_role("button", name="Add lesson").click()
    expect(page.get_by_role("status")).to_contain_text("Lesson added")
    lesson = Lesson.objects.get(owner=person)
    assert lesson.feedback_request == feedback_request
    assert lesson.rejection == rejection
    assert lesson.category == Lesson.Category.CV_PRESENTATION

    # Back to the rejection: the overview says step 3 is next.
    navbar.get_by_role("link", name="Rejections").click()
    page.get_by_role("link", name="Data engineer at Hooli").click()
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/"))
    page.get_by_role("link", name="Go to step 3").click()

    # Step 3: the gracious reply, to Priya; then someone kept with a cadence.
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/bridges/"))
    expect(page.get_by_label("Sent to")).to_have_value(str(feedback_request.contact_id))
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value(
        re.compile(r"^Dear Priya,.*the Data engineer role", re.S)
    )
    page.get_by_role("button", name="I sent it").click()
    assert Interaction.objects.filter(
        contact__name="Priya Patel", kind=Interaction.Kind.THANK_YOU, application=application
    ).exists()

    # Priya, asked for feedback in step 2, is kept with the default cadence already, so
    # logging the reply finishes step 3: all three steps done, on the overview.
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/"))
    expect(page.get_by_role("status")).to_contain_text("Step 3 is done")
    steps = page.get_by_role("navigation", name="The three steps").get_by_role("listitem")
    expect(steps).to_have_count(3)
    for item in steps.all():
        expect(item).to_contain_text("Done")
    expect(page.get_by_role("region", name="What to do next")).to_contain_text(
        "All three steps are handled"
    )
    expect(page.get_by_role("link", name="Show the scale of my data work on my CV")).to_be_visible()

    # Someone else met in the process is kept too, from step 3's page.
    page.get_by_role("link", name="Keep the bridge").click()
    add = page.get_by_role("region", name="Add someone at Hooli")
    add.get_by_label("Name").fill("Sam Lee")
    add.get_by_label("Who they are").select_option(label="Recruiter")
    add.get_by_label("Keep in touch").select_option(label="Every two months")
    add.get_by_role("button", name="Add contact").click()
    expect(page.get_by_role("status")).to_contain_text("Sam Lee")
    rejection.refresh_from_db()
    assert [item["state"] for item in rejection.steps()] == [StepState.DONE] * 3
    sam = Contact.objects.get(owner=person, name="Sam Lee")
    assert sam.company == hooli
    assert sam.keep_in_touch_days == 60
    assert sam.next_check_in_on == today + timedelta(days=60)

    # Step 3 says when the first check-in is, and it is there under "later".
    due = sam.next_check_in_on
    next_check_in = page.locator("#next-check-in")
    expect(next_check_in).to_contain_text(
        f"Next check-in with Sam Lee: {due.day} {due:%B %Y} (in 2 months)."
    )
    next_check_in.get_by_role("link", name="see it in your reminders").click()
    expect(page).to_have_url(re.compile(r"/reminders/\?show=later$"))
    expect(page.get_by_role("link", name=re.compile(r"^Later"))).to_have_attribute(
        "aria-current", "page"
    )
    month = page.get_by_role("region", name=re.compile(rf"^{due:%B %Y}"))
    expect(month.get_by_role("listitem").filter(has_text="Check in with Sam Lee")).to_contain_text(
        f"{due:%a} {due.day} {due:%B %Y} (in 2 months)."
    )

    # The next application: the lesson is on the form, to tick.
    navbar.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Add application").click()
    lessons = page.get_by_role("group", name="Lessons addressed in this application")
    lesson_box = lessons.get_by_label("Show the scale of my data work on my CV")
    expect(lesson_box).not_to_be_checked()
    page.get_by_label("Company").fill("Umbrella")
    page.get_by_label("Job title").fill("Analytics engineer")
    lesson_box.check()
    page.get_by_role("button", name="Add application").click()

    expect(page.get_by_role("heading", name="Analytics engineer", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Lessons addressed")).to_contain_text(
        "Show the scale of my data work on my CV"
    )
    assert list(lesson.applications.values_list("title", flat=True)) == ["Analytics engineer"]
