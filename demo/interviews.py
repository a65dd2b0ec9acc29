"""The interviews: on weekdays between reaching `interviewing` and the next move, with an
outcome that fits how the application ended."""

from datetime import timedelta

from django.utils import timezone

from applications.bulk import insert_interviews
from applications.models import Interview, Stage
from demo.names import FIRST_NAMES, SURNAMES
from demo.plans import local_instant


def plan_interviews(rng, plan, now, today, zone, upcoming):
    """Interviews between reaching `interviewing` and the next change; an application
    still interviewing has one coming up when `upcoming` says so."""
    stages = [step for step, _, _ in plan.steps]
    if Stage.INTERVIEWING not in stages:
        return []
    index = stages.index(Stage.INTERVIEWING)
    started = timezone.localdate(plan.steps[index][1], timezone=zone)
    still_interviewing = index == len(stages) - 1
    if still_interviewing:
        past = weekdays(started + timedelta(days=1), today - timedelta(days=1))
        days = rng.sample(past, min(len(past), rng.randint(0, 2)))
        if upcoming or not days:
            days.append(rng.choice(weekdays(today + timedelta(1), today + timedelta(14))))
    else:
        ended = timezone.localdate(plan.steps[index + 1][1], timezone=zone)
        between = weekdays(started + timedelta(days=1), ended - timedelta(days=1))
        between = between or [started + timedelta(days=1)]
        days = rng.sample(between, min(len(between), rng.choices([1, 2, 3], [35, 40, 25])[0]))
    days.sort()
    final = plan.application.stage
    interviews = []
    for number, day in enumerate(days):
        starts_at = local_instant(day, rng.choice([9, 10, 11, 13, 14, 15, 16]) * 60, zone)
        starts_at += timedelta(minutes=rng.choice([0, 30]))
        last = number == len(days) - 1
        if starts_at >= now or (still_interviewing and last):
            outcome = Interview.Outcome.PENDING
        elif last and final == Stage.REJECTED:
            outcome = Interview.Outcome.NOT_PASSED
        else:
            outcome = Interview.Outcome.PASSED
        interviews.append(
            Interview(
                application=plan.application,
                owner_id=plan.application.owner_id,
                starts_at=starts_at,
                kind=interview_kind(rng, number, last),
                with_whom=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} "
                f"({rng.choice(['recruiter', 'hiring manager', 'team lead', 'engineer'])})",
                notes=rng.choice(
                    ["", "", "Prepare questions about the roadmap.", "Bring the portfolio."]
                ),
                outcome=outcome,
            )
        )
    return interviews


def weekdays(first, last):
    """The weekdays from `first` to `last` (inclusive); every day if none is a weekday."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [day for day in days if day.weekday() < 5] or days


def interview_kind(rng, number, last):
    if number == 0:
        return rng.choice([Interview.Kind.PHONE, Interview.Kind.VIDEO])
    if last:
        return rng.choice([Interview.Kind.ONSITE, Interview.Kind.PANEL, Interview.Kind.TECHNICAL])
    return rng.choice([Interview.Kind.TECHNICAL, Interview.Kind.VIDEO, Interview.Kind.OTHER])


def create_interviews(plans):
    interviews = [interview for plan in plans for interview in plan.interviews]
    insert_interviews(interviews)  # and their applications' last news
