"""From rows to reminders: each kind's row (see sources.py) made into a Reminder, the
dated list of them (collect, and ReminderList for a Paginator) and its groups."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format

from applications.models import Interview, Stage
from contacts.models import describe
from core.links import pk_url
from reminders.kinds import KIND_ORDER, Reminder, ReminderKind
from reminders.sources import CLOSING_NOTICE_DAYS, ROW_VALUES, counts, quiet_since, sources

LIST_DAYS = 30  # /reminders/ looks this far ahead
THIS_WEEK_DAYS = 7


def days_ago(day, today):
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def month_year(day, today):
    return date_format(day, "F" if day.year == today.year else "F Y")


class Links:
    """The pages of a list's rows: one reverse() per kind of link for the whole list
    (see core.links.pk_url)."""

    def __init__(self):
        self.made = {}

    def __call__(self, name, pk, *args):
        if (name, args) not in self.made:
            self.made[name, args] = pk_url(name, *args)
        return self.made[name, args](pk)


def builders(user, today):
    """For each kind, how one of its rows becomes a Reminder; one Links for the list."""
    links = Links()
    return {
        ReminderKind.CHECK_IN: lambda row: check_in_reminder(row, today, links),
        ReminderKind.FEEDBACK: lambda row: feedback_reminder(row, today, links),
        ReminderKind.FOLLOW_UP: lambda row: follow_up_reminder(row, links),
        ReminderKind.QUIET: lambda row: quiet_reminder(row, user, today, links),
        ReminderKind.INTERVIEW: lambda row: interview_reminder(row, user, links),
        ReminderKind.CLOSING: lambda row: closing_reminder(row, today, links),
    }


def check_in_reminder(row, today, links):
    who = describe(row["name"], row["title"], row["relation"], row["company_name"])
    parts = []
    if row["last_contacted_on"]:
        parts.append(f"Last contact {days_ago(row['last_contacted_on'], today)}")
    else:
        parts.append("No contact logged yet")
    if row["rejected_for"]:
        parts.append(
            f"they turned you down for {row['rejected_for']} in "
            f"{month_year(row['rejected_on'], today)}"
        )
    return Reminder(
        kind=ReminderKind.CHECK_IN,
        due=row["next_check_in_on"],
        title=f"Check in with {who}.",
        detail="; ".join(parts) + ".",
        pk=row["pk"],
        url=links("contacts:detail", row["pk"]),
    )


def feedback_reminder(row, today, links):
    to = f" to {row['contact_name']}" if row["contact_name"] is not None else ""
    sent = f"Sent {days_ago(row['sent_on'], today)}" if row["sent_on"] else "Sent"
    return Reminder(
        kind=ReminderKind.FEEDBACK,
        due=row["follow_up_on"],
        title=f"Follow up your feedback request{to} about {row['title']} at {row['company_name']}.",
        detail=f"{sent}; no answer recorded yet.",
        pk=row["pk"],
        url=links("feedback:detail", row["pk"]),
    )


def follow_up_reminder(row, links):
    applied = f"Applied {date_format(row['applied_on'], 'j M')}" if row["applied_on"] else None
    return Reminder(
        kind=ReminderKind.FOLLOW_UP,
        due=row["follow_up_on"],
        title=f"Follow up on {row['title']} at {row['company_name']}.",
        detail=f"{applied or 'Not applied yet'}; now at {Stage(row['stage']).label.lower()}.",
        pk=row["pk"],
        url=links("applications:detail", row["pk"]),
    )


def quiet_reminder(row, user, today, links):
    since = quiet_since(row, user)
    return Reminder(
        kind=ReminderKind.QUIET,
        due=since + timedelta(days=user.quiet_after_days),
        title=f"No news about {row['title']} at {row['company_name']} since "
        f"{date_format(since, 'j M')}.",
        detail=f"{Stage(row['stage']).label} for {(today - since).days} days. "
        "Send a polite nudge, or mark it as no response.",
        pk=row["pk"],
        url=links("applications:detail", row["pk"]),
    )


def closing_reminder(row, today, links):
    days = (row["closing_on"] - today).days
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
    return Reminder(
        kind=ReminderKind.CLOSING,
        due=row["closing_on"] - timedelta(days=CLOSING_NOTICE_DAYS),
        title=f"Apply for {row['title']} at {row['company_name']}: the advert closes {when}.",
        detail=f"Closing date {date_format(row['closing_on'], 'l j F')}; you saved it but "
        "haven’t applied yet.",
        pk=row["pk"],
        url=links("applications:detail", row["pk"]),
    )


def interview_reminder(row, user, links):
    starts = timezone.localtime(row["starts_at"], user.zone)
    who = f" with {row['with_whom']}" if row["with_whom"] else ""
    return Reminder(
        kind=ReminderKind.INTERVIEW,
        due=starts.date(),
        title=f"{Interview.Kind(row['kind']).label} interview for {row['title']} at "
        f"{row['company_name']}, {starts:%H:%M}.",
        detail=f"Interview{who}. Good luck!",
        pk=row["pk"],
        url=links("applications:detail", row["application_id"]),
        at=row["starts_at"],
    )


def due_key(kind, row, user):
    """How a row sorts among reminders: the day it is due, then its kind, then when."""
    if kind == ReminderKind.CHECK_IN:
        due, at = row["next_check_in_on"], 0
    elif kind == ReminderKind.QUIET:
        due, at = quiet_since(row, user) + timedelta(days=user.quiet_after_days), 0
    elif kind == ReminderKind.INTERVIEW:
        due, at = timezone.localdate(row["starts_at"], user.zone), row["starts_at"].timestamp()
    elif kind == ReminderKind.CLOSING:
        due, at = row["closing_on"] - timedelta(days=CLOSING_NOTICE_DAYS), 0
    else:
        due, at = row["follow_up_on"], 0
    return (due, KIND_ORDER.index(kind), at, row["pk"])


def collect(user, today, until, kinds=None, limit=None, found=None, since=None):
    """The user's reminders due on or before `until` (overdue ones included, or those
    due on or after `since`; interviews from today on), sorted by the day they are due.
    `kinds` narrows them; `limit` keeps the first so many, reading at most that many
    rows of each kind and building only the reminders kept. `found` is the sources()
    already made for the same arguments (see sources.py)."""
    rows = []
    build_for = builders(user, today)
    for kind, source in (found or sources(user, today, until, kinds)).items():
        fields, expressions = ROW_VALUES[kind]
        fetched = source.queryset.values(*fields, **expressions)
        if since is not None:
            fetched = fetched.exclude(source.due_by(since - timedelta(days=1)))
        if limit is not None:
            fetched = fetched[:limit]
        rows += [(due_key(kind, row, user), row, build_for[kind]) for row in fetched]
    rows.sort(key=lambda item: item[0])
    if limit is not None:
        rows = rows[:limit]
    reminders = [build(row) for _, row, build in rows]
    add_action_links(reminders)
    return reminders


def add_action_links(reminders):
    """Where each actionable reminder's done and snooze go: one reverse() per kind and
    action for the whole list (see core.links.pk_url)."""
    links = {}
    for reminder in reminders:
        if reminder.actionable:
            if reminder.kind not in links:
                links[reminder.kind] = (
                    pk_url("reminders:done", reminder.kind),
                    pk_url("reminders:snooze", reminder.kind),
                )
            done, snooze = links[reminder.kind]
            reminder.done_url = done(reminder.pk)
            reminder.snooze_url = snooze(reminder.pk)


def group(reminders, today):
    """Overdue, today, this week and later, each a list (possibly empty)."""
    week_end = today + timedelta(days=THIS_WEEK_DAYS)
    groups = {"overdue": [], "today": [], "week": [], "later": []}
    for reminder in reminders:
        if reminder.due < today:
            groups["overdue"].append(reminder)
        elif reminder.due == today:
            groups["today"].append(reminder)
        elif reminder.due <= week_end:
            groups["week"].append(reminder)
        else:
            groups["later"].append(reminder)
    return groups


class ReminderList:
    """The reminders due by `until` as a sequence a Paginator can page through: its
    length comes from one count query, and a page reads only the rows it needs."""

    def __init__(self, user, today, until, kinds=None, totals=None, per_page=None):
        """`totals` is counts() for the same arguments when it is already known (kept
        from an earlier page); with `per_page`, reading a page also tells whether its
        rows agree with them (see agrees())."""
        self.user, self.today, self.until, self.kinds = user, today, until, kinds
        self.sources = sources(user, today, until, kinds)
        self.totals = totals or counts(user, today, until, found=self.sources)
        self.per_page = per_page
        self.read = None  # (where the page read starts, how many rows there are from it)

    def count(self):
        return self.totals["total"]

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("ReminderList is read a page (a slice) at a time.")
        start = page.start or 0
        # A page and one more row, whatever the totals say: enough to tell a page the
        # totals cut short or a total with rows that have gone.
        limit = page.stop if self.per_page is None else start + self.per_page + 1
        upto = collect(self.user, self.today, self.until, limit=limit, found=self.sources)
        self.read = (start, len(upto) - start)
        return upto[page]

    def agrees(self):
        """Whether the page read has the rows the totals promise: totals kept from before
        a change made elsewhere may not."""
        if self.read is None or self.per_page is None:
            return True
        start, found = self.read
        most = self.per_page + 1
        return min(found, most) == min(max(self.count() - start, 0), most)
