"""POST /accounts/calendar-token/: a new calendar address; the old one dies at once."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from tests.html import page_messages, parse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:calendar_token")
SETTINGS = reverse("accounts:settings")
SITE = "https://onward.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def feed_path(token):
    return reverse("reminders:calendar", args=[token])


def test_the_settings_page_shows_the_link_with_a_copy_button(owner_client, user):
    page = parse(owner_client.get(SETTINGS))

    assert page.find("input", id="calendar-url").attrs["value"] == (
        SITE + feed_path(user.calendar_token)
    )
    assert page.find("button", **{"data-copy-target": "#calendar-url"}).text == "Copy"
    assert page.find("form", action=URL)


def test_a_new_link_kills_the_old_feed_at_once(owner_client, client, user, jane):
    old = user.calendar_token
    assert client.get(feed_path(old)).status_code == 200

    response = owner_client.post(URL, follow=True)

    assertRedirects(response, SETTINGS)
    assert page_messages(response) == [
        "Your calendar link is new. Update it in your calendar app: the old one no longer works."
    ]
    user.refresh_from_db()
    new = user.calendar_token
    assert new != old
    assert len(new) == 43  # 32 random bytes, URL-safe
    assert parse(response).find("input", id="calendar-url").attrs["value"] == SITE + feed_path(new)
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200


def test_get_is_not_allowed(owner_client, user):
    old = user.calendar_token

    assert owner_client.get(URL).status_code == 405
    user.refresh_from_db()
    assert user.calendar_token == old


def test_anonymous_visitor_is_sent_to_log_in(client, user):
    old = user.calendar_token

    assertRedirects(client.post(URL), f"{reverse('login')}?next={URL}")
    user.refresh_from_db()
    assert user.calendar_token == old


def test_a_stranger_resets_only_their_own_link(stranger_client, user, other_user):
    mine, theirs = user.calendar_token, other_user.calendar_token

    stranger_client.post(URL)

    user.refresh_from_db()
    other_user.refresh_from_db()
    assert user.calendar_token == mine
    assert other_user.calendar_token != theirs
