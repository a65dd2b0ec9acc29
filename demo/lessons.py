"""The lessons a search's rejections taught, and the later applications that addressed
them (the M2M's own rows)."""

import bisect
from datetime import timedelta

from demo.plans import BATCH_SIZE, LessonPlan, bulk_create_dated, local_instant
from feedback.models import Lesson

Category = Lesson.Category

CONDUCT_LESSONS = [
    (
        Category.INTERVIEW_CONDUCT,
        "Prepare three questions for the end of each interview",
        "About the team's next six months, how success is measured, and the first project.",
    ),
    (
        Category.INTERVIEW_CONDUCT,
        "Prepare a two-minute career story",
        "Past, present, why this role: practise it out loud until it's easy.",
    ),
]


def plan_lessons(rng, user, rejections, requests, plans, today, now):
    """Lessons from specific answers (most), generic ones (some) and reasons given
    (some); older lessons are more often done; some are addressed by applications
    made after them."""
    applied = sorted(
        (plan.application.applied_on, index)
        for index, plan in enumerate(plans)
        if plan.application.applied_on
    )
    applied_days = [day for day, _ in applied]

    def lesson(lesson_words, start, rejection, request=None):
        category, title, detail = lesson_words
        start = min(today, start)
        age = (today - start).days
        roll = rng.random()
        done_share = min(0.6, age / 120)
        status, done_on = Lesson.Status.OPEN, None
        if roll < done_share:
            status = Lesson.Status.DONE
            done_on = start + timedelta(days=rng.randint(min(age, 3), age))
        elif roll < done_share + 0.3:
            status = Lesson.Status.IN_PROGRESS
        created_at = min(now, local_instant(start, rng.randint(8 * 60, 22 * 60), user.zone))
        updated_at = created_at
        if done_on:
            updated_at = max(created_at, min(now, local_instant(done_on, 18 * 60, user.zone)))
        link_chance = {Lesson.Status.DONE: 0.6, Lesson.Status.IN_PROGRESS: 0.5}.get(status, 0.1)
        addressed = []
        if rng.random() < link_chance:
            later = applied[bisect.bisect_right(applied_days, start) :]
            picks = rng.sample(later, min(len(later), rng.choice([1, 1, 2, 3])))
            addressed = [plans[index].application for _, index in sorted(picks)]
        return LessonPlan(
            lesson=Lesson(
                owner=user,
                category=category,
                title=title,
                detail=detail,
                status=status,
                rejection=rejection,
                feedback_request=request,
                target_on=start + timedelta(days=rng.choice([14, 30, 60, 90]))
                if rng.random() < 0.6
                else None,
                done_on=done_on,
            ),
            created_at=created_at,
            updated_at=updated_at,
            applications=addressed,
        )

    lessons = []
    learned_from = set()
    for rq in requests:
        chance = 0.3 if rq.request.is_generic else 0.75
        if rq.lesson and rng.random() < chance:
            start = rq.request.received_on + timedelta(days=rng.randint(0, 2))
            lessons.append(lesson(rq.lesson, start, rq.source.rejection, rq.request))
            learned_from.add(id(rq.source))
    for rp in rejections:
        if id(rp) in learned_from:
            continue
        start = rp.rejection.received_on + timedelta(days=rng.randint(0, 5))
        if rp.reason_lesson and rng.random() < 0.4:
            lessons.append(lesson(rp.reason_lesson, start, rp.rejection))
        elif rp.rejection.after_interviews and rng.random() < 0.08:
            lessons.append(lesson(rng.choice(CONDUCT_LESSONS), start, rp.rejection))
    return lessons


def create_lessons(steps):
    """The lessons, then which applications addressed them (the M2M's own rows)."""
    bulk_create_dated(Lesson, [(lp.lesson, lp.created_at, lp.updated_at) for lp in steps.lessons])
    Addressed = Lesson.applications.through
    Addressed.objects.bulk_create(
        [
            Addressed(lesson=lp.lesson, application=application)
            for lp in steps.lessons
            for application in lp.applications
        ],
        batch_size=BATCH_SIZE,
    )
