"""Times Onward's pages at scale: `make bench`, or `python -m bench.run --help`.

Seeds 10,000 applications for one user into a scratch database (see bench.settings),
then times every page of bench/pages.py twice over: warm (the kept counts and feeds of
the requests before it), and just after a change (every cache emptied before each
timed request). Each timed request to a page follows one to a bare login-required view
(bench/urls.py), through the same client, process and settings, and each page's ratio
is the median of its requests' times each over the bare one's just before it: the two
meet the same machine load. The table prints per page its median in either state side by
side, the ratios and the queries. Rows over the budgets of bench/pages.py are marked;
the exit status is 0 either way (no test asserts a time; tests/test_page_budgets.py
asserts the query counts).

`--users N` then copies the seeded user's rows for N - 1 more users (bench/crowd.py,
in SQL) and times every page again for the last of them, next to the single-user
figures: each page's ratio to the bare view over its ratio with one user (the two runs
are minutes apart, and on a shared machine the load changes in between; a ratio is
timed against the bare view interleaved with it, so it carries the load with it, as a
median alone does not). `--explain` prints the plans of the three slowest queries of the cold pages.
Then the CSV export of all the applications and an import preview of that file are
timed against their targets. Last, the capture POST (a job advert's page read into
the prefilled form) is timed for a typical page and for one of the 2 MB it takes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from applications.models import Application, ImportBatch  # noqa: E402
from bench import crowd  # noqa: E402
from bench.pages import (  # noqa: E402
    FEED,
    FEED_BUDGET_SECONDS,
    QUERY_BUDGET,
    RATIO_BUDGET,
    page_urls,
)
from bench.seeding import seed  # noqa: E402
from contacts.models import Contact  # noqa: E402

BARE_URL = "/bench/minimal/"
MODES = ("warm", "cold")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument(
        "--users", type=int, default=1, help="users with that many applications each"
    )
    parser.add_argument(
        "--explain", action="store_true", help="the plans of the three slowest queries"
    )
    parser.add_argument(
        "--csv-runs",
        type=int,
        default=3,
        help="timed CSV exports and imports, and calendar feed rewrites (0: none)",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="time only the pages whose names contain one of these comma-separated words",
    )
    args = parser.parse_args(argv)

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(f"Scratch database: {connection.vendor}, {connection.settings_dict['NAME']}")
        print(f"Caches: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
        print(f"Load average at the start: {load()}")
        user = seed(args.applications)
        single = measure(user, args)
        print_table(single, args, f"One user, {args.applications:,} applications")
        if args.explain and args.users <= 1:
            explain(single)
        if args.users > 1:
            copies = crowd.add_users(user, args.users - 1, sys.stdout)
            crowded = measure(copies[-1], args)
            title = f"{args.users:,} users × {args.applications:,} applications, the last user"
            print_table(crowded, args, title, single)
            if args.explain:
                explain(crowded)
        if args.csv_runs:
            measure_feed_writing(user, args.csv_runs)
            measure_csv(user, args.csv_runs)
        client = Client(raise_request_exception=False)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        measure_capture(client, args.requests)
        print(f"\nLoad average at the end: {load()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def empty_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


def timed(client, url):
    started = time.perf_counter()
    client.get(url)
    return time.perf_counter() - started


class Timing:
    """What one page measured in one mode: its status, its queries, its times and those
    of the bare view timed between them."""

    def __init__(self, url):
        self.url, self.status, self.queries, self.page, self.bare = url, None, [], [], []

    @property
    def median(self):
        return statistics.median(self.page)

    @property
    def ratio(self):
        """The median of each request's time over that of the bare one just before it."""
        return statistics.median(
            page / bare for page, bare in zip(self.page, self.bare, strict=True)
        )


def measure(user, args):
    """{(page name, mode): Timing} for every page, warm and cold."""
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    pages = page_urls(user)
    if args.pages:
        wanted = [word.strip() for word in args.pages.split(",") if word.strip()]
        pages = [(name, url) for name, url in pages if any(word in name for word in wanted)]
    found = {(name, mode): Timing(url) for name, url in pages for mode in MODES}
    for _name, url in pages:
        for _ in range(args.warmup):
            client.get(url)
    for mode in MODES:
        cold = mode == "cold"
        for name, url in pages:
            timing = found[name, mode]
            if cold:
                empty_caches()
            else:
                client.get(url)
            with CaptureQueriesContext(connection) as captured, QueryTimer() as timer:
                timing.status = client.get(url).status_code
            timing.queries = captured.captured_queries
            timing.slow = timer.timed
        # Round after round over the pages, each request after one to the bare view:
        # a slow spell of the machine meets every page and its bare view alike.
        for _ in range(args.requests):
            for name, url in pages:
                timing = found[name, mode]
                if cold:
                    empty_caches()
                timing.bare.append(timed(client, BARE_URL))
                if cold:
                    empty_caches()
                timing.page.append(timed(client, url))
    return found


class QueryTimer:
    """Times each query run inside it: [(seconds, sql, params)]."""

    def __init__(self):
        self.timed = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timed.append((time.perf_counter() - started, sql, params))

    def __enter__(self):
        self.wrapper = connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)


def over_budget(name, timing, mode):
    problems = []
    if timing.status != 200:
        problems.append(f"HTTP {timing.status}")
    if len(timing.queries) > QUERY_BUDGET:
        problems.append(f"{mode} queries")
    if name == FEED and mode == "cold":
        if timing.median > FEED_BUDGET_SECONDS:
            problems.append(f"rewrite over {FEED_BUDGET_SECONDS} s")
    elif timing.ratio > RATIO_BUDGET:
        problems.append(f"{mode} ratio")
    return problems


def print_table(found, args, title, single=None):
    names = list(dict.fromkeys(name for name, _ in found))
    print(
        f"\n{title}: {args.requests} timed requests per page and mode after "
        f"{args.warmup} warm-up requests; times in milliseconds, × the bare view "
        f"timed between them. Load average now: {load()}\n"
    )
    compare = " vs 1 user" if single else ""
    header = f"{'page':<22} {'warm':>7} {'×':>5} {'q':>3}   {'cold':>7} {'×':>5} {'q':>3}" + (
        f"  {'warm' + compare:>15} {'cold' + compare:>15}" if single else ""
    )
    print(header)
    print("-" * len(header))
    bare = {
        mode: statistics.median([t for n in names for t in found[n, mode].bare]) for mode in MODES
    }
    print(
        f"{'bare view':<22} {bare['warm'] * 1000:>7.2f} {1:>5.1f} {2:>3}   "
        f"{bare['cold'] * 1000:>7.2f} {1:>5.1f} {2:>3}"
    )
    marked = 0
    for name in names:
        warm, cold = found[name, "warm"], found[name, "cold"]
        problems = over_budget(name, warm, "warm") + over_budget(name, cold, "cold")
        marked += bool(problems)
        line = (
            f"{name:<22} {warm.median * 1000:>7.2f} {warm.ratio:>5.1f} {len(warm.queries):>3}   "
            f"{cold.median * 1000:>7.2f} {cold.ratio:>5.1f} {len(cold.queries):>3}"
        )
        if single:
            line += "".join(
                f"  {found[name, mode].ratio / single[name, mode].ratio:>14.2f}×" for mode in MODES
            )
        print(line + (f"  ← {', '.join(problems)}" if problems else ""))
    print(
        f"\nBudget: at most {QUERY_BUDGET} queries and {RATIO_BUDGET}× the bare view per "
        f"page, warm and cold; the feed written afresh (cold) within {FEED_BUDGET_SECONDS} s. "
        f"{'All pages within budget.' if not marked else f'{marked} page(s) marked.'}"
    )


def explain(found, how_many=3):
    """The plans of the slowest queries the cold pages made (one of each statement)."""
    slowest = {}
    for (name, mode), timing in found.items():
        if mode != "cold":
            continue
        for seconds, sql, params in timing.slow:
            if sql not in slowest or slowest[sql][0] < seconds:
                slowest[sql] = (seconds, name, params)
    ranked = sorted(slowest.items(), key=lambda item: -item[1][0])[:how_many]
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    print(f"\nThe {how_many} slowest queries of the cold pages, with their plans:")
    for sql, (seconds, name, params) in ranked:
        print(f"\n{seconds * 1000:.2f} ms, {name}:\n  {sql}\n")
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            for row in cursor.fetchall():
                print("  " + " ".join(str(part) for part in row))


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


def measure_csv(user, runs):
    """Times the CSV export of all the seeded applications, then an import preview of
    that very file into a fresh account (upload, reading and checking every row, and
    the preview page), then one confirmation of it."""
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
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

    print(f"\nCSV, median of {runs} runs; times in seconds.\n")
    export = statistics.median(exports)
    preview = statistics.median(previews)
    rows = Application.objects.for_user(user).count()  # one a row of the file
    print(
        f"{'CSV export':<30} {rows:>7,} rows {export:>7.2f} s  "
        f"target ≤ {CSV_EXPORT_TARGET} s{'  ← over' if export > CSV_EXPORT_TARGET else ''}"
        f"  ({len(content) / 1e6:.1f} MB)"
    )
    batch = ImportBatch.objects.filter(owner=importer).first()
    if batch is None:
        # The upload was refused (too large, say): nothing to preview or confirm.
        print(f"{'CSV import preview':<30} {'':>12} refused  ← HTTP {status}, no preview")
        return
    started = time.perf_counter()
    other.post(reverse("applications:import_confirm", args=[batch.pk]))
    confirm = time.perf_counter() - started
    imported = Application.objects.for_user(importer).count()
    print(
        f"{'CSV import preview':<30} {batch.row_count:>7,} rows {preview:>7.2f} s  "
        f"target ≤ {CSV_PREVIEW_TARGET} s{'  ← over' if preview > CSV_PREVIEW_TARGET else ''}"
        f"{f'  ← HTTP {status}' if status != 200 else ''}"
    )
    print(f"{'CSV import confirmation':<30} {imported:>7,} rows {confirm:>7.2f} s  (once)")


# A job board's page with JobPosting JSON-LD, as the parser tests read it.
POSTING_PAGE = Path(__file__).resolve().parent.parent / (
    "tests/applications/fixtures/postings/jsonld_graph.html"
)
CAPTURE_TARGET = 0.5


def measure_capture(client, requests):
    """Times the capture POST: a page of about 60 KB (a job board's page is 50 to 500 KB)
    and one padded to the 2 MB limit, each read into the prefilled new-application form."""
    from applications.capture.posting import MAX_PAGE_BYTES

    posting = POSTING_PAGE.read_text(encoding="utf-8")
    filler = "<div class='similar'><p>Similar jobs near you: welder, plumber.</p></div>\n"

    def padded(size):
        return posting.replace("<main>", "<main>" + filler * ((size - len(posting)) // len(filler)))

    url = reverse("applications:capture")
    print(f"\nCapture POST, median of {requests} runs; times in seconds.\n")
    for name, page in (
        ("capture, 60 KB page", padded(60_000)),
        ("capture, 2 MB page", padded(MAX_PAGE_BYTES)),
    ):
        # The log of queries keeps the last 9,000 only: after the pages above it is full,
        # and a capture would count none.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            status = client.post(url, {"page": page}).status_code
        queries = len(captured)  # now: the log moves on with the timed requests
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.post(url, {"page": page})
            timings.append(time.perf_counter() - started)
        median = statistics.median(timings)
        problems = [f"HTTP {status}"] if status != 200 else []
        if median > CAPTURE_TARGET:
            problems.append("over")
        mark = f"  ← {', '.join(problems)}" if problems else ""
        print(
            f"{name:<30} {len(page.encode()) / 1e6:>5.2f} MB {queries:>3} queries "
            f"{median:>6.3f} s  target ≤ {CAPTURE_TARGET} s{mark}"
        )


if __name__ == "__main__":
    sys.exit(main())
