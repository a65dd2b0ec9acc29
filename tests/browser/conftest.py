"""Browser tests: a real Chromium, driven through Playwright's sync API, against
pytest-django's live server.

- One browser per run of this package (`browser`), a fresh context per test
  (`context`, `page`, or `new_context` for a second viewport or a second person).
- Every page of every context is watched for Content-Security-Policy violations
  (`csp`); a test that caused one fails at teardown, listing them.
- Chromium comes from $PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium, else
  `chromium` on the PATH. Without one the tests skip, or fail when CI=true.
"""

import os
import shutil
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from tests.factories import PASSWORD, UserFactory

HERE = Path(__file__).resolve().parent

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# How long a locator waits for the page. The live server answers in milliseconds;
# a test that waits longer than this is waiting for something that will not come.
TIMEOUT_MS = 10_000

# Playwright's sync API marks its event loop as running in this thread for as long as
# it is started, so Django's async-safety guard would refuse ORM calls made by the
# test code (factories) and by pytest-django's flush between tests. No Django code
# runs inside that loop: the guard is a false positive here, and only here.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Installed in every page before any of its own scripts. It is added through the
# DevTools protocol, not as an inline <script>, so the page's CSP does not block it.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__onwardCspViolation({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    page: document.location.href,
  });
}, true);
"""
CSP_CONSOLE_MARKERS = ("content security policy", "content-security-policy")


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test (`-m "not browser"` skips them)."""
    for item in items:
        if Path(item.path).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def chromium_executable():
    """The Chromium to drive, or None. An explicit setting is used as it is: a wrong
    path is reported, not silently replaced by another browser."""
    configured = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "").strip()
    candidates = [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def no_chromium():
    configured = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "").strip()
    where = (
        f"PLAYWRIGHT_CHROMIUM_EXECUTABLE={configured} is not an executable file"
        if configured
        else "no Chromium at /usr/bin/chromium or on the PATH"
    )
    how = (
        "install one with `apt-get install chromium`, or point "
        "PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium binary"
    )
    if running_in_ci():
        pytest.fail(f"Browser tests cannot run in CI: {where}; {how}.", pytrace=False)
    pytest.skip(f"Browser tests need Chromium: {where}; {how}.")


@contextmanager
def django_orm_beside_playwright():
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the tests in this folder. Package scope, not session
    scope: Playwright stops when the last browser test ends, so the tests that run
    after them see no event loop and keep Django's async-safety guard."""
    executable = chromium_executable()
    if executable is None:
        no_chromium()
    with django_orm_beside_playwright(), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class CspWatch:
    """Collects the CSP violations of every page in the contexts it watches."""

    def __init__(self):
        self.violations = []
        self.contexts = []

    def watch(self, context):
        context.expose_binding("__onwardCspViolation", self._on_event)
        context.add_init_script(CSP_LISTENER)
        context.on("console", self._on_console)
        self.contexts.append(context)

    def _on_event(self, source, report):
        line = "event: {directive} blocked {blocked!r} at {source}:{line} on {page}"
        if report.get("sample"):
            line += " (sample {sample!r})"
        self.violations.append(line.format(**report))

    def _on_console(self, message):
        if any(marker in message.text.lower() for marker in CSP_CONSOLE_MARKERS):
            page = message.page.url if message.page else "?"
            self.violations.append(f"console: {message.text} (on {page})")

    def settle(self):
        """Wait for the reports already on their way: a round trip to each page
        comes back after the events it sent before."""
        for context in self.contexts:
            for page in context.pages:
                # A page that closed or crashed has nothing more to send.
                with suppress(PlaywrightError):
                    page.evaluate("0")

    def take(self):
        """The violations seen so far; the watch starts again empty. For a test
        that causes violations on purpose."""
        self.settle()
        seen, self.violations = self.violations, []
        return seen

    def check(self):
        """Fails if any violation was seen; each one is reported once."""
        seen = self.take()
        if seen:
            listed = "\n".join(f"  - {violation}" for violation in seen)
            pytest.fail(
                f"{len(seen)} Content-Security-Policy violation(s):\n{listed}", pytrace=False
            )


@pytest.fixture
def csp():
    """The CSP watch of this test. A violation fails the test when its body ends
    (pytest_runtest_call below), or at teardown if it came later."""
    watch = CspWatch()
    yield watch
    watch.check()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Checks the CSP watch right after a test body that passed, so a violation
    shows as a FAILED test, not as an error in teardown."""
    result = yield
    watch = getattr(item, "funcargs", {}).get("csp")
    if isinstance(watch, CspWatch):
        watch.check()
    return result


@pytest.fixture
def new_context(browser, live_server, transactional_db, csp):
    """Makes browser contexts for this test: their pages resolve paths against the
    live server and are watched for CSP violations. Closed at teardown."""
    made = []

    def make(viewport=DESKTOP, **options):
        # Reduced motion: Bootstrap then skips its transitions (the navbar collapse),
        # so a click's result is there at once, not half-way through an animation.
        options = {"locale": "en-US", "timezone_id": "UTC", "reduced_motion": "reduce"} | options
        context = browser.new_context(base_url=live_server.url, viewport=viewport, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        csp.watch(context)
        made.append(context)
        return context

    yield make
    try:
        csp.settle()
    finally:
        for context in made:
            context.close()


@pytest.fixture
def context(new_context):
    """A fresh browser context at a desktop size (the navbar is expanded)."""
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


def log_in(page, email, password=PASSWORD):
    """Fills in the login form the page shows and sends it, as a person does; waits for
    the page it leads to (the dashboard, or the `next` page the login was asked for).
    The Log out button is looked for hidden or not: on a phone it is in the menu."""
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out", include_hidden=True)).to_be_attached()


@pytest.fixture
def person(transactional_db):
    """The person a journey follows: an account made by the factory, not signed in."""
    return UserFactory(email="pat.person@example.org", name="Pat Person")


@pytest.fixture
def signed_in_page(page, person):
    """A desktop page on the dashboard, `person` signed in through the real login form."""
    page.goto("/accounts/login/")
    log_in(page, person.email)
    return page
