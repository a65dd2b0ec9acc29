"""The applications: a job at a company with a location, salary and source, its stage
timeline (demo/timelines.py) and interviews (demo/interviews.py), written through the
bulk writer (applications/bulk.py), which keeps `reached`."""

import itertools
import random
from datetime import timedelta

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from applications.bulk import insert_applications
from applications.models import Application, Company, Interview, Stage, StageChange
from demo.interviews import plan_interviews
from demo.names import domain
from demo.plans import Plan
from demo.postings import plan_posting
from demo.timelines import plan_steps, stage_counts

# (title, typical salary band in thousands of GBP)
TITLES = [
    ("Data Analyst", 32, 48),
    ("Senior Data Analyst", 45, 65),
    ("Data Scientist", 45, 75),
    ("Analytics Engineer", 50, 75),
    ("Data Engineer", 50, 80),
    ("Backend Engineer", 50, 85),
    ("Senior Backend Engineer", 70, 105),
    ("Frontend Engineer", 45, 80),
    ("Full-Stack Developer", 45, 80),
    ("Python Developer", 45, 80),
    ("Platform Engineer", 60, 95),
    ("Site Reliability Engineer", 60, 100),
    ("Machine Learning Engineer", 60, 110),
    ("QA Engineer", 38, 60),
    ("Product Designer", 45, 75),
    ("Senior Product Designer", 60, 90),
    ("UX Researcher", 42, 70),
    ("Product Manager", 55, 90),
    ("Product Owner", 48, 75),
    ("Engineering Manager", 80, 120),
    ("Business Analyst", 38, 60),
    ("Technical Writer", 35, 55),
    ("Developer Advocate", 50, 80),
    ("Solutions Engineer", 50, 85),
]
# (region, currency, salary factor against GBP, cities)
REGIONS = [
    ("UK", "GBP", 1.0, ["London", "Manchester", "Edinburgh", "Bristol", "Leeds", "Cambridge"]),
    ("EU", "EUR", 1.15, ["Berlin", "Amsterdam", "Dublin", "Lisbon", "Barcelona", "Paris"]),
    ("US", "USD", 1.5, ["New York", "Boston", "Austin", "Seattle", "Chicago"]),
]
REGION_WEIGHTS = [55, 32, 13]
WORK_MODES = [Application.WorkMode.HYBRID, Application.WorkMode.REMOTE, Application.WorkMode.ONSITE]
WORK_MODE_WEIGHTS = [50, 30, 20]
SOURCES = list(Application.Source)
SOURCE_WEIGHTS = [35, 20, 10, 12, 8, 8, 7]
APPLICATION_NOTES = [
    "Small team, strong engineering blog.",
    "A former colleague works here; asked her about the team.",
    "Salary band published in the advert.",
    "Four-day week mentioned in the advert.",
    "Cover letter tailored around the migration project.",
    "They use dbt and Airflow; brush up before any technical round.",
    "Visa sponsorship available.",
    "Recruiter said the process is two rounds.",
    "Mission I care about; would take a small pay cut.",
    "Long commute on office days.",
]


def plan_applications(rng, user, companies, total, now):
    stages = list(stage_counts(total).elements())
    rng.shuffle(stages)
    # Every company gets one application; the rest go to companies at random.
    owners = companies[:total] + rng.choices(companies, k=max(0, total - len(companies)))
    rng.shuffle(owners)
    zone = user.zone
    today = timezone.localdate(now, timezone=zone)
    plans = []
    # The postings draw from their own generator, seeded from this one's state without
    # drawing from it, so the rest of the demo stays as it was for a given seed.
    postings = random.Random(repr(rng.getstate()[1][:8]))
    interviewing = itertools.count()
    for company, stage in zip(owners, stages, strict=True):
        # Three in four applications still interviewing have an interview coming up.
        upcoming = stage == Stage.INTERVIEWING and next(interviewing) % 4 != 3
        plan = plan_application(rng, user, company, stage, now, today, zone, upcoming)
        plan_posting(postings, plan.application, today, stage == Stage.SAVED)
        plans.append(plan)
    return plans


def plan_application(rng, user, company, stage, now, today, zone, upcoming=False):
    steps = plan_steps(rng, stage, now, today, zone)
    title, low, high = rng.choice(TITLES)
    region, currency, factor, cities = rng.choices(REGIONS, weights=REGION_WEIGHTS)[0]
    work_mode = rng.choices(WORK_MODES, weights=WORK_MODE_WEIGHTS)[0]
    location = rng.choice(cities)
    if work_mode == Application.WorkMode.REMOTE and rng.random() < 0.6:
        location = f"Remote ({region})"
    salary_min = salary_max = None
    if rng.random() < 0.75:
        salary_min = round(rng.uniform(low, high) * factor) * 1000
        salary_max = salary_min + rng.choice([0, 5, 5, 10, 10, 15, 20]) * 1000
    applied_at = next((at for step, at, _ in steps if step == Stage.APPLIED), None)
    applied_on = timezone.localdate(applied_at, timezone=zone) if applied_at else None
    job_slug = "-".join(title.lower().split())
    application = Application(
        owner=user,
        company=company,
        title=title,
        job_url=(
            f"https://{domain(company.name)}/careers/{job_slug}-{rng.randint(100, 9999)}"
            if rng.random() < 0.7
            else ""
        ),
        location=location,
        work_mode=work_mode,
        source=rng.choices(SOURCES, weights=SOURCE_WEIGHTS)[0],
        salary_min=salary_min,
        salary_max=salary_max,
        currency=currency if salary_min is not None else "",
        stage=stage,
        applied_on=applied_on,
        follow_up_on=follow_up_date(rng, stage, steps, today, zone),
        notes=rng.choice(APPLICATION_NOTES) if rng.random() < 0.35 else "",
    )
    plan = Plan(application=application, steps=steps)
    plan.interviews = plan_interviews(rng, plan, now, today, zone, upcoming)
    return plan


def follow_up_date(rng, stage, steps, today, zone):
    """A chase-up date on some active applications: some already due, some ahead."""
    last_day = timezone.localdate(steps[-1][1], timezone=zone)
    if stage == Stage.APPLIED and rng.random() < 0.6:
        return last_day + timedelta(days=14)
    if stage in (Stage.SCREENING, Stage.INTERVIEWING) and rng.random() < 0.4:
        return last_day + timedelta(days=rng.randint(5, 10))
    if stage == Stage.OFFER and rng.random() < 0.5:
        return last_day + timedelta(days=3)
    if stage == Stage.SAVED and rng.random() < 0.2:
        return today + timedelta(days=rng.randint(1, 10))  # apply by
    return None


def create_applications(plans):
    """The applications with their timelines as planned (the first row goes from "" to
    the first stage), and created, updated and stage-changed at its first and last row,
    through the bulk writer, which keeps `reached`."""
    timelines = []
    for plan in plans:
        timeline = []
        previous = ""
        for stage, changed_at, note in plan.steps:
            timeline.append(
                StageChange(from_stage=previous, to_stage=stage, changed_at=changed_at, note=note)
            )
            previous = stage
        application = plan.application
        application.created_at = timeline[0].changed_at
        application.updated_at = application.stage_changed_at = timeline[-1].changed_at
        timelines.append(timeline)
    insert_applications([plan.application for plan in plans], timelines)


def backdate_timestamps(user):
    """bulk_create stamps created_at/updated_at with now; set them from the timeline
    instead, one UPDATE per model (the applications have theirs already)."""
    first_application = Application.objects.filter(company=OuterRef("pk")).order_by("created_at")
    first_at = Coalesce(Subquery(first_application.values("created_at")[:1]), F("created_at"))
    Company.objects.filter(owner=user).update(created_at=first_at, updated_at=first_at)
    booked = StageChange.objects.filter(
        application=OuterRef("application"), to_stage=Stage.INTERVIEWING
    ).values("changed_at")[:1]
    booked_at = Coalesce(Subquery(booked), F("created_at"))
    Interview.objects.filter(application__owner=user).update(
        created_at=booked_at, updated_at=booked_at
    )
