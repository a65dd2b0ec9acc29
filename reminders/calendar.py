"""The private calendar feed: reminders as all-day events, interviews as timed ones.

Calendar apps poll the feed every few minutes to every day, and a busy account's feed
holds thousands of events, which take the icalendar library a second or more to write.
So a feed is written once and kept in the "calendar" cache under a fingerprint of
everything it is made of: the user's settings that shape it, the local day, and for
each table it reads how many of the user's rows there are and when the latest one
changed. Any save, creation or deletion changes the fingerprint, so the next poll gets
a fresh feed; the fingerprint is also the ETag, so an unchanged feed costs a poller a
304. A cached feed lives at most CACHE_SECONDS, which bounds what can drift within a
day without a write (an interview passing, say).
"""

import hashlib
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max, Value
from django.utils import timezone
from icalendar import Calendar, Event

from applications.models import Application, Company, Interview
from contacts.models import Contact
from feedback.models import FeedbackRequest, Rejection
from reminders import building

FEED_DAYS = 90
# Overdue reminders stay on the day they were due, for this many days back.
PAST_DAYS = 30
INTERVIEW_LENGTH = timedelta(hours=1)
CACHE_ALIAS = "calendar"
CACHE_SECONDS = 60 * 60
FORMAT = 1  # raise when the feed's content changes shape, so cached copies go
# Every table whose rows end up in the feed, its titles or its links.
SOURCES = [Application, Company, Contact, FeedbackRequest, Interview, Rejection]


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
    until = today + timedelta(days=FEED_DAYS)
    since = today - timedelta(days=PAST_DAYS)
    for reminder in building.collect(user, today, until, since=since):
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


def fingerprint(user, now=None):
    """A short digest of everything the user's feed is made of, read in one query."""
    now = now or timezone.now()
    parts = [
        model.objects.for_user(user)
        .order_by()
        .values(key=Value(model._meta.label))
        .annotate(rows=Count("pk"), latest=Max("updated_at"))
        for model in SOURCES
    ]
    tables = sorted(
        (row["key"], row["rows"], row["latest"].isoformat() if row["latest"] else "")
        for row in parts[0].union(*parts[1:], all=True)
    )
    made_of = (
        FORMAT,
        settings.SITE_URL,
        user.pk,
        user.time_zone,
        user.quiet_after_days,
        timezone.localdate(now, timezone=user.zone).isoformat(),
        tables,
    )
    return hashlib.sha256(repr(made_of).encode()).hexdigest()[:32]


def cached_feed(user, version, now=None):
    """The feed for `version` (a fingerprint()), from the cache or written now."""
    cache = caches[CACHE_ALIAS]
    key = f"feed:{user.pk}:{version}"
    body = cache.get(key)
    if body is None:
        body = feed(user, now)
        cache.set(key, body, CACHE_SECONDS)
    return body
