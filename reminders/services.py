"""Reminders: one dated list made from dates that already live on the objects.

A contact's next_check_in_on, a sent feedback request's follow_up_on, an application's
follow_up_on, a quiet application (its stage_changed_at plus the user's
quiet_after_days), and upcoming interviews (for information). Nothing here stores a
date of its own: "done" and "snooze" change the object itself.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.formats import date_format

from applications.models import Application, Interview, Stage
from contacts.models import Contact, Interaction, describe
from core.links import pk_url
from feedback.drafts import message_context, render_draft
from feedback.models import FeedbackRequest, Lesson, Rejection

LIST_DAYS = 30  # /reminders/ looks this far ahead
THIS_WEEK_DAYS = 7
QUIET_STAGES = [Stage.APPLIED, Stage.SCREENING]
NUDGE_AFTER_DAYS = 7  # a nudge or a follow-up is chased again a week later


class ReminderKind(models.TextChoices):
    """A reminder's kind, as it appears in URLs: /reminders/<kind>/<id>/done/."""

    CHECK_IN = "check-in", "Keep in touch"
    FEEDBACK = "feedback", "Feedback follow-up"
    FOLLOW_UP = "follow-up", "Application follow-up"
    QUIET = "quiet", "Quiet application"
    INTERVIEW = "interview", "Interview"


ACTIONABLE = [
    ReminderKind.CHECK_IN,
    ReminderKind.FEEDBACK,
    ReminderKind.FOLLOW_UP,
    ReminderKind.QUIET,
]
KIND_ORDER = list(ReminderKind.values)
SNOOZES = {"1d": (1, "1 day"), "1w": (7, "1 week"), "1m": (30, "1 month")}


@dataclass
class Reminder:
    kind: ReminderKind
    due: date
    title: str
    detail: str
    pk: int  # of the object it concerns: a Contact, FeedbackRequest, Application, Interview
    url: str  # the page of the object it concerns
    at: datetime | None = None  # interviews: when it starts
    done_url: str = ""  # actionable kinds: where its actions post (set by collect)
    snooze_url: str = ""

    @property
    def uid(self):
        return f"{self.kind}-{self.pk}"

    @property
    def actionable(self):
        return self.kind in ACTIONABLE


def days_ago(day, today):
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def month_year(day, today):
    return date_format(day, "F" if day.year == today.year else "F Y")


# Queries: one per kind, each ordered by the day it is due and carrying what its
# titles need (joined or annotated), so a list costs the same number of queries however
# many reminders there are, and a page of them fetches about a page of rows.


# What a reminder of each kind reads of its row, as plain values: a page reads a few
# rows of each kind, and model instances with every field converted cost more than the
# query itself.
ROW_VALUES = {
    ReminderKind.CHECK_IN: (
        [
            *("pk", "name", "title", "relation", "last_contacted_on", "next_check_in_on"),
            *("rejected_for", "rejected_on"),  # annotated by check_ins()
        ],
        {"company_name": F("company__name")},
    ),
    ReminderKind.FEEDBACK: (
        ["pk", "sent_on", "follow_up_on"],
        {
            "contact_name": F("contact__name"),
            "title": F("rejection__application__title"),
            "company_name": F("rejection__application__company__name"),
        },
    ),
    ReminderKind.FOLLOW_UP: (
        ["pk", "title", "stage", "applied_on", "follow_up_on"],
        {"company_name": F("company__name")},
    ),
    ReminderKind.QUIET: (
        ["pk", "title", "stage", "stage_changed_at"],
        {"company_name": F("company__name")},
    ),
    ReminderKind.INTERVIEW: (
        ["pk", "starts_at", "kind", "with_whom", "application_id"],
        {"title": F("application__title"), "company_name": F("application__company__name")},
    ),
}
# The dashboard lists upcoming interviews as model rows: only what it shows.
INTERVIEW_FIELDS = [
    "starts_at",
    "kind",
    "with_whom",
    "application",
    "application__title",
    "application__company",
    "application__company__name",
]


def start_of(day, user):
    return datetime.combine(day, time.min, tzinfo=user.zone)


def check_in_due_by(day):
    return Q(next_check_in_on__lte=day)


def follow_up_due_by(day):
    return Q(follow_up_on__lte=day)


def quiet_due_by(day, user):
    """Applications that have turned quiet by `day`: no stage change since the start of
    the day quiet_after_days before it."""
    return Q(stage_changed_at__lt=start_of(day - timedelta(days=user.quiet_after_days - 1), user))


def interview_due_by(day, user):
    return Q(starts_at__lt=start_of(day + timedelta(days=1), user))


def check_ins(user, until):
    last_rejection = Rejection.objects.filter(
        application__owner=user, application__company=OuterRef("company")
    ).order_by("-received_on", "-pk")
    return (
        Contact.objects.for_user(user)
        .filter(check_in_due_by(until))
        .annotate(
            rejected_for=Subquery(last_rejection.values("application__title")[:1]),
            rejected_on=Subquery(last_rejection.values("received_on")[:1]),
        )
        .order_by("next_check_in_on", "pk")
    )


def feedback_follow_ups(user, until):
    return (
        FeedbackRequest.objects.for_user(user)
        .awaiting_answer()
        .filter(follow_up_due_by(until))
        .order_by("follow_up_on", "pk")
    )


def application_follow_ups(user, until):
    """Active applications whose follow-up date has come by `until`."""
    return (
        Application.objects.for_user(user)
        .active()
        .filter(follow_up_due_by(until))
        .order_by("follow_up_on", "pk")
    )


def quiet_applications(user, until, now=None):
    """Applications sitting in applied or screening for the user's quiet_after_days by
    `until`, with no stage change, no interview and no follow-up date since; each is due
    on the day it turns quiet."""
    now = now or timezone.now()
    recent_interview = Interview.objects.filter(
        application=OuterRef("pk"),
        starts_at__gte=now - timedelta(days=user.quiet_after_days),
    )
    return (
        Application.objects.for_user(user)
        .filter(stage__in=QUIET_STAGES, follow_up_on__isnull=True)
        .filter(quiet_due_by(until, user))
        .exclude(Exists(recent_interview))
        .order_by("stage_changed_at", "pk")
    )


def quiet_since(row, user):
    return timezone.localdate(row["stage_changed_at"], timezone=user.zone)


def upcoming_interviews(user, today, until, since=None):
    """Interviews from the start of `today` (or from `since`) to the end of `until`."""
    return (
        Interview.objects.for_user(user)
        .filter(starts_at__gte=since or start_of(today, user))
        .filter(interview_due_by(until, user))
        .select_related("application__company")
        .only(*INTERVIEW_FIELDS)
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class Source:
    """One kind of reminder: the query of what is due by a day (ordered by the day it
    is due), how to narrow it to what is due by an earlier day, and how a row becomes
    a Reminder."""

    queryset: models.QuerySet
    due_by: Callable[[date], Q]
    build: Callable[[models.Model], Reminder]


def sources(user, today, until, kinds=None):
    """For each kind wanted, the Source of what is due by `until`."""
    links = Links()
    makers = {
        ReminderKind.CHECK_IN: lambda: Source(
            check_ins(user, until),
            check_in_due_by,
            lambda row: check_in_reminder(row, today, links),
        ),
        ReminderKind.FEEDBACK: lambda: Source(
            feedback_follow_ups(user, until),
            follow_up_due_by,
            lambda row: feedback_reminder(row, today, links),
        ),
        ReminderKind.FOLLOW_UP: lambda: Source(
            application_follow_ups(user, until),
            follow_up_due_by,
            lambda row: follow_up_reminder(row, links),
        ),
        ReminderKind.QUIET: lambda: Source(
            quiet_applications(user, until),
            lambda day: quiet_due_by(day, user),
            lambda row: quiet_reminder(row, user, today, links),
        ),
        ReminderKind.INTERVIEW: lambda: Source(
            upcoming_interviews(user, today, until),
            lambda day: interview_due_by(day, user),
            lambda row: interview_reminder(row, user, links),
        ),
    }
    wanted = set(kinds or ReminderKind.values)
    return {kind: make() for kind, make in makers.items() if kind in wanted}


class Links:
    """The pages of a list's rows: one reverse() per kind of link for the whole list
    (see core.links.pk_url)."""

    def __init__(self):
        self.made = {}

    def __call__(self, name, pk, *args):
        if (name, args) not in self.made:
            self.made[name, args] = pk_url(name, *args)
        return self.made[name, args](pk)


# From rows to reminders


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
    else:
        due, at = row["follow_up_on"], 0
    return (due, KIND_ORDER.index(kind), at, row["pk"])


def collect(user, today, until, kinds=None, limit=None, found=None, since=None):
    """The user's reminders due on or before `until` (overdue ones included, or those
    due on or after `since`; interviews from today on), sorted by the day they are due.
    `kinds` narrows them; `limit` keeps the first so many, reading at most that many
    rows of each kind and building only the reminders kept. `found` is the sources()
    already made for the same arguments."""
    rows = []
    for kind, source in (found or sources(user, today, until, kinds)).items():
        fields, expressions = ROW_VALUES[kind]
        fetched = source.queryset.values(*fields, **expressions)
        if since is not None:
            fetched = fetched.exclude(source.due_by(since - timedelta(days=1)))
        if limit is not None:
            fetched = fetched[:limit]
        rows += [(due_key(kind, row, user), row, source.build) for row in fetched]
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


def counts(user, today, until, kinds=None, found=None, also=None):
    """How many reminders are overdue, due today and due by `until`, in one query: one
    aggregate row per kind, each kind read once. Interviews are counted in the total
    only: they are information, not something overdue. `also`, a values() query of
    (key, total) rows such as applications per stage, rides on the same trip; its rows
    come back under "also"."""
    found = found or sources(user, today, until, kinds)
    parts = [
        source.queryset.order_by()
        .values(key=Value(str(kind)))
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=source.due_by(today - timedelta(days=1))),
            due=Count("pk", filter=source.due_by(today)),
        )
        for kind, source in found.items()
    ]
    if also is not None:
        parts.append(also.annotate(overdue=Value(0), due=Value(0)))
    rows = list(parts[0].union(*parts[1:], all=True)) if parts else []
    by_kind = {row["key"]: row for row in rows if row["key"] in found}
    actionable = [kind for kind in found if kind != ReminderKind.INTERVIEW]
    overdue = sum(by_kind[kind]["overdue"] for kind in actionable)
    return {
        "overdue": overdue,
        "today": sum(by_kind[kind]["due"] for kind in actionable) - overdue,
        "total": sum(row["total"] for row in by_kind.values()),
        "also": {row["key"]: row["total"] for row in rows if row["key"] not in found},
    }


def due_count(user, today):
    """How many reminders that want action are due today or overdue: one query, for
    the navbar of every page."""
    totals = counts(user, today, today, ACTIONABLE)
    return totals["overdue"] + totals["today"]


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


# Acting on the object itself


def snooze(kind, obj, days, today):
    """Moves the date on the object on by `days`, counted from today or from the date
    it is due, whichever is later: a snooze never brings a reminder forward."""
    current = obj.next_check_in_on if kind == ReminderKind.CHECK_IN else obj.follow_up_on
    until = max(today, current or today) + timedelta(days=days)
    if kind == ReminderKind.CHECK_IN:
        obj.snooze_check_in(until)
    elif kind in (ReminderKind.FEEDBACK, ReminderKind.FOLLOW_UP, ReminderKind.QUIET):
        obj.follow_up_on = until
        obj.save(update_fields=["follow_up_on", "updated_at"])
    return until


def log_check_in(contact, today, note=""):
    return contact.log_interaction(happened_on=today, kind=Interaction.Kind.CHECK_IN, summary=note)


def complete(kind, obj, form, today):
    """Acts on the object when its reminder is done. Returns what to tell the person."""
    data = form.cleaned_data
    if kind == ReminderKind.CHECK_IN:
        log_check_in(obj, today, data["note"])
        obj.refresh_from_db(fields=["next_check_in_on"])
        if obj.next_check_in_on:
            when = date_format(obj.next_check_in_on, "j F Y")
            return f"Logged. Next check-in with {obj.name}: {when}."
        return f"Logged your check-in with {obj.name}."
    if kind == ReminderKind.FEEDBACK:
        obj.follow_up_on = today + timedelta(days=NUDGE_AFTER_DAYS)
        obj.save(update_fields=["follow_up_on", "updated_at"])
        return "Noted. If no answer comes, Onward reminds you again in a week."
    if kind == ReminderKind.FOLLOW_UP:
        obj.follow_up_on = data["follow_up_on"] if data["outcome"] == "move" else None
        obj.save(update_fields=["follow_up_on", "updated_at"])
        if obj.follow_up_on:
            return f"Next follow-up on {date_format(obj.follow_up_on, 'j F Y')}."
        return "Follow-up done."
    if kind == ReminderKind.QUIET:
        if data["outcome"] == "no_response":
            obj.move_to(Stage.NO_RESPONSE, note="No news; marked as no response", today=today)
            return f"Marked {obj} as no response."
        obj.follow_up_on = today + timedelta(days=NUDGE_AFTER_DAYS)
        obj.save(update_fields=["follow_up_on", "updated_at"])
        return "Nudge noted. If nothing comes back, Onward reminds you in a week."
    raise ValueError(f"No action for {kind}.")


def check_in_draft(contact, user):
    """A friendly check-in that recalls the earlier process and says what is new."""
    rejection = (
        Rejection.objects.for_user(user)
        .filter(application__company=contact.company_id)
        .select_related("application")
        .order_by("-received_on", "-pk")
        .first()
        if contact.company_id
        else None
    )
    lessons = Lesson.objects.for_user(user).filter(status=Lesson.Status.DONE)
    if contact.last_contacted_on:
        lessons = lessons.filter(done_on__gte=contact.last_contacted_on)
    context = {
        "contact": contact,
        "greeting": contact.name.split()[0] if contact.name.strip() else "there",
        "company": contact.company.name if contact.company_id else "",
        "rejection": rejection,
        "lessons": list(lessons.order_by("-done_on")[:3]),
        "signature": user.name,
    }
    return render_draft("reminders/messages/check_in.txt", context)


def nudge_draft(application, user):
    context = message_context(user, application, None)
    return render_draft("reminders/messages/nudge.txt", context)
