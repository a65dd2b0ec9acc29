"""Two servers, one truth: two gunicorn instances on different ports, against the same
PostgreSQL database and Redis, as two machines behind a load balancer would be. A
change made through one shows in the counts, the list and the calendar feed served by
the other on the very next request.

Marked `twoservers`; it runs only on PostgreSQL with REDIS_URL set (CI's second pass),
and is skipped with a note elsewhere: SQLite is one file on one machine."""

import os
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from bench.servers import CSRF_COOKIE, database_url, signed_in, start, stop_all
from tests.factories import ApplicationFactory, UserFactory

pytestmark = [
    pytest.mark.twoservers,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (os.environ.get("DATABASE_URL", "").startswith("postgres") and settings.REDIS_URL),
        reason="two servers share PostgreSQL and Redis: set DATABASE_URL and REDIS_URL",
    ),
]


@pytest.fixture
def servers():
    # One site's servers share its key; this process's, which signs the session below.
    started = start(
        2, settings.SECRET_KEY, database_url(connection.settings_dict), settings.REDIS_URL
    )
    yield started
    stop_all(started)


def badge(page):
    found = re.search(r'text-bg-danger">(\d+)<span class="visually-hidden"> due', page)
    return int(found.group(1)) if found else 0


def test_a_change_through_one_server_shows_on_the_other(servers):
    one, other = servers
    user = UserFactory(email="two@example.org", name="Tess Two")
    today = user.today()
    due = [
        ApplicationFactory(owner=user, title=f"Role {n}", follow_up_on=today - timedelta(days=n))
        for n in (1, 2)
    ]
    cookies = signed_in(user)
    feed = f"/reminders/calendar/{user.calendar_token}.ics"

    # Both servers have shown the counts, the list and the feed: whatever they keep, they keep.
    for server in (one, other):
        response, page = server.request("GET", "/reminders/", cookies)
        assert response.status == 200
        assert badge(page) == 2 and "Role 1" in page
        response, calendar = server.request("GET", feed)
        assert response.status == 200 and "Role 1" in calendar
    etag = response.getheader("ETag")

    # Snoozed through the first server (with its CSRF cookie and token)...
    response, page = one.request("GET", "/reminders/", cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    csrf = re.search(rf"{CSRF_COOKIE}=([^;]+)", response.getheader("Set-Cookie") or "")
    posted = {**cookies, CSRF_COOKIE: csrf.group(1)} if csrf else cookies
    response, _ = one.request(
        "POST",
        f"/reminders/follow-up/{due[0].pk}/snooze/",
        posted,
        body=f"csrfmiddlewaretoken={token}&length=1w",
    )
    assert response.status == 302

    # ...the second server's very next answers know.
    response, page = other.request("GET", "/reminders/", cookies)
    assert badge(page) == 1
    assert "Role 1" not in page.split("This week")[0] and "Role 2" in page
    response, page = other.request("GET", "/dashboard/", cookies)
    assert badge(page) == 1
    response, calendar = other.request("GET", feed, headers={"If-None-Match": etag})
    assert response.status == 200  # not a 304: the feed changed
    snoozed = (today + timedelta(days=7)).strftime("%Y%m%d")
    assert snoozed in calendar
