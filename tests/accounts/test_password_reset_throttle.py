"""Password-reset requests are limited per email address and per client address, in
the database so that every worker counts the same requests. Before, 15 requests sent 15
emails. Over the limit the page says so (429), the same for an address with an account
and one without, so the limit tells nobody whether an account exists."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import Attempt
from tests.html import form_errors

pytestmark = pytest.mark.django_db

URL = reverse("password_reset")
DONE = reverse("password_reset_done")
MESSAGE = (
    "Too many password reset requests for this address or from your network in the "
    "last hour. Please try again later. If you asked before, look for our email in your "
    "inbox and spam folder."
)


def ask(email, ip="198.51.100.7"):
    """A request from a fresh client, as from another browser or another worker."""
    return Client().post(URL, {"email": email}, REMOTE_ADDR=ip)


def test_fifteen_requests_for_one_address_send_three_emails(user, mailoutbox, settings):
    settings.PASSWORD_RESET_RATE_PER_HOUR = 3
    statuses = [ask("owner@example.org", ip=f"198.51.100.{n}").status_code for n in range(15)]

    assert statuses == [302] * 3 + [429] * 12
    assert len(mailoutbox) == 3


def test_over_the_limit_the_page_says_so_in_words(user, settings):
    settings.PASSWORD_RESET_RATE_PER_HOUR = 1
    ask("owner@example.org")

    response = ask("owner@example.org")

    assertContains(response, MESSAGE, status_code=429)
    assert form_errors(response) == [MESSAGE]


def test_an_address_with_no_account_is_limited_the_same_way(user, settings):
    settings.PASSWORD_RESET_RATE_PER_HOUR = 2

    def answers(email):
        responses = [ask(email, ip=f"203.0.113.{n}") for n in range(4)]
        return [(r.status_code, r.get("Location"), form_errors(r)) for r in responses]

    assert answers("owner@example.org") == answers("nobody@example.org")


def test_requests_from_one_client_address_are_limited_too(user, mailoutbox, settings):
    settings.PASSWORD_RESET_IP_RATE_PER_HOUR = 4
    statuses = [ask(f"person{n}@example.org").status_code for n in range(4)]

    refused = ask("owner@example.org")
    elsewhere = ask("owner@example.org", ip="192.0.2.99")

    assert statuses == [302] * 4
    assert refused.status_code == 429
    assert elsewhere.status_code == 302
    assert [mail.to for mail in mailoutbox] == [["owner@example.org"]]


def test_the_address_is_counted_whatever_its_case(user, settings, mailoutbox):
    settings.PASSWORD_RESET_RATE_PER_HOUR = 1
    ask("owner@example.org")

    assert ask(" OWNER@Example.ORG ", ip="192.0.2.1").status_code == 429
    assert len(mailoutbox) == 1


def test_the_limit_lifts_after_an_hour(user, settings, mailoutbox):
    settings.PASSWORD_RESET_RATE_PER_HOUR = 1
    start = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert ask("owner@example.org").status_code == 302
        clock.move_to(start + dt.timedelta(minutes=59))
        assert ask("owner@example.org").status_code == 429
        clock.move_to(start + dt.timedelta(minutes=61))
        assert ask("owner@example.org").status_code == 302

    assert len(mailoutbox) == 2


def test_a_form_with_errors_is_not_counted(settings):
    settings.PASSWORD_RESET_IP_RATE_PER_HOUR = 1
    for _ in range(3):
        assert ask("not an address").status_code == 422

    assert ask("nobody@example.org").status_code == 302


def test_the_count_keeps_no_email_address_in_clear(user):
    ask("owner@example.org")

    (attempt,) = Attempt.objects.all()
    assert attempt.kind == Attempt.Kind.PASSWORD_RESET
    assert attempt.ip == "198.51.100.7"
    assert "owner" not in attempt.email_key
    assert len(attempt.email_key) == 64


def test_sign_ups_and_resets_are_counted_apart(settings):
    settings.SIGNUP_RATE_PER_HOUR = 1
    settings.PASSWORD_RESET_IP_RATE_PER_HOUR = 1
    ask("nobody@example.org", ip="127.0.0.1")

    response = Client().post(
        reverse("accounts:signup"),
        {
            "email": "new.person@example.org",
            "name": "New Person",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )

    assert response.status_code == 302
