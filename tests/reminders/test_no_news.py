"""The "no news" reminder per stage: 14 days after applying, 10 after a screening call,
10 working days (Monday to Friday, in the person's zone) after the last interview or the
stage change when later; what is counted agrees with what is listed on every weekday."""

import datetime as dt
import operator
from functools import reduce
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Interview, Stage
from applications.news import last_news
from core.days import add_working_days, latest_start_for
from reminders import building, sources
from reminders.kinds import ReminderKind
from reminders.silence import QUIET_STAGES, Silence
from tests.factories import ApplicationFactory, InterviewFactory
from tests.news import assert_news_kept
from tests.reminders.conftest import in_zone

pytestmark = pytest.mark.django_db

QUIET = [ReminderKind.QUIET]


def interviewing(user, interview_at, changed_at=None, company="Initech"):
    application = ApplicationFactory(
        owner=user,
        company__owner=user,
        company__name=company,
        title="Data engineer",
        stage=Stage.INTERVIEWING,
        stage_changed_at=changed_at or interview_at - dt.timedelta(days=7),
    )
    InterviewFactory(application=application, starts_at=interview_at, with_whom="Priya")
    return application


def quiet_on(user, today, until=None):
    """The quiet reminders listed from `today` to `until` and their due days, with
    counts() checked against them."""
    until = until or today + dt.timedelta(days=30)
    found = building.collect(user, today, until, QUIET)
    totals = sources.counts(user, today, until, QUIET)
    assert totals["total"] == len(found)
    assert totals["overdue"] == sum(r.due < today for r in found)
    assert totals["overdue"] + totals["today"] == sum(r.due <= today for r in found)
    return [r.due for r in found]


@pytest.mark.parametrize(
    ("interview_day", "due"),
    [
        (dt.date(2025, 5, 27), dt.date(2025, 6, 10)),  # a Tuesday: the Tuesday two weeks on
        (dt.date(2025, 5, 30), dt.date(2025, 6, 13)),  # a Friday: two weekends crossed
        (dt.date(2025, 5, 31), dt.date(2025, 6, 13)),  # a Saturday counts from the Friday
        (dt.date(2025, 6, 1), dt.date(2025, 6, 13)),  # a Sunday too
    ],
)
def test_an_interview_goes_quiet_after_10_working_days(user, interview_day, due):
    at = dt.datetime.combine(interview_day, dt.time(10), tzinfo=dt.UTC)
    interviewing(user, at)

    with time_machine.travel(dt.datetime(2025, 6, 2, 12, tzinfo=dt.UTC), tick=False):
        assert quiet_on(user, dt.date(2025, 6, 2)) == [due]


def test_the_reminder_says_after_an_interview(user):
    application = interviewing(user, dt.datetime(2025, 5, 27, 10, tzinfo=dt.UTC))

    with time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False):
        [reminder] = building.collect(user, dt.date(2025, 6, 10), dt.date(2025, 6, 10), QUIET)

    assert (reminder.pk, reminder.due) == (application.pk, dt.date(2025, 6, 10))
    assert reminder.title == "No news about Data engineer at Initech since 27 May."
    assert reminder.detail == (
        "14 days without news after an interview. Send a polite nudge: the draft is ready."
    )


def test_a_stage_change_after_the_interview_counts_from_the_change(user):
    interviewing(
        user,
        dt.datetime(2025, 5, 27, 10, tzinfo=dt.UTC),
        changed_at=dt.datetime(2025, 6, 3, 9, tzinfo=dt.UTC),  # a Tuesday
    )

    with time_machine.travel(dt.datetime(2025, 6, 4, 12, tzinfo=dt.UTC), tick=False):
        assert quiet_on(user, dt.date(2025, 6, 4)) == [dt.date(2025, 6, 17)]


def test_an_interview_still_to_come_is_not_silence(user):
    interviewing(user, dt.datetime(2025, 6, 20, 10, tzinfo=dt.UTC))

    with time_machine.travel(dt.datetime(2025, 6, 4, 12, tzinfo=dt.UTC), tick=False):
        assert quiet_on(user, dt.date(2025, 6, 4)) == []


def test_the_working_days_are_the_users_own_across_the_clocks_going_back(user):
    # 23:30 UTC on Friday 24 October is already Saturday in Berlin: there the ten working
    # days count from the Friday all the same; in New York the interview is on the Friday
    # evening. The clocks go back on 26 October (Berlin) and 2 November (New York).
    interviewing(user, dt.datetime(2025, 10, 24, 23, 30, tzinfo=dt.UTC))
    with time_machine.travel(dt.datetime(2025, 10, 29, 12, tzinfo=dt.UTC), tick=False):
        for zone in ("Europe/Berlin", "America/New_York", "Pacific/Auckland"):
            in_zone(user, zone)
            due = quiet_on(user, dt.date(2025, 10, 29))
            # Auckland: already Saturday 25 October, the same Friday start.
            assert due == [dt.date(2025, 11, 7)], zone


def test_the_users_own_working_days(user):
    user.quiet_interview_workdays = 3
    user.save()
    interviewing(user, dt.datetime(2025, 5, 30, 10, tzinfo=dt.UTC))  # a Friday

    with time_machine.travel(dt.datetime(2025, 6, 2, 12, tzinfo=dt.UTC), tick=False):
        assert quiet_on(user, dt.date(2025, 6, 2)) == [dt.date(2025, 6, 4)]


def test_counts_agree_with_the_list_on_every_weekday(user):
    """The count query is prepared once per weekday (its working-day cutoffs depend on
    it): on each day of two weeks it counts what the list holds."""
    user.quiet_interview_workdays = 7
    user.quiet_screening_days = 3
    user.save()
    start = dt.datetime(2025, 5, 19, 10, tzinfo=dt.UTC)  # a Monday
    for offset in range(0, 21, 2):
        interviewing(user, start + dt.timedelta(days=offset), company=f"Initech {offset}")
    ApplicationFactory(
        owner=user, stage=Stage.SCREENING, stage_changed_at=start + dt.timedelta(days=5)
    )
    for day in range(14):
        today = dt.date(2025, 6, 2) + dt.timedelta(days=day)
        moment = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
        with time_machine.travel(moment, tick=False):
            due = quiet_on(user, today, today)
            assert all(d <= today for d in due)


def test_working_days_agree_with_counting_them_one_by_one():
    def one_by_one(day, count):
        while count:
            day += dt.timedelta(days=1)
            count -= day.weekday() < 5
        return day

    for start in (dt.date(2026, 3, 23) + dt.timedelta(days=n) for n in range(14)):
        for count in (1, 4, 5, 7, 10, 23):
            assert add_working_days(start, count) == one_by_one(start, count)
            latest = latest_start_for(start, count)
            assert one_by_one(latest, count) <= start
            assert one_by_one(latest + dt.timedelta(days=1), count) > start


def test_a_silence_says_its_stage():
    silence = Silence(14, 10, 10)
    assert [silence.wording(stage) for stage in (Stage.APPLIED, Stage.SCREENING)] == [
        "after applying",
        "after a screening call",
    ]
    assert silence.due_on(Stage.APPLIED, dt.date(2025, 6, 1)) == dt.date(2025, 6, 15)
    assert silence.due_on(Stage.SCREENING, dt.date(2025, 6, 1)) == dt.date(2025, 6, 11)


def test_the_stored_news_lists_what_working_it_out_lists(user):
    """The quiet reminders read news_at, kept on the row (applications/news.py): over a
    seeded account, on each of several days and counted alike, they are the
    applications that the rule worked out afresh from the interviews makes quiet, in
    the same order."""
    call_command("seed_demo", applications=150, email="quiet@example.org", stdout=StringIO())
    seeded = User.objects.get(email="quiet@example.org")
    silence = Silence.of(seeded)
    now = timezone.now()
    assert_news_kept(Application.objects.filter(owner=seeded))
    worked_out = (
        Application.objects.for_user(seeded)
        .filter(stage__in=QUIET_STAGES, follow_up_on__isnull=True)
        .annotate(fresh_news=last_news(Interview))
    )
    checked = 0
    for ahead in (0, 3, 10, 30):
        until = seeded.today() + dt.timedelta(days=ahead)
        due = sources.quiet_due_by(until, seeded, silence)
        expected = list(
            worked_out.filter(
                reduce(operator.or_, (q_on_fresh(child) for child in due.children)),
                fresh_news__lte=now,
            )
            .order_by("fresh_news", "pk")
            .values_list("pk", flat=True)
        )
        listed = sources.quiet_applications(seeded, until, silence, now)
        assert list(listed.values_list("pk", flat=True)) == expected
        assert sources.counts(seeded, seeded.today(), until, QUIET)["total"] == len(expected)
        checked += len(expected)
    assert checked


def q_on_fresh(condition):
    """One stage's condition of quiet_due_by(), on the news worked out afresh."""
    fields = dict(condition.children)
    return Q(stage=fields["stage"], fresh_news__lt=fields["news_at__lt"])
