import datetime as dt

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client

from accounts.models import User
from tests.factories import UserFactory

NOON = dt.datetime(2025, 6, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches. Rolled-back tests reuse primary keys, and a
    frozen clock repeats timestamps, so one test's cached calendar feed could otherwise
    match another's fingerprint."""
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def frozen_clock():
    """Noon UTC on 10 June 2025, for the modules that ask for it (with
    `pytest.mark.usefixtures("frozen_clock")`); a folder or module may redefine it."""
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def user(db):
    return UserFactory(email="owner@example.org", name="Olive Owner")


@pytest.fixture
def other_user(db):
    return UserFactory(email="stranger@example.org", name="Sam Stranger")


@pytest.fixture
def client_for(db):
    """A test client signed in as the given user."""

    def make(person):
        signed_in = Client()
        signed_in.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        return signed_in

    return make


@pytest.fixture
def owner_client(client_for, user):
    return client_for(user)


@pytest.fixture
def stranger_client(client_for, other_user):
    return client_for(other_user)


@pytest.fixture
def admin_client(client_for):
    """A test client signed in as a superuser."""
    return client_for(User.objects.create_superuser("admin@example.org", password="x" * 20))
