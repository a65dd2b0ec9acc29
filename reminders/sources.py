"""Reminders: one dated list made from dates that already live on the objects.

A contact's next_check_in_on, a drafted feedback request's send_on (after interviews,
a day or two after the "no"), a sent feedback request's follow_up_on, the follow-up
date of the question asked after an answer (dig_deeper_follow_up_on), an application's
follow_up_on, a quiet application (no news, from its last stage change or interview,
for the user's threshold of its stage: reminders/silence.py), a saved application's
closing_on (a few days before it), a company's reapply_from (the day applying there
again makes sense, after a "no"), and upcoming interviews (for information). Nothing in
reminders stores a date of its own: "done" and "snooze" (actions.py) change the object itself.

This module is what each kind of reminder is read from: its query, how to narrow it to
what is due by a day, and how many are due (counts). building.py turns the rows into the
dated list.
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone

from applications.models import Application, Company, Interview, Stage
from contacts.models import Contact
from core import prepared
from feedback.models import FeedbackRequest, Lesson, Rejection
from reminders.kinds import ACTIONABLE, LATER_KINDS, ReminderKind
from reminders.silence import QUIET_STAGES, Silence

ONE_DAY = timedelta(days=1)
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
    ReminderKind.SEND_REQUEST: (
        ["pk", "send_on"],
        {
            "contact_name": F("contact__name"),
            "title": F("rejection__application__title"),
            "company_name": F("rejection__application__company__name"),
            "rejected_on": F("rejection__received_on"),
        },
    ),
    ReminderKind.QUESTION: (
        ["pk", "dig_deeper_sent_on", "dig_deeper_follow_up_on"],
        {
            "contact_name": F("contact__name"),
            "title": F("rejection__application__title"),
            "company_name": F("rejection__application__company__name"),
        },
    ),
    ReminderKind.FOLLOW_UP: (
        ["pk", "title", "stage", "applied_on", "follow_up_on"],
        # Looked up by id and owner, not joined: the calendar feed reads thousands of
        # these, and PostgreSQL would hash every user's companies to join them.
        {
            "company_name": Subquery(
                Company.objects.filter(pk=OuterRef("company_id"), owner=OuterRef("owner"))
                .order_by()
                .values("name")
            )
        },
    ),
    ReminderKind.QUIET: (
        ["pk", "title", "stage", "news_at"],
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


def send_due_by(day):
    return Q(send_on__lte=day)


def question_due_by(day):
    return Q(dig_deeper_follow_up_on__lte=day)


def quiet_due_by(day, user, silence):
    """Applications that have turned quiet by `day`: their last news (`news_at`, kept on
    the row: applications/news.py) came before the start of the day after their stage's
    cutoff."""
    return reduce(
        operator.or_,
        (
            Q(stage=stage, news_at__lt=start_of(silence.cutoff(stage, day) + ONE_DAY, user))
            for stage in QUIET_STAGES
        ),
    )


def closing_due_by(day):
    return Q(closing_on__lte=day + timedelta(days=CLOSING_NOTICE_DAYS))


def reapply_due_by(day):
    return Q(reapply_from__lte=day)


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
    phase, _ = REQUEST_PHASES[ReminderKind.FEEDBACK]
    return (
        FeedbackRequest.objects.for_user(user)
        .filter(phase, follow_up_due_by(until))
        .order_by("follow_up_on", "pk")
    )


# The three kinds a feedback request is a view of, one per status, so a request is at
# most one of them: a draft to send (its send_on), a sent request to chase (its
# follow_up_on), and after an answer, the question asked about it, until answered (its
# dig_deeper_follow_up_on). What makes a request one, and the date it is due on.
REQUEST_PHASES = {
    ReminderKind.SEND_REQUEST: (Q(status=FeedbackRequest.Status.DRAFT), "send_on"),
    ReminderKind.FEEDBACK: (Q(status=FeedbackRequest.Status.SENT), "follow_up_on"),
    ReminderKind.QUESTION: (
        Q(
            status=FeedbackRequest.Status.RECEIVED,
            dig_deeper_sent_on__isnull=False,
            dig_deeper_answered_on__isnull=True,
        ),
        "dig_deeper_follow_up_on",
    ),
}


def requests_to_send(user, until):
    """Feedback requests still drafts whose day to send has come by `until`: until the
    request is marked sent."""
    phase, _ = REQUEST_PHASES[ReminderKind.SEND_REQUEST]
    return (
        FeedbackRequest.objects.for_user(user)
        .filter(phase, send_due_by(until))
        .order_by("send_on", "pk")
    )


def question_follow_ups(user, until):
    """Questions asked after an answer (the dig-deeper message), sent and still without
    an answer, whose follow-up date has come by `until`."""
    phase, _ = REQUEST_PHASES[ReminderKind.QUESTION]
    return (
        FeedbackRequest.objects.for_user(user)
        .filter(phase, question_due_by(until))
        .order_by("dig_deeper_follow_up_on", "pk")
    )


def application_follow_ups(user, until):
    """Active applications whose follow-up date has come by `until`."""
    return (
        Application.objects.for_user(user)
        .active()
        .filter(follow_up_due_by(until))
        .order_by("follow_up_on", "pk")
    )


def quiet_applications(user, until, silence, now=None):
    """Applications applied for, at screening or interviewing with no follow-up date
    set and no news for their stage's threshold (reminders/silence.py) by `until`; each
    is due on the day it turns quiet. One with an interview still to come (news after
    `now`) is waiting for it, not quiet."""
    return (
        Application.objects.for_user(user)
        .filter(stage__in=QUIET_STAGES, follow_up_on__isnull=True)
        .filter(quiet_due_by(until, user, silence), news_at__lte=now or timezone.now())
        .order_by("news_at", "pk")
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


def reapply_dates(user, until):
    """Companies whose day to apply again (reapply_from) has come by `until`: until the
    reminder is done (which clears it) or the date is changed."""
    return (
        Company.objects.for_user(user).filter(reapply_due_by(until)).order_by("reapply_from", "pk")
    )


def reapply_changes():
    """What a reapply reminder says changed since the company's last "no", as values for
    its row, in the row's own query: the last rejection's day and role, how many of the
    user's lessons are done since that day, and how many contacts there are kept."""
    last_no = Rejection.objects.filter(application__company=OuterRef("pk")).order_by(
        "-received_on", "-pk"
    )
    lessons_since = (
        Lesson.objects.filter(
            owner=OuterRef("owner"),
            status=Lesson.Status.DONE,
            done_on__gte=Subquery(
                Rejection.objects.filter(application__company=OuterRef(OuterRef("pk")))
                .order_by("-received_on", "-pk")
                .values("received_on")[:1]
            ),
        )
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    contacts = (
        Contact.objects.filter(company=OuterRef("pk"))
        .order_by()
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {
        "rejected_on": Subquery(last_no.values("received_on")[:1]),
        "rejected_for": Subquery(last_no.values("application__title")[:1]),
        "lessons_since": Subquery(lessons_since),
        "contacts_kept": Subquery(contacts),
    }


ROW_VALUES[ReminderKind.REAPPLY] = (["pk", "name", "reapply_from"], reapply_changes())


def quiet_since(row, user):
    """The day of a quiet application's last news, in the user's calendar."""
    return timezone.localdate(row["news_at"], timezone=user.zone)


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


def sources(user, today, until, kinds=None, now=None, silence=None):
    """For each kind wanted, the Source of what is due by `until`. `silence` is the
    user's (Silence.of) unless given (the count query's, shifted: see counts())."""
    silence = silence or Silence.of(user)
    makers = {
        ReminderKind.CHECK_IN: lambda: Source(check_ins(user, until), check_in_due_by),
        ReminderKind.SEND_REQUEST: lambda: Source(requests_to_send(user, until), send_due_by),
        ReminderKind.FEEDBACK: lambda: Source(feedback_follow_ups(user, until), follow_up_due_by),
        ReminderKind.QUESTION: lambda: Source(question_follow_ups(user, until), question_due_by),
        ReminderKind.FOLLOW_UP: lambda: Source(
            application_follow_ups(user, until), follow_up_due_by
        ),
        ReminderKind.QUIET: lambda: Source(
            quiet_applications(user, until, silence, now),
            lambda day: quiet_due_by(day, user, silence),
        ),
        ReminderKind.INTERVIEW: lambda: Source(
            upcoming_interviews(user, today, until), lambda day: interview_due_by(day, user)
        ),
        ReminderKind.CLOSING: lambda: Source(closing_dates(user, today, until), closing_due_by),
        ReminderKind.REAPPLY: lambda: Source(reapply_dates(user, until), reapply_due_by),
    }
    wanted = set(kinds or ReminderKind.values)
    return {kind: make() for kind, make in makers.items() if kind in wanted}


def row_statement(user, today, until, now, kinds, limit=None, since=None, silence=None):
    """The statement due_rows() runs: each kind's rows due by `until` (from `since` on, if
    given; the first `limit` of each, if given), every kind's columns in one union, a
    column a kind lacks empty (a typed NULL, so that the union's types match)."""
    found = sources(user, today, until, kinds, now=now, silence=silence)
    own, types = {}, {}
    for kind, source in found.items():
        fields, expressions = ROW_VALUES[kind]
        own[kind] = {"reminder_kind": Value(str(kind)), **{name: F(name) for name in fields}}
        own[kind].update(expressions)
        resolved = source.queryset.values(**{f"r_{n}": e for n, e in own[kind].items()})
        for name in own[kind]:  # each column's type, for the kinds that lack it
            types.setdefault(name, resolved.query.annotations[f"r_{name}"].output_field)
    parts = []
    for kind, source in found.items():
        rows = source.queryset
        if since is not None:
            rows = rows.exclude(source.due_by(since - timedelta(days=1)))
        columns = {
            name: own[kind][name] if name in own[kind] else Cast(Value(None), types[name])
            for name in sorted(types)
        }
        parts.append((rows[:limit] if limit is not None else rows, columns))
    return prepared.union_all(parts)


def due_rows(user, today, until, kinds, limit=None, since=None, now=None):
    """[(kind, row)] of every kind in `kinds` due by `until` (see row_statement()), in
    one query, built by the ORM once per shape and process (core/prepared.py)."""
    wanted = [kind for kind in ReminderKind.values if kind in set(kinds)]
    if not wanted:
        return []
    ahead = (until - today).days
    after = None if since is None else (since - today).days
    silence = Silence.of(user)
    quiet = ReminderKind.QUIET in wanted
    shape = (
        "reminders.rows",
        tuple(wanted),
        ahead,
        after,
        limit,
        # The cutoffs in working days depend on the weekday (see Silence.cutoff).
        silence.key if quiet else None,
        today.weekday() if quiet else None,
    )
    real_today = today

    def build(user, today, now):
        since_then = None if after is None else today + timedelta(days=after)
        shifted = silence.shifted(real_today, today)
        return row_statement(
            user, today, today + timedelta(days=ahead), now, wanted, limit, since_then, shifted
        )

    rows = prepared.run(shape, build, user, today, now or timezone.now())
    return [(ReminderKind(row["reminder_kind"]), row) for row in rows]


def count_query(user, today, until, now, kinds=None, also=None, later_until=None, silence=None):
    """The query counts() runs: one aggregate row per kind (see counts()), and `also`'s
    rows after them."""
    found = sources(user, today, until, kinds, now=now, silence=silence)
    if later_until is not None:
        ahead = [kind for kind in found if kind in LATER_KINDS]
        if ahead:  # (no kinds is every kind, to sources())
            found.update(sources(user, today, later_until, ahead, now=now, silence=silence))
    parts = []
    # Every row counted has its owner, and every index a kind is read from starts with
    # it: counting the owner (not the pk, which PostgreSQL's indexes do not hold) lets
    # PostgreSQL count from the index alone, as SQLite does.
    for kind, source in found.items():
        counted = {
            "total": Count("owner"),
            "overdue": Count("owner", filter=source.due_by(today - timedelta(days=1))),
            "due": Count("owner", filter=source.due_by(today)),
        }
        if later_until is not None and kind in LATER_KINDS:
            counted["total"] = Count("owner", filter=source.due_by(until))
            counted["later"] = Count("owner", filter=~source.due_by(until))
        elif later_until is not None:
            counted["later"] = Value(0)
        parts.append(source.queryset.order_by().values(key=Value(str(kind))).annotate(**counted))
    if also is not None:
        nothing = {"overdue": Value(0), "due": Value(0)}
        if later_until is not None:
            nothing["later"] = Value(0)
        parts.append(also(user).annotate(**nothing))
    return parts[0].union(*parts[1:], all=True)


def counts(user, today, until, kinds=None, also=None, now=None, later_until=None):
    """How many reminders are overdue, due today and due by `until`, in one query: one
    aggregate row per kind, each kind read once. Interviews are counted in the total
    only: they are information, not something overdue. `also`, a function of the user
    that returns a values() query of (key, total) rows such as applications per stage
    (a module-level function: its name is part of the statement's shape), rides on the
    same trip; its rows come back under "also". With `later_until`, the same query also
    counts the reminders of LATER_KINDS due after `until` and by `later_until`, under
    "later" (the list's "Later" tab).

    The query is built by the ORM once per shape and process (core/prepared.py): what
    is due is counted from the database on every call, at the cost of the query."""
    wanted = [kind for kind in ReminderKind.values if kind in set(kinds or ReminderKind.values)]
    ahead = until - today
    silence = Silence.of(user)
    later = None if later_until is None else (later_until - today).days
    shape = (
        "reminders.counts",
        tuple(wanted),
        ahead.days,
        # The cutoffs in working days depend on the weekday (see Silence.cutoff).
        silence.key if ReminderKind.QUIET in wanted else None,
        today.weekday() if ReminderKind.QUIET in wanted else None,
        f"{also.__module__}.{also.__qualname__}" if also else None,
        later,
    )
    real_today = today

    def build(user, today, now):
        shifted = silence.shifted(real_today, today)
        later_until = None if later is None else today + timedelta(days=later)
        return count_query(user, today, today + ahead, now, wanted, also, later_until, shifted)

    rows = prepared.run(shape, build, user, today, now or timezone.now())
    by_kind = {row["key"]: row for row in rows if row["key"] in wanted}
    actionable = [kind for kind in wanted if kind != ReminderKind.INTERVIEW]
    overdue = sum(by_kind[kind]["overdue"] for kind in actionable)
    totals = {
        "overdue": overdue,
        "today": sum(by_kind[kind]["due"] for kind in actionable) - overdue,
        "total": sum(row["total"] for row in by_kind.values()),
        "also": {row["key"]: row["total"] for row in rows if row["key"] not in wanted},
        # How many of each kind are due by `until`: a list need not read a kind with none.
        "kinds": {key: row["total"] for key, row in by_kind.items()},
    }
    if later is not None:
        totals["later"] = sum(row["later"] for row in by_kind.values())
    return totals


def due_count(user, today):
    """How many reminders that want action are due today or overdue: one query, for
    the navbar of every page."""
    totals = counts(user, today, today, ACTIONABLE)
    return totals["overdue"] + totals["today"]
