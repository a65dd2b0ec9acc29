import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User, normalize_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_stored_case_folded_and_trimmed():
    user = User.objects.create_user(" Jane@X.org ", password="a long enough password")

    user.refresh_from_db()
    assert user.email == "jane@x.org"


def test_differently_cased_addresses_are_one_account():
    User.objects.create_user("Jane@X.org", password="a long enough password")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("jane@x.org", password="another long password")

    assert User.objects.count() == 1


def test_saving_a_user_directly_also_folds_the_email():
    user = UserFactory(email="MiXeD@Example.ORG")

    user.refresh_from_db()
    assert user.email == "mixed@example.org"


def test_full_clean_reports_a_taken_address_in_words():
    User.objects.create_user("jane@x.org", password="a long enough password")

    with pytest.raises(ValidationError) as caught:
        User(email="JANE@X.ORG", password="!").full_clean()

    assert caught.value.message_dict["email"] == [
        "An account with this email address already exists."
    ]


def test_get_by_natural_key_ignores_case_and_spaces():
    user = User.objects.create_user("jane@x.org", password="a long enough password")

    assert User.objects.get_by_natural_key("  JANE@X.Org ") == user


def test_normalize_email_casefolds_beyond_ascii_lowercase():
    assert normalize_email("STRASSE@x.org") == normalize_email("straße@X.ORG")
    assert normalize_email(None) == ""


def test_create_user_is_an_ordinary_user_with_a_hashed_password():
    user = User.objects.create_user("Jane@X.org", password="a long enough password")

    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser
    assert user.is_active
    assert not user.email_confirmed
    assert user.password != "a long enough password"
    assert user.check_password("a long enough password")


def test_create_user_without_password_cannot_log_in_with_a_password():
    user = User.objects.create_user("jane@x.org")

    assert not user.has_usable_password()


def test_create_user_needs_an_email_address():
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("", password="a long enough password")


def test_create_superuser_is_staff_superuser_and_confirmed():
    admin = User.objects.create_superuser("Admin@X.org", password="a long enough password")

    admin.refresh_from_db()
    assert admin.email == "admin@x.org"
    assert admin.is_staff
    assert admin.is_superuser
    assert admin.email_confirmed


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_create_superuser_refuses_to_drop_its_powers(flag):
    with pytest.raises(ValueError, match="is_staff and is_superuser"):
        User.objects.create_superuser("admin@x.org", password="pw-long-enough", **{flag: False})

    assert not User.objects.exists()


def test_the_default_settings_of_a_new_account():
    user = User.objects.create_user("jane@x.org", password="a long enough password")

    assert user.time_zone == "UTC"
    assert user.keep_in_touch_days == User.Cadence.QUARTERLY


def test_an_unknown_time_zone_is_refused_in_words():
    user = UserFactory.build(time_zone="Mars/Olympus_Mons")

    with pytest.raises(ValidationError) as caught:
        user.full_clean()

    assert caught.value.message_dict["time_zone"] == [
        "Mars/Olympus_Mons is not a time zone we know. Pick one from the list, e.g. Europe/London."
    ]


def test_names_shown_for_a_user():
    named = UserFactory.build(email="jane@x.org", name="Jane Doe")
    unnamed = UserFactory.build(email="anon@x.org", name="")

    assert str(named) == "jane@x.org"
    assert named.get_full_name() == "Jane Doe"
    assert named.get_short_name() == "Jane"
    assert unnamed.get_full_name() == "anon@x.org"
    assert unnamed.get_short_name() == "anon@x.org"


@time_machine.travel(dt.datetime(2025, 1, 1, 23, 30, tzinfo=dt.UTC), tick=False)
def test_today_is_the_users_own_calendar_day():
    in_auckland = UserFactory.build(time_zone="Pacific/Auckland")
    in_los_angeles = UserFactory.build(time_zone="America/Los_Angeles")

    assert in_auckland.today() == dt.date(2025, 1, 2)
    assert in_los_angeles.today() == dt.date(2025, 1, 1)
