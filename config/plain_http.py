"""Settings for a client that speaks plain HTTP (the test client, the live server of
the browser tests, the benchmark): no redirect to HTTPS, no HSTS, and cookies without
the Secure flag or the __Host- prefix. Star-imported after config.settings."""

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
