"""Settings for the benchmark: production settings (DEBUG off, the same middleware),
served over plain HTTP to the test client, with a minimal view to compare against.

The database is a scratch one that bench.run creates and drops: a temporary SQLite
file, or, when DATABASE_URL points at PostgreSQL, a database named onward_bench (or
BENCH_DATABASE_NAME) on that server. The developer's own database is never touched.
"""

import os
import tempfile
import warnings

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "b" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ["DEBUG"] = "0"

from config.settings import *  # noqa: F403
from config.settings import DATABASES

DEBUG = False
ROOT_URLCONF = "bench.urls"

# The test client speaks plain HTTP.
from config.plain_http import *  # noqa: E402, F403

# Only the seeded user's password is hashed; nobody logs in with it here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# bench.run creates the scratch database through Django's test-database machinery,
# which uses TEST["NAME"]: a temporary file for SQLite (on disk, as in real use, not
# in memory), a separate database for PostgreSQL.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    BENCH_DATABASE_NAME = os.path.join(tempfile.gettempdir(), f"onward-bench-{os.getpid()}.sqlite3")
else:
    BENCH_DATABASE_NAME = os.environ.get("BENCH_DATABASE_NAME", "onward_bench")
DATABASES["default"]["TEST"] = {"NAME": BENCH_DATABASE_NAME}

# No collectstatic for a benchmark: WhiteNoise would warn that STATIC_ROOT is missing.
# (WHITENOISE_AUTOREFRESH, as in the tests, would rescan files on every request and
# skew the timings.)
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    # A page that fails shows its traceback; nothing else is logged.
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
