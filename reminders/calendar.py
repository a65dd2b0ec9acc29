"""The private calendar feed: reminders as all-day events, interviews as timed ones."""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from reminders import services

FEED_DAYS = 90
# Overdue reminders stay on the day they were due, for this many days back.
PAST_DAYS = 30
INTERVIEW_LENGTH = timedelta(hours=1)


def feed(user, now=None):
    """An iCalendar document of the user's reminders for the next FEED_DAYS days (and
    overdue ones of the last PAST_DAYS, on the day they were due) and their interviews,
    in the user's own time zone."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone=user.zone)
    host = urlsplit(settings.SITE_URL).hostname or "onward"
    calendar = Calendar()
    calendar.add("prodid", "-//Onward//Job search reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Onward reminders")
    calendar.add("x-wr-timezone", user.time_zone)
    stamp = now.astimezone(UTC)
    reminders = services.collect(user, today, today + timedelta(days=FEED_DAYS))
    for reminder in (r for r in reminders if r.due >= today - timedelta(days=PAST_DAYS)):
        event = Event()
        event.add("uid", f"{reminder.uid}@{host}")
        event.add("dtstamp", stamp)
        url = settings.SITE_URL + reminder.url
        if reminder.at is not None:
            starts = timezone.localtime(reminder.at, user.zone)
            event.add("dtstart", starts)
            event.add("dtend", starts + INTERVIEW_LENGTH)
            event.add("summary", reminder.title)
        else:
            event.add("dtstart", reminder.due)
            event.add("dtend", reminder.due + timedelta(days=1))
            event.add("summary", reminder.title)
            event.add("transp", "TRANSPARENT")
        event.add("description", f"{reminder.detail}\n{url}")
        event.add("url", url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
