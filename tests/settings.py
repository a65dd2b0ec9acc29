"""Settings for the test suite: the production settings, with what tests need changed."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "k" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS, MIDDLEWARE

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
