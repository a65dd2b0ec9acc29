"""Production smoke test of the container's entrypoint, outside Docker.

Runs bin/start (migrate, then gunicorn with gunicorn.conf.py) with production settings
against PostgreSQL, with requests carrying X-Forwarded-Proto: https as a TLS proxy
would send them, and checks /healthz, the log-in page, a static file served by
whitenoise (compressed, with a far-future cache header), the security headers, and
that the logs leave the calendar feed's token out. Then it stops gunicorn. Exit status
0 when every check passes.

    python scripts/smoke.py            # DATABASE_URL defaults to the local PostgreSQL
"""

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/onward_smoke"
)
HOST = "onward.example.org"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
# Browser features every response turns off (a few of config.settings.PERMISSIONS_POLICY).
FEATURES_OFF = ["camera", "microphone", "geolocation", "payment", "usb"]
# A feed address of the right shape: 43 URL-safe characters. No user has it (a 404), but
# the access log sees it all the same.
FAKE_FEED = "/reminders/calendar/SmokeTestToken" + "x" * 29 + ".ics"
failures = []


def check(what, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {what}{f': {detail}' if detail and not ok else ''}")
    if not ok:
        failures.append(what)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(port):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "STATIC_STORAGE"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        SITE_URL=f"https://{HOST}",
        DATABASE_URL=DATABASE_URL,
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        PATH=f"{Path(PYTHON).parent}:{os.environ.get('PATH', '')}",
    )
    return env


def create_database():
    import psycopg

    base, _, name = DATABASE_URL.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(
        "GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
    )
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def wait_until_up(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            response, _ = get(port, "/healthz")
            if response.status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def main():
    port = free_port()
    env = production_env(port)
    create_database()
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    with tempfile.TemporaryFile(mode="w+") as log:
        return serve_and_check(port, env, log)


def serve_and_check(port, env, log):
    process = subprocess.Popen(
        [str(ROOT / "bin" / "start")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        check("gunicorn starts and /healthz answers", wait_until_up(port, process))
        if failures:
            return 1
        response, body = get(port, "/healthz")
        check("/healthz is 200 ok", response.status == 200 and body.strip() == b"ok")

        response, _ = get(port, "/healthz", {"Host": "10.0.0.7:8000", "X-Forwarded-Proto": ""})
        check("/healthz answers a load balancer by IP over plain HTTP", response.status == 200)

        response, _ = get(port, "/accounts/login/", {"X-Forwarded-Proto": "http"})
        check(
            "plain HTTP is redirected to HTTPS",
            response.status == 301
            and response.getheader("Location", "").startswith(f"https://{HOST}/"),
        )

        response, body = get(port, "/accounts/login/")
        headers = response.headers
        check("log-in page is 200", response.status == 200, str(response.status))
        check("log-in page has the form", b'name="username"' in body)
        check(
            "CSP is the strict policy",
            normalise(headers.get("Content-Security-Policy")) == normalise(CSP),
            headers.get("Content-Security-Policy"),
        )
        check(
            "HSTS for a year with subdomains",
            headers.get("Strict-Transport-Security") == "max-age=31536000; includeSubDomains",
            headers.get("Strict-Transport-Security"),
        )
        check("X-Content-Type-Options: nosniff", headers.get("X-Content-Type-Options") == "nosniff")
        check("Referrer-Policy: same-origin", headers.get("Referrer-Policy") == "same-origin")
        check(
            "Cross-Origin-Opener-Policy: same-origin",
            headers.get("Cross-Origin-Opener-Policy") == "same-origin",
        )
        check("X-Frame-Options: DENY", headers.get("X-Frame-Options") == "DENY")
        check_policies("log-in page", headers)
        cookies = headers.get_all("Set-Cookie") or []
        csrf = next((c for c in cookies if c.startswith("__Host-csrftoken=")), "")
        check(
            "CSRF cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/",
            all(part in csrf for part in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/")),
            csrf or str(cookies),
        )

        stylesheet = re.search(rb'href="(/static/css/onward\.[0-9a-f]+\.css)"', body)
        check("static files are served under hashed names", stylesheet is not None)
        if stylesheet:
            response, _ = get(port, stylesheet.group(1).decode(), {"Accept-Encoding": "gzip"})
            check("static file is 200", response.status == 200, str(response.status))
            check(
                "static file is served compressed",
                response.getheader("Content-Encoding") in {"gzip", "br"},
                str(response.getheader("Content-Encoding")),
            )
            cache = response.getheader("Cache-Control", "")
            check(
                "static file has a far-future cache header",
                "max-age=315360000" in cache and "immutable" in cache,
                cache,
            )
            check_policies("static file", response.headers)
        response, _ = get(port, FAKE_FEED)
        check("an unknown calendar feed is 404", response.status == 404, str(response.status))
        print(f"Response headers of the log-in page:\n{format_headers(headers)}")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        print("gunicorn stopped.")
        log.seek(0)
        output = log.read()
        print(f"Output of bin/start:\n{output}")
    check_access_log(output)
    print("Smoke test passed." if not failures else f"Smoke test FAILED: {len(failures)} check(s).")
    return 1 if failures else 0


def check_policies(what, headers):
    policy = headers.get("Permissions-Policy") or ""
    check(
        f"{what}: Permissions-Policy turns off {', '.join(FEATURES_OFF)}",
        all(f"{feature}=()" in policy for feature in FEATURES_OFF),
        policy,
    )
    check(
        f"{what}: Cross-Origin-Resource-Policy: same-origin",
        headers.get("Cross-Origin-Resource-Policy") == "same-origin",
        str(headers.get("Cross-Origin-Resource-Policy")),
    )


def check_access_log(output):
    check("the access log logs requests", '"GET /accounts/login/ HTTP/1.1" 200' in output)
    check(
        "the access log leaves the calendar token out",
        "SmokeTestToken" not in output and "/reminders/calendar/….ics" in output,
        [line for line in output.splitlines() if "calendar" in line],
    )


def normalise(policy):
    return sorted(part.strip() for part in (policy or "").split(";") if part.strip())


def format_headers(headers):
    return "\n".join(f"  {name}: {value}" for name, value in headers.items())


if __name__ == "__main__":
    sys.exit(main())
