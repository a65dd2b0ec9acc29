"""Load check: gunicorn with 2 workers, 60 s of signed-in requests over the main pages at
8 concurrent connections on loopback, with wrk (Debian: apt-get install wrk).

Prints requests per second, p50/p99 latency and the count of answers that are not 2xx
(target: 0). Uses a scratch PostgreSQL database (LOAD_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/onward_load) seeded with the demo account.

    python scripts/loadtest.py [--seconds 60] [--connections 8] [--applications 2000]
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import smoke  # the same production environment and helpers

ROOT = smoke.ROOT


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--applications", type=int, default=2000)
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    smoke.DATABASE_URL = os.environ.get(
        "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/onward_load"
    )
    port = smoke.free_port()
    env = smoke.production_env(port)
    smoke.create_database()
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([smoke.PYTHON, "manage.py", "migrate", "--noinput", "-v0"], **run)
    subprocess.run([smoke.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], **run)
    subprocess.run(
        [smoke.PYTHON, "manage.py", "seed_demo", f"--applications={args.applications}"],
        stdout=subprocess.DEVNULL,
        **run,
    )
    session = (
        subprocess.run(
            [smoke.PYTHON, "manage.py", "shell", "-c", SESSION_SNIPPET],
            capture_output=True,
            text=True,
            **run,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [str(ROOT / "bin" / "start")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not smoke.wait_until_up(port, server):
            sys.exit("gunicorn did not start")
        print(
            f"wrk: {args.seconds} s, {args.connections} connections, gunicorn with 2 workers, "
            f"demo account with {args.applications} applications"
        )
        subprocess.run(
            [
                wrk,
                f"--duration={args.seconds}s",
                f"--connections={args.connections}",
                "--threads=2",
                "--latency",
                f"--script={ROOT / 'scripts' / 'loadtest.lua'}",
                f"--header=Host: {smoke.HOST}",
                "--header=X-Forwarded-Proto: https",
                f"--header=Cookie: __Host-sessionid={session}",
                f"http://127.0.0.1:{port}",
            ],
            check=True,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


SESSION_SNIPPET = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
user = User.objects.get(email="demo@example.org")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


if __name__ == "__main__":
    main()
