"""The one statement behind /insights/'s figures: every count the page shows, as the
rows of a UNION ALL of small grouped queries over the owner's rows, each read from an
index that holds all it needs.

The ORM builds the statement once per process and zone (core/prepared.py): building
and compiling six grouped queries cost it longer than the database takes to answer
them. Each part's rows carry its name in `part` and only the columns it needs; every
part has every column (a NULL where it has nothing, typed: PostgreSQL types the columns
of a union from all its parts):

- "funnel": applications per `name` (source) and `number` (the furthest stage reached,
  its rank);
- "day": applications per `day` applied, from 83 days before today (the earliest
  Monday of the last WEEKS weeks is at most that far back) to the end of the week (at
  most 6 days ahead); week_figures() folds the days of its weeks into them;
- "rejection": rejections per `name` (the stage they came at);
- "mood": reflections with a mood per `number` (the mood) and `other_number` (the month
  of the last MOOD_MONTHS, in the user's zone, see MonthIndex), read from the user's
  reflections (their owner is their rejection's: Reflection.save());
- "request": feedback requests per `name` (status), `number` (1: a generic answer) and
  `other_number` (days from sending to the answer, NULL without both dates);
- "lesson": lessons per `name` (kind) and `other` (status).
"""

import dataclasses
import datetime as dt

from django.db.models import Count, DateField, F, IntegerField, TextField, Value
from django.db.models.functions import Cast

from applications.models import Application
from core import prepared
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from insights.figures.expressions import DaysBetween, MonthIndex
from insights.figures.mood import month_starts
from insights.figures.weeks import WEEKS

PARTS = ("funnel", "day", "rejection", "mood", "request", "lesson")
# Every day a week of week_figures() may hold, from today: its Monday is at most 6 days
# back, the first of WEEKS weeks that many weeks before; its Sunday at most 6 ahead.
FIRST_DAY = -(6 + 7 * (WEEKS - 1))
AFTER_LAST_DAY = 7


class Nothing(Cast):
    """NULL, typed as `field`: a constant, so never one of the columns grouped by."""

    def __init__(self, field):
        super().__init__(Value(None), field)

    def get_group_by_cols(self):
        return []


def part(label, rows, **columns):
    """A part of the union: `rows` read as every column, with what `columns` gives."""
    found = {
        "part": Value(label),
        "name": Nothing(TextField()),
        "other": Nothing(TextField()),
        "number": Nothing(IntegerField()),
        "other_number": Nothing(IntegerField()),
        "day": Nothing(DateField()),
    }
    return rows.order_by(), {**found, **columns, "n": Count("*")}


def statement(user, today, now=None):
    """The union of every part, for build() of prepared.run (the stand-in user and day)."""
    bounds = [dt.datetime.combine(day, dt.time(), tzinfo=user.zone) for day in month_starts(today)]
    applications = Application.objects.for_user(user)
    reflections = Reflection.objects.filter(
        owner=user, created_at__gte=bounds[0], created_at__lt=bounds[-1], mood__isnull=False
    )
    union = prepared.union_all(
        [
            part("funnel", applications, name=F("source"), number=F("reached")),
            part(
                "day",
                applications.filter(
                    applied_on__gte=today + dt.timedelta(days=FIRST_DAY),
                    applied_on__lt=today + dt.timedelta(days=AFTER_LAST_DAY),
                ),
                day=F("applied_on"),
            ),
            part("rejection", Rejection.objects.for_user(user), name=F("at_stage")),
            part(
                "mood",
                reflections,
                number=F("mood"),
                other_number=MonthIndex(F("created_at"), bounds),
            ),
            part(
                "request",
                FeedbackRequest.objects.for_user(user),
                name=F("status"),
                number=Cast(F("is_generic"), IntegerField()),
                other_number=DaysBetween("received_on", "sent_on"),
            ),
            part("lesson", Lesson.objects.for_user(user), name=F("category"), other=F("status")),
        ]
    )
    # Both databases give every other column as text or a whole number already: only the
    # day (text on SQLite) is converted, not each count of every row again.
    day = union.names.index("day")
    kept = {day: union.converters[day]} if day in union.converters else {}
    return dataclasses.replace(union, converters=kept)


def counted(user, today):
    """{part: its rows} for `user` on their `today`: one query."""
    found = {name: [] for name in PARTS}
    for row in prepared.run("insights.figures", statement, user, today, None):
        found[row["part"]].append(row)
    return found
