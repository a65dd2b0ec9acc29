import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import User
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:settings")


def save(client, **changes):
    data = {
        "name": "Olive Owner",
        "time_zone": "UTC",
        "keep_in_touch_days": 90,
        "quiet_applied_days": 14,
        "quiet_screening_days": 10,
        "quiet_interview_workdays": 10,
        "digest_enabled": "on",
        **changes,
    }
    return client.post(URL, data)


def selected(response, name):
    select = parse(response).find("select", name=name)
    return [
        option.attrs["value"] for option in select.find_all("option") if "selected" in option.attrs
    ]


def test_owner_sees_the_current_settings(client_for, user):
    user.time_zone = "Europe/Paris"
    user.keep_in_touch_days = User.Cadence.MONTHLY
    user.save()

    response = client_for(user).get(URL)

    assertContains(response, "Settings")
    assertContains(response, "owner@example.org")
    assert input_value(response, "name") == "Olive Owner"
    assert selected(response, "time_zone") == ["Europe/Paris"]
    assert selected(response, "keep_in_touch_days") == ["30"]


def test_every_iana_zone_is_offered_with_readable_labels(owner_client):
    response = owner_client.get(URL)

    assertContains(
        response, '<option value="America/New_York">America/New York</option>', html=True
    )


def test_owner_saves_name_time_zone_and_cadence(owner_client, user):
    response = save(owner_client, name="Olive O.", time_zone="Asia/Kolkata", keep_in_touch_days=180)

    assertRedirects(response, URL, fetch_redirect_response=False)
    user.refresh_from_db()
    assert user.name == "Olive O."
    assert user.time_zone == "Asia/Kolkata"
    assert user.keep_in_touch_days == User.Cadence.HALF_YEARLY
    assert page_messages(owner_client.get(URL)) == ["Your settings are saved."]


def test_saving_changes_only_the_owner(owner_client, other_user):
    save(owner_client, name="Someone Else", time_zone="Asia/Tokyo")

    other_user.refresh_from_db()
    assert other_user.name == "Sam Stranger"
    assert other_user.time_zone == "UTC"


def test_the_email_address_cannot_be_changed_here(owner_client, user):
    save(owner_client, email="sneaky@example.org", email_confirmed="on", is_staff="on")

    user.refresh_from_db()
    assert user.email == "owner@example.org"
    assert not user.email_confirmed
    assert not user.is_staff


def test_anonymous_is_sent_to_login(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")


def test_anonymous_post_changes_nothing(client, user):
    save(client, name="Hacked")

    user.refresh_from_db()
    assert user.name == "Olive Owner"


def test_an_unknown_time_zone_is_422_and_nothing_is_saved(owner_client, user):
    response = save(owner_client, name="New Name", time_zone="Mars/Olympus_Mons")

    assert response.status_code == 422
    assert field_errors(response, "time_zone") == [
        "Mars/Olympus_Mons is not a time zone we know. Pick one from the list, e.g. Europe/London."
    ]
    assert input_value(response, "name") == "New Name"
    user.refresh_from_db()
    assert user.name == "Olive Owner"
    assert user.time_zone == "UTC"


def test_an_over_long_name_is_422_and_nothing_is_saved(owner_client, user):
    long_name = "N" * 151

    response = save(owner_client, name=long_name, time_zone="Europe/Paris")

    assert response.status_code == 422
    assert field_errors(response, "name") == [
        "Ensure this value has at most 150 characters (it has 151)."
    ]
    assert input_value(response, "name") == long_name
    user.refresh_from_db()
    assert user.name == "Olive Owner"
    assert user.time_zone == "UTC"


def test_an_unknown_cadence_is_422(owner_client, user):
    response = save(owner_client, keep_in_touch_days=45)

    assert response.status_code == 422
    assert field_errors(response, "keep_in_touch_days") == [
        "Select a valid choice. 45 is not one of the available choices."
    ]
    user.refresh_from_db()
    assert user.keep_in_touch_days == User.Cadence.QUARTERLY


def test_a_blank_name_is_allowed(owner_client, user):
    save(owner_client, name="")

    user.refresh_from_db()
    assert user.name == ""


def test_the_no_news_thresholds_are_saved_per_stage(owner_client, user):
    response = save(
        owner_client, quiet_applied_days=21, quiet_screening_days=7, quiet_interview_workdays=5
    )

    assertRedirects(response, URL, fetch_redirect_response=False)
    user.refresh_from_db()
    assert (
        user.quiet_applied_days,
        user.quiet_screening_days,
        user.quiet_interview_workdays,
    ) == (21, 7, 5)


def test_the_no_news_thresholds_start_at_their_defaults(owner_client):
    response = owner_client.get(URL)

    assert [
        input_value(response, name)
        for name in ("quiet_applied_days", "quiet_screening_days", "quiet_interview_workdays")
    ] == ["14", "10", "10"]
    field = parse(response).find("input", name="quiet_interview_workdays")
    assert (field.attrs["min"], field.attrs["max"]) == ("1", "260")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("quiet_applied_days", "0", "Enter a whole number from 1 to 365."),
        ("quiet_applied_days", "-3", "Enter a whole number from 1 to 365."),
        ("quiet_screening_days", "739947", "Enter a whole number from 1 to 365."),
        ("quiet_screening_days", "soon", "Enter a whole number from 1 to 365."),
        ("quiet_interview_workdays", "261", "Enter a whole number from 1 to 260."),
        ("quiet_interview_workdays", "2.5", "Enter a whole number from 1 to 260."),
        ("quiet_interview_workdays", "", "This field is required."),
    ],
)
def test_a_threshold_out_of_bounds_is_422_and_nothing_is_saved(
    owner_client, user, name, value, message
):
    response = save(owner_client, name="New Name", **{name: value})

    assert response.status_code == 422
    assert field_errors(response, name) == [message]
    user.refresh_from_db()
    assert user.name == "Olive Owner"
    assert (user.quiet_applied_days, user.quiet_screening_days) == (14, 10)
    assert user.quiet_interview_workdays == 10


def test_the_old_threshold_carries_over_to_after_applying():
    from accounts.models import applied_days_from_quiet_after

    assert [applied_days_from_quiet_after(days) for days in (21, 30, 3, 180)] == [14, 30, 3, 180]
