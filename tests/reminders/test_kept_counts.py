"""The counts of what is due are kept for a while (reminders/context_processors.py):
a repeat view of /reminders/ or the dashboard reads no counts, and a POST, a new day
or two minutes make the next view count afresh. The rows listed are always fresh."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.cached_counts import FRESH_FOR_SECONDS
from tests.factories import ApplicationFactory
from tests.html import parse
from tests.reminders.conftest import TODAY

pytestmark = pytest.mark.django_db

LIST = reverse("reminders:list")
DASHBOARD = reverse("insights:dashboard")


def view(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured]


def counted(queries):
    """Whether the page counted what is due (the query that counts every kind, or on
    PostgreSQL its prepared statement, named in a comment: core/prepared.py)."""
    return any('AS "overdue"' in sql or "/* reminders.counts */" in sql for sql in queries)


def summary(response):
    return " ".join(parse(response).find("main").find("p").text.split())


def due_today(user, acme, title):
    return ApplicationFactory(owner=user, company=acme, title=title, follow_up_on=TODAY)


@pytest.mark.parametrize("url", [LIST, DASHBOARD])
def test_a_repeat_view_reads_no_counts(owner_client, user, acme, url):
    due_today(user, acme, "First")

    _, first = view(owner_client, url)
    _, again = view(owner_client, url)

    assert counted(first)
    assert not counted(again)
    assert len(again) == len(first) - 1


def test_a_post_makes_the_next_view_count_afresh(owner_client, user, acme):
    application = due_today(user, acme, "First")
    due_today(user, acme, "Second")
    assert summary(view(owner_client, LIST)[0]).startswith("0 overdue · 2 due today")

    owner_client.post(
        reverse("reminders:snooze", args=["follow-up", application.pk]), {"length": "1w"}
    )
    response, queries = view(owner_client, LIST)

    assert counted(queries)
    assert summary(response).startswith("0 overdue · 1 due today")


def test_kept_counts_are_the_users_own(owner_client, stranger_client, user, other_user, acme):
    due_today(user, acme, "Mine")
    view(owner_client, LIST)

    response, queries = view(stranger_client, LIST)

    assert counted(queries)
    assert "Nothing due in the next 30 days" in response.content.decode()


def test_a_new_day_counts_afresh(owner_client, user, acme, frozen_clock):
    """A minute past midnight, well within the time limit, the counts are the new day's."""
    due_today(user, acme, "Today")
    ApplicationFactory(
        owner=user, company=acme, title="Tomorrow", follow_up_on=TODAY + dt.timedelta(days=1)
    )
    midnight = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    frozen_clock.move_to(midnight - dt.timedelta(seconds=30))
    assert summary(view(owner_client, LIST)[0]).startswith("0 overdue · 1 due today")

    frozen_clock.move_to(midnight + dt.timedelta(seconds=30))
    response, queries = view(owner_client, LIST)

    assert counted(queries)
    assert summary(response).startswith("1 overdue · 1 due today")


def test_a_change_elsewhere_that_the_rows_show_is_counted_at_once(owner_client, user, acme):
    """Another device's change (no POST in this session): the rows read disagree with
    the kept counts, so the page counts again."""
    due_today(user, acme, "First")
    view(owner_client, LIST)
    due_today(user, acme, "Added on the phone")

    response, queries = view(owner_client, LIST)

    assert counted(queries)
    assert summary(response).startswith("0 overdue · 2 due today")
    assert "Added on the phone" in response.content.decode()


def test_a_dashboard_kept_from_before_a_change_elsewhere_counts_again(owner_client, user, acme):
    view(owner_client, DASHBOARD)
    due_today(user, acme, "Added on the phone")

    response, queries = view(owner_client, DASHBOARD)

    assert counted(queries)
    assert "0 overdue · 1 due today" in " ".join(parse(response).find("main").text.split())


def test_a_change_the_rows_do_not_show_waits_two_minutes_at_most(
    owner_client, user, acme, frozen_clock
):
    """Moved from today to yesterday elsewhere: as many rows as before, so the kept split
    between overdue and today stands until the time limit."""
    application = due_today(user, acme, "First")
    view(owner_client, LIST)
    application.follow_up_on = TODAY - dt.timedelta(days=1)
    application.save()
    response, queries = view(owner_client, LIST)
    assert not counted(queries)
    assert summary(response).startswith("0 overdue · 1 due today")

    frozen_clock.shift(dt.timedelta(seconds=FRESH_FOR_SECONDS))
    response, queries = view(owner_client, LIST)

    assert counted(queries)
    assert summary(response).startswith("1 overdue · 0 due today")
