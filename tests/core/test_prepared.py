"""core/prepared.py: a statement built once with stand-ins and filled with real values
is the statement the ORM builds with those values, in any zone, on any day (clock
changes included), and what it counts is what the ORM's own query counts."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.db.models import Count

from applications.models import Application
from core import prepared
from insights.figures import counts
from insights.views import applications_per_stage
from reminders import sources
from reminders.kinds import ACTIONABLE, LATER_KINDS, ReminderKind
from reminders.silence import Silence
from tests.factories import ApplicationFactory, build_pipeline
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
                    user, today, today + timedelta(days=ahead), now, wanted, also, silence=silence
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


def orm_rows(user, today, until, since=None):
    """What due_rows() answers, read with the ORM's own queries, kind by kind."""
    rows = set()
    for kind, source in sources.sources(user, today, until).items():
        fields, expressions = sources.ROW_VALUES[kind]
        found = source.queryset
        if since is not None:
            found = found.exclude(source.due_by(since - timedelta(days=1)))
        for row in found.values(*fields, **expressions):
            rows.add((kind, tuple(sorted(row.items()))))
    return rows


def read_rows(user, today, until, since=None):
    rows = set()
    for kind, row in sources.due_rows(user, today, until, ReminderKind.values, since=since):
        fields, expressions = sources.ROW_VALUES[kind]
        own = {name: row[name] for name in [*fields, *expressions]}
        rows.add((kind, tuple(sorted(own.items()))))
    return rows


@pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Chatham"])
def test_prepared_rows_are_the_orm_rows_converted_alike(user, zone):
    """Every kind's rows in one prepared union: the values the ORM's own queries read,
    days as days and moments as aware moments, on the day it was made and later ones."""
    user.time_zone = zone
    user.save()
    build_pipeline(user, 20)
    add_reminders(user, 12)
    prepared._statements.clear()
    start = datetime(2026, 12, 3, 12, tzinfo=UTC)
    seen = set()
    for days in (0, 1, 40):
        with time_machine.travel(start + timedelta(days=days), tick=False):
            today = user.today()
            for until, since in ((today, None), (today + timedelta(days=365), today)):
                read = read_rows(user, today, until, since)
                assert read == orm_rows(user, today, until, since)
                seen |= read
    assert len(seen) > 5
    kinds = {kind for kind, _ in seen}
    assert {ReminderKind.CHECK_IN, ReminderKind.FOLLOW_UP, ReminderKind.INTERVIEW} <= kinds


def test_the_later_count_rides_on_the_due_counts(user):
    """counts(later_until=...) counts, besides what is due by `until`, the reminders of
    LATER_KINDS due after it and by `later_until`; the due figures are unchanged."""
    build_pipeline(user, 20)
    add_reminders(user, 12)
    today = user.today()
    until, later_until = today + timedelta(days=30), today + timedelta(days=365)
    for days in (31, 60, 365, 366):
        ApplicationFactory(owner=user, stage="applied", follow_up_on=today + timedelta(days=days))
    counted = sources.counts(user, today, until, later_until=later_until)
    plain = sources.counts(user, today, until)
    assert {name: counted[name] for name in ("overdue", "today", "total", "kinds")} == {
        name: plain[name] for name in ("overdue", "today", "total", "kinds")
    }
    for kind in ReminderKind.values:  # one kind, as ?kind= narrows the list
        one = sources.counts(user, today, until, [kind], later_until=later_until)
        alone = sources.counts(user, today, until, [kind])
        assert [one[name] for name in ("overdue", "today", "total", "kinds")] == [
            alone[name] for name in ("overdue", "today", "total", "kinds")
        ]
        assert one["also"] == {}
        if kind not in LATER_KINDS:
            assert one["later"] == 0
    later = 0
    for source in sources.sources(user, today, later_until, LATER_KINDS).values():
        later += source.queryset.exclude(source.due_by(until)).count()
    assert counted["later"] == later >= 3


def test_sqlite_statements_take_text_and_numbers_written_in():
    """On SQLite a statement's text and whole-number constants are written in as
    literals (so that a partial index's condition matches), quoted safely; any other
    value stays a parameter."""
    slots = [
        prepared.Slot("constant", "it's 100%"),
        prepared.Slot("constant", 7),
        prepared.Slot("constant", True),
        prepared.Slot("constant", None),
        prepared.Slot("pk"),
    ]
    sql, kept = prepared.sqlite_statement("SELECT %s, %s, %s, %s, %s, '%%'", slots)

    assert sql == "SELECT 'it''s 100%%', 7, %s, %s, %s, '%%'"
    assert kept == slots[2:]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(sql, [True, None, 5])
            assert cursor.fetchone() == ("it's 100%", 7, 1, None, 5, "%")


@pytest.mark.parametrize("zone", ZONES)
def test_months_are_filled_in_for_the_day(user, zone):
    """A statement bounded by months (/insights/' moods: the local midnights that start
    the last twelve months) is filled in for each day as the ORM builds it on that day,
    across the turn of a month and of a year."""
    user.time_zone = zone
    sql, slots = prepared.prepare(counts.statement, user)
    assert {slot.source for slot in slots} >= {"pk", "day", "month"}
    for day in [*DAYS, date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 31)]:
        expected = counts.statement(user, day)
        assert expected.sql == sql
        assert prepared.fill(slots, user, day, None) == list(expected.params)


def test_month_start_counts_months_from_today_and_from_the_stand_in():
    assert prepared.month_start(date(2027, 1, 31), -11) == date(2026, 2, 1)
    assert prepared.month_start(date(2026, 12, 3), 1) == date(2027, 1, 1)
    assert prepared.month_start(prepared.STAND_IN_DAY) == prepared.STAND_IN_MONTH
    assert prepared.slot_of(date(3333, 1, 1), UTC) == prepared.Slot("month", -2)
    with pytest.raises(ValueError, match="not the first of a month"):
        prepared.slot_of(date(3333, 1, 2), UTC)


def test_a_statement_counts_per_its_other_columns_and_only_in_its_last_ones(user):
    build_pipeline(user, 12)

    def build(user, today, now):
        rows = Application.objects.for_user(user).order_by()
        return prepared.selected(rows, {"stage": "stage", "n": Count("*")})

    counted = prepared.run("test.per_stage", build, user, None, None)
    expected = {}
    for stage in Application.objects.for_user(user).values_list("stage", flat=True):
        expected[stage] = expected.get(stage, 0) + 1
    assert {row["stage"]: row["n"] for row in counted} == expected
    with pytest.raises(ValueError, match="aggregates are its last columns"):
        prepared.selected(Application.objects.all(), {"n": Count("*"), "stage": "stage"})


def test_a_statement_about_one_row_is_filled_with_that_row(user, other_user):
    """run(of=pk): a company page's history, its statement made once for a stand-in
    company, is for each company and user what the ORM's query for them reads."""
    from feedback.reengagement import company_history, history_query
    from tests.factories import CompanyFactory, LessonFactory, RejectionFactory

    prepared._statements.clear()
    companies = []
    for owner in (user, other_user, user):
        company = CompanyFactory(owner=owner)
        for n in range(3):
            rejection = RejectionFactory(
                application__owner=owner,
                application__company=company,
                received_on=date(2026, 3, 1) + timedelta(days=n),
            )
            LessonFactory(owner=owner, rejection=rejection)
        companies.append(company)
    for company in companies:
        statement = history_query(company.owner, company.pk, 2)
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, statement.params)
            expected = sorted(row[0] for row in cursor.fetchall())
        history = company_history(company.owner, company, 2)
        rejections = [row["pk"] for row in history["rejections"]]
        assert sorted(rejections + [row["pk"] for row in history["lessons"]]) == expected
        assert rejections == list(
            company.applications.order_by("-rejection__received_on").values_list(
                "rejection__pk", flat=True
            )[:2]
        )
        assert all(isinstance(row["received_on"], date) for row in history["rejections"])
    kept = [key for key in prepared._statements if key[0][0] == "feedback.company_history"]
    assert len(kept) == 1
