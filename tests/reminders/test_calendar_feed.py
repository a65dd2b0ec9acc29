"""GET /reminders/calendar/<token>.ics: the private iCalendar feed. The token is the
key, so no session is needed; it holds exactly its owner's reminders (all-day) and
interviews (timed, in the owner's zone), each with a stable UID and a link back."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import ApplicationFactory, ContactFactory, InterviewFactory
from tests.reminders.conftest import NOW, TODAY, in_zone

pytestmark = pytest.mark.django_db

SITE = "https://onward.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def feed_url(person):
    return reverse("reminders:calendar", args=[person.calendar_token])


def fetch(client, person):
    response = client.get(feed_url(person))
    assert response.status_code == 200
    return response


def events(response):
    """{uid: VEVENT} from the feed, parsed the way a calendar app would."""
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def everything(jane, turned_down, feedback_request, follow_up, quiet, interview):
    return {
        "check-in": jane,
        "feedback": feedback_request,
        "follow-up": follow_up,
        "quiet": quiet,
        "interview": interview,
    }


def test_the_feed_holds_exactly_the_owners_items(client, user, everything, strangers_things):
    response = fetch(client, user)

    assert set(events(response)) == {
        f"{kind}-{obj.pk}@onward.example" for kind, obj in everything.items()
    }
    text = response.content.decode()
    for hidden in ("Secret Corp", "Mallory", "Hidden"):
        assert hidden not in text


def test_another_users_feed_holds_only_theirs(client, other_user, everything, strangers_things):
    response = fetch(client, other_user)

    assert set(events(response)) == {
        f"{kind}-{obj.pk}@onward.example" for kind, obj in strangers_things.items()
    }
    assert "Jane Doe" not in response.content.decode()


def test_reminders_are_all_day_events_overdue_ones_on_their_day(client, user, jane, turned_down):
    event = events(fetch(client, user))[f"check-in-{jane.pk}@onward.example"]

    due = jane.next_check_in_on
    assert due < TODAY
    assert event.decoded("DTSTART") == due  # overdue: still on the day it was due
    assert not isinstance(event.decoded("DTSTART"), dt.datetime)
    assert event.decoded("DTEND") == due + dt.timedelta(days=1)
    assert str(event["SUMMARY"]) == "Check in with Jane Doe, hiring manager at Acme."
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["URL"]) == f"{SITE}/contacts/{jane.pk}/"
    assert str(event["DESCRIPTION"]) == (
        "Last contact 92 days ago; they turned you down for Data Analyst in March.\n"
        f"{SITE}/contacts/{jane.pk}/"
    )


def test_a_reminder_overdue_for_more_than_30_days_is_left_out(client, user, acme):
    application = ApplicationFactory(
        owner=user, company=acme, title="Long ago", follow_up_on=TODAY - dt.timedelta(days=31)
    )

    assert f"follow-up-{application.pk}@onward.example" not in events(fetch(client, user))


def test_a_reminder_due_later_is_on_its_own_day(client, user, acme):
    application = ApplicationFactory(
        owner=user, company=acme, title="Later", follow_up_on=dt.date(2025, 7, 1)
    )

    event = events(fetch(client, user))[f"follow-up-{application.pk}@onward.example"]

    assert event.decoded("DTSTART") == dt.date(2025, 7, 1)
    assert str(event["SUMMARY"]) == "Follow up on Later at Acme."
    assert str(event["URL"]) == f"{SITE}{application.get_absolute_url()}"


def test_interviews_are_timed_events_in_the_owners_zone(client, user, interview):
    in_zone(user, "Europe/Berlin")

    response = fetch(client, user)
    event = events(response)[f"interview-{interview.pk}@onward.example"]

    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == dt.datetime(2025, 6, 12, 11, 0, tzinfo=berlin)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert event.decoded("DTEND") == dt.datetime(2025, 6, 12, 12, 0, tzinfo=berlin)
    assert str(event["SUMMARY"]) == "Video call interview for Data engineer at Initech, 11:00."
    assert str(event["URL"]) == f"{SITE}{interview.application.get_absolute_url()}"
    calendar = Calendar.from_ical(response.content)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Berlin"


def test_uids_are_stable_across_fetches_and_days(client, user, everything, frozen_clock):
    first = set(events(fetch(client, user)))
    assert set(events(fetch(client, user))) == first

    frozen_clock.move_to(NOW + dt.timedelta(days=1))

    assert set(events(fetch(client, user))) == first


def test_the_feed_looks_ninety_days_ahead(client, user, acme):
    inside = ContactFactory(
        owner=user, company=acme, keep_in_touch_days=90, last_contacted_on=TODAY
    )
    ContactFactory(
        owner=user,
        company=acme,
        keep_in_touch_days=90,
        last_contacted_on=TODAY + dt.timedelta(days=1),
    )
    far = InterviewFactory(application__owner=user, starts_at=NOW + dt.timedelta(days=95))

    uids = set(events(fetch(client, user)))

    assert uids == {f"check-in-{inside.pk}@onward.example"}
    assert f"interview-{far.pk}@onward.example" not in uids


def test_headers_say_calendar_private_and_no_session_is_made(client, user, jane):
    response = fetch(client, user)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=900"
    assert "sessionid" not in response.cookies


def test_an_empty_feed_is_still_a_calendar(client, user):
    calendar = Calendar.from_ical(fetch(client, user).content)

    assert str(calendar["PRODID"]) == "-//Onward//Job search reminders//EN"
    assert calendar.walk("VEVENT") == []


def test_a_signed_in_stranger_with_the_link_sees_the_owners_feed_not_theirs(
    stranger_client, user, jane, strangers_things
):
    # The token is the key: whoever holds the link reads that feed, session or not.
    assert set(events(fetch(stranger_client, user))) == {f"check-in-{jane.pk}@onward.example"}


def test_a_wrong_token_of_the_right_shape_is_not_found(client, user, jane):
    wrong = ("x" if user.calendar_token[0] != "x" else "y") + user.calendar_token[1:]

    response = client.get(reverse("reminders:calendar", args=[wrong]))

    assert response.status_code == 404
    assert "Jane" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/reminders/calendar/short.ics",
        "/reminders/calendar/" + "a" * 44 + ".ics",
        "/reminders/calendar/" + "a" * 42 + "!.ics",
        "/reminders/calendar/.ics",
    ],
)
def test_a_token_of_the_wrong_shape_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_inactive_users_feed_is_not_found(client, user, jane):
    user.is_active = False
    user.save()

    assert client.get(feed_url(user)).status_code == 404


def test_post_is_not_allowed(client, user):
    assert client.post(feed_url(user)).status_code == 405


# The feed is written once and kept while nothing it is made of changes (see
# reminders/calendar.py). Each change below comes a second after the first fetch, as in
# life: the clock here is frozen, and the fingerprint reads when rows last changed.


def later(frozen_clock, seconds=1):
    frozen_clock.shift(dt.timedelta(seconds=seconds))


def test_an_unchanged_feed_is_served_again_and_a_poller_gets_a_304(client, user, everything):
    first = fetch(client, user)
    again = fetch(client, user)

    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    not_modified = client.get(feed_url(user), headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]


def test_an_edit_shows_in_the_next_fetch(client, user, jane, frozen_clock):
    first = fetch(client, user)
    later(frozen_clock)
    jane.name = "Jane Smith"
    jane.save()

    response = client.get(feed_url(user), headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "Jane Smith" in str(events(response)[f"check-in-{jane.pk}@onward.example"]["SUMMARY"])


def test_a_deletion_shows_in_the_next_fetch(client, user, everything, frozen_clock):
    uid = f"follow-up-{everything['follow-up'].pk}@onward.example"
    assert uid in events(fetch(client, user))
    later(frozen_clock)
    everything["follow-up"].delete()

    assert uid not in events(fetch(client, user))


def test_a_renamed_company_shows_in_the_next_fetch(client, user, acme, follow_up, frozen_clock):
    fetch(client, user)
    later(frozen_clock)
    acme.name = "Acme Holdings"
    acme.save()

    event = events(fetch(client, user))[f"follow-up-{follow_up.pk}@onward.example"]
    assert "Acme Holdings" in str(event["SUMMARY"])


def test_a_new_time_zone_shows_in_the_next_fetch(client, user, interview):
    fetch(client, user)
    in_zone(user, "Asia/Kolkata")

    event = events(fetch(client, user))[f"interview-{interview.pk}@onward.example"]
    assert event.decoded("DTSTART").tzinfo.key == "Asia/Kolkata"


def test_a_new_day_rewrites_the_feed(client, user, jane, frozen_clock):
    """'Last contact 92 days ago' is true for one day only."""
    first = fetch(client, user)
    frozen_clock.move_to(NOW + dt.timedelta(days=1))

    second = fetch(client, user)

    assert second["ETag"] != first["ETag"]
    assert "93 days ago" in str(events(second)[f"check-in-{jane.pk}@onward.example"]["DESCRIPTION"])


def test_one_users_change_leaves_anothers_cached_feed_alone(
    client, user, other_user, jane, strangers_things, frozen_clock
):
    mine = fetch(client, user)
    later(frozen_clock)
    ContactFactory(owner=other_user, keep_in_touch_days=30, last_contacted_on=TODAY)

    assert fetch(client, user)["ETag"] == mine["ETag"]
