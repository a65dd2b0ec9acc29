import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import PASSWORD
from tests.html import field_errors, input_value

pytestmark = pytest.mark.django_db

URL = reverse("password_reset")
DONE = reverse("password_reset_done")
NEW_PASSWORD = "a brand new river walk"


def ask_for_reset(client, email, **extra):
    return client.post(URL, {"email": email}, **extra)


def reset_link(mail):
    match = re.search(r"^(https?://\S+/accounts/reset/\S+/)$", mail.body, re.MULTILINE)
    assert match, mail.body
    return match.group(1)


def test_visitor_sees_the_form(client):
    response = client.get(URL)

    assertContains(response, "Reset your password")
    assertContains(response, 'name="email"')


def test_a_known_address_gets_a_link(client, user, mailoutbox):
    response = ask_for_reset(client, "owner@example.org")

    assertRedirects(response, DONE)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["owner@example.org"]
    assert mailoutbox[0].subject == "Reset your Onward password"


def test_the_address_may_be_typed_in_any_case(client, user, mailoutbox):
    ask_for_reset(client, "OWNER@Example.org")

    assert [mail.to for mail in mailoutbox] == [["owner@example.org"]]


def test_known_and_unknown_addresses_look_the_same(user, mailoutbox):
    known = ask_for_reset(Client(), "owner@example.org", follow=True)
    unknown = ask_for_reset(Client(), "nobody@example.org", follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [(DONE, 302)]
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assertContains(unknown, "If that address belongs to an account")
    assert [mail.to for mail in mailoutbox] == [["owner@example.org"]]


@pytest.mark.parametrize("state", ["inactive", "no password"])
def test_accounts_that_cannot_log_in_get_no_mail(client, user, mailoutbox, state):
    if state == "inactive":
        user.is_active = False
    else:
        user.set_unusable_password()
    user.save()

    response = ask_for_reset(client, user.email)

    assertRedirects(response, DONE)
    assert mailoutbox == []


def test_a_malformed_address_is_422_and_kept(client, mailoutbox):
    response = ask_for_reset(client, "not-an-address")

    assert response.status_code == 422
    assert field_errors(response, "email") == ["Enter a valid email address."]
    assert input_value(response, "email") == "not-an-address"
    assert mailoutbox == []


def test_the_link_points_at_site_url_not_the_request_host(client, user, mailoutbox):
    ask_for_reset(client, user.email, HTTP_HOST="localhost")

    link = reset_link(mailoutbox[0])
    assert link.startswith(settings.SITE_URL + "/accounts/reset/")
    assert "localhost" not in link


def test_reset_works_end_to_end(client, user, mailoutbox):
    ask_for_reset(client, user.email)
    path = reset_link(mailoutbox[0]).removeprefix(settings.SITE_URL)

    form_page = client.get(path, follow=True)
    assertContains(form_page, "Choose a new password")
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assertRedirects(response, reverse("password_reset_complete"))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    assertContains(client.get(path, follow=True), "This link no longer works")
    log_in = Client().post(reverse("login"), {"username": user.email, "password": NEW_PASSWORD})
    assertRedirects(log_in, reverse("insights:dashboard"))


def test_a_weak_new_password_is_422_and_not_saved(client, user, mailoutbox):
    ask_for_reset(client, user.email)
    path = reset_link(mailoutbox[0]).removeprefix(settings.SITE_URL)
    set_password_url = client.get(path, follow=True).redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})

    assert response.status_code == 422
    assert "This password is too short. It must contain at least 12 characters." in field_errors(
        response, "new_password2"
    )
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_forged_link_does_not_work(client, user):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "forged-token"]))

    assertContains(response, "This link no longer works")
