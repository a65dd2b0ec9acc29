import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import PASSWORD
from tests.html import form_errors, input_value

pytestmark = pytest.mark.django_db

URL = reverse("login")
DASHBOARD = reverse("insights:dashboard")
WRONG = (
    "That email address and password do not match an account. "
    "Check both and try again; passwords are case-sensitive."
)
LOCKED = "logging in with this email address from your network is paused for 15 minutes"


def log_in(client, email="owner@example.org", password=PASSWORD, next_url=None, **extra):
    url = URL if next_url is None else f"{URL}?next={next_url}"
    return client.post(url, {"username": email, "password": password}, **extra)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_visitor_sees_the_form(client):
    response = client.get(URL)

    assertContains(response, '<h1 class="h3 mb-3">Log in</h1>', html=True)
    assertContains(response, 'name="username"')
    assertContains(response, reverse("password_reset"))


def test_owner_logs_in_and_lands_on_the_dashboard(client, user):
    response = log_in(client)

    assertRedirects(response, DASHBOARD)
    assert signed_in_as(client) == str(user.pk)


@pytest.mark.parametrize("typed", ["OWNER@Example.ORG", "  owner@example.org  "])
def test_the_address_may_be_typed_in_any_case(client, user, typed):
    response = log_in(client, email=typed)

    assertRedirects(response, DASHBOARD)
    assert signed_in_as(client) == str(user.pk)


def test_an_address_stored_before_folding_still_logs_in(client, user):
    """An address typed in capitals at sign-up is found when typed in lower case."""
    user.email = "Olive.Owner@Example.org"
    user.save()

    response = log_in(client, email="olive.owner@example.org")

    assertRedirects(response, DASHBOARD)


def test_a_wrong_password_is_422_with_a_message_and_the_address_kept(client, user):
    response = log_in(client, email="Owner@example.org", password="not my password")

    assert response.status_code == 422
    assert form_errors(response) == [WRONG]
    assert input_value(response, "username") == "Owner@example.org"
    assert signed_in_as(client) is None


def test_an_unknown_address_gets_the_same_message(client, user):
    response = log_in(client, email="nobody@example.org")

    assert response.status_code == 422
    assert form_errors(response) == [WRONG]


def test_an_inactive_account_cannot_log_in(client, user):
    user.is_active = False
    user.save()

    response = log_in(client)

    assert response.status_code == 422
    assert signed_in_as(client) is None


def test_a_malformed_address_is_422(client):
    response = log_in(client, email="not-an-address")

    assertContains(response, "Enter a valid email address.", status_code=422)


def test_a_local_next_is_followed(client, user):
    response = log_in(client, next_url=reverse("accounts:settings"))

    assertRedirects(response, reverse("accounts:settings"))


@pytest.mark.parametrize(
    "forged", ["https://evil.example/", "//evil.example/", "https:/evil.example", "/\\evil.example"]
)
def test_a_forged_off_site_next_is_ignored(client, user, forged):
    response = log_in(client, next_url=forged)

    assertRedirects(response, DASHBOARD)
    assert signed_in_as(client) == str(user.pk)


def test_a_signed_in_person_is_sent_on_from_the_login_page(owner_client):
    response = owner_client.get(URL)

    assertRedirects(response, DASHBOARD)


class TestLogout:
    def test_logout_is_post_only(self, owner_client, user):
        response = owner_client.get(reverse("logout"))

        assert response.status_code == 405
        assert signed_in_as(owner_client) == str(user.pk)

    def test_logout_signs_out_and_goes_home(self, owner_client):
        response = owner_client.post(reverse("logout"))

        assertRedirects(response, reverse("home"))
        assert signed_in_as(owner_client) is None
        assertRedirects(owner_client.get(DASHBOARD), f"{URL}?next={DASHBOARD}")

    def test_the_navbar_logs_out_with_a_form(self, owner_client):
        response = owner_client.get(DASHBOARD)

        assertContains(
            response, f'<form method="post" action="{reverse("logout")}" class="d-inline">'
        )


class TestLockout:
    """django-axes: five failures for one address from one client address lock that
    pair for 15 minutes."""

    def fail(self, client, times, email="owner@example.org", **extra):
        return [log_in(client, email=email, password="wrong", **extra) for _ in range(times)]

    def test_four_failures_do_not_lock(self, client, user):
        responses = self.fail(client, 4)

        assert [r.status_code for r in responses] == [422] * 4
        assertRedirects(log_in(client), DASHBOARD)

    def test_the_fifth_failure_locks_even_the_right_password_out(self, client, user):
        *_, fifth = self.fail(client, 5)

        assertContains(fifth, LOCKED, status_code=429)
        response = log_in(client)
        assertContains(response, "Too many failed log-in attempts", status_code=429)
        assertContains(response, reverse("password_reset"), status_code=429)
        assert signed_in_as(client) is None

    def test_addresses_are_counted_whatever_their_case(self, client, user):
        self.fail(client, 2, email="OWNER@example.org")
        self.fail(client, 2, email="Owner@Example.Org")
        *_, fifth = self.fail(client, 1, email="owner@example.org")

        assert fifth.status_code == 429
        assert log_in(client, email="OWNER@EXAMPLE.ORG").status_code == 429

    def test_another_client_address_is_not_locked(self, client, user):
        self.fail(client, 5)

        elsewhere = Client()
        response = log_in(elsewhere, REMOTE_ADDR="198.51.100.20")

        assertRedirects(response, DASHBOARD)

    def test_another_account_from_the_same_address_is_not_locked(self, client, user, other_user):
        self.fail(client, 5)

        response = log_in(client, email=other_user.email)

        assertRedirects(response, DASHBOARD)

    @pytest.mark.parametrize(("minutes", "status"), [(14, 429), (16, 302)])
    def test_the_lock_lasts_15_minutes(self, client, user, minutes, status):
        start = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
        with time_machine.travel(start, tick=False) as clock:
            self.fail(client, 5)
            clock.move_to(start + dt.timedelta(minutes=minutes))

            assert log_in(client).status_code == status

    def test_a_success_resets_the_count(self, client, user):
        self.fail(client, 4)
        log_in(client)
        client.post(reverse("logout"))

        responses = self.fail(client, 4)

        assert [r.status_code for r in responses] == [422] * 4

    def test_behind_a_proxy_the_forwarded_address_counts(self, settings, user):
        settings.CLIENT_IP_HEADER = "X-Forwarded-For"
        proxy = {"REMOTE_ADDR": "10.0.0.1"}
        self.fail(Client(), 5, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)

        locked = log_in(Client(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
        forged_first_hop = log_in(
            Client(), HTTP_X_FORWARDED_FOR="203.0.113.5, 203.0.113.9", **proxy
        )

        assert locked.status_code == 429
        assertRedirects(forged_first_hop, DASHBOARD)
