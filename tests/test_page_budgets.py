"""Every page the benchmark times (bench/pages.py) makes the same number of queries
for a user with 100 applications as for one with 1,000 (seed_demo's realistic data:
timelines, interviews, rejections and their steps, contacts, reminders of every kind),
warm and with every cache emptied, and at most QUERY_BUDGET of them. The times are the
benchmark's (`make bench`): no test asserts a time."""

from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from bench.pages import PAGES, QUERY_BUDGET

pytestmark = pytest.mark.django_db

N = 100

# Pages that need more, and why (none today). Each page's navbar counts the reminders
# due: with the caches emptied that is one query more (the count, made afresh; see
# core/cached_counts.py and reminders/sources.py).
OVER_BUDGET = {}


def empty_caches():
    for alias in ("default", "calendar"):
        caches[alias].clear()


def seeded(applications, email):
    call_command("seed_demo", applications=applications, email=email, stdout=StringIO())
    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user, client


def queries_of(client, url, cold):
    if cold:
        empty_caches()
    else:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture(scope="module")
def accounts(django_db_setup, django_db_blocker):
    """A user with N applications and one with 10 times N, made once for the module."""
    with django_db_blocker.unblock():
        small = seeded(N, "budget-small@example.org")
        large = seeded(10 * N, "budget-large@example.org")
        yield small, large
        User.objects.filter(pk__in=[small[0].pk, large[0].pk]).delete()


@pytest.mark.parametrize("mode", ["warm", "cold"])
@pytest.mark.parametrize(("name", "url"), PAGES, ids=[name for name, _ in PAGES])
def test_the_same_queries_at_n_and_ten_n_within_budget(accounts, name, url, mode):
    (small_user, small_client), (large_user, large_client) = accounts
    small = queries_of(small_client, url(small_user), mode == "cold")
    large = queries_of(large_client, url(large_user), mode == "cold")
    assert len(large) == len(small), "\n".join(large)
    assert len(small) <= OVER_BUDGET.get(name, QUERY_BUDGET), "\n\n".join(small)
