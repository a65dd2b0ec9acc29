import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import PASSWORD
from tests.html import field_errors, input_value, page_messages

pytestmark = pytest.mark.django_db

URL = reverse("accounts:email_change")


@pytest.fixture
def confirmed_user(user):
    user.email_confirmed = True
    user.save()
    return user


def change(client, email="New.Address@Example.ORG", password=PASSWORD):
    return client.post(URL, {"email": email, "password": password})


def test_owner_sees_the_form(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "Change your email address")
    assertContains(response, 'name="password"')


def test_anonymous_is_sent_to_login(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")


def test_anonymous_post_changes_nothing(client, user):
    change(client)

    user.refresh_from_db()
    assert user.email == "owner@example.org"


def test_owner_changes_the_address(client_for, confirmed_user, mailoutbox):
    owner_client = client_for(confirmed_user)

    response = change(owner_client, email="  New.Address@Example.ORG ")

    assertRedirects(response, reverse("accounts:settings"), fetch_redirect_response=False)
    confirmed_user.refresh_from_db()
    assert confirmed_user.email == "new.address@example.org"
    assert not confirmed_user.email_confirmed
    settings_page = owner_client.get(reverse("accounts:settings"))
    assert page_messages(settings_page) == [
        "Your email address is now new.address@example.org. We sent a link there to confirm it."
    ]
    assertContains(settings_page, "not confirmed yet")


def test_a_confirmation_link_goes_to_the_new_address(owner_client, mailoutbox):
    change(owner_client)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.address@example.org"]
    assert settings.SITE_URL + "/accounts/confirm/" in mailoutbox[0].body


def test_the_new_address_logs_in_and_the_old_one_does_not(owner_client):
    change(owner_client)

    new = Client().post(
        reverse("login"), {"username": "new.address@example.org", "password": PASSWORD}
    )
    old = Client().post(reverse("login"), {"username": "owner@example.org", "password": PASSWORD})

    assertRedirects(new, reverse("insights:dashboard"))
    assert old.status_code == 422


@pytest.mark.parametrize(
    ("email", "password", "field", "message"),
    [
        (
            "new.address@example.org",
            "not my password",
            "password",
            "That is not your current password.",
        ),
        ("new.address@example.org", "", "password", "This field is required."),
        (
            "STRANGER@example.org",
            PASSWORD,
            "email",
            "An account with this email address already exists.",
        ),
        ("Owner@Example.org", PASSWORD, "email", "That is already your email address."),
        ("not-an-address", PASSWORD, "email", "Enter a valid email address."),
    ],
    ids=["wrong-password", "no-password", "taken", "unchanged", "malformed"],
)
def test_a_bad_change_is_422_and_nothing_changes(
    owner_client, user, other_user, mailoutbox, email, password, field, message
):
    response = change(owner_client, email=email, password=password)

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert input_value(response, "email") == email
    user.refresh_from_db()
    other_user.refresh_from_db()
    assert user.email == "owner@example.org"
    assert other_user.email == "stranger@example.org"
    assert mailoutbox == []


def test_the_settings_page_links_here(owner_client):
    assertContains(owner_client.get(reverse("accounts:settings")), f'href="{URL}"')
