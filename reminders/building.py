"""From rows to reminders: each kind's row (see sources.py) made into a Reminder, the
dated list of them (collect, and ReminderList for a Paginator) and its groups."""

from datetime import timedelta

from django.utils import timezone

from applications.models import Interview, Stage
from contacts.models import describe
from core.days import months_after, relative_day
from core.links import pk_url
from core.templatetags.onward import day as day_text  # the date filter's text, sooner
from reminders.kinds import KIND_ORDER, LATER_KINDS, Reminder, ReminderKind
from reminders.silence import Silence
from reminders.sources import CLOSING_NOTICE_DAYS, counts, due_rows, quiet_since

LIST_DAYS = 30  # /reminders/ looks this far ahead
THIS_WEEK_DAYS = 7


def days_ago(day, today):
    """ "today", "yesterday", "92 days ago": whole days of the person's calendar."""
    return relative_day(day, today, exact=True)


def month_year(day, today):
    return day_text(day, "F" if day.year == today.year else "F Y")


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
    silence = Silence.of(user)
    return {
        ReminderKind.CHECK_IN: lambda row: check_in_reminder(row, today, links),
        ReminderKind.SEND_REQUEST: lambda row: send_request_reminder(row, today, links),
        ReminderKind.FEEDBACK: lambda row: feedback_reminder(row, today, links),
        ReminderKind.QUESTION: lambda row: question_reminder(row, today, links),
        ReminderKind.FOLLOW_UP: lambda row: follow_up_reminder(row, links),
        ReminderKind.QUIET: lambda row: quiet_reminder(row, user, today, links, silence),
        ReminderKind.INTERVIEW: lambda row: interview_reminder(row, user, links),
        ReminderKind.CLOSING: lambda row: closing_reminder(row, today, links),
        ReminderKind.REAPPLY: lambda row: reapply_reminder(row, today, links),
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


def send_request_reminder(row, today, links):
    to = f" to {row['contact_name']}" if row["contact_name"] is not None else ""
    return Reminder(
        kind=ReminderKind.SEND_REQUEST,
        due=row["send_on"],
        title=f"Send your feedback request{to} about {row['title']} at {row['company_name']}.",
        detail=f"The “no” came {days_ago(row['rejected_on'], today)}: a day or two later is "
        "a good time to ask. The draft is ready.",
        pk=row["pk"],
        url=links("feedback:detail", row["pk"]),
    )


def question_reminder(row, today, links):
    to = f" to {row['contact_name']}" if row["contact_name"] is not None else ""
    return Reminder(
        kind=ReminderKind.QUESTION,
        due=row["dig_deeper_follow_up_on"],
        title=f"Follow up your question{to} about {row['title']} at {row['company_name']}.",
        detail=f"Asked {days_ago(row['dig_deeper_sent_on'], today)}; no answer recorded yet.",
        pk=row["pk"],
        url=links("feedback:detail", row["pk"]),
    )


def follow_up_reminder(row, links):
    applied = f"Applied {day_text(row['applied_on'], 'j M')}" if row["applied_on"] else None
    return Reminder(
        kind=ReminderKind.FOLLOW_UP,
        due=row["follow_up_on"],
        title=f"Follow up on {row['title']} at {row['company_name']}.",
        detail=f"{applied or 'Not applied yet'}; now at {Stage(row['stage']).label.lower()}.",
        pk=row["pk"],
        url=links("applications:detail", row["pk"]),
    )


def quiet_reminder(row, user, today, links, silence):
    since = quiet_since(row, user)
    stage = Stage(row["stage"])
    quiet_days = (today - since).days
    return Reminder(
        kind=ReminderKind.QUIET,
        due=silence.due_on(stage, since),
        title=f"No news about {row['title']} at {row['company_name']} since "
        f"{day_text(since, 'j M')}.",
        detail=f"{quiet_days} day{'' if quiet_days == 1 else 's'} without news "
        f"{silence.wording(stage)}. Send a polite nudge: the draft is ready.",
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
        detail=f"Closing date {day_text(row['closing_on'], 'l j F')}; you saved it but "
        "haven’t applied yet.",
        pk=row["pk"],
        url=links("applications:detail", row["pk"]),
    )


def reapply_reminder(row, today, links):
    """A company's day to apply again has come: what changed since its last "no"."""
    parts = []
    if row["rejected_on"]:
        parts.append(
            f"They said no to {row['rejected_for']} in {month_year(row['rejected_on'], today)}"
        )
        lessons = row["lessons_since"] or 0
        parts.append(f"{lessons or 'no'} lesson{'' if lessons == 1 else 's'} done since")
    contacts = row["contacts_kept"] or 0
    if contacts:
        parts.append(f"{contacts} contact{'' if contacts == 1 else 's'} kept there")
    else:
        parts.append("no one recorded there yet")
    detail = "; ".join(parts)
    return Reminder(
        kind=ReminderKind.REAPPLY,
        due=row["reapply_from"],
        title=f"You can apply to {row['name']} again.",
        detail=detail[0].upper() + detail[1:] + ".",
        pk=row["pk"],
        url=links("companies:detail", row["pk"]),
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


def due_key(kind, row, user, silence):
    """How a row sorts among reminders: the day it is due, then its kind, then when.
    `silence` is the user's (Silence.of)."""
    if kind == ReminderKind.CHECK_IN:
        due, at = row["next_check_in_on"], 0
    elif kind == ReminderKind.SEND_REQUEST:
        due, at = row["send_on"], 0
    elif kind == ReminderKind.QUESTION:
        due, at = row["dig_deeper_follow_up_on"], 0
    elif kind == ReminderKind.QUIET:
        due = silence.due_on(Stage(row["stage"]), quiet_since(row, user))
        at = 0
    elif kind == ReminderKind.INTERVIEW:
        due, at = timezone.localdate(row["starts_at"], user.zone), row["starts_at"].timestamp()
    elif kind == ReminderKind.CLOSING:
        due, at = row["closing_on"] - timedelta(days=CLOSING_NOTICE_DAYS), 0
    elif kind == ReminderKind.REAPPLY:
        due, at = row["reapply_from"], 0
    else:
        due, at = row["follow_up_on"], 0
    return (due, KIND_ORDER.index(kind), at, row["pk"])


def collect(user, today, until, kinds=None, limit=None, since=None, actions=True):
    """The user's reminders due on or before `until` (overdue ones included, or those
    due on or after `since`; interviews from today on), sorted by the day they are due.
    `kinds` narrows them; `limit` keeps the first so many, reading at most that many
    rows of each kind and building only the reminders kept. With `actions` off, the
    reminders have no done and snooze links (the calendar feed has no buttons). One
    query (due_rows)."""
    build_for = builders(user, today)
    silence = Silence.of(user)
    rows = [
        (due_key(kind, row, user, silence), row, build_for[kind])
        for kind, row in due_rows(user, today, until, kinds or ReminderKind.values, limit, since)
    ]
    rows.sort(key=lambda item: item[0])
    if limit is not None:
        rows = rows[:limit]
    reminders = [build(row) for _, row, build in rows]
    if actions:
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
        self.totals = totals or counts(user, today, until, kinds)
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
        upto = collect(self.user, self.today, self.until, self.kinds, limit=limit)
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


# "Later": what is set for after the list's LIST_DAYS, up to a year ahead (the kinds
# of reminders.kinds.LATER_KINDS).
LATER_MONTHS = 12


def later_window(today):
    """The first and last day "later" covers: from the day after the list's LIST_DAYS
    to the same day LATER_MONTHS months on."""
    return today + timedelta(days=LIST_DAYS + 1), months_after(today, LATER_MONTHS)


class LaterList:
    """The reminders due after the list's LIST_DAYS and within LATER_MONTHS months, as a
    sequence a Paginator pages through (as ReminderList): its length is counted with
    the due list's counts (counts(later_until=...), one query), and a page reads at most
    the rows it needs of each kind (one query). `kinds` narrows them, as on the list; a
    kind "later" leaves out gives nothing."""

    def __init__(self, user, today, kinds=None):
        self.user, self.today = user, today
        self.since, self.until = later_window(today)
        self.kinds = [kind for kind in LATER_KINDS if not kinds or kind in kinds]
        self.total = None

    def count(self):
        if self.total is None and not self.kinds:
            self.total = 0
        if self.total is None:
            list_until = self.since - timedelta(days=1)
            totals = counts(self.user, self.today, list_until, self.kinds, later_until=self.until)
            self.total = totals["later"]
        return self.total

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("LaterList is read a page (a slice) at a time.")
        if not self.kinds:
            return []
        upto = collect(
            self.user, self.today, self.until, self.kinds, limit=page.stop, since=self.since
        )
        return upto[page]


def by_month(reminders):
    """Reminders (sorted by the day they are due) in groups per calendar month, oldest
    first: [{"month": the month's first day, "reminders": [...]}]."""
    groups = []
    for reminder in reminders:
        month = reminder.due.replace(day=1)
        if not groups or groups[-1]["month"] != month:
            groups.append({"month": month, "reminders": []})
        groups[-1]["reminders"].append(reminder)
    return groups
