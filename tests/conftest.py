import pytest
from django.test import Client

from tests.factories import UserFactory


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
