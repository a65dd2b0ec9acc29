"""Creates, or resets, a demo account full of realistic job-search data.

    manage.py seed_demo [--email demo@example.org] [--password ...] [--applications 60]
                        [--seed 2026]

The same seed gives the same data (relative to today). Every row is written with
bulk_create, in batches, in one transaction, so `--applications 10000` takes seconds.
Each model has its own small function below; later features (rejections, contacts,
lessons) add theirs and call it from `Command.handle`.
"""

import itertools
import random
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import normalize_email
from applications.models import (
    ACTIVE_STAGES,
    Application,
    Company,
    Interview,
    Stage,
    StageChange,
    company_key,
)

DEFAULT_EMAIL = "demo@example.org"
DEFAULT_PASSWORD = "demo password 2026"
DEFAULT_SEED = 2026
DEMO_NAME = "Alex Morgan"
DEMO_TIME_ZONE = "Europe/London"
BATCH_SIZE = 1000
# Applied dates reach back about six months.
HISTORY_DAYS = 182

# Company names are made of fragments; a few carry non-ASCII letters on purpose, so
# the case-folded matching is exercised by the demo data too.
NAME_STARTS = [
    "North", "Blue", "Bright", "Silver", "Harbour", "Kite", "Maple", "Copper", "Lumen",
    "Nimbus", "Orchard", "Pioneer", "Quartz", "River", "Summit", "Tidal", "Vertex",
    "Willow", "Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Helix",
    "Iris", "Juniper", "Lattice", "Meridian", "Nova", "Oak", "Prism", "Redwood", "Sable",
    "Thistle", "Umber", "Vela", "Wren", "Zephyr", "Ünion", "Nørd", "Élan", "Foxglove",
    "Larch", "Saffron", "Kestrel", "Mosaic",
]  # fmt: skip
NAME_ENDS = [
    "Analytics", "Labs", "Systems", "Health", "Logistics", "Bank", "Works", "Studio",
    "Energy", "Robotics", "Insurance", "Foods", "Media", "Software", "Data", "Mobility",
    "Learning", "Biotech", "Payments", "Security", "Retail", "Travel", "Cloud", "Games",
    "Capital", "Design", "Networks", "Materials", "Pharma", "Ventures",
]  # fmt: skip
NAME_TAILS = ["ly", "io", "ify", "hub", "base", "stack", "wise", "loop"]
SURNAMES = [
    "Hart", "Lowe", "Fielding", "Okafor", "Brennan", "Castillo", "Dubois", "Eriksen",
    "Fischer", "Gupta", "Hughes", "Ibrahim", "Jansen", "Kowalski", "Lindqvist", "Moreau",
    "Nakamura", "O'Neill", "Patel", "Quinn", "Rossi", "Schmidt", "Tanaka", "Varga",
    "Walsh", "Young", "Zhang", "Ahmed", "Bianchi", "Costa",
]  # fmt: skip
FIRST_NAMES = [
    "Priya", "Tom", "Aisha", "Lukas", "Maria", "James", "Chen", "Sofia", "Daniel",
    "Fatima", "Oliver", "Ines", "Noah", "Hannah", "Mateo", "Grace", "Yusuf", "Elena",
]  # fmt: skip
LEGAL_FORMS = [" Ltd", " GmbH", " BV", " Inc.", " Group", " & Co"]

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
COMPANY_NOTES = [
    "Glassdoor reviews mention good onboarding.",
    "Series B, growing the data team.",
    "Met two of their engineers at a meetup.",
    "Publicly listed; slow but thorough hiring.",
]
CHANGE_NOTES = {
    Stage.APPLIED: ["", "", "Applied through their careers page.", "Sent CV and cover letter."],
    Stage.SCREENING: ["", "Recruiter call booked.", "Recruiter reached out for a chat."],
    Stage.INTERVIEWING: ["", "Invited to the first interview.", "Take-home task sent."],
    Stage.OFFER: ["", "Verbal offer; written offer to follow.", "Offer received by email."],
    Stage.ACCEPTED: ["Signed the contract.", "Accepted the offer."],
    Stage.REJECTED: ["", "Standard rejection email.", "Rejected by phone; asked for feedback."],
    Stage.WITHDRAWN: ["Withdrew: took another offer.", "Withdrew: role changed scope."],
    Stage.NO_RESPONSE: ["", "No reply after several weeks."],
}

# Roughly how a real search ends up: many applications go nowhere, a few get far.
STAGE_SHARES = {
    Stage.REJECTED: 24,
    Stage.NO_RESPONSE: 20,
    Stage.APPLIED: 20,
    Stage.INTERVIEWING: 10,
    Stage.SAVED: 8,
    Stage.SCREENING: 8,
    Stage.OFFER: 4,
    Stage.WITHDRAWN: 4,
    Stage.ACCEPTED: 2,
}
APPLIED_TO_INTERVIEWS = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING)
APPLIED_TO_OFFER = (*APPLIED_TO_INTERVIEWS, Stage.OFFER)
# The routes an application takes to its current stage, with their weights.
PATHS = {
    Stage.SAVED: [((Stage.SAVED,), 1)],
    Stage.APPLIED: [((Stage.APPLIED,), 1)],
    Stage.SCREENING: [((Stage.APPLIED, Stage.SCREENING), 1)],
    Stage.INTERVIEWING: [
        (APPLIED_TO_INTERVIEWS, 3),
        ((Stage.APPLIED, Stage.INTERVIEWING), 1),
    ],
    Stage.OFFER: [(APPLIED_TO_OFFER, 1)],
    Stage.ACCEPTED: [((*APPLIED_TO_OFFER, Stage.ACCEPTED), 1)],
    Stage.REJECTED: [
        ((Stage.APPLIED, Stage.REJECTED), 5),
        ((Stage.APPLIED, Stage.SCREENING, Stage.REJECTED), 2),
        ((*APPLIED_TO_INTERVIEWS, Stage.REJECTED), 3),
    ],
    Stage.WITHDRAWN: [
        ((Stage.APPLIED, Stage.WITHDRAWN), 1),
        ((Stage.APPLIED, Stage.SCREENING, Stage.WITHDRAWN), 1),
        ((*APPLIED_TO_INTERVIEWS, Stage.WITHDRAWN), 1),
        ((*APPLIED_TO_OFFER, Stage.WITHDRAWN), 1),  # declined the offer
    ],
    Stage.NO_RESPONSE: [((Stage.APPLIED, Stage.NO_RESPONSE), 1)],
}
# Days between reaching the previous stage and reaching this one.
GAP_DAYS = {
    Stage.APPLIED: (1, 10),
    Stage.SCREENING: (3, 14),
    Stage.INTERVIEWING: (4, 12),
    Stage.OFFER: (7, 21),
    Stage.ACCEPTED: (2, 7),
    Stage.REJECTED: (2, 21),
    Stage.WITHDRAWN: (3, 20),
    Stage.NO_RESPONSE: (28, 45),
}
# How long ago an application reached its current stage; active ones are recent.
LAST_CHANGE_AGE = {
    Stage.SAVED: (0, 30),
    Stage.APPLIED: (0, 25),
    Stage.SCREENING: (0, 14),
    Stage.INTERVIEWING: (0, 10),
    Stage.OFFER: (0, 7),
}
CLOSED_AGE = (0, 150)


@dataclass
class Plan:
    """One application to be, with its timeline and interviews (not saved yet)."""

    application: Application
    steps: list  # [(stage, changed_at, note)], oldest first
    interviews: list = field(default_factory=list)  # unsaved Interview objects


def refresh_planner_statistics():
    """After a bulk load, let the database's query planner see the new data, as
    PostgreSQL's autovacuum and SQLite's PRAGMA optimize do in normal running."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = (
        "Creates (or resets) a demo account with realistic applications, timelines and interviews."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default=DEFAULT_EMAIL)
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--applications", type=int, default=60)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args, email, password, applications, seed, **options):
        if applications < 0:
            raise CommandError("--applications must be 0 or more.")
        email = normalize_email(email)
        check_password_rules(email, password)
        rng = random.Random(seed)
        started = time.perf_counter()
        with transaction.atomic():
            if delete_existing_user(email):
                self.stdout.write(f"Deleted the existing account {email} and its data.")
            user = create_user(email, password)
            now = timezone.now()
            companies = create_companies(
                rng, user, max(1, applications // 4) if applications else 0
            )
            plans = plan_applications(rng, user, companies, applications, now)
            create_applications(plans)
            create_stage_changes(plans)
            create_interviews(plans)
            backdate_timestamps(user)
        refresh_planner_statistics()
        elapsed = time.perf_counter() - started
        self.write_summary(user, password, plans, now, elapsed)

    def write_summary(self, user, password, plans, now, elapsed):
        stages = Counter(plan.application.stage for plan in plans)
        interviews = [interview for plan in plans for interview in plan.interviews]
        today = timezone.localdate(now, timezone=user.zone)
        due = sum(
            1
            for plan in plans
            if plan.application.stage in ACTIVE_STAGES
            and plan.application.follow_up_on
            and plan.application.follow_up_on <= today
        )
        self.stdout.write(f"Companies:      {user.companies.count()}")
        self.stdout.write(f"Applications:   {len(plans)}")
        for stage in Stage:
            self.stdout.write(f"  {stage.label:<14}{stages[stage]}")
        self.stdout.write(f"Stage changes:  {sum(len(plan.steps) for plan in plans)}")
        upcoming = sum(1 for interview in interviews if interview.starts_at >= now)
        self.stdout.write(f"Interviews:     {len(interviews)} ({upcoming} upcoming)")
        self.stdout.write(f"Follow-ups due: {due}")
        self.stdout.write(f"Seeded in {elapsed:.2f} s.")
        self.stdout.write(
            self.style.SUCCESS(f"Log in as {user.email} with the password: {password}")
        )


def check_password_rules(email, password):
    User = get_user_model()
    try:
        validate_password(password, user=User(email=email, name=DEMO_NAME))
    except ValidationError as error:
        raise CommandError("--password: " + " ".join(error.messages)) from None


def delete_existing_user(email):
    """Deletes the account with this address and everything it owns (the cascade from
    the user reaches every app's rows). Refuses staff accounts: a typo in --email must
    not wipe an operator."""
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        return False
    if user.is_staff or user.is_superuser:
        raise CommandError(f"{email} is a staff account; seed_demo only resets demo accounts.")
    user.delete()
    return True


def create_user(email, password):
    return get_user_model().objects.create_user(
        email=email,
        password=password,
        name=DEMO_NAME,
        time_zone=DEMO_TIME_ZONE,
        email_confirmed=True,
    )


def company_names(rng, count):
    """`count` distinct, plausible company names."""
    pools = [
        [f"{start} {end}" for start, end in itertools.product(NAME_STARTS, NAME_ENDS)],
        [f"{start}{tail}" for start, tail in itertools.product(NAME_STARTS, NAME_TAILS)],
        [f"{one} & {two}" for one, two in itertools.permutations(SURNAMES, 2)],
    ]
    names = [name for pool in pools for name in pool]
    rng.shuffle(names)
    while len(names) < count:  # only for very large demos
        names += [f"{name} {len(names) // len(pools[0]) + 1}" for name in names[: len(pools[0])]]
    chosen = names[:count]
    return [name + rng.choice(LEGAL_FORMS) if rng.random() < 0.2 else name for name in chosen]


def domain(company_name):
    """A made-up web domain for a company (under the reserved .example TLD)."""
    for form in LEGAL_FORMS:
        company_name = company_name.removesuffix(form)
    return f"www.{slug(company_name)}.example"


def slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in ascii_text.lower() if char.isalnum())


def create_companies(rng, user, count):
    companies = [
        Company(
            owner=user,
            name=name,
            name_key=company_key(name),  # bulk_create bypasses Company.save()
            website=f"https://{domain(name)}" if rng.random() < 0.8 else "",
            notes=rng.choice(COMPANY_NOTES) if rng.random() < 0.15 else "",
        )
        for name in company_names(rng, count)
    ]
    return Company.objects.bulk_create(companies, batch_size=BATCH_SIZE)


def stage_counts(total):
    """How many applications end in each stage: every stage at least once (when there
    are enough applications), the rest in proportion to STAGE_SHARES."""
    stages = list(STAGE_SHARES)
    if total < len(stages):
        return Counter(stages[:total])
    counts = Counter({stage: max(1, total * share // 100) for stage, share in STAGE_SHARES.items()})
    counts[Stage.REJECTED] += total - sum(counts.values())
    while counts[Stage.REJECTED] < 1:  # tiny totals: take from the biggest others
        biggest = max(stages, key=lambda stage: counts[stage])
        counts[biggest] -= 1
        counts[Stage.REJECTED] += 1
    return counts


def plan_applications(rng, user, companies, total, now):
    stages = list(stage_counts(total).elements())
    rng.shuffle(stages)
    # Every company gets one application; the rest go to companies at random.
    owners = companies[:total] + rng.choices(companies, k=max(0, total - len(companies)))
    rng.shuffle(owners)
    zone = user.zone
    today = timezone.localdate(now, timezone=zone)
    plans = []
    interviewing = itertools.count()
    for company, stage in zip(owners, stages, strict=True):
        # Three in four applications still interviewing have an interview coming up.
        upcoming = stage == Stage.INTERVIEWING and next(interviewing) % 4 != 3
        plans.append(plan_application(rng, user, company, stage, now, today, zone, upcoming))
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


def plan_steps(rng, stage, now, today, zone):
    """The stage timeline: (stage, changed_at, note) rows, strictly later each time,
    the last at most now and the applied date within about six months."""
    routes, weights = zip(*PATHS[stage], strict=True)
    route = list(rng.choices(routes, weights=weights)[0])
    if route[0] == Stage.APPLIED and rng.random() < 0.15:
        route.insert(0, Stage.SAVED)  # bookmarked first, applied a few days later
    gaps = []
    for previous, current in itertools.pairwise(route):
        low, high = GAP_DAYS[current]
        if previous == Stage.INTERVIEWING:
            low = max(low, 5)  # room for the interviews in between
        gaps.append(rng.randint(low, high))
    low, high = LAST_CHANGE_AGE.get(stage, CLOSED_AGE)
    high = max(low, min(high, HISTORY_DAYS - sum(gaps)))
    day = -rng.randint(low, high)  # days from today, of the last change
    days = [day]
    for gap in reversed(gaps):
        day -= gap
        days.insert(0, day)
    steps = []
    for step, offset in zip(route, days, strict=True):
        at = local_instant(today + timedelta(days=offset), rng.randint(8 * 60, 21 * 60), zone)
        if at > now:  # later today than it is now: a little earlier instead
            at = now - timedelta(minutes=rng.randint(5, 90))
        steps.append((step, at, rng.choice(CHANGE_NOTES.get(step, [""]))))
    return steps


def local_instant(day, minutes, zone):
    """`minutes` past midnight on `day`, in the user's zone."""
    return datetime.combine(day, clock(minutes // 60, minutes % 60), tzinfo=zone)


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


def create_applications(plans):
    Application.objects.bulk_create([plan.application for plan in plans], batch_size=BATCH_SIZE)


def create_stage_changes(plans):
    """The timeline rows Application.save() would write, and the moves after it: the
    first row goes from "" to the first stage."""
    changes = []
    for plan in plans:
        previous = ""
        for stage, changed_at, note in plan.steps:
            changes.append(
                StageChange(
                    application=plan.application,
                    from_stage=previous,
                    to_stage=stage,
                    changed_at=changed_at,
                    note=note,
                )
            )
            previous = stage
    StageChange.objects.bulk_create(changes, batch_size=BATCH_SIZE)


def create_interviews(plans):
    interviews = [interview for plan in plans for interview in plan.interviews]
    Interview.objects.bulk_create(interviews, batch_size=BATCH_SIZE)


def backdate_timestamps(user):
    """bulk_create stamps created_at/updated_at with now; set them from the timeline
    instead, one UPDATE per model."""
    timeline = StageChange.objects.filter(application=OuterRef("pk"))
    Application.objects.filter(owner=user).update(
        created_at=Subquery(timeline.order_by("changed_at").values("changed_at")[:1]),
        updated_at=Subquery(timeline.order_by("-changed_at").values("changed_at")[:1]),
        stage_changed_at=Subquery(timeline.order_by("-changed_at").values("changed_at")[:1]),
    )
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
