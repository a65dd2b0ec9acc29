import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import PASSWORD
from tests.html import field_errors

pytestmark = pytest.mark.django_db

URL = reverse("password_change")
NEW_PASSWORD = "a brand new river walk"


def change(client, old=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post(
        URL,
        {
            "old_password": old,
            "new_password1": new,
            "new_password2": new if again is None else again,
        },
    )


def test_owner_sees_the_form(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "Change your password")
    assertContains(response, 'name="old_password"')


def test_owner_changes_the_password_and_stays_signed_in(owner_client, user):
    response = change(owner_client)

    assertRedirects(response, reverse("password_change_done"))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert owner_client.get(reverse("accounts:settings")).status_code == 200
    assertContains(owner_client.get(reverse("password_change_done")), "Your password is changed")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('login')}?next={URL}")


def test_anonymous_post_changes_nothing(client, user):
    response = change(client)

    assertRedirects(response, f"{reverse('login')}?next={URL}")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("old", "new", "again", "field", "message"),
    [
        (
            "not my password",
            NEW_PASSWORD,
            None,
            "old_password",
            "Your old password was entered incorrectly. Please enter it again.",
        ),
        (
            PASSWORD,
            "short pw",
            None,
            "new_password2",
            "This password is too short. It must contain at least 12 characters.",
        ),
        (PASSWORD, "password1234", None, "new_password2", "This password is too common."),
        (
            PASSWORD,
            NEW_PASSWORD,
            NEW_PASSWORD + "!",
            "new_password2",
            "The two password fields didn’t match.",
        ),
    ],
    ids=["wrong-old", "short", "common", "mismatched"],
)
def test_a_bad_change_is_422_and_nothing_changes(
    owner_client, user, old, new, again, field, message
):
    response = change(owner_client, old=old, new=new, again=again)

    assert response.status_code == 422
    assert message in field_errors(response, field)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_settings_page_links_here(owner_client):
    assertContains(owner_client.get(reverse("accounts:settings")), f'href="{URL}"')
