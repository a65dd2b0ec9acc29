"""POST /feedback/<id>/answer/: what came back, and whether it is a stock answer."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from feedback.models import FeedbackRequest
from tests.factories import FeedbackRequestFactory
from tests.html import field_errors, form_errors, input_value, page_messages, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

Status = FeedbackRequest.Status
GENERIC = "Thanks for your interest. We felt other candidates had more experience."
SPECIFIC = "We needed someone who had run Kafka in production; your CV shows batch jobs only."


@pytest.fixture
def sent(user):
    return FeedbackRequestFactory(
        rejection__application__owner=user,
        status=Status.SENT,
        sent_on=dt.date(2025, 6, 2),
        follow_up_on=dt.date(2025, 6, 9),
    )


def url(feedback_request):
    return reverse("feedback:answer", args=[feedback_request.pk])


def answer(**changes):
    data = {"status": "received", "received_on": "2025-06-08", "response": SPECIFIC}
    data.update(changes)
    return data


def snapshot(feedback_request):
    feedback_request.refresh_from_db()
    return (
        feedback_request.status,
        feedback_request.received_on,
        feedback_request.response,
        feedback_request.is_generic,
        feedback_request.updated_at,
    )


def response_on_page(response):
    return parse(response).find("textarea", name="response").text


def test_a_specific_answer_is_saved_and_not_generic(owner_client, sent):
    response = owner_client.post(url(sent), answer(), follow=True)

    assertRedirects(response, sent.get_absolute_url() + "#question-heading")
    assert page_messages(response) == [
        "Answer saved. Turn what you learned into a lesson, or ask one more question below."
    ]
    sent.refresh_from_db()
    assert (sent.status, sent.received_on, sent.response, sent.is_generic) == (
        Status.RECEIVED,
        dt.date(2025, 6, 8),
        SPECIFIC,
        False,
    )


def test_a_stock_answer_is_marked_generic_and_a_question_drafted(owner_client, sent):
    response = owner_client.post(url(sent), answer(response=GENERIC), follow=True)

    assert page_messages(response) == [
        "Answer saved. It reads like a stock answer: below is a question to dig deeper."
    ]
    sent.refresh_from_db()
    assert sent.is_generic
    assert (
        "which experience you had in mind"
        in parse(response).find("textarea", name="dig_deeper").text
    )


def test_the_person_can_untick_generic_and_it_sticks(owner_client, sent):
    owner_client.post(url(sent), answer(response=GENERIC))

    owner_client.post(url(sent), answer(response=GENERIC, is_generic="on"))  # left ticked
    sent.refresh_from_db()
    assert sent.is_generic

    owner_client.post(url(sent), answer(response=GENERIC, is_generic=""))  # unticked
    sent.refresh_from_db()
    assert not sent.is_generic

    owner_client.post(url(sent), answer(response=GENERIC))  # saved again, box as shown
    sent.refresh_from_db()
    assert not sent.is_generic


def test_the_person_can_tick_generic_on_an_answer_onward_missed(owner_client, sent):
    owner_client.post(url(sent), answer())

    owner_client.post(url(sent), answer(is_generic="on"))

    sent.refresh_from_db()
    assert sent.is_generic


def test_a_new_answer_with_the_box_untouched_is_looked_at_again(owner_client, sent):
    owner_client.post(url(sent), answer())

    owner_client.post(url(sent), answer(response=GENERIC))

    sent.refresh_from_db()
    assert sent.is_generic


def test_declined_needs_no_answer_text(owner_client, sent):
    response = owner_client.post(url(sent), answer(status="declined", response=""), follow=True)

    assert page_messages(response) == ["Saved. Asking was still right: most people never do."]
    sent.refresh_from_db()
    assert (sent.status, sent.received_on, sent.is_generic) == (
        Status.DECLINED,
        dt.date(2025, 6, 8),
        False,
    )


def test_no_response_has_no_answer_date(owner_client, sent):
    owner_client.post(url(sent), answer(status="no_response", response="", received_on=""))

    sent.refresh_from_db()
    assert (sent.status, sent.received_on) == (Status.NO_RESPONSE, None)


def test_a_generic_phrase_in_a_declined_answer_is_not_flagged(owner_client, sent):
    owner_client.post(url(sent), answer(status="declined", response=GENERIC))

    sent.refresh_from_db()
    assert not sent.is_generic


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"response": "   "},
            "response",
            "Write down what they said, or pick “They declined to give feedback”.",
        ),
        (
            {"received_on": "2025-06-01"},
            "received_on",
            "The answer can’t come before the request was sent.",
        ),
        ({"received_on": "2025-07-01"}, "received_on", "The answer date can’t be in the future."),
        ({"received_on": ""}, "received_on", "Enter the day their answer came."),
        ({"status": "sent"}, "status", "Pick what came back from the list."),
        ({"status": ""}, "status", "Pick what came back."),
    ],
    ids=[
        "empty-response-received",
        "before-sent",
        "in-the-future",
        "no-date",
        "status-not-an-answer",
        "no-status",
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(
    owner_client, sent, changes, field, message
):
    before = snapshot(sent)
    data = answer(**changes)

    response = owner_client.post(url(sent), data)

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert snapshot(sent) == before
    assert (input_value(response, "received_on") or "") == data["received_on"]
    if field != "response":
        assert response_on_page(response) == SPECIFIC


def test_an_answer_to_a_request_never_sent_is_refused(owner_client, user):
    draft = FeedbackRequestFactory(rejection__application__owner=user)
    before = snapshot(draft)

    response = owner_client.post(url(draft), answer())

    assert response.status_code == 422
    assert form_errors(response) == ["Mark the request as sent before recording the answer."]
    assert snapshot(draft) == before


def test_get_is_not_allowed(owner_client, sent):
    assert owner_client.get(url(sent)).status_code == 405


def test_another_users_request_is_not_found_and_unchanged(stranger_client, sent):
    before = snapshot(sent)

    response = stranger_client.post(url(sent), answer())

    assert response.status_code == 404
    assert snapshot(sent) == before


def test_anonymous_visitor_is_sent_to_log_in(client, sent):
    before = snapshot(sent)

    assertRedirects(client.post(url(sent), answer()), f"{reverse('login')}?next={url(sent)}")
    assert snapshot(sent) == before
