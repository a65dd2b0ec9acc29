import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import UserTimezoneMiddleware
from accounts.models import User

pytestmark = pytest.mark.django_db


def zone_seen_by_the_view(request_user):
    """Run the middleware around a stand-in view; return the zone active inside it."""
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        seen["today"] = timezone.localdate()
        return None

    request = RequestFactory().get("/")
    request.user = request_user
    UserTimezoneMiddleware(view)(request)
    return seen


@time_machine.travel(dt.datetime(2025, 1, 1, 23, 30, tzinfo=dt.UTC), tick=False)
def test_today_inside_a_request_is_the_users_today(user):
    user.time_zone = "Pacific/Auckland"

    seen = zone_seen_by_the_view(user)

    assert seen == {"zone": "Pacific/Auckland", "today": dt.date(2025, 1, 2)}


@time_machine.travel(dt.datetime(2025, 1, 1, 23, 30, tzinfo=dt.UTC), tick=False)
def test_a_visitor_gets_utc():
    timezone.activate("Asia/Tokyo")  # left over from somewhere else

    seen = zone_seen_by_the_view(AnonymousUser())

    assert seen == {"zone": "UTC", "today": dt.date(2025, 1, 1)}


def test_a_zone_that_no_longer_exists_falls_back_to_utc(user):
    User.objects.filter(pk=user.pk).update(time_zone="Atlantis/Capital")
    user.refresh_from_db()

    assert zone_seen_by_the_view(user)["zone"] == "UTC"


def test_the_zone_does_not_outlive_the_request(user):
    user.time_zone = "Pacific/Auckland"

    zone_seen_by_the_view(user)

    assert timezone.get_current_timezone_name() == "UTC"


def zones_while_rendering(client, url):
    """The zones active while a real request's templates render."""
    zones = []

    def record(**kwargs):
        zones.append(timezone.get_current_timezone_name())

    template_rendered.connect(record)
    try:
        response = client.get(url)
    finally:
        template_rendered.disconnect(record)
    assert response.status_code == 200
    return set(zones)


def test_the_middleware_is_installed_after_authentication(client_for, user):
    user.time_zone = "America/Los_Angeles"
    user.save()

    zones = zones_while_rendering(client_for(user), reverse("insights:dashboard"))

    assert zones == {"America/Los_Angeles"}
    assert timezone.get_current_timezone_name() == "UTC"


def test_a_visitors_page_renders_in_utc(client):
    assert zones_while_rendering(client, reverse("login")) == {"UTC"}


def test_a_new_zone_applies_from_the_next_request(owner_client, user):
    owner_client.post(
        reverse("accounts:settings"),
        {
            "name": user.name,
            "time_zone": "Asia/Kolkata",
            "keep_in_touch_days": 90,
            "quiet_applied_days": 14,
            "quiet_screening_days": 10,
            "quiet_interview_workdays": 10,
        },
    )

    assert zones_while_rendering(owner_client, reverse("accounts:settings")) == {"Asia/Kolkata"}
