import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from applications.capture.bookmarklet import bookmarklet_href
from tests.factories import PASSWORD
from tests.html import parse
from tests.test_url_walker import make_worlds, routes, samples_for, signed_in

pytestmark = pytest.mark.django_db

STRICT_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


def directives(policy):
    """A policy as {directive: [sources]}; the order of directives carries no meaning."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} appears twice"
        parsed[name] = sources
    return parsed


def is_the_bookmarklet(tag, attrs, name, value):
    """The one javascript: URL allowed: the "Add to Onward" bookmarklet (issue 14). It
    is a bookmark to keep, run on a job board's page, never on Onward's: there a click
    on it is cancelled by static/js/capture.js, so the CSP has nothing to block."""
    relay = "http://testserver" + reverse("applications:capture_relay")
    return (
        tag == "a"
        and name == "href"
        and "data-bookmarklet" in attrs
        and value == bookmarklet_href(relay)
    )


class InlineCodeFinder(HTMLParser):
    """Everything a strict CSP would block: inline <script>, <style>, style= and on*=
    attributes, javascript: URLs, and htmx's hx-on (code in an attribute)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and not dict(attrs).get("src"):
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> element at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style" or name.startswith(("on", "hx-on")):
                self.found.append(f'<{tag} {name}="{value}">')
            scripted = name in ("href", "src", "action") and (
                (value or "").strip().lower().startswith("javascript:")
            )
            if scripted and not is_the_bookmarklet(tag, dict(attrs), name, value):
                self.found.append(f'<{tag} {name}="{value}">')


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


# The pages a person can meet: each function takes {"anon": client, "owner": client}
# and returns the response; PAGES pairs it with the status it should have.
def landing(c):
    return c["anon"].get(reverse("home"))


def login_page(c):
    return c["anon"].get(reverse("login"))


def login_error(c):
    return c["anon"].post(reverse("login"), {"username": "x@example.org", "password": "no"})


def signup_page(c):
    return c["anon"].get(reverse("accounts:signup"))


def signup_error(c):
    return c["anon"].post(
        reverse("accounts:signup"), {"email": "bad", "password1": "a", "password2": "b"}
    )


def password_reset_page(c):
    return c["anon"].get(reverse("password_reset"))


def dashboard(c):
    return c["owner"].get(reverse("insights:dashboard"))


def settings_page(c):
    return c["owner"].get(reverse("accounts:settings"))


def settings_error(c):
    return c["owner"].post(reverse("accounts:settings"), {"time_zone": "Nowhere/Nothing"})


def email_change_page(c):
    return c["owner"].get(reverse("accounts:email_change"))


def password_change_page(c):
    return c["owner"].get(reverse("password_change"))


def lockout_page(c):
    for _ in range(5):
        response = c["anon"].post(
            reverse("login"), {"username": "owner@example.org", "password": "wrong"}
        )
    return response


def not_found(c):
    return c["anon"].get("/no-such-page/")


def bad_request(c):
    return c["anon"].get(reverse("home"), HTTP_HOST="not-allowed.example")


def csrf_failure(c):
    return Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "a@b.org"})


def server_error(c):
    broken = Client(raise_request_exception=False)
    with mock.patch("core.views.render", side_effect=RuntimeError("boom")):
        return broken.get(reverse("home"))


PAGES = [
    (landing, 200),
    (login_page, 200),
    (login_error, 422),
    (signup_page, 200),
    (signup_error, 422),
    (password_reset_page, 200),
    (dashboard, 200),
    (settings_page, 200),
    (settings_error, 422),
    (email_change_page, 200),
    (password_change_page, 200),
    (lockout_page, 429),
    (not_found, 404),
    (bad_request, 400),
    (csrf_failure, 403),
    (server_error, 500),
]


@pytest.fixture
def clients(client, owner_client):
    return {"anon": client, "owner": owner_client}


@pytest.mark.parametrize(("page", "status"), PAGES, ids=[page.__name__ for page, _ in PAGES])
def test_every_page_carries_the_strict_policy_and_no_inline_code(clients, page, status):
    response = page(clients)

    assert response.status_code == status
    assert directives(response["Content-Security-Policy"]) == directives(STRICT_POLICY)
    assert not response.has_header("Content-Security-Policy-Report-Only")
    assert inline_code(response.content.decode()) == []


@pytest.mark.parametrize(
    "template", ["400.html", "403.html", "403_csrf.html", "404.html", "500.html"]
)
def test_error_templates_have_no_inline_code(template):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    html = render_to_string(template, request=request)

    assert inline_code(html) == []


def test_the_inline_code_finder_sees_what_it_should():
    html = (
        '<script>alert(1)</script><script src="/ok.js"></script><style>p{}</style>'
        '<p style="color:red" onclick="x()"></p><a href="javascript:x()"></a>'
        '<button hx-on:click="x()"></button>'
    )

    assert len(inline_code(html)) == 6


def test_other_security_headers(client):
    response = client.get(reverse("login"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_htmx_is_configured_for_the_strict_policy(client):
    meta = parse(client.get(reverse("login"))).find("meta", name="htmx-config")
    config = json.loads(meta.attrs["content"])

    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["historyCacheSize"] == 0
    assert {"code": "422", "swap": True} in config["responseHandling"]
    rules = [rule["code"] for rule in config["responseHandling"]]
    assert rules.index("422") < rules.index("[45]..")


class TestCsrf:
    EXPIRED = "That form has expired"

    def test_a_login_without_token_gets_the_friendly_page(self, user):
        client = Client(enforce_csrf_checks=True)

        response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})

        assertContains(response, self.EXPIRED, status_code=403)
        assertContains(response, "Nothing was saved.", status_code=403)
        assert "_auth_user_id" not in client.session

    def test_a_settings_post_without_token_saves_nothing(self, user):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

        response = client.post(
            reverse("accounts:settings"),
            {"name": "Forged", "time_zone": "Asia/Tokyo", "keep_in_touch_days": 30},
        )

        assertContains(response, self.EXPIRED, status_code=403)
        user.refresh_from_db()
        assert user.name == "Olive Owner"
        assert user.time_zone == "UTC"

    def test_the_same_post_with_the_token_works(self, user):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        page = parse(client.get(reverse("accounts:settings")))
        token = page.find("input", name="csrfmiddlewaretoken").attrs["value"]

        response = client.post(
            reverse("accounts:settings"),
            {
                "csrfmiddlewaretoken": token,
                "name": "Olive",
                "time_zone": "Asia/Tokyo",
                "keep_in_touch_days": 30,
                "quiet_applied_days": 14,
                "quiet_screening_days": 10,
                "quiet_interview_workdays": 10,
            },
        )

        assert response.status_code == 302
        user.refresh_from_db()
        assert user.time_zone == "Asia/Tokyo"


def test_the_404_page_is_ours(client):
    response = client.get("/no-such-page/")

    assertContains(response, "We can’t find that page", status_code=404)


def test_a_disallowed_host_gets_our_400_page(client):
    response = client.get(reverse("home"), HTTP_HOST="not-allowed.example")

    assertContains(response, "We could not understand that request", status_code=400)


def test_a_crash_gets_our_500_page(client):
    broken = Client(raise_request_exception=False)
    with mock.patch("core.views.render", side_effect=RuntimeError("boom")):
        response = broken.get(reverse("home"))

    assertContains(response, "Something went wrong on our side", status_code=500)


PRIVATE = [
    reverse("insights:dashboard"),
    reverse("accounts:settings"),
    reverse("accounts:email_change"),
    reverse("password_change"),
    reverse("password_change_done"),
]


@pytest.mark.parametrize("url", PRIVATE)
def test_private_pages_send_a_visitor_to_login(client, url):
    response = client.get(url)

    assertRedirects(response, f"{reverse('login')}?next={url}")


PUBLIC = [
    reverse("home"),
    reverse("login"),
    reverse("accounts:signup"),
    reverse("password_reset"),
    reverse("password_reset_done"),
    reverse("password_reset_complete"),
    "/healthz",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_open_for_a_visitor(client, url):
    assert client.get(url).status_code == 200


# Production settings, checked in a fresh interpreter with nothing but the documented
# environment: tests.settings must not leak in.
def production_env(**overrides):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "onward.example.org",
        "SITE_URL": "https://onward.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://onward.example.org",
        **overrides,
    }
    return {name: value for name, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env(SECRET_KEY=None)
    serve = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    deploy_check = manage("check", "--deploy", env=env)

    assert serve.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in serve.stderr
    assert deploy_check.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in deploy_check.stderr


def test_offline_commands_run_without_a_secret_key():
    result = manage("makemigrations", "--check", "--dry-run", env=production_env(SECRET_KEY=None))

    assert result.returncode == 0, result.stdout + result.stderr


# A real response in production mode. The values come from config.settings itself, read
# in a fresh interpreter with the production environment, so the test checks what
# production runs rather than a copy of it.
PRODUCTION_SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_DOMAIN",
    "CSRF_COOKIE_PATH",
    "CONTENT_SECURITY_POLICY",
]


@pytest.fixture(scope="module")
def production_settings():
    script = (
        "import json, sys, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *PRODUCTION_SECURITY_SETTINGS],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"] is not None:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_production_settings_are_the_documented_ones(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] == 31_536_000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    # Preload is the operator's decision (README, "HSTS preload"), off by default.
    assert production_settings["SECURE_HSTS_PRELOAD"] is False
    assert "### HSTS preload" in (settings.BASE_DIR / "README.md").read_text()
    assert production_settings["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production_settings["CSRF_COOKIE_NAME"] == "__Host-csrftoken"


@pytest.fixture
def production(production_settings):
    with override_settings(**production_settings):
        yield Client()


def test_production_redirects_plain_http_to_https(production):
    response = production.get(reverse("login"))

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_production_response_carries_every_security_header(production, user):
    page = production.get(reverse("login"), secure=True)
    response = production.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}, secure=True
    )

    assert page.status_code == 200
    assert response.status_code == 302
    for answer in (page, response):
        policy = directives(answer["Content-Security-Policy"])
        assert policy == directives(STRICT_POLICY)
        assert len(policy) == 10
        assert answer["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert answer["Referrer-Policy"] == "same-origin"
        assert answer["Cross-Origin-Opener-Policy"] == "same-origin"
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert answer["X-Frame-Options"] == "DENY"


def test_production_cookies_are_host_only_secure_and_same_site(production, user):
    page = production.get(reverse("login"), secure=True)
    response = production.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}, secure=True
    )
    cookies = {**page.cookies, **response.cookies}

    assert {"__Host-sessionid", "__Host-csrftoken"} <= set(cookies)
    assert not {"sessionid", "csrftoken"} & set(cookies)
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        cookie = cookies[name]
        # What the __Host- prefix requires of a browser: Secure, Path=/ and no Domain.
        assert cookie["secure"] is True, name
        assert cookie["path"] == "/", name
        assert cookie["domain"] == "", name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
    # The session cookie is the signed-in one: it opens a private page.
    assert production.get(reverse("insights:dashboard"), secure=True).status_code == 200


# Permissions-Policy and Cross-Origin-Resource-Policy on every response; no-store on every
# page behind the login.

PERMISSIONS_OFF = {
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
    "serial",
    "hid",
}


def permissions(header):
    """A Permissions-Policy as {feature: allowlist}."""
    return dict(part.strip().split("=", 1) for part in header.split(","))


def every_response_kind(c):
    """A page of each kind, a static file and the health check, as (what, response)."""
    yield from ((page.__name__, page(c)) for page, _ in PAGES)
    yield "static file", c["anon"].get("/static/css/onward.css")
    yield "health check", c["anon"].get("/healthz")
    yield "CSV export", c["owner"].get(reverse("applications:export"))


def test_every_response_turns_off_powerful_features_and_keeps_its_resources_to_itself(clients):
    for what, response in every_response_kind(clients):
        policy = permissions(response["Permissions-Policy"])
        assert {name for name, allowed in policy.items() if allowed == "()"} >= PERMISSIONS_OFF
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", what


def test_the_copy_buttons_keep_the_clipboard():
    """onward.js copies drafts to the clipboard; the policy leaves that alone."""
    policy = permissions(Client().get(reverse("login"))["Permissions-Policy"])

    assert "clipboard-write" not in policy


def cache_directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def test_every_page_behind_the_login_is_kept_out_of_caches():
    """Every private URL of the walk (tests/test_url_walker.py), fetched by its owner:
    pages, exports, downloads, even a refusal, say no-store and private."""
    owner, _ = make_worlds()
    client = signed_in(owner.user)
    problems, checked = [], 0
    for route in routes():
        if route.public or route.name == "logout":
            continue
        for sample in samples_for(route, owner):
            url = sample.url(route.name)
            response = client.get(url)
            checked += 1
            if not {"no-store", "private"} <= cache_directives(response):
                problems.append(f"GET {url}: Cache-Control {response.get('Cache-Control')!r}")
    assert not problems, "\n".join(problems)
    assert checked >= 60


def test_public_pages_and_static_files_keep_their_own_caching(client, user):
    assert "no-store" not in cache_directives(client.get(reverse("home")))
    feed = client.get(reverse("reminders:calendar", args=[user.calendar_token]))
    assert feed["Cache-Control"] == "private, max-age=900"
    assert "no-store" not in cache_directives(client.get("/static/css/onward.css"))


def test_a_signed_in_person_on_a_public_page_gets_no_store_only_if_the_page_asks(owner_client):
    """The landing page sends a signed-in person on to the dashboard; that redirect is
    public and left alone, the dashboard is not."""
    response = owner_client.get(reverse("home"), follow=True)

    assert "no-store" not in cache_directives(owner_client.get(reverse("home")))
    assert {"no-store", "private"} <= cache_directives(response)
