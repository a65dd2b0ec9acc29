"""The figures of /insights/, counted by one UNION ALL of grouped queries
(insights/figures/counts.py), are what a plain walk over the owner's rows in Python
finds: seed_demo's data (every stage, source, status and mood), in zones either side
of UTC, with another user's rows beside them."""

import datetime as dt
import statistics
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from applications.models import RANK, Application, Stage
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from insights.figures.counts import counted
from insights.figures.funnel import FUNNEL
from insights.figures.mood import MOOD_MONTHS
from insights.figures.page import insights
from insights.figures.rejections import rejection_row

pytestmark = pytest.mark.django_db

Status = FeedbackRequest.Status


@pytest.fixture
def seeded():
    for email in ("walked@example.org", "beside@example.org"):
        call_command("seed_demo", applications=150, email=email, stdout=StringIO())
    return User.objects.get(email="walked@example.org")


def last_months(today):
    """(year, month) of the last MOOD_MONTHS months, oldest first, counted back."""
    months = []
    year, month = today.year, today.month
    for _ in range(MOOD_MONTHS):
        months.insert(0, (year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def walked_applications(user, today):
    applications = list(Application.objects.filter(owner=user))
    funnel = [sum(1 for a in applications if a.reached >= RANK[stage]) for stage in FUNNEL]
    sources = {}
    for a in applications:
        sent, interviewed = sources.get(a.source, (0, 0))
        sources[a.source] = (
            sent + (a.reached >= RANK[Stage.APPLIED]),
            interviewed + (a.reached >= RANK[Stage.INTERVIEWING]),
        )
    this_monday = today - dt.timedelta(days=today.weekday())
    weeks = {this_monday - dt.timedelta(weeks=back): 0 for back in range(12)}
    for a in applications:
        if a.applied_on is not None:
            monday = a.applied_on - dt.timedelta(days=a.applied_on.weekday())
            if monday in weeks:
                weeks[monday] += 1
    return {
        "funnel": funnel,
        "sources": {source: found for source, found in sources.items() if found[0]},
        "weeks": sorted(weeks.items()),
    }


def walked_rejections(user, today):
    """Rejections per stage, and the moods of their reflections per month in the
    user's zone: reached through the rejections' applications, not the reflections'
    own owner."""
    stages = dict.fromkeys(Rejection.AtStage.values, 0)
    for rejection in Rejection.objects.filter(application__owner=user):
        stages[rejection.at_stage] += 1
    months = last_months(today)
    per_mood = {}
    for reflection in Reflection.objects.filter(rejection__application__owner=user):
        local = reflection.created_at.astimezone(user.zone)
        if reflection.mood is None or (local.year, local.month) not in months:
            continue
        row = per_mood.setdefault(reflection.mood, {f"month_{i}": 0 for i in range(MOOD_MONTHS)})
        row[f"month_{months.index((local.year, local.month))}"] += 1
    return stages, per_mood


def walked_feedback(user):
    requests = list(FeedbackRequest.objects.filter(rejection__application__owner=user))

    def of(*statuses, generic=None):
        return sum(
            1
            for r in requests
            if r.status in statuses and (generic is None or r.is_generic == generic)
        )

    waits = [
        (r.received_on - r.sent_on).days
        for r in requests
        if r.received_on is not None and r.sent_on is not None
    ]
    return {
        "drafts": of(Status.DRAFT),
        "sent": of(Status.SENT, Status.RECEIVED, Status.DECLINED, Status.NO_RESPONSE),
        "waiting": of(Status.SENT),
        "answered": of(Status.RECEIVED, Status.DECLINED),
        "specific": of(Status.RECEIVED, generic=False),
        "generic": of(Status.RECEIVED, generic=True),
        "declined": of(Status.DECLINED),
        "no_response": of(Status.NO_RESPONSE),
        "timed": len(waits),
        "median_days": statistics.median(waits) if waits else None,
    }


def walked_lessons(user):
    found = {}
    for lesson in Lesson.objects.filter(owner=user):
        opened, in_progress, done = found.get(lesson.category, (0, 0, 0))
        found[lesson.category] = (
            opened + 1,
            in_progress + (lesson.status == Lesson.Status.IN_PROGRESS),
            done + (lesson.status == Lesson.Status.DONE),
        )
    return found


@pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Chatham", "America/Los_Angeles"])
def test_the_figures_are_what_a_walk_over_the_rows_finds(seeded, zone):
    user = seeded
    user.time_zone = zone
    user.save()
    today = user.today()
    figures = insights(user, today)

    applications = walked_applications(user, today)
    assert [step["count"] for step in figures["funnel"]["steps"]] == applications["funnel"]
    assert {
        row["source"]: (row["sent"], row["interviewed"]) for row in figures["sources"]["rows"]
    } == applications["sources"]
    assert [(week["monday"], week["count"]) for week in figures["weeks"]["weeks"]] == (
        applications["weeks"]
    )

    stages, per_mood = walked_rejections(user, today)
    assert {row["at_stage"]: row["count"] for row in figures["rejections"]["rows"]} == stages
    assert rejection_row(counted(user, today))[1] == per_mood

    feedback = walked_feedback(user)
    assert {name: figures["feedback"][name] for name in feedback} == feedback

    lessons = walked_lessons(user)
    assert {
        row["category"]: (row["opened"], row["in_progress"], row["done"])
        for row in figures["lessons"]["rows"]
    } == lessons

    # seed_demo's data reaches every part: none of the above compares empty with empty.
    assert applications["funnel"][2] and figures["weeks"]["total"] and sum(stages.values())
    assert per_mood and feedback["timed"] and feedback["sent"] and lessons
