import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import Attempt, User

pytestmark = pytest.mark.django_db

STRONG = "an admin picks this one"


def test_the_changelist_lists_users_by_email(admin_client, user, other_user):
    response = admin_client.get(reverse("admin:accounts_user_changelist"))

    assertContains(response, "owner@example.org")
    assertContains(response, "stranger@example.org")
    assertContains(response, "Olive Owner")


def test_the_changelist_searches_by_email_and_name(admin_client, user, other_user):
    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": "Stranger"})

    assertContains(response, "stranger@example.org")
    assertNotContains(response, "owner@example.org")


def test_the_add_page_asks_for_an_email_not_a_username(admin_client):
    response = admin_client.get(reverse("admin:accounts_user_add"))

    assertContains(response, 'name="email"')
    assertContains(response, 'name="password1"')
    assertNotContains(response, 'name="username"')


def test_adding_a_user_folds_the_email(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Colleague@Example.org",
            "usable_password": "true",
            "password1": STRONG,
            "password2": STRONG,
        },
    )

    added = User.objects.get(email="new.colleague@example.org")
    assertRedirects(response, reverse("admin:accounts_user_change", args=[added.pk]))
    assert added.check_password(STRONG)
    assert not added.is_staff


def test_adding_a_taken_address_in_another_case_is_refused(admin_client, user):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "OWNER@example.org",
            "usable_password": "true",
            "password1": STRONG,
            "password2": STRONG,
        },
    )

    assertContains(response, "An account with this email address already exists.")
    assert User.objects.filter(email="owner@example.org").count() == 1


def test_the_change_page_shows_the_profile(admin_client, user):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))

    assertContains(response, 'value="owner@example.org"')
    assertContains(response, 'name="time_zone"')
    assertContains(response, 'name="keep_in_touch_days"')
    assertNotContains(response, 'name="username"')


def test_changing_a_user_saves(admin_client, user):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": "Olive@Example.org",
            "name": "Olive Renamed",
            "time_zone": "Europe/Oslo",
            "keep_in_touch_days": 60,
            "email_confirmed": "on",
            "is_active": "on",
        },
    )

    assertRedirects(response, reverse("admin:accounts_user_changelist"))
    user.refresh_from_db()
    assert user.email == "olive@example.org"
    assert user.name == "Olive Renamed"
    assert user.time_zone == "Europe/Oslo"
    assert user.email_confirmed


def test_an_admin_can_set_a_password(admin_client, user):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"usable_password": "true", "password1": STRONG, "password2": STRONG},
    )

    assertRedirects(response, reverse("admin:accounts_user_change", args=[user.pk]))
    user.refresh_from_db()
    assert user.check_password(STRONG)


def test_signup_attempts_are_listed(admin_client):
    Attempt.objects.create(ip="192.0.2.44")

    response = admin_client.get(reverse("admin:accounts_attempt_changelist"))

    assertContains(response, "192.0.2.44")


def test_an_ordinary_user_is_kept_out(owner_client):
    response = owner_client.get(reverse("admin:accounts_user_changelist"))

    assertRedirects(
        response,
        f"{reverse('admin:login')}?next={reverse('admin:accounts_user_changelist')}",
    )
