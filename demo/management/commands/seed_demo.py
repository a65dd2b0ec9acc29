"""Creates, or resets, a demo account full of realistic job-search data.

    manage.py seed_demo [--email demo@example.org] [--password ...] [--applications 60]
                        [--seed 2026]

The same seed gives the same data (relative to today). Every row is written with
bulk_create, in batches, in one transaction, so `--applications 10000` takes seconds.
Each model has its own small function below, called from `Command.handle`.

Beyond the pipeline (companies, applications, their timelines and interviews), every
rejection gets the three steps in the state a real person would leave them: a
reflection, feedback requests and their answers (some generic), lessons (some
addressed by later applications), the employer's contacts with a keep-in-touch
cadence, and the interactions that move their next check-in on. In proportion:
about one contact per five applications and one feedback request per ten.

This command lives in `demo`, one of the cross-app tools on the floor above every app:
it may import from all of them, and nothing imports it.
"""

import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import normalize_email
from applications.models import (
    ACTIVE_STAGES,
    Stage,
)
from contacts.models import Contact, Interaction
from demo.applications import backdate_timestamps, create_applications, plan_applications
from demo.companies import create_companies
from demo.contacts import (
    THANK_YOU_SUMMARIES,
    ContactBook,
    ask_relations,
    create_contacts,
    create_interactions,
    plan_contacts,
    plan_keeping_in_touch,
)
from demo.feedback import (
    REQUEST_WEIGHTS,
    choose_asked,
    create_feedback_requests,
    plan_feedback_requests,
)
from demo.interviews import create_interviews
from demo.lessons import create_lessons, plan_lessons
from demo.rejections import (
    backdate_step_timestamps,
    create_reflections,
    create_rejections,
    plan_reflection,
    plan_rejections,
)
from feedback.models import FeedbackRequest, Lesson, Rejection, Step, StepState

DEFAULT_EMAIL = "demo@example.org"
DEFAULT_PASSWORD = "demo password 2026"
DEFAULT_SEED = 2026
DEMO_NAME = "Alex Morgan"
DEMO_TIME_ZONE = "Europe/London"


def refresh_planner_statistics():
    """After a bulk load, let the database's query planner see the new data, as
    PostgreSQL's autovacuum and SQLite's PRAGMA optimize do in normal running."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = (
        "Creates (or resets) a demo account with realistic applications, timelines, "
        "interviews, rejections and their three steps, feedback, lessons and contacts."
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
            create_interviews(plans)
            backdate_timestamps(user)
            steps = plan_three_steps(rng, user, companies, plans, applications, now)
            create_rejections(steps)
            create_reflections(steps)
            create_contacts(steps)
            create_interactions(steps)
            create_feedback_requests(steps)
            create_lessons(steps)
            backdate_step_timestamps(user)
        refresh_planner_statistics()
        elapsed = time.perf_counter() - started
        self.write_summary(user, password, plans, steps, now, elapsed)

    def write_summary(self, user, password, plans, steps, now, elapsed):
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
        for line in steps.summary(today):
            self.stdout.write(line)
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


# --------------------------------------------------------------------------------------
# After a "no": rejections and their three steps, feedback, lessons, contacts.

AtStage = Rejection.AtStage
Relation = Contact.Relation
RequestStatus = FeedbackRequest.Status
Category = Lesson.Category

# A rejection received this many days ago or fewer is fresh: its steps are mostly open.
FRESH_DAYS = 3
SKIP_REASONS = {
    Step.REFLECT: [
        "Barely started the process; no feelings either way.",
        "Fine about this one; nothing to work through.",
    ],
    Step.FEEDBACK: [
        "Automated rejection from a no-reply address; nobody to ask.",
        "Applied through a portal with no named contact.",
        "The agency recruiter stopped replying; nobody else to ask.",
    ],
    Step.BRIDGES: [
        "Automated rejection; no person to write to.",
        "Not a company I want to keep in touch with after that process.",
    ],
}
AFTER_SILENCE_SKIP_REASONS = {
    Step.FEEDBACK: "Never heard back at all; nothing to ask about.",
    Step.BRIDGES: "Nobody ever replied; no one to write to.",
}


@dataclass
class ThreeSteps:
    """What a search's rejections left behind, planned in memory, then bulk-created."""

    rejections: list  # RejectionPlans
    contacts: list  # ContactPlans
    requests: list  # RequestPlans
    lessons: list  # LessonPlans

    def summary(self, today):
        rejections = [rp.rejection for rp in self.rejections]
        handled = sum(rejection.is_handled for rejection in rejections)
        silent = sum(rp.after_silence for rp in self.rejections)
        at_stage = Counter(rejection.at_stage for rejection in rejections)
        requests = [rq.request for rq in self.requests]
        statuses = Counter(request.status for request in requests)
        generic = sum(request.is_generic for request in requests)
        chase = sum(
            1
            for request in requests
            if request.status == RequestStatus.SENT and request.follow_up_on <= today
        )
        lessons = Counter(lp.lesson.status for lp in self.lessons)
        links = sum(len(lp.applications) for lp in self.lessons)
        contacts = [cp.contact for cp in self.contacts]
        cadenced = [contact for contact in contacts if contact.next_check_in_on]
        overdue = sum(contact.next_check_in_on < today for contact in cadenced)
        this_week = sum(
            today <= contact.next_check_in_on <= today + timedelta(days=7) for contact in cadenced
        )
        interactions = Counter(
            interaction.kind for cp in self.contacts for interaction in cp.interactions
        )
        return [
            f"Rejections:     {len(rejections)} ({handled} handled, "
            f"{len(rejections) - handled} with steps open; {silent} after no response)",
            "  " + " · ".join(f"{stage.label} {at_stage[stage]}" for stage in REQUEST_WEIGHTS),
            f"Reflections:    {sum(rp.reflection is not None for rp in self.rejections)}",
            f"Feedback requests: {len(requests)} (follow-ups due: {chase})",
            "  "
            + " · ".join(
                f"{status.label.lower()} {statuses[status]}"
                + (f" ({generic} generic)" if status == RequestStatus.RECEIVED else "")
                for status in RequestStatus
            ),
            f"Lessons:        {len(self.lessons)} ("
            + ", ".join(f"{status.label.lower()} {lessons[status]}" for status in Lesson.Status)
            + f"; addressed by {links} applications)",
            f"Contacts:       {len(contacts)} ({len(cadenced)} with a cadence: "
            f"{overdue} overdue, {this_week} due within a week)",
            f"Interactions:   {interactions.total()} ("
            + ", ".join(
                f"{kind.label.lower()} {interactions[kind]}"
                for kind in Interaction.Kind
                if interactions[kind]
            )
            + ")",
        ]


def plan_three_steps(rng, user, companies, plans, total, now):
    """Rejections with their steps, then about one contact per five applications and
    one feedback request per ten, then what came of them."""
    zone = user.zone
    today = timezone.localdate(now, timezone=zone)
    rejections = plan_rejections(rng, plans, today, zone)
    asked = choose_asked(rng, rejections, total // 10)
    book = ContactBook(rng, user, now)
    plan_contacts(rng, book, companies, plans, rejections, asked, total // 5)
    requests = plan_feedback_requests(rng, user, asked, book, today, now)
    for rp in rejections:
        plan_step_states(rng, rp, book, today)
        plan_reflection(rng, rp)
    for cp in book.contacts:
        plan_keeping_in_touch(rng, cp, now, zone)
    lessons = plan_lessons(rng, user, rejections, requests, plans, today, now)
    return ThreeSteps(
        rejections=rejections, contacts=book.contacts, requests=requests, lessons=lessons
    )


FRESH_STATES = [StepState.TODO, StepState.IN_PROGRESS, StepState.DONE]
OLDER_STATES = [StepState.DONE, StepState.IN_PROGRESS, StepState.TODO, StepState.SKIPPED]


def pick_state(rng, fresh, fresh_weights, older_weights):
    """A step's state, weighted: one of FRESH_STATES for a fresh rejection, else one of
    OLDER_STATES."""
    if fresh:
        return rng.choices(FRESH_STATES, fresh_weights)[0]
    return rng.choices(OLDER_STATES, older_weights)[0]


def plan_step_states(rng, rp, book, today):
    """Where the person left each step: older rejections mostly handled, fresh ones
    mostly open, a few steps skipped with a reason. Step 2 follows the requests; step
    3 is done when the thank-you reply was logged with a contact there, whose
    cadence then keeps the bridge (see plan_keeping_in_touch)."""
    rejection = rp.rejection
    fresh = rp.age <= FRESH_DAYS
    reflect = pick_state(rng, fresh, [55, 25, 20], [80, 6, 8, 6])
    set_step(rng, rp, Step.REFLECT, reflect)

    if rp.requests:
        sent = any(rq.request.status != RequestStatus.DRAFT for rq in rp.requests)
        feedback = StepState.DONE if sent else StepState.IN_PROGRESS
    elif fresh:
        feedback = StepState.TODO
    else:
        feedback = StepState.SKIPPED if rp.after_silence or rng.random() < 0.6 else StepState.TODO
    set_step(rng, rp, Step.FEEDBACK, feedback)

    cp = book.at(rp.company, ask_relations(rejection))
    if cp is None:
        bridges = StepState.TODO
        if not fresh and (rp.after_silence or rng.random() < 0.6):
            bridges = StepState.SKIPPED
    else:
        bridges = pick_state(rng, fresh, [60, 20, 20], [75, 8, 10, 7])
    set_step(rng, rp, Step.BRIDGES, bridges)
    if bridges == StepState.DONE:
        thanked_on = min(today, rejection.received_on + timedelta(days=rng.randint(0, 3)))
        cp.log(
            thanked_on,
            Interaction.Kind.THANK_YOU,
            rng.choice(THANK_YOU_SUMMARIES),
            rp.plan.application,
        )
        cp.thanked = True


def set_step(rng, rp, step, state):
    reason = ""
    if state == StepState.SKIPPED:
        reason = AFTER_SILENCE_SKIP_REASONS.get(step) if rp.after_silence else None
        reason = reason or rng.choice(SKIP_REASONS[step])
    setattr(rp.rejection, f"{step}_state", state)
    setattr(rp.rejection, f"{step}_skip_reason", reason)
