"""POST /feedback/<id>/sent/: the request went out; step 2 is done."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from feedback.models import FeedbackRequest, StepState
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import FeedbackRequestFactory
from tests.html import field_errors, input_value, page_messages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

Status = FeedbackRequest.Status


@pytest.fixture
def draft(user):
    return FeedbackRequestFactory(
        rejection__application__owner=user, rejection__received_on=dt.date(2025, 6, 1)
    )


def url(feedback_request):
    return reverse("feedback:sent", args=[feedback_request.pk])


def snapshot(feedback_request):
    feedback_request.refresh_from_db()
    feedback_request.rejection.refresh_from_db()
    return (
        feedback_request.status,
        feedback_request.sent_on,
        feedback_request.follow_up_on,
        feedback_request.updated_at,
        feedback_request.rejection.feedback_state,
    )


def test_marking_sent_records_the_dates_and_finishes_step_2(owner_client, draft):
    response = owner_client.post(
        url(draft), {"sent_on": "2025-06-09", "follow_up_on": "2025-06-20"}, follow=True
    )

    assertRedirects(response, draft.get_absolute_url() + "#answer-heading")
    assert page_messages(response) == [
        "Marked as sent. Follow up on 20 June if no answer has come by then. "
        "Record their answer below when it comes."
    ]
    draft.refresh_from_db()
    assert (draft.status, draft.sent_on, draft.follow_up_on) == (
        Status.SENT,
        dt.date(2025, 6, 9),
        dt.date(2025, 6, 20),
    )
    draft.rejection.refresh_from_db()
    assert draft.rejection.feedback_state == StepState.DONE


def test_an_empty_follow_up_date_is_a_week_after_sending(owner_client, draft):
    owner_client.post(url(draft), {"sent_on": "2025-06-09", "follow_up_on": ""})

    draft.refresh_from_db()
    assert draft.follow_up_on == dt.date(2025, 6, 16)


def test_a_follow_up_on_the_sent_date_is_fine(owner_client, draft):
    response = owner_client.post(
        url(draft), {"sent_on": "2025-06-09", "follow_up_on": "2025-06-09"}
    )

    assert response.status_code == 302


def test_sending_after_step_2_was_set_aside_finishes_it(owner_client, draft):
    draft.rejection.set_state("feedback", StepState.SKIPPED, "Nobody")

    owner_client.post(url(draft), {"sent_on": "2025-06-09"})

    draft.rejection.refresh_from_db()
    assert draft.rejection.feedback_state == StepState.DONE


def test_new_dates_on_an_answered_request_keep_its_answer(owner_client, draft):
    draft.status = Status.RECEIVED
    draft.sent_on = dt.date(2025, 6, 2)
    draft.save()

    owner_client.post(url(draft), {"sent_on": "2025-06-03", "follow_up_on": "2025-06-05"})

    draft.refresh_from_db()
    assert (draft.status, draft.sent_on) == (Status.RECEIVED, dt.date(2025, 6, 3))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"sent_on": "2025-06-09", "follow_up_on": "2025-06-08"},
            "follow_up_on",
            "The follow-up date can’t be before the sent date.",
        ),
        ({"sent_on": "", "follow_up_on": "2025-06-08"}, "sent_on", "Enter the day you sent it."),
        (
            {"sent_on": "2025-07-01", "follow_up_on": "2025-07-08"},
            "sent_on",
            "The sent date can’t be in the future.",
        ),
        ({"sent_on": "yesterday", "follow_up_on": ""}, "sent_on", "Enter a valid date."),
    ],
    ids=["follow-up-before-sent", "no-sent-date", "sent-in-future", "not-a-date"],
)
def test_bad_dates_are_explained_and_nothing_is_saved(owner_client, draft, data, field, message):
    before = snapshot(draft)

    response = owner_client.post(url(draft), data)

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert snapshot(draft) == before
    for name, value in data.items():
        assert (input_value(response, name) or "") == value
    # The page still shows the request as it stands, not as typed.
    assert b"I sent it" in response.content


def test_get_is_not_allowed(owner_client, draft):
    assert owner_client.get(url(draft)).status_code == 405


def test_another_users_request_is_not_found_and_unchanged(stranger_client, draft):
    sent = {"sent_on": "2025-06-09"}
    assert_not_found(stranger_client, url(draft), sent, lambda: snapshot(draft), get=False)


def test_anonymous_visitor_is_sent_to_log_in(client, draft):
    sent = {"sent_on": "2025-06-09"}
    assert_sent_to_log_in(client, url(draft), sent, lambda: snapshot(draft), get=False)
