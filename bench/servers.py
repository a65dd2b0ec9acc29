"""Gunicorn servers started for real, as two machines behind a load balancer would run
them: production settings, a pretend TLS proxy in front (X-Forwarded-Proto: https), the
database and cache they are given. tests/test_two_servers.py starts two to show that a
change made through one shows on the other; scripts/loadtest.py (`make loadtest`) puts
them under load. Django must be set up in the calling process for signed_in()."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from gunicorn import version_info as gunicorn_version

ROOT = Path(__file__).resolve().parent.parent
HOST = "onward.example.org"
SESSION_COOKIE = "__Host-sessionid"
CSRF_COOKIE = "__Host-csrftoken"


# No control socket: gunicorn 25.1 and later make one, by default at the same path for
# every gunicorn its user runs, so two servers here (or anyone else's on the machine)
# would fight over it. These servers are stopped by signal, not through it.
NO_CONTROL_SOCKET = ["--no-control-socket"] if gunicorn_version >= (25, 1) else []


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(db):
    """A DATABASE_URL for the PostgreSQL database of a Django settings_dict."""
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    """One gunicorn on a port of its own. `redis_url` empty: each worker keeps its own
    caches. `settings` names a settings module other than config.settings (the load
    check's adds the bare view of bench.urls)."""

    def __init__(self, secret_key, database, redis_url="", workers=1, settings=None):
        self.port = free_port()
        drop = {"DEBUG", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
        env = {key: value for key, value in os.environ.items() if key not in drop}
        env.update(
            SECRET_KEY=secret_key,
            ALLOWED_HOSTS=HOST,
            CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
            SITE_URL=f"https://{HOST}",
            DATABASE_URL=database,
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
            STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS=str(workers),
            LOG_LEVEL="warning",
            # No collectstatic: the static files are served from the apps' own folders.
            PYTHONWARNINGS="ignore:No directory at:UserWarning",
        )
        if redis_url:
            env["REDIS_URL"] = redis_url
        if settings:
            env["DJANGO_SETTINGS_MODULE"] = settings
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "--config", "gunicorn.conf.py", "--access-logfile", "/dev/null",
             *NO_CONTROL_SOCKET, "config.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def wait(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn stopped"
            try:
                if self.request("GET", "/healthz")[0].status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start")

    def request(self, method, path, cookies=None, body=None, headers=None):
        sent = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{HOST}"
            sent["Referer"] = f"https://{HOST}{path}"
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        client.request(method, path, body=body, headers=sent)
        response = client.getresponse()
        content = response.read().decode()
        client.close()
        return response, content

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def start(count, *args, **kwargs):
    """`count` servers, each answering /healthz; stop them with stop_all()."""
    started = []
    try:
        for _ in range(count):
            started.append(Server(*args, **kwargs))
        for server in started:
            server.wait()
    except BaseException:
        stop_all(started)
        raise
    return started


def stop_all(servers):
    for server in servers:
        server.stop()


def signed_in(user):
    """The cookies of a new session of `user`'s, as logging in would set them (the
    servers must share this process's SECRET_KEY)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {SESSION_COOKIE: session.session_key}
