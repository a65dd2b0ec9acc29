"""POST /feedback/<id>/follow-up/: the dig-deeper question and the push-back, kept."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from feedback.models import FeedbackRequest
from tests.factories import FeedbackRequestFactory
from tests.html import field_errors, page_messages, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def generic(user):
    return FeedbackRequestFactory(
        rejection__application__owner=user,
        status=FeedbackRequest.Status.RECEIVED,
        sent_on=dt.date(2025, 6, 2),
        received_on=dt.date(2025, 6, 5),
        response="A stronger candidate applied.",
        is_generic=True,
    )


def url(feedback_request):
    return reverse("feedback:follow_up", args=[feedback_request.pk])


def snapshot(feedback_request):
    feedback_request.refresh_from_db()
    return (feedback_request.dig_deeper, feedback_request.push_back, feedback_request.updated_at)


def test_the_question_and_the_push_back_are_saved(owner_client, generic):
    response = owner_client.post(
        url(generic),
        {"dig_deeper": "Which skill made the difference?", "push_back": "I led that migration."},
        follow=True,
    )

    assertRedirects(response, generic.get_absolute_url())
    assert page_messages(response) == ["Saved the dig-deeper question and the push-back."]
    generic.refresh_from_db()
    assert generic.dig_deeper == "Which skill made the difference?"
    assert generic.push_back == "I led that migration."


def test_a_message_too_long_is_refused_and_what_was_typed_kept(owner_client, generic):
    before = snapshot(generic)

    response = owner_client.post(
        url(generic), {"dig_deeper": "Which skill?", "push_back": "x" * 10_001}
    )

    assert response.status_code == 422
    assert field_errors(response, "push_back")[0].startswith(
        "Ensure this value has at most 10000 characters"
    )
    assert parse(response).find("textarea", name="dig_deeper").text == "Which skill?"
    assert snapshot(generic) == before


def test_get_is_not_allowed(owner_client, generic):
    assert owner_client.get(url(generic)).status_code == 405


def test_another_users_request_is_not_found_and_unchanged(stranger_client, generic):
    before = snapshot(generic)

    response = stranger_client.post(url(generic), {"dig_deeper": "Hijacked", "push_back": ""})

    assert response.status_code == 404
    assert snapshot(generic) == before


def test_anonymous_visitor_is_sent_to_log_in(client, generic):
    before = snapshot(generic)

    response = client.post(url(generic), {"dig_deeper": "Hijacked", "push_back": ""})

    assertRedirects(response, f"{reverse('login')}?next={url(generic)}")
    assert snapshot(generic) == before
