"""The benchmark's user and data, for bench.run and scripts/loadtest.py alike: the demo
seeder's applications (with their timelines, interviews, rejections, feedback, lessons,
contacts and reminders) for one user, in whatever database Django is set up with."""

import time
from io import StringIO

from django.core.management import call_command
from django.db import connection

BENCH_EMAIL = "bench@example.org"


def seed(applications, email=BENCH_EMAIL):
    """Seeds `applications` applications for the user `email`; returns that user."""
    from accounts.models import User

    started = time.perf_counter()
    call_command("seed_demo", applications=applications, email=email, stdout=StringIO())
    settle()
    elapsed = time.perf_counter() - started
    print(f"Seeded {applications:,} applications for one user in {elapsed:.1f} s.")
    return User.objects.get(email=email)


def settle():
    """On PostgreSQL, VACUUM ANALYZE the freshly written tables, as autovacuum does on a
    server within a minute or two of such a batch of writes. The CI's server has
    autovacuum off (/etc/postgresql/*/main/conf.d/90-ci.conf): left as seeded, no page
    is marked all-visible, so every index-only scan reads the heap row by row (the
    seeder's update of each application leaves its old version beside it), and the
    planner knows nothing of the rows. SQLite needs nothing of the kind."""
    if connection.vendor == "postgresql":
        # VACUUM cannot run in a transaction (a test's): ANALYZE alone there.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
