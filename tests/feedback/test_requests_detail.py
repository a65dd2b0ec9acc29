"""/feedback/<id>/: the message with a copy button and a mailto: link, what happens next,
and, for a generic answer, the dig-deeper question and the push-back."""

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from feedback.models import FeedbackRequest
from tests.factories import FeedbackRequestFactory, LessonFactory
from tests.html import input_value, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

Status = FeedbackRequest.Status
MESSAGE = "Dear Jane,\n\nThank you for letting me know. Could you tell me one thing?\n\nOlive"


@pytest.fixture
def draft(rejection, jane):
    return FeedbackRequestFactory(rejection=rejection, contact=jane, message=MESSAGE)


def url(feedback_request):
    return reverse("feedback:detail", args=[feedback_request.pk])


def mailto_links(response):
    return [
        urlsplit(link.attrs["href"])
        for link in parse(response).find_all("a")
        if link.attrs.get("href", "").startswith("mailto:")
    ]


def test_owner_sees_the_message_with_copy_and_mailto(owner_client, draft):
    response = owner_client.get(url(draft))

    assert response.status_code == 200
    page = parse(response)
    button = page.find("button", **{"data-copy-target": "#request-message"})
    assert button.text == "Copy"
    # Without JavaScript the text is in a read-only box anyone can select.
    box = page.find("textarea", id="request-message")
    assert "readonly" in box.attrs and box.text == " ".join(MESSAGE.split())
    assert page.find("label", **{"for": "request-message"}) is not None
    assert page.find("a", **{"data-mailto-source": "#request-message"}).text == "Open in mail app"
    [link] = mailto_links(response)
    assert unquote(link.path) == "jane@globex.example"
    query = parse_qs(link.query)
    assert query["subject"] == ["Feedback on my application for the Data engineer role"]
    assert query["body"] == [MESSAGE]
    assertContains(response, "Onward sends nothing")


def test_a_draft_offers_to_mark_it_sent_with_today_and_a_week_later(owner_client, draft):
    response = owner_client.get(url(draft))

    assert input_value(response, "sent_on") == "2025-06-10"
    assert input_value(response, "follow_up_on") == "2025-06-17"
    assertContains(response, "I sent it")
    assert parse(response).find("textarea", name="response") is None


def test_the_dates_default_to_the_users_today(owner_client, user, draft):
    user.time_zone = "Pacific/Kiritimati"  # UTC+14: already 11 June there
    user.save()

    response = owner_client.get(url(draft))

    assert input_value(response, "sent_on") == "2025-06-11"
    assert input_value(response, "follow_up_on") == "2025-06-18"


def test_without_a_contact_the_mailto_link_has_no_recipient(owner_client, rejection):
    feedback_request = FeedbackRequestFactory(rejection=rejection, contact=None)

    response = owner_client.get(url(feedback_request))

    assertContains(response, "Feedback request to the Globex hiring team")
    [link] = mailto_links(response)
    assert link.path == ""


def test_a_linkedin_request_has_no_mailto_link(owner_client, rejection):
    feedback_request = FeedbackRequestFactory(rejection=rejection, channel="linkedin")

    assert mailto_links(owner_client.get(url(feedback_request))) == []


def test_a_sent_request_asks_for_the_answer(owner_client, draft):
    draft.status = Status.SENT
    draft.sent_on, draft.follow_up_on = dt.date(2025, 6, 2), dt.date(2025, 6, 9)
    draft.save()

    response = owner_client.get(url(draft))

    assertContains(
        response,
        "<strong>Sent on 2 June 2025</strong>; Onward reminds you to follow up on 9 June 2025.",
    )
    assertContains(response, "No answer yet? Onward reminds you to follow up on 9 June 2025.")
    checked = [i for i in parse(response).find_all("input", name="status") if "checked" in i.attrs]
    assert [i.attrs["value"] for i in checked] == ["received"]
    assert input_value(response, "received_on") == "2025-06-10"
    # The generic checkbox only appears once Onward has looked at an answer.
    assert parse(response).find("input", name="is_generic") is None


@pytest.fixture
def generic_answer(draft):
    draft.status = Status.RECEIVED
    draft.sent_on, draft.received_on = dt.date(2025, 6, 2), dt.date(2025, 6, 6)
    draft.response = "Thank you. In the end, other candidates had more experience."
    draft.is_generic = True
    draft.save()
    return draft


def test_a_generic_answer_offers_a_question_in_their_words(owner_client, generic_answer):
    response = owner_client.get(url(generic_answer))

    assertContains(response, "A stock answer: ask one more question")
    assertContains(response, "“More experience” says little you can act on.")
    question = parse(response).find("textarea", name="dig_deeper").text
    assert question.startswith("Dear Jane,")
    assert "You mentioned that the successful candidate had more experience." in question
    assert "which experience you had in mind, and in what" in question
    assert parse(response).find("button", **{"data-copy-target": "#id_dig_deeper"}) is not None
    bodies = [parse_qs(link.query)["body"][0] for link in mailto_links(response)]
    assert any("which experience you had in mind" in body for body in bodies)
    assert input_value(response, "dig_deeper_sent_on") == "2025-06-10"
    assert input_value(response, "dig_deeper_follow_up_on") == "2025-06-17"


def test_the_push_back_waits_for_the_evidence(owner_client, generic_answer):
    response = owner_client.get(url(generic_answer))

    assertContains(response, "Do you have what they say was missing?")
    assert parse(response).find("textarea", name="evidence") is not None
    assert parse(response).find("textarea", name="push_back") is None


def test_with_evidence_the_push_back_is_drafted_from_it(owner_client, generic_answer):
    generic_answer.evidence = "I ran the Postgres upgrade for 40 services"
    generic_answer.save()

    response = owner_client.get(url(generic_answer))

    push_back = parse(response).find("textarea", name="push_back").text
    assert push_back.startswith("Dear Jane,")
    assert "I ran the Postgres upgrade for 40 services." in push_back
    assert "[" not in push_back
    assert parse(response).find("button", **{"data-copy-target": "#id_push_back"}) is not None


def test_saved_follow_up_messages_are_shown_instead_of_the_drafts(owner_client, generic_answer):
    generic_answer.dig_deeper = "Which database did they know?"
    generic_answer.evidence = "Postgres, five years."
    generic_answer.push_back = "I ran Postgres for five years."
    generic_answer.save()

    response = owner_client.get(url(generic_answer))

    assert (
        parse(response).find("textarea", name="dig_deeper").text == "Which database did they know?"
    )
    assert (
        parse(response).find("textarea", name="push_back").text == "I ran Postgres for five years."
    )
    bodies = [parse_qs(link.query)["body"][0] for link in mailto_links(response)]
    assert "Which database did they know?" in bodies


def test_a_saved_text_with_a_placeholder_is_not_mailed_and_says_so(owner_client, generic_answer):
    generic_answer.evidence = "Postgres."
    generic_answer.push_back = "My work on [a project of yours] covered that."
    generic_answer.save()

    response = owner_client.get(url(generic_answer))

    assertContains(response, "It still has [a project of yours] in it")
    bodies = [parse_qs(link.query)["body"][0] for link in mailto_links(response)]
    assert not any("[" in body for body in bodies)
    assert parse(response).find("a", **{"data-mailto-source": "#id_push_back"}) is None


def test_a_specific_answer_still_offers_one_more_question(owner_client, generic_answer):
    generic_answer.response = "We needed someone who had run Kafka in production."
    generic_answer.is_generic = False
    generic_answer.save()

    response = owner_client.get(url(generic_answer))

    assertContains(response, "Ask one more question")
    assertNotContains(response, "A stock answer")
    assert parse(response).find("textarea", name="dig_deeper") is not None
    assertContains(response, f'href="{reverse("lessons:create")}?feedback={generic_answer.pk}"')
    assert parse(response).find("input", name="is_generic").attrs.get("checked", "no") == "no"


def test_a_question_sent_shows_its_dates_the_answer_form_and_a_nudge(owner_client, generic_answer):
    generic_answer.dig_deeper = "Which database did they know?"
    generic_answer.dig_deeper_sent_on = dt.date(2025, 6, 7)
    generic_answer.dig_deeper_follow_up_on = dt.date(2025, 6, 14)
    generic_answer.save()

    response = owner_client.get(url(generic_answer))

    assertContains(
        response,
        "<strong>Sent on 7 June 2025</strong>; Onward reminds you to follow up on 14 June 2025.",
    )
    assert parse(response).find("textarea", id="question-text").text == (
        "Which database did they know?"
    )
    assert parse(response).find("textarea", name="dig_deeper_answer") is not None
    nudge = parse(response).find("textarea", id="question-nudge").text
    assert nudge.startswith("Dear Jane,") and "on 7 June" in nudge


def test_the_lessons_from_an_answer_are_listed(owner_client, user, generic_answer):
    LessonFactory(owner=user, feedback_request=generic_answer, title="Learn Kafka")

    assertContains(owner_client.get(url(generic_answer)), "Learn Kafka")


def test_declined_and_no_response_are_shown_as_outcomes(owner_client, draft):
    draft.status = Status.DECLINED
    draft.sent_on = dt.date(2025, 6, 2)
    draft.save()
    assertContains(owner_client.get(url(draft)), "They declined to give feedback")

    draft.status = Status.NO_RESPONSE
    draft.save()
    assertContains(owner_client.get(url(draft)), "No response. Asking was still right")


def test_another_users_request_is_not_found(stranger_client, draft):
    assert stranger_client.get(url(draft)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, draft):
    assertRedirects(client.get(url(draft)), f"{reverse('login')}?next={url(draft)}")
    assertNotContains(client.get(url(draft), follow=True), "Jane")
