import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from applications.models import Interview
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import ApplicationFactory
from tests.html import field_errors, input_value, page_messages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def application(user):
    user.time_zone = "America/New_York"
    user.save()
    return ApplicationFactory(owner=user, title="Data engineer", company__name="Globex")


def url(application):
    return reverse("applications:interview_create", args=[application.pk])


def valid(**changes):
    data = {
        "starts_at": "2025-07-01T09:30",
        "kind": Interview.Kind.TECHNICAL,
        "with_whom": "Dana Lee",
        "outcome": Interview.Outcome.PENDING,
        "notes": "Bring the take-home.",
    }
    data.update(changes)
    return data


def test_owner_sees_the_form_for_their_application(owner_client, application):
    response = owner_client.get(url(application))

    assert response.status_code == 200
    assertContains(response, "Data engineer at Globex")
    assertContains(response, 'type="datetime-local"')
    assertContains(response, "In your time zone.")


def test_adding_an_interview_stores_the_time_from_the_users_zone(owner_client, application):
    response = owner_client.post(url(application), valid(), follow=True)

    assertRedirects(response, application.get_absolute_url())
    assert page_messages(response) == ["Interview added."]
    interview = Interview.objects.get()
    assert interview.application == application
    # 09:30 in New York in July (EDT, UTC-4) is 13:30 UTC.
    assert interview.starts_at == dt.datetime(2025, 7, 1, 13, 30, tzinfo=dt.UTC)
    assert interview.kind == Interview.Kind.TECHNICAL
    assert interview.with_whom == "Dana Lee"
    assert interview.notes == "Bring the take-home."
    assertContains(response, "Tue 1 Jul 2025, 09:30")


def test_a_past_interview_can_be_recorded(owner_client, application):
    owner_client.post(url(application), valid(starts_at="2025-05-02T15:00"))

    assert Interview.objects.get().starts_at == dt.datetime(2025, 5, 2, 19, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("starts_at", "next tuesday", "Enter a date and time, such as 2026-03-14 09:30."),
        ("starts_at", "2025-02-30T10:00", "Enter a date and time, such as 2026-03-14 09:30."),
        ("starts_at", "2025-07-01T25:00", "Enter a date and time, such as 2026-03-14 09:30."),
        ("starts_at", "", "This field is required."),
        ("starts_at", "9999-12-31T23:59", "Enter a date within the next three years."),
        ("starts_at", "0001-01-01T00:00", "Enter a date between 1970 and 2100."),
        ("kind", "lunch", "Select a valid choice. lunch is not one of the available choices."),
        ("with_whom", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ],
    ids=[
        "words",
        "impossible-day",
        "impossible-hour",
        "blank",
        "far-future",
        "far-past",
        "unknown-kind",
        "name-too-long",
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    owner_client, application, field, value, message
):
    data = valid(**{field: value})

    response = owner_client.post(url(application), data)

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert not Interview.objects.exists()
    assert input_value(response, "starts_at") == data["starts_at"]
    assert input_value(response, "with_whom") == data["with_whom"]


def test_a_time_skipped_by_the_clock_change_is_refused(owner_client, application):
    # 02:30 on 9 March 2025 does not exist in New York: clocks jump from 02:00 to 03:00.
    response = owner_client.post(url(application), valid(starts_at="2025-03-09T02:30"))

    assert response.status_code == 422
    assert field_errors(response, "starts_at")
    assert not Interview.objects.exists()


def test_another_users_application_is_not_found_and_gets_no_interview(stranger_client, application):
    assert_not_found(stranger_client, url(application), valid())
    assert not Interview.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, application):
    assert_sent_to_log_in(client, url(application), valid())
    assert not Interview.objects.exists()
