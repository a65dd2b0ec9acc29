"""core/prepared.py: a statement built once with stand-ins and filled with real values
is the statement the ORM builds with those values, in any zone, on any day (clock
changes included), and what it counts is what the ORM's own query counts."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from core import prepared
from insights.views import applications_per_stage
from reminders import sources
from reminders.kinds import ACTIONABLE
from reminders.silence import Silence
from tests.factories import build_pipeline
from tests.reminders.builders import add_reminders

pytestmark = pytest.mark.django_db

ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"]
DAYS = [
    date(2026, 3, 29),  # the clocks go forward in London
    date(2026, 10, 25),  # and back
    date(2026, 11, 1),  # and in New York
    date(2027, 2, 28),
    date(2028, 2, 29),
    date(2026, 3, 27),  # a Friday before the clocks go forward: working days cross both
    date(2026, 3, 30),  # the Monday after
    date(2026, 10, 28),  # a Wednesday
]
SHAPES = [
    (None, 0, None),
    (ACTIONABLE, 0, None),
    (ACTIONABLE, 0, applications_per_stage),
    (None, 30, None),
    (["check-in"], 30, None),
]


@pytest.mark.parametrize("zone", ZONES)
def test_the_filled_statement_is_the_one_the_orm_builds(user, zone):
    user.time_zone = zone
    user.quiet_applied_days = 10
    user.quiet_interview_workdays = 7  # not whole weeks: the cutoff moves with the weekday
    for kinds, ahead, also in SHAPES:
        wanted = kinds or None
        for day in DAYS:
            # As counts() builds it: the cutoffs in working days for the real day's weekday.
            def build(user, today, now, wanted=wanted, ahead=ahead, also=also, real=day):
                silence = Silence.of(user).shifted(real, today)
                return sources.count_query(
                    user, today, today + timedelta(days=ahead), now, wanted, also, silence
                )

            sql, slots = prepared.prepare(build, user)
            now = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=13)
            expected = build(user, day, now).query.sql_with_params()
            assert (sql, prepared.fill(slots, user, day, now)) == (sql, list(expected[1]))
            assert expected[0] == sql


def orm_counts(user, today, until, kinds=None):
    """What counts() answers, counted with the ORM's own queries, kind by kind."""
    found = sources.sources(user, today, until, kinds)
    totals = {"overdue": 0, "today": 0, "total": 0}
    for kind, source in found.items():
        rows = source.queryset
        totals["total"] += rows.count()
        if kind != "interview":
            overdue = rows.filter(source.due_by(today - timedelta(days=1))).count()
            totals["overdue"] += overdue
            totals["today"] += rows.filter(source.due_by(today)).count() - overdue
    return totals


@pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Chatham"])
def test_prepared_counts_are_the_orm_counts(user, zone):
    user.time_zone = zone
    user.save()
    build_pipeline(user, 20)
    add_reminders(user, 12)
    today = user.today()
    for until in (today, today + timedelta(days=30)):
        counted = sources.counts(user, today, until)
        assert {name: counted[name] for name in ("overdue", "today", "total")} == orm_counts(
            user, today, until
        )
        assert counted["total"] > 0


def test_a_statement_made_one_day_counts_right_on_another(user):
    """counts() keeps its statement for the process: made on one day, used on the
    next ones, it counts what is due on each of them."""
    build_pipeline(user, 20)
    add_reminders(user, 12)
    prepared._statements.clear()
    start = datetime(2026, 12, 3, 12, tzinfo=UTC)
    for days in (0, 1, 9, 40):
        with time_machine.travel(start + timedelta(days=days), tick=False):
            today = user.today()
            for until in (today, today + timedelta(days=30)):
                counted = sources.counts(user, today, until)
                assert {name: counted[name] for name in ("overdue", "today", "total")} == (
                    orm_counts(user, today, until)
                )


def test_a_real_day_in_a_statement_is_refused(user):
    def build(user, today, now):
        return sources.count_query(user, today, date(2026, 12, 3), now)

    with pytest.raises(ValueError, match="not made from the stand-ins"):
        prepared.prepare(build, user)
