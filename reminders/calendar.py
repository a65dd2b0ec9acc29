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
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max, Value
from django.utils import timezone
from icalendar import Calendar, Event
from icalendar.timezone import tzid_from_dt

from applications.models import Application, Company, Interview
from contacts.models import Contact
from feedback.models import FeedbackRequest, Lesson, Rejection
from reminders import building
from reminders.kinds import ReminderKind
from reminders.silence import Silence

FEED_DAYS = 90
# Overdue reminders stay on the day they were due, for this many days back.
PAST_DAYS = 30
INTERVIEW_LENGTH = timedelta(hours=1)
CACHE_ALIAS = "calendar"
CACHE_SECONDS = 60 * 60
FORMAT = 1  # raise when the feed's content changes shape, so cached copies go
# Every table whose rows end up in the feed, its titles or its links.
SOURCES = [Application, Company, Contact, FeedbackRequest, Interview, Rejection, Lesson]
# The rarest kind, read only when the fingerprint's query finds some: its own row there.
REAPPLY_KEY = "reapply"


def feed(user, now=None, skip=()):
    """An iCalendar document of the user's reminders for the next FEED_DAYS days (and
    overdue ones of the last PAST_DAYS, on the day they were due) and their interviews,
    in the user's own time zone.

    The calendar's header and its VTIMEZONE come from the icalendar library; the events,
    thousands of them, are written here line by line (icalendar's own escaping of text,
    RFC 5545's folding): building an icalendar object per event took most of a second
    for a busy account, this takes a tenth of that, and the text is the same. `skip`,
    kinds known to have nothing (see state()), are not read."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone=user.zone)
    host = urlsplit(settings.SITE_URL).hostname or "onward"
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    until = today + timedelta(days=FEED_DAYS)
    since = today - timedelta(days=PAST_DAYS)
    zone_in_utc = tzid_from_dt(now.astimezone(user.zone)) == "UTC"
    events = []
    timed = False
    kinds = [kind for kind in ReminderKind if kind not in skip]
    for reminder in building.collect(user, today, until, kinds, since=since, actions=False):
        url = settings.SITE_URL + reminder.url
        if reminder.at is not None:
            timed = True
            starts = timezone.localtime(reminder.at, user.zone)
            start = moment("DTSTART", starts, user, zone_in_utc)
            end = moment("DTEND", starts + INTERVIEW_LENGTH, user, zone_in_utc)
            transparent = []
        else:
            start = f"DTSTART;VALUE=DATE:{reminder.due:%Y%m%d}"
            end = f"DTEND;VALUE=DATE:{reminder.due + timedelta(days=1):%Y%m%d}"
            transparent = ["TRANSP:TRANSPARENT"]
        # The order icalendar writes an event's properties in.
        events += [
            "BEGIN:VEVENT",
            "SUMMARY:" + text(reminder.title),
            start,
            end,
            f"DTSTAMP:{stamp}",
            "UID:" + text(f"{reminder.uid}@{host}"),
            "DESCRIPTION:" + text(f"{reminder.detail}\n{url}"),
            *transparent,
            "URL:" + url,
            "END:VEVENT",
        ]
    head, tail = envelope(user.time_zone, with_zone=timed and not zone_in_utc)
    # Most lines are short and ASCII, which folding leaves as they are.
    body = "\r\n".join(
        line if len(line) < FOLD_AT and line.isascii() else fold(line) for line in events
    )
    return (head + (body + "\r\n" if body else "") + tail).encode()


def moment(name, local, user, in_utc):
    """The property `name` for a moment in the user's zone (a moment in UTC ends in Z,
    as RFC 5545 says)."""
    if in_utc:
        return f"{name}:{local:%Y%m%dT%H%M%S}Z"
    return f"{name};TZID={user.time_zone}:{local:%Y%m%dT%H%M%S}"


def text(value):
    """A TEXT value escaped as icalendar escapes it (vText(value).to_ical(), RFC 5545's
    TEXT escapes and its line endings made \\n, in icalendar's order), without making
    a vText and its parameters for each of thousands of values."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


# RFC 5545: a content line is folded into parts shorter than this many octets.
FOLD_AT = 75


def fold(line, limit=FOLD_AT):
    """A content line folded as RFC 5545 (and icalendar) folds it: each part shorter
    than `limit` octets, an escape's backslash kept with what it escapes."""
    if not line.isascii():
        return fold_wide(line, limit)
    parts, start = [], 0
    while len(line) - start >= limit:
        end = start + limit - 1
        if line[end - 1] in ESCAPES:
            end -= 1
        parts.append(line[start:end])
        start = end
    parts.append(line[start:])
    return "\r\n ".join(parts)


def fold_wide(line, limit):
    """fold() for a line with characters of more than one octet, counted as octets."""
    if len(line.encode()) < limit:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if current and size + width >= limit:
            carried = [current.pop()] if len(current) > 1 and current[-1] in ESCAPES else []
            parts.append("".join(current))
            current, size = carried, sum(len(c.encode()) for c in carried)
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


# A character that starts an escape: a TEXT escape (\\, \;, \n) or RFC 6868's ^.
ESCAPES = "\\^"


@lru_cache(maxsize=64)
def envelope(time_zone, with_zone):
    """The calendar's text before and after its events, written by icalendar once per
    zone and process: the header, and the zone's VTIMEZONE when an event names it."""
    calendar = Calendar()
    calendar.add("prodid", "-//Onward//Job search reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Onward reminders")
    calendar.add("x-wr-timezone", time_zone)
    if with_zone:
        marker = Event()
        marker.add("dtstart", datetime(2000, 1, 1, tzinfo=ZoneInfo(time_zone)))
        calendar.add_component(marker)
        calendar.add_missing_timezones()
        calendar.subcomponents.remove(marker)
    written = calendar.to_ical().decode()
    end = "END:VCALENDAR\r\n"
    return written.removesuffix(end), end


def fingerprint(user, now=None):
    """A short digest of everything the user's feed is made of, read in one query."""
    return state(user, now)[0]


def state(user, now=None):
    """fingerprint(), and the kinds the feed need not read (a tuple for feed()'s
    `skip`): companies with a day to apply again are counted in the same query, so a
    feed without any makes no query for them. Each table is counted from its (owner,
    updated_at) index alone: a poll that gets a 304 reads no row of any table."""
    now = now or timezone.now()
    parts = [
        model.objects.for_user(user)
        .order_by()
        .values(key=Value(model._meta.label))
        .annotate(rows=Count("*"), latest=Max("updated_at"))
        for model in SOURCES
    ]
    parts.append(
        Company.objects.for_user(user)
        .filter(reapply_from__isnull=False)
        .order_by()
        .values(key=Value(REAPPLY_KEY))
        .annotate(rows=Count("*"), latest=Max("updated_at"))
    )
    tables = sorted(
        (row["key"], row["rows"], row["latest"].isoformat() if row["latest"] else "")
        for row in parts[0].union(*parts[1:], all=True)
    )
    skip = (
        ()
        if any(key == REAPPLY_KEY and rows for key, rows, _ in tables)
        else (ReminderKind.REAPPLY,)
    )
    made_of = (
        FORMAT,
        settings.SITE_URL,
        user.pk,
        user.time_zone,
        Silence.of(user).key,
        timezone.localdate(now, timezone=user.zone).isoformat(),
        tables,
    )
    return hashlib.sha256(repr(made_of).encode()).hexdigest()[:32], skip


def cached_feed(user, version, now=None, skip=()):
    """The feed for `version` (a fingerprint(); `skip` as state() says), from the cache
    or written now."""
    cache = caches[CACHE_ALIAS]
    key = f"feed:{user.pk}:{version}"
    body = cache.get(key)
    if body is None:
        body = feed(user, now, skip)
        cache.set(key, body, CACHE_SECONDS)
    return body
