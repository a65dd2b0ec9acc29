import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import Attempt, User
from tests.html import field_errors, form_errors, input_value, page_messages

pytestmark = pytest.mark.django_db

URL = reverse("accounts:signup")
GOOD_PASSWORD = "a walk along the river"


def sign_up(
    client,
    email="New.Person@Example.org",
    password=GOOD_PASSWORD,
    again=None,
    name="  Nora   New ",
    **extra,
):
    data = {
        "name": name,
        "email": email,
        "password1": password,
        "password2": password if again is None else again,
    }
    return client.post(URL, data, **extra)


def test_visitor_sees_the_form(client):
    response = client.get(URL)

    assertContains(response, "Create your account")
    assertContains(response, 'name="name"')
    assertContains(response, 'maxlength="150"')  # the model's limit
    assertContains(response, "It signs the messages Onward drafts for you")
    assertContains(response, 'name="email"')
    assertContains(response, "At least 12 characters")


def test_sign_up_creates_the_account_logs_in_and_goes_to_the_dashboard(client, mailoutbox):
    response = sign_up(client, follow=True)

    assertRedirects(response, reverse("insights:dashboard"))
    user = User.objects.get()
    assert user.email == "new.person@example.org"
    assert user.name == "Nora New"  # what drafts sign with, its spaces tidied
    assert user.check_password(GOOD_PASSWORD)
    assert not user.email_confirmed
    assert client.session["_auth_user_id"] == str(user.pk)
    assert page_messages(response) == [
        "Welcome to Onward. We sent a link to new.person@example.org to confirm your "
        "address; you can use the app straight away."
    ]


def test_sign_up_sends_a_confirmation_link(client, mailoutbox):
    sign_up(client)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new.person@example.org"]
    assert mail.subject == "Confirm your email address for Onward"
    assert settings.SITE_URL + "/accounts/confirm/" in mail.body


def test_signed_in_person_is_sent_to_the_dashboard(owner_client):
    response = owner_client.get(URL)

    assertRedirects(response, reverse("insights:dashboard"))


def test_a_taken_address_is_refused_whatever_its_case(client, user, mailoutbox):
    response = sign_up(client, email="OWNER@example.ORG")

    assert response.status_code == 422
    assert field_errors(response, "email") == ["An account with this email address already exists."]
    assert User.objects.count() == 1
    assert mailoutbox == []
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("password", "again", "field", "message"),
    [
        (
            "short pw",
            None,
            "password2",
            "This password is too short. It must contain at least 12 characters.",
        ),
        ("password1234", None, "password2", "This password is too common."),
        ("392847561029384", None, "password2", "This password is entirely numeric."),
        (GOOD_PASSWORD, GOOD_PASSWORD + "!", "password2", "The two password fields didn’t match."),
    ],
    ids=["short", "common", "numeric", "mismatched"],
)
def test_a_bad_password_is_explained_and_nothing_is_saved(client, password, again, field, message):
    response = sign_up(client, email="New.Person@Example.org", password=password, again=again)

    assert response.status_code == 422
    assert message in field_errors(response, field)
    assert input_value(response, "email") == "New.Person@Example.org"
    assert not User.objects.exists()
    assert not Attempt.objects.exists()


def test_a_password_like_the_address_is_refused(client):
    response = sign_up(client, email="riverwalkers@example.org", password="riverwalkers")

    assert response.status_code == 422
    assert "The password is too similar to the email address." in field_errors(
        response, "password2"
    )
    assert not User.objects.exists()


@pytest.mark.parametrize("name", ["", "   "], ids=["empty", "spaces"])
def test_the_name_drafts_sign_with_is_required(client, name, mailoutbox):
    response = sign_up(client, name=name)

    assert response.status_code == 422
    assert field_errors(response, "name") == [
        "Enter your name: it signs the messages Onward drafts for you."
    ]
    assert input_value(response, "email") == "New.Person@Example.org"
    assert not User.objects.exists()
    assert mailoutbox == []


def test_a_name_longer_than_the_model_allows_is_refused(client):
    response = sign_up(client, name="N" * 151)

    assert response.status_code == 422
    assert field_errors(response, "name") == [
        "Ensure this value has at most 150 characters (it has 151)."
    ]
    assert not User.objects.exists()


@pytest.mark.parametrize("email", ["not-an-address", "jane@", "@example.org", ""])
def test_a_malformed_address_is_refused(client, email):
    response = sign_up(client, email=email)

    assert response.status_code == 422
    assert field_errors(response, "email") in (
        ["Enter a valid email address."],
        ["This field is required."],
    )
    assert not User.objects.exists()


class TestThrottle:
    MESSAGE = "Too many accounts have been created from your network in the last hour."

    def test_sign_ups_past_the_hourly_limit_get_429(self, settings, mailoutbox):
        settings.SIGNUP_RATE_PER_HOUR = 2
        for n in range(2):
            assert sign_up(Client(), email=f"person{n}@example.org").status_code == 302

        response = sign_up(Client(), email="one.too.many@example.org")

        assertContains(response, self.MESSAGE, status_code=429)
        assert form_errors(response)[0].startswith(self.MESSAGE)
        assert input_value(response, "email") == "one.too.many@example.org"
        assert not User.objects.filter(email="one.too.many@example.org").exists()
        assert len(mailoutbox) == 2

    def test_failed_attempts_do_not_count(self, settings):
        settings.SIGNUP_RATE_PER_HOUR = 1
        for _ in range(3):
            assert sign_up(Client(), password="short").status_code == 422

        assert sign_up(Client()).status_code == 302

    def test_the_limit_is_per_client_address(self, settings):
        settings.SIGNUP_RATE_PER_HOUR = 1
        Attempt.objects.create(ip="127.0.0.1")

        elsewhere = sign_up(Client(), REMOTE_ADDR="192.0.2.7")
        here = sign_up(Client(), email="second@example.org")

        assert elsewhere.status_code == 302
        assert here.status_code == 429
        assert list(User.objects.values_list("email", flat=True)) == ["new.person@example.org"]

    def test_the_limit_lifts_after_an_hour(self, settings):
        settings.SIGNUP_RATE_PER_HOUR = 1
        start = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
        with time_machine.travel(start, tick=False) as clock:
            Attempt.objects.create(ip="127.0.0.1")
            clock.move_to(start + dt.timedelta(minutes=59))
            assert sign_up(Client()).status_code == 429
            clock.move_to(start + dt.timedelta(minutes=61))
            assert sign_up(Client()).status_code == 302

    def test_a_sign_up_sweeps_attempts_older_than_a_day(self):
        with time_machine.travel(dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
            Attempt.objects.create(ip="192.0.2.1")
        with time_machine.travel(dt.datetime(2025, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
            sign_up(Client())

        assert list(Attempt.objects.values_list("ip", flat=True)) == ["127.0.0.1"]


class TestClosed:
    @pytest.fixture(autouse=True)
    def closed(self, settings):
        settings.SIGNUP_ENABLED = False

    def test_the_page_says_sign_up_is_closed(self, client):
        response = client.get(URL)

        assertContains(response, "Sign-up is closed", status_code=403)
        assertNotContains(response, 'name="password1"', status_code=403)

    def test_a_post_creates_nothing(self, client, mailoutbox):
        response = sign_up(client)

        assertContains(response, "Sign-up is closed", status_code=403)
        assert not User.objects.exists()
        assert mailoutbox == []

    def test_the_login_page_no_longer_offers_it(self, client):
        response = client.get(reverse("login"))

        assertNotContains(response, URL)
