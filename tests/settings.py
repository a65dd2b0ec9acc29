"""Settings for the test suite: the production settings, with what tests need changed."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "k" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")


def redis_url_for_worker(url, worker):
    """The Redis database of one pytest-xdist worker (`gw0`, `gw1`, …): the one `url`
    names for gw0, the one below it for gw1, and so on. Every test empties the caches
    after it (FLUSHDB, tests/conftest.py), which would empty another worker's too; each
    worker's own database keeps them apart. Subprocesses (the gunicorns of
    tests/test_two_servers.py) inherit the worker's REDIS_URL."""
    parts = urlsplit(url)
    if not worker.startswith("gw"):
        return url
    if "db=" in parts.query:
        raise ImproperlyConfigured("Name the Redis database in REDIS_URL's path: redis://host/15")
    database = int(parts.path.strip("/") or 0) - int(worker.removeprefix("gw"))
    if database < 0:
        raise ImproperlyConfigured(
            f"REDIS_URL={url} leaves no Redis database for pytest-xdist worker {worker}: "
            "name a higher database number, or run fewer workers (PYTEST_WORKERS=2)"
        )
    return urlunsplit(parts._replace(path=f"/{database}"))


if os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = redis_url_for_worker(
        os.environ["REDIS_URL"], os.environ.get("PYTEST_XDIST_WORKER", "")
    )

from config.settings import *  # noqa: E402, F403
from config.settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402

# A fast hasher: Argon2 on every created user would slow the suite for nothing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The test client speaks plain HTTP.
from config.plain_http import *  # noqa: E402, F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# django-zeal raises on any N+1 query inside a request.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True

LOGGING = {"version": 1, "disable_existing_loggers": False}
