"""Load check: two gunicorn servers (one worker each) against the same PostgreSQL
database and Redis, as two machines behind a load balancer, with wrk (Debian: apt-get
install wrk) sending signed-in requests over both on loopback.

The user has 10,000 seeded applications (bench.seeding). Each page is timed against the
bare login-required view of bench.urls: 8 connections spread over the servers, for 60 s
a page in all, in rounds that take turns (bare view, then each page) so that both meet
the same machine load. Prints per page the requests per second, p50/p90/p99 latency,
answers that are not 2xx and socket errors, and the page's share of the bare view's
requests per second. Targets: no error at all, and the dashboard keeps at least 30% of
the bare view's requests per second; the exit status is 1 when one is missed.

The database is a scratch one, dropped and made afresh: LOAD_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/onward_load). REDIS_URL is needed for more than one
server (without it each keeps its own caches).

    python scripts/loadtest.py [--servers 2] [--seconds 60] [--connections 8]
                               [--applications 10000] [--pages /dashboard/,/reminders/]
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = "/bench/minimal/"
TARGET_SHARE = 0.30  # of the bare view's requests per second, for the dashboard
TARGET_PAGE = "/dashboard/"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers a server")
    parser.add_argument("--seconds", type=int, default=60, help="of load a page, in all")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8, help="over all the servers")
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--pages", default=TARGET_PAGE, help="comma-separated paths")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    redis_url = os.environ.get("REDIS_URL", "")
    if args.servers > 1 and not redis_url:
        sys.exit("More than one server needs REDIS_URL: without it each keeps its own caches.")
    database = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/onward_load")
    secret_key = secrets.token_urlsafe(50)
    user = prepare(database, secret_key, args.applications)

    from bench import servers

    cookies = servers.signed_in(user)
    paths = [BARE] + [path.strip() for path in args.pages.split(",") if path.strip()]
    running = servers.start(
        args.servers,
        secret_key,
        database,
        redis_url,
        workers=args.workers,
        settings="bench.server_settings",
    )
    try:
        for server in running:  # signed in, and every page answers; caches filled
            for path in paths:
                response, _ = server.request("GET", path, cookies)
                if response.status != 200:
                    sys.exit(f"{path} answered {response.status} on port {server.port}")
        print(
            f"{args.servers} gunicorn servers × {args.workers} worker(s), PostgreSQL and "
            f"{'Redis' if redis_url else 'local-memory caches'}; {args.connections} "
            f"connections over them; {args.seconds} s a page in {args.rounds} rounds; "
            f"{args.applications:,} applications for the signed-in user. "
            f"Load average at the start: {load()}"
        )
        found = {path: [] for path in paths}
        for _ in range(args.rounds):
            for path in paths:
                found[path].append(load_all(wrk, running, path, cookies, args))
    finally:
        servers.stop_all(running)
    return report(found, paths)


def load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def prepare(database, secret_key, applications):
    """A fresh scratch database, migrated, with the seeded user (returned)."""
    import psycopg

    base, _, name = database.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.server_settings",
        DATABASE_URL=database,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="onward.example.org",
    )
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.seeding import seed

    call_command("migrate", "--noinput", verbosity=0)
    return seed(applications)


def load_all(wrk, running, path, cookies, args):
    """One slice of load on `path`: a wrk per server at once, the connections shared out;
    the summary of each."""
    seconds = max(1, round(args.seconds / args.rounds))
    share = [args.connections // len(running)] * len(running)
    for index in range(args.connections % len(running)):
        share[index] += 1
    cookie = "; ".join(f"{key}={value}" for key, value in cookies.items())
    started = []
    for server, connections in zip(running, share, strict=True):
        if not connections:
            continue
        command = [
            wrk,
            f"--duration={seconds}s",
            f"--connections={connections}",
            f"--threads={min(2, connections)}",
            "--timeout=10s",
            f"--script={ROOT / 'scripts' / 'loadtest.lua'}",
            "--header=Host: onward.example.org",
            "--header=X-Forwarded-Proto: https",
            f"--header=Cookie: {cookie}",
            f"http://127.0.0.1:{server.port}{path}",
        ]
        started.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    summaries = []
    for process in started:
        output, _ = process.communicate()
        line = next(line for line in output.splitlines() if line.startswith("LOADTEST "))
        summaries.append(json.loads(line.removeprefix("LOADTEST ")))
    return summaries


def percentile(latency, share):
    """The latency (µs) below which `share` of the requests answered."""
    total = sum(count for _, count in latency)
    seen = 0
    for value, count in sorted(latency):
        seen += count
        if seen >= share * total:
            return value
    return 0


def report(found, paths):
    print(
        f"\n{'page':<18} {'requests':>9} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} "
        f"{'p99 ms':>7} {'non-2xx':>8} {'socket':>7} {'× bare req/s':>13}"
    )
    rates, errors, status = {}, 0, 0
    for path in paths:
        # A slice's servers were loaded at once, and the slices one after another.
        runs = [run for slice_ in found[path] for run in slice_]
        requests = sum(run["requests"] for run in runs)
        seconds = sum(max(run["duration_us"] for run in slice_) for slice_ in found[path]) / 1e6
        rates[path] = requests / seconds if seconds else 0
        latency = [pair for run in runs for pair in run["latency"]]
        non2xx = sum(run["non2xx"] for run in runs)
        sockets = sum(run[key] for run in runs for key in ("connect", "read", "write", "timeout"))
        errors += non2xx + sockets
        share = rates[path] / rates[BARE] if rates.get(BARE) else 0
        mark = ""
        if path == TARGET_PAGE:
            ok = share >= TARGET_SHARE
            status |= not ok
            mark = f"  target ≥ {TARGET_SHARE:.2f}{'' if ok else '  ← under'}"
        name = "bare view" if path == BARE else path
        print(
            f"{name:<18} {requests:>9,} {rates[path]:>8.1f} "
            f"{percentile(latency, 0.5) / 1000:>7.1f} {percentile(latency, 0.9) / 1000:>7.1f} "
            f"{percentile(latency, 0.99) / 1000:>7.1f} {non2xx:>8} {sockets:>7} "
            f"{share:>13.2f}{mark}"
        )
    print(f"\nErrors (non-2xx answers and socket errors): {errors}, target 0.")
    print(f"Load average at the end: {load()}")
    return 1 if errors or status else 0


if __name__ == "__main__":
    sys.exit(main())
