"""Onward's settings. Everything that differs between machines comes from the environment;
the README lists every variable."""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
# Serving needs a real key when DEBUG is off: config/wsgi.py and config/asgi.py refuse to
# start without one, and so does `check --deploy` (config/checks.py). Commands that sign
# nothing (makemigrations --check, collectstatic) may run without: they get a random key
# that nobody knows and that lasts as long as the command.
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = (
        secrets.token_urlsafe(50)
        if not DEBUG
        else "local-development-only-not-a-secret-" + "x" * 20
    )
MISSING_SECRET_KEY_MESSAGE = (
    "SECRET_KEY must be set when DEBUG is off. Generate one with: "
    'python -c "import secrets; print(secrets.token_urlsafe(50))"'
)

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SIGNUP_ENABLED = env_bool("SIGNUP_ENABLED", default=True)
ADMIN_URL = env_str("ADMIN_URL", "admin/").strip("/") + "/"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_htmx",
    "csp",
    "axes",
    "config",
    "core",
    "accounts",
    "applications",
    "contacts",
    "feedback",
    "reminders",
    "search",
    "insights",
    "transfer",
    "demo",
]

MIDDLEWARE = [
    # Outermost: every response carries its policies, static files and /healthz included.
    "core.headers.PolicyHeadersMiddleware",
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that responses made by the middleware below (such as the 400 page for
    # a Host header not in ALLOWED_HOSTS) carry the policy too.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.headers.PrivatePagesNoStoreMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "core.cached_counts.RenewCountsOnPostMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "reminders.context_processors.due_reminders",
            ],
        },
    },
]
# Django's form renderer, its <input> widgets written without their templates.
FORM_RENDERER = "core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The statements core/prepared.py PREPAREs (the reminders' counts and rows, the
    # dashboard's lists) are planned once per connection, not at every run: planning a
    # union of a dozen joins took PostgreSQL longer than running it. Only those are
    # prepared (psycopg binds every other query's values on the client).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c plan_cache_mode=force_generic_plan"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. Without REDIS_URL they live in each process's memory, which is right for one
# process (`make run`, a single container). With several workers or servers set REDIS_URL:
# counts kept for pages (core/cached_counts.py) and written calendar feeds
# (reminders/calendar.py) are then shared, so a change made through one server shows on
# the next request to any other. Nothing depends on a cache being warm: every page is
# right with the caches empty. Limits that must hold across workers (sign-up and
# password-reset throttles, login lockouts) live in the database, not in a cache.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "onward",
        },
        "calendar": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "onward-calendar",
        },
    }
else:
    # "calendar" keeps a few written feeds per worker (a busy account's feed is a couple
    # of megabytes).
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "calendar": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "calendar-feeds",
            "OPTIONS": {"MAX_ENTRIES": env_int("CALENDAR_CACHE_ENTRIES", 20)},
        },
    }

# Accounts and passwords
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "insights:dashboard"
LOGOUT_REDIRECT_URL = "home"
EMAIL_CONFIRMATION_MAX_AGE = timedelta(days=7)
# Sign-ups allowed from one client address per hour.
SIGNUP_RATE_PER_HOUR = env_int("SIGNUP_RATE_PER_HOUR", 10)
# Password-reset requests allowed per hour for one email address, and from one client
# address (accounts.models.Attempt: counted in the database, shared by every worker).
PASSWORD_RESET_RATE_PER_HOUR = env_int("PASSWORD_RESET_RATE_PER_HOUR", 3)
PASSWORD_RESET_IP_RATE_PER_HOUR = env_int("PASSWORD_RESET_IP_RATE_PER_HOUR", 10)

# Login throttling (django-axes): a username + address pair is locked after 5 failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.models.username_from_request"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# The client address: REMOTE_ADDR, or this header when a trusted proxy sets it
# (e.g. "X-Forwarded-For" or "X-Real-IP").
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")

# Time: stored in UTC, shown in each user's own zone.
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# No translations: Django then skips its translation machinery (a thread-local look-up
# in every reverse(), date format and gettext call).
USE_I18N = False
USE_TZ = True

# Static files: whitenoise; hashed and compressed in production only.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_STORAGE = env_str(
    "STATIC_STORAGE",
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": STATIC_STORAGE},
}

# Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: printed to the console unless a backend is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Onward <onward@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production runs behind HTTPS: cookies are Secure and use the __Host- prefix.
SECURE_PROXY_SSL_HEADER = None
if proxy_header := env_str("SECURE_PROXY_SSL_HEADER"):
    header, _, value = proxy_header.partition(",")
    SECURE_PROXY_SSL_HEADER = (header.strip(), value.strip() or "https")

HTTPS = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload is off: the preload list is a commitment for a whole domain that an operator
# makes on purpose (README, "HSTS preload"). Django's deploy check warns about it, so that
# one warning is silenced unless the operator opts in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, each turned off (Permissions-Policy: camera=(), ...), and
# who may embed Onward's responses (core/headers.py). The clipboard stays: copy buttons.
PERMISSIONS_POLICY = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Logs go to stdout, where containers and process managers collect them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    # "Not Found: /reminders/calendar/<token>.ics" would put a calendar's key in the log.
    "filters": {"hide_calendar_token": {"()": "config.logs.HideCalendarToken"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
            "filters": ["hide_calendar_token"],
        },
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
