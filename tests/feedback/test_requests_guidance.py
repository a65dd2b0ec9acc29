"""Step 2 advises as a recruiter would for the kind of "no": after an automated CV-stage
screen-out, find a person first; after a person's "no" to the CV, ask now; after
interviews, a day or two after the news (the request's send_on). The draft greets the
person who sent the "no" when no one else is picked.

The clock: noon UTC on Tuesday 10 June 2025."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from feedback.models import FeedbackRequest
from tests.factories import FeedbackRequestFactory, contact_at, globex_rejection
from tests.html import page_messages, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

TODAY = dt.date(2025, 6, 10)
AUTOMATED = "This “no” came from an automated address"
CV_ADVICE = "Always ask, even after a “no” at the CV stage"
WHEN = "recruiters suggest asking a day or two after the news"


def url(rejection):
    return reverse("rejections:feedback", args=[rejection.pk])


def message_on_page(response):
    return parse(response).find("textarea", name="message").text


def save(client, rejection, **changes):
    data = {
        "action": "save",
        "contact": "",
        "contact_name": "",
        "contact_email": "",
        "contact_relation": "recruiter",
        "channel": "email",
        "message": "Dear Fatima,\n\nCould you tell me one thing?\n",
        **changes,
    }
    return client.post(url(rejection), data, follow=True)


def test_an_automated_screen_out_says_to_find_a_person_first(owner_client, user):
    rejection = globex_rejection(user, at_stage="cv", sender_automated=True)

    response = owner_client.get(url(rejection))

    assertContains(response, AUTOMATED)
    assertContains(response, "find the recruiter or the hiring manager for the role on LinkedIn")
    assertContains(response, "Globex’s website")
    assertContains(response, "Name the person you found")
    assertNotContains(response, "write to the hiring team")
    assertNotContains(response, CV_ADVICE)
    message = message_on_page(response)
    assert "an automated email let me know" in message
    assert "writing to you directly" in message


def test_a_persons_no_to_the_cv_says_ask_now(owner_client, user):
    rejection = globex_rejection(user, at_stage="cv")

    response = owner_client.get(url(rejection))

    assertContains(response, CV_ADVICE)
    assertNotContains(response, AUTOMATED)
    assertNotContains(response, WHEN)
    assert "CV a closer match" in message_on_page(response)


def test_a_no_from_today_after_interviews_waits_until_tomorrow(owner_client, user):
    rejection = globex_rejection(user, at_stage="final_round", received_on=TODAY)

    response = owner_client.get(url(rejection))

    assertContains(response, f"{WHEN}: we’ll remind you on Wednesday 11 June.")
    assertNotContains(response, CV_ADVICE)
    assert "interview" in message_on_page(response)

    response = save(owner_client, rejection)

    request = FeedbackRequest.objects.get()
    assert request.send_on == dt.date(2025, 6, 11)
    assert page_messages(response) == [
        "Saved as a draft. Recruiters suggest asking a day or two after the news: send it on "
        "Wednesday 11 June, and Onward will remind you."
    ]
    assertContains(response, "When to send it:")
    assertContains(response, "Wednesday 11 June")


@pytest.mark.parametrize("days_ago", [1, 2, 20])
def test_a_no_from_yesterday_or_before_can_be_asked_about_today(owner_client, user, days_ago):
    received_on = TODAY - dt.timedelta(days=days_ago)
    rejection = globex_rejection(user, at_stage="interview", received_on=received_on)

    response = owner_client.get(url(rejection))

    assertContains(response, f"{WHEN}, so today is a good day to send it.")
    response = save(owner_client, rejection)
    assert FeedbackRequest.objects.get().send_on == TODAY
    assert page_messages(response) == [
        "Saved as a draft. Send it from your own mail, then say “I sent it” here."
    ]


@pytest.mark.parametrize("automated", [True, False])
def test_a_cv_stage_request_has_no_send_on_day(owner_client, user, automated):
    rejection = globex_rejection(user, at_stage="cv", sender_automated=automated)

    save(owner_client, rejection)

    assert FeedbackRequest.objects.get().send_on is None


def test_the_requests_so_far_show_when_a_draft_is_to_be_sent(owner_client, user):
    rejection = globex_rejection(user, at_stage="interview", received_on=TODAY)
    FeedbackRequestFactory(rejection=rejection, send_on=dt.date(2025, 6, 11))

    response = owner_client.get(url(rejection))

    assertContains(response, "Not sent yet · send on Wed 11 Jun")


def test_the_draft_greets_the_person_who_sent_the_no(owner_client, user):
    rejection = globex_rejection(user, at_stage="cv")
    sara = contact_at(rejection, name="Sara Sender", email="sara@globex.example")
    contact_at(rejection, name="Abe Another", email="abe@globex.example")
    rejection.contact = sara
    rejection.save()

    response = owner_client.get(url(rejection))

    assert message_on_page(response).startswith("Dear Sara,")
    options = parse(response).find("select", name="contact").find_all("option")
    [chosen] = [option for option in options if "selected" in option.attrs]
    assert chosen.attrs["value"] == str(sara.pk)


def test_nobody_picked_on_purpose_still_greets_the_sender(owner_client, user):
    """?contact= (empty) picks nobody for the request; the sender is still the one the
    message greets, as the addressing rule says."""
    rejection = globex_rejection(user, at_stage="cv")
    rejection.contact = contact_at(rejection, name="Sara Sender")
    rejection.save()

    response = owner_client.get(url(rejection), {"contact": ""})

    assert message_on_page(response).startswith("Dear Sara,")


def test_after_interviews_the_draft_greets_the_interviewer(owner_client, user):
    rejection = globex_rejection(user, at_stage="interview")
    rejection.application.interviews.create(
        starts_at=dt.datetime(2025, 6, 2, 10, tzinfo=dt.UTC), with_whom="Fatima Schmidt (CTO)"
    )

    assert message_on_page(owner_client.get(url(rejection))).startswith("Dear Fatima,")


def test_step_3_drafts_the_reply_for_the_sender_first(owner_client, user):
    rejection = globex_rejection(user, at_stage="cv")
    contact_at(rejection, name="Abe Another", email="abe@globex.example")
    rejection.contact = contact_at(rejection, name="Sara Sender", email="sara@globex.example")
    rejection.save()

    response = owner_client.get(reverse("rejections:bridges", args=[rejection.pk]))

    reply = parse(response).find("textarea", name="reply-message").text
    assert reply.startswith("Dear Sara,")
    assert "mailto:sara@globex.example?" in response.content.decode()
