"""/reminders/ and the calendar feed make the same number of queries with N of each
kind of reminder as with 10 times N; django-zeal (on in the test settings) raises on any
query per row."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reminders import building
from tests.reminders.builders import add_reminders, forget_kept_counts

pytestmark = pytest.mark.django_db

BUDGET = 8
N = 4  # fewer reminders than a page (25) at N; a few pages at 10 times N


def count_queries(client, url):
    forget_kept_counts(client)  # measure the page with its counts made afresh
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def assert_flat(client, user, url, django_assert_num_queries):
    add_reminders(user, N)
    client.get(url)  # warm up: the session, the user
    expected, small = count_queries(client, url)

    add_reminders(user, 9 * N)

    forget_kept_counts(client)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert expected <= BUDGET
    return small, response


def test_reminder_list(owner_client, user, django_assert_num_queries):
    small, large = assert_flat(
        owner_client, user, reverse("reminders:list"), django_assert_num_queries
    )

    today = user.today()
    assert len(building.collect(user, today, today + timedelta(days=building.LIST_DAYS))) > 3 * 25
    assert small.content.count(b'class="list-group-item reminder ') < 25
    assert large.content.count(b'class="list-group-item reminder ') == 25  # a full page


def test_calendar_feed(client, user, django_assert_num_queries):
    """Written afresh: the same queries at N as at 10 times N. Unchanged: read from the
    cache after two queries, the user and the fingerprint of the feed's data."""
    url = reverse("reminders:calendar", args=[user.calendar_token])
    add_reminders(user, N)

    written, small = count_queries(client, url)
    cached, again = count_queries(client, url)
    add_reminders(user, 9 * N)  # changes the fingerprint: the feed is written again
    with django_assert_num_queries(written):
        large = client.get(url)

    assert written <= BUDGET
    assert cached == 2
    assert again.content == small.content
    assert small.content.count(b"BEGIN:VEVENT") * 8 < large.content.count(b"BEGIN:VEVENT")
