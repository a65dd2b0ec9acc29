import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Interview
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import InterviewFactory
from tests.html import field_errors, input_value, page_messages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

STARTS_AT = dt.datetime(2025, 7, 1, 13, 30, tzinfo=dt.UTC)


@pytest.fixture
def interview(user):
    user.time_zone = "America/New_York"
    user.save()
    return InterviewFactory(
        application__owner=user,
        starts_at=STARTS_AT,
        kind=Interview.Kind.VIDEO,
        with_whom="Dana Lee",
    )


def url(interview):
    return reverse("interviews:edit", args=[interview.pk])


def posted(interview, **changes):
    data = {
        "version": interview.updated_at.isoformat(),
        "starts_at": "2025-07-01T09:30",
        "kind": Interview.Kind.VIDEO,
        "with_whom": "Dana Lee",
        "outcome": Interview.Outcome.PENDING,
        "notes": "",
    }
    data.update(changes)
    return data


def snapshot(interview):
    interview.refresh_from_db()
    return (interview.starts_at, interview.kind, interview.with_whom, interview.outcome)


def test_the_time_is_shown_in_the_users_zone(owner_client, interview):
    response = owner_client.get(url(interview))

    assert response.status_code == 200
    # 13:30 UTC is 09:30 in New York in July.
    assert input_value(response, "starts_at") == "2025-07-01T09:30"


def test_the_time_follows_the_users_zone_when_it_changes(owner_client, user, interview):
    user.time_zone = "Asia/Kolkata"
    user.save()

    response = owner_client.get(url(interview))

    assert input_value(response, "starts_at") == "2025-07-01T19:00"


def test_saving_without_touching_the_time_keeps_it(owner_client, interview):
    response = owner_client.post(
        url(interview), posted(interview, outcome=Interview.Outcome.PASSED)
    )

    assertRedirects(
        response, interview.application.get_absolute_url(), fetch_redirect_response=False
    )
    interview.refresh_from_db()
    assert interview.starts_at == STARTS_AT
    assert interview.outcome == Interview.Outcome.PASSED


def test_owner_moves_the_interview(owner_client, interview):
    response = owner_client.post(
        url(interview), posted(interview, starts_at="2025-07-02T16:15"), follow=True
    )

    assert page_messages(response) == ["Interview updated."]
    interview.refresh_from_db()
    assert interview.starts_at == dt.datetime(2025, 7, 2, 20, 15, tzinfo=dt.UTC)
    # And the edit page shows what was typed.
    assert input_value(owner_client.get(url(interview)), "starts_at") == "2025-07-02T16:15"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("01/07/2025 9.30am", "Enter a date and time, such as 2026-03-14 09:30."),
        ("2025-13-01T09:30", "Enter a date and time, such as 2026-03-14 09:30."),
        ("2031-01-01T09:30", "Enter a date within the next three years."),
    ],
    ids=["wrong-format", "impossible-month", "far-future"],
)
def test_a_bad_time_is_explained_and_nothing_changes(owner_client, interview, value, message):
    before = snapshot(interview)

    response = owner_client.post(
        url(interview), posted(interview, starts_at=value, with_whom="Someone new")
    )

    assert response.status_code == 422
    assert field_errors(response, "starts_at") == [message]
    assert input_value(response, "starts_at") == value
    assert input_value(response, "with_whom") == "Someone new"
    assert snapshot(interview) == before


def test_another_users_interview_is_not_found_and_unchanged(stranger_client, interview):
    hijack = posted(interview, with_whom="Hijacked")
    assert_not_found(stranger_client, url(interview), hijack, lambda: snapshot(interview))


def test_anonymous_visitor_is_sent_to_log_in(client, interview):
    hijack = posted(interview, with_whom="Hijacked")
    assert_sent_to_log_in(client, url(interview), hijack, lambda: snapshot(interview))
