"""Creates, or resets, a demo account full of realistic job-search data.

    manage.py seed_demo [--email demo@example.org] [--password ...] [--applications 60]
                        [--seed 2026]

The same seed gives the same data (relative to today). Every row is written with
bulk_create, in batches, in one transaction, so `--applications 10000` takes seconds.
Each model family has its own small planner module in demo/, which plans its rows in
memory and bulk-creates them; `Command.handle` calls them in turn. demo/steps.py
plans what the rejections left behind, in the order the families depend on each other.

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

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import normalize_email
from applications.models import ACTIVE_STAGES, Stage
from demo.account import check_password_rules, create_user, delete_existing_user
from demo.applications import backdate_timestamps, create_applications, plan_applications
from demo.companies import create_companies
from demo.contacts import create_contacts, create_interactions
from demo.feedback import create_feedback_requests
from demo.interviews import create_interviews
from demo.lessons import create_lessons
from demo.rejections import backdate_step_timestamps, create_reflections, create_rejections
from demo.steps import plan_three_steps

DEFAULT_EMAIL = "demo@example.org"
DEFAULT_PASSWORD = "demo password 2026"
DEFAULT_SEED = 2026


def refresh_planner_statistics():
    """After a bulk load, let the database's query planner see the new data, as
    PostgreSQL's autovacuum and SQLite's PRAGMA optimize do in normal running. On
    PostgreSQL, outside a transaction (VACUUM cannot run in one), the visit of autovacuum
    in full: VACUUM also marks the new rows visible to all, which lets the counts of
    what is due be read from an index alone, as they are once autovacuum has been by."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


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
