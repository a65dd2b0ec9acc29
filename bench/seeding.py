"""The benchmark's user and data, for bench.run and scripts/loadtest.py alike: the demo
seeder's applications (with their timelines, interviews, rejections, feedback, lessons,
contacts and reminders) for one user, in whatever database Django is set up with."""

import time
from io import StringIO

from django.core.management import call_command

BENCH_EMAIL = "bench@example.org"


def seed(applications, email=BENCH_EMAIL):
    """Seeds `applications` applications for the user `email`; returns that user."""
    from accounts.models import User

    started = time.perf_counter()
    call_command("seed_demo", applications=applications, email=email, stdout=StringIO())
    elapsed = time.perf_counter() - started
    print(f"Seeded {applications:,} applications for one user in {elapsed:.1f} s.")
    return User.objects.get(email=email)
