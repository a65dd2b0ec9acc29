"""Reminders: one dated list made from dates that already live on the objects.

A contact's next_check_in_on, a sent feedback request's follow_up_on, an application's
follow_up_on, a quiet application (its stage_changed_at plus the user's
quiet_after_days), a saved application's closing_on (a few days before it), and upcoming
interviews (for information). Nothing in reminders
stores a date of its own: "done" and "snooze" (actions.py) change the object itself.

This module is what each kind of reminder is read from: its query, how to narrow it to
what is due by a day, and how many are due (counts). building.py turns the rows into the
dated list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.utils import timezone

from applications.models import Application, Interview, Stage
from contacts.models import Contact
from feedback.models import FeedbackRequest, Rejection
from reminders.kinds import ACTIONABLE, ReminderKind

QUIET_STAGES = [Stage.APPLIED, Stage.SCREENING]
# A saved application's closing date is a reminder this many days before it.
CLOSING_NOTICE_DAYS = 3


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
    ReminderKind.CLOSING: (
        ["pk", "title", "closing_on"],
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


def closing_due_by(day):
    return Q(closing_on__lte=day + timedelta(days=CLOSING_NOTICE_DAYS))


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


def closing_dates(user, today, until):
    """Saved (not yet applied for) applications whose closing date comes within
    CLOSING_NOTICE_DAYS of `until` and has not passed by `today`: each is due that many
    days before it closes."""
    return (
        Application.objects.for_user(user)
        .filter(stage=Stage.SAVED, closing_on__gte=today)
        .filter(closing_due_by(until))
        .order_by("closing_on", "pk")
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
    is due), and how to narrow it to what is due by an earlier day."""

    queryset: models.QuerySet
    due_by: Callable[[date], Q]


def sources(user, today, until, kinds=None):
    """For each kind wanted, the Source of what is due by `until`."""
    makers = {
        ReminderKind.CHECK_IN: lambda: Source(check_ins(user, until), check_in_due_by),
        ReminderKind.FEEDBACK: lambda: Source(feedback_follow_ups(user, until), follow_up_due_by),
        ReminderKind.FOLLOW_UP: lambda: Source(
            application_follow_ups(user, until), follow_up_due_by
        ),
        ReminderKind.QUIET: lambda: Source(
            quiet_applications(user, until), lambda day: quiet_due_by(day, user)
        ),
        ReminderKind.INTERVIEW: lambda: Source(
            upcoming_interviews(user, today, until), lambda day: interview_due_by(day, user)
        ),
        ReminderKind.CLOSING: lambda: Source(closing_dates(user, today, until), closing_due_by),
    }
    wanted = set(kinds or ReminderKind.values)
    return {kind: make() for kind, make in makers.items() if kind in wanted}


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
        # How many of each kind are due by `until`: a list need not read a kind with none.
        "kinds": {key: row["total"] for key, row in by_kind.items()},
    }


def due_count(user, today):
    """How many reminders that want action are due today or overdue: one query, for
    the navbar of every page."""
    totals = counts(user, today, today, ACTIONABLE)
    return totals["overdue"] + totals["today"]
