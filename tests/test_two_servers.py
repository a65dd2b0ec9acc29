"""Two servers, one truth: two gunicorn instances on different ports, against the same
PostgreSQL database and Redis, as two machines behind a load balancer would be. A
change made through one shows in the counts, the list and the calendar feed served by
the other on the very next request.

Marked `twoservers`; it runs only on PostgreSQL with REDIS_URL set (CI's second pass),
and is skipped with a note elsewhere: SQLite is one file on one machine."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from tests.factories import ApplicationFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
HOST = "onward.example.org"
SESSION_COOKIE = "__Host-sessionid"
CSRF_COOKIE = "__Host-csrftoken"

pytestmark = [
    pytest.mark.twoservers,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (os.environ.get("DATABASE_URL", "").startswith("postgres") and settings.REDIS_URL),
        reason="two servers share PostgreSQL and Redis: set DATABASE_URL and REDIS_URL",
    ),
]


def database_url():
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn with one worker, production settings, behind a pretend TLS proxy."""

    def __init__(self, secret_key):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
        env.update(
            SECRET_KEY=secret_key,
            ALLOWED_HOSTS=HOST,
            CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
            SITE_URL=f"https://{HOST}",
            DATABASE_URL=database_url(),
            REDIS_URL=settings.REDIS_URL,
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
            STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS="1",
            LOG_LEVEL="warning",
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "--config", "gunicorn.conf.py", "--access-logfile", "/dev/null",
             "config.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def wait(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn stopped"
            try:
                if self.request("GET", "/healthz")[0].status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start")

    def request(self, method, path, cookies=None, body=None, headers=None):
        sent = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{HOST}"
            sent["Referer"] = f"https://{HOST}{path}"
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        client.request(method, path, body=body, headers=sent)
        response = client.getresponse()
        content = response.read().decode()
        client.close()
        return response, content

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


@pytest.fixture
def servers():
    # One site's servers share its key; this process's, which signs the session below.
    started = [Server(settings.SECRET_KEY), Server(settings.SECRET_KEY)]
    try:
        for server in started:
            server.wait()
        yield started
    finally:
        for server in started:
            server.stop()


def signed_in(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {SESSION_COOKIE: session.session_key}


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
