"""Times Onward's pages at scale: `make bench`, or `python -m bench.run --help`.

Seeds 10,000 applications for one user into a scratch database (see bench.settings),
then prints for each page the median and p95 time over --requests requests (after a
warm-up), its number of queries, and the ratio of its median to that of a minimal
login-required view measured in the same run through the same middleware. Requests
go round-robin over the pages, so a slow spell of the machine hits every row alike.
Rows over the budget are marked; the exit status is 0 either way (no test asserts a
time). A new page is one more (name, url) pair in PAGES. Then the calendar feed is timed as
written afresh (the table's row is the cached feed a poller gets while nothing changed),
and the CSV export of all the applications and an import preview of that file are timed
against their targets.
"""

import argparse
import math
import os
import statistics
import sys
import time
from io import StringIO

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from applications.models import Application, ImportBatch  # noqa: E402
from contacts.models import Contact  # noqa: E402
from core.cached_counts import GENERATION_KEY  # noqa: E402
from feedback.models import Rejection  # noqa: E402

QUERY_BUDGET = 10
RATIO_BUDGET = 10
BENCH_EMAIL = "bench@example.org"
MINIMAL = ("minimal login-required view", "/bench/minimal/")
AFTER_A_POST = ", after a POST"


def busiest(queryset, *relations):
    """The row with the most related rows of each of `relations`, in that order."""
    counts = {f"{relation}_count": Count(relation, distinct=True) for relation in relations}
    return queryset.annotate(**counts).order_by(*(f"-{name}" for name in counts), "pk").first()


def busiest_application(user):
    """The detail page with the longest timeline: the most stage changes and interviews."""
    application = busiest(Application.objects.for_user(user), "stage_changes", "interviews")
    return reverse("applications:detail", args=[application.pk])


def busiest_rejection(user):
    """The rejection overview with the most to show: the most feedback requests, then
    the most lessons."""
    rejection = busiest(Rejection.objects.for_user(user), "feedback_requests", "lessons")
    return f"/rejections/{rejection.pk}/"


# (name, url): the url is a path, or a function of the seeded user that returns one.
# The three-step pages are written as the paths of DESIGN.md's URL map, so the run
# still completes (the row shows the HTTP status) while a page is being built.
PAGES = [
    ("applications list", lambda user: reverse("applications:list")),
    ("applications board", lambda user: reverse("applications:board")),
    ("application detail", busiest_application),
    ("companies", lambda user: reverse("companies:list")),
    ("dashboard", lambda user: reverse("insights:dashboard")),
    ("rejections", "/rejections/"),
    ("rejection overview", busiest_rejection),
    ("lessons", "/lessons/"),
    ("contacts", "/contacts/"),
    ("feedback requests", "/feedback/"),
    ("insights", "/insights/"),
    ("reminders", lambda user: reverse("reminders:list")),
    # Every kind searched at once, and one kind's second page.
    ("search", lambda user: reverse("search:results") + "?q=eng"),
    (
        "search, one kind",
        lambda user: reverse("search:results") + "?q=data+eng&kind=applications&page=2",
    ),
    # Counts of what is due are kept until the next POST (reminders/context_processors.py):
    # these rows are the pages as seen right after one, counting afresh.
    (f"reminders{AFTER_A_POST}", lambda user: reverse("reminders:list")),
    (f"dashboard{AFTER_A_POST}", lambda user: reverse("insights:dashboard")),
    # Unchanged since the last poll: served from the cache (reminders/calendar.py).
    # How long writing it afresh takes is timed on its own, after the table.
    ("calendar feed", lambda user: reverse("reminders:calendar", args=[user.calendar_token])),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument(
        "--csv-runs",
        type=int,
        default=3,
        help="timed CSV exports and imports, and calendar feed rewrites",
    )
    args = parser.parse_args(argv)

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(f"Scratch database: {connection.vendor}, {connection.settings_dict['NAME']}")
        user = seed(args.applications)
        client = Client(raise_request_exception=False)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        pages = [MINIMAL] + [(name, url(user) if callable(url) else url) for name, url in PAGES]
        rows = measure(client, pages, args.requests, args.warmup)
        print_table(rows, args)
        measure_feed_writing(user, args.csv_runs)
        measure_csv(client, user, args.csv_runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def seed(applications):
    started = time.perf_counter()
    call_command("seed_demo", applications=applications, email=BENCH_EMAIL, stdout=StringIO())
    elapsed = time.perf_counter() - started
    print(f"Seeded {applications:,} applications for one user in {elapsed:.1f} s.")
    return User.objects.get(email=BENCH_EMAIL)


def measure(client, pages, requests, warmup):
    """[(name, url, status, queries, [seconds, ...])] for each page."""
    statuses, queries = {}, {}
    for name, url in pages:
        for _ in range(warmup):
            client.get(url)
        fresh = name.endswith(AFTER_A_POST)
        if fresh:
            kept_generation = renew_generation(client)
        with CaptureQueriesContext(connection) as captured:
            statuses[name] = client.get(url).status_code
        queries[name] = len(captured)
        if fresh:
            renew_generation(client, kept_generation)
    timings = {name: [] for name, _ in pages}
    for _ in range(requests):
        for name, url in pages:
            fresh = name.endswith(AFTER_A_POST)
            if fresh:
                kept_generation = renew_generation(client)
            started = time.perf_counter()
            client.get(url)
            timings[name].append(time.perf_counter() - started)
            if fresh:
                renew_generation(client, kept_generation)
    return [(name, url, statuses[name], queries[name], timings[name]) for name, url in pages]


def renew_generation(client, generation=None):
    """Does to the client's session what a POST does (a new generation of kept counts),
    or puts back `generation`, the one it returned before."""
    session = client.session
    replaced = session.get(GENERATION_KEY, "")
    if generation is None:
        generation = f"bench-{time.perf_counter_ns()}"
    session[GENERATION_KEY] = generation
    session.save()
    return replaced


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def print_table(rows, args):
    baseline = statistics.median(rows[0][4])
    print(
        f"{args.requests} timed requests per page after {args.warmup} warm-up requests; "
        f"times in milliseconds.\n"
    )
    header = f"{'page':<30} {'url':<24} {'median':>8} {'p95':>8} {'queries':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    over = 0
    for name, url, status, queries, times in rows:
        median = statistics.median(times)
        ratio = median / baseline
        problems = []
        if status != 200:
            problems.append(f"HTTP {status}")
        if queries > QUERY_BUDGET:
            problems.append("queries over budget")
        if ratio > RATIO_BUDGET:
            problems.append("ratio over budget")
        over += bool(problems)
        mark = f"  ← {', '.join(problems)}" if problems else ""
        print(
            f"{name:<30} {url:<24} {median * 1000:>8.1f} {p95(times) * 1000:>8.1f} "
            f"{queries:>8} {ratio:>6.1f}{mark}"
        )
    print(
        f"\nBudget: at most {QUERY_BUDGET} queries and a ratio of at most {RATIO_BUDGET} "
        f"per page. {'All pages within budget.' if not over else f'{over} page(s) marked.'}"
    )


def measure_feed_writing(user, runs):
    """Times the calendar feed written afresh, as a poller gets it after any change: a
    contact is saved before each request, which changes the feed's fingerprint."""
    contact = Contact.objects.for_user(user).order_by("pk").first()
    url = reverse("reminders:calendar", args=[user.calendar_token])
    poller = Client(raise_request_exception=False)
    timings, size = [], 0
    for _ in range(runs):
        contact.save()
        started = time.perf_counter()
        response = poller.get(url)
        timings.append(time.perf_counter() - started)
        size = len(response.content)
    events = response.content.count(b"BEGIN:VEVENT")
    print(f"\nCalendar feed written afresh after a change, median of {runs} runs.\n")
    print(
        f"{'calendar feed, rewritten':<30} {events:>7,} events {size / 1e6:>5.1f} MB "
        f"{statistics.median(timings):>6.2f} s"
    )


# CSV export and import: whole transfers, not pages, so timed on their own.
CSV_EXPORT_TARGET = 0.5
CSV_PREVIEW_TARGET = 3.0
CSV_IMPORT_EMAIL = "bench-import@example.org"


def measure_csv(client, user, runs):
    """Times the CSV export of all the seeded applications, then an import preview of
    that very file into a fresh account (upload, reading and checking every row, and
    the preview page), then one confirmation of it."""
    export_url = reverse("applications:export")
    exports, content = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        content = b"".join(client.get(export_url).streaming_content)
        exports.append(time.perf_counter() - started)

    importer = User.objects.create_user(email=CSV_IMPORT_EMAIL, password=None)
    other = Client(raise_request_exception=False)
    other.force_login(importer, backend="django.contrib.auth.backends.ModelBackend")
    previews, preview_url = [], None
    for _ in range(runs):
        upload = SimpleUploadedFile("bench.csv", content, "text/csv")
        started = time.perf_counter()
        response = other.post(reverse("applications:import"), {"file": upload})
        preview_url = response.get("Location")
        status = other.get(preview_url).status_code if preview_url else response.status_code
        previews.append(time.perf_counter() - started)
    batch = ImportBatch.objects.get(owner=importer)
    started = time.perf_counter()
    other.post(reverse("applications:import_confirm", args=[batch.pk]))
    confirm = time.perf_counter() - started
    imported = Application.objects.for_user(importer).count()

    print(f"\nCSV, median of {runs} runs; times in seconds.\n")
    export = statistics.median(exports)
    preview = statistics.median(previews)
    print(
        f"{'CSV export':<30} {batch.row_count:>7,} rows {export:>7.2f} s  "
        f"target ≤ {CSV_EXPORT_TARGET} s{'  ← over' if export > CSV_EXPORT_TARGET else ''}"
    )
    print(
        f"{'CSV import preview':<30} {batch.row_count:>7,} rows {preview:>7.2f} s  "
        f"target ≤ {CSV_PREVIEW_TARGET} s{'  ← over' if preview > CSV_PREVIEW_TARGET else ''}"
        f"{f'  ← HTTP {status}' if status != 200 else ''}"
    )
    print(f"{'CSV import confirmation':<30} {imported:>7,} rows {confirm:>7.2f} s  (once)")


if __name__ == "__main__":
    sys.exit(main())
