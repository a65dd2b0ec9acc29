import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import User
from accounts.services import confirmation_token
from tests.factories import PASSWORD
from tests.html import page_messages

pytestmark = pytest.mark.django_db

INVALID = "This confirmation link does not work"


def confirm_url(user):
    return reverse("accounts:confirm", args=[confirmation_token(user)])


def test_get_shows_the_address_and_changes_nothing(client, user):
    response = client.get(confirm_url(user))

    assertContains(response, "Confirm owner@example.org")
    user.refresh_from_db()
    assert not user.email_confirmed


def test_post_confirms_and_sends_a_visitor_to_login(client, user):
    response = client.post(confirm_url(user), follow=True)

    assertRedirects(response, reverse("login"))
    assert page_messages(response) == ["Thank you: owner@example.org is confirmed."]
    user.refresh_from_db()
    assert user.email_confirmed


def test_post_sends_a_signed_in_owner_to_the_dashboard(owner_client, user):
    response = owner_client.post(confirm_url(user))

    assertRedirects(response, reverse("insights:dashboard"), fetch_redirect_response=False)
    user.refresh_from_db()
    assert user.email_confirmed


def test_confirming_twice_is_harmless(client, user):
    url = confirm_url(user)
    client.post(url)

    response = client.post(url)

    assertRedirects(response, reverse("login"))
    user.refresh_from_db()
    assert user.email_confirmed


def test_the_link_confirms_only_its_own_user(client, user, other_user):
    client.post(confirm_url(user))

    other_user.refresh_from_db()
    assert not other_user.email_confirmed


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_token_is_400(client, user, method):
    token = confirmation_token(user)
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")

    response = getattr(client, method)(reverse("accounts:confirm", args=[forged]))

    assertContains(response, INVALID, status_code=400)
    user.refresh_from_db()
    assert not user.email_confirmed


def follow_link_after(client, user, age):
    """Sends the user a link, then follows it `age` later."""
    sent = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(sent, tick=False) as clock:
        url = confirm_url(user)
        clock.move_to(sent + age)
        return client.post(url)


def test_the_link_works_for_six_days(client, user):
    response = follow_link_after(client, user, dt.timedelta(days=6, hours=23))

    assertRedirects(response, reverse("login"))
    user.refresh_from_db()
    assert user.email_confirmed


def test_an_expired_link_is_400(client, user):
    response = follow_link_after(client, user, dt.timedelta(days=7, minutes=1))

    assertContains(response, INVALID, status_code=400)
    assertContains(response, "links last a week", status_code=400)
    user.refresh_from_db()
    assert not user.email_confirmed


def test_the_link_stops_working_once_the_address_changes(owner_client, user):
    url = confirm_url(user)
    owner_client.post(
        reverse("accounts:email_change"), {"email": "new@example.org", "password": PASSWORD}
    )

    response = owner_client.post(url)

    assertContains(response, INVALID, status_code=400)
    user.refresh_from_db()
    assert not user.email_confirmed


def test_the_link_in_the_sign_up_mail_confirms_the_address(client, mailoutbox):
    password = "a walk along the river"
    client.post(
        reverse("accounts:signup"),
        {
            "name": "Nora New",
            "email": "new@example.org",
            "password1": password,
            "password2": password,
        },
    )
    link = re.search(r"^(\S+/accounts/confirm/\S+/)$", mailoutbox[0].body, re.MULTILINE)[1]
    assert link.startswith(settings.SITE_URL)

    response = Client().post(link.removeprefix(settings.SITE_URL))

    assert response.status_code == 302
    assert User.objects.get(email="new@example.org").email_confirmed
    assertContains(client.get(reverse("accounts:settings")), "confirmed</span>")


class TestResend:
    URL = reverse("accounts:resend_confirmation")

    def test_get_is_405(self, owner_client, mailoutbox):
        assert owner_client.get(self.URL).status_code == 405
        assert mailoutbox == []

    def test_anonymous_is_sent_to_login(self, client, mailoutbox):
        response = client.post(self.URL)

        assertRedirects(response, f"{reverse('login')}?next={self.URL}")
        assert mailoutbox == []

    def test_an_unconfirmed_owner_gets_a_new_link(self, owner_client, mailoutbox):
        response = owner_client.post(self.URL, follow=True)

        assertRedirects(response, reverse("accounts:settings"))
        assert page_messages(response) == ["We sent a new confirmation link to owner@example.org."]
        assert [mail.to for mail in mailoutbox] == [["owner@example.org"]]

    def test_a_confirmed_owner_gets_none(self, client_for, user, mailoutbox):
        user.email_confirmed = True
        user.save()

        response = client_for(user).post(self.URL, follow=True)

        assert page_messages(response) == ["Your email address is already confirmed."]
        assert mailoutbox == []
        assertNotContains(response, "Send the confirmation link again")
