"""axe-core on every page, at a desktop and a phone width: 0 violations of any impact.

The pages are the walked URL map (tests/test_url_walker.py): every URL that a signed-in
person can open as a page, built from one person's data of every kind (and a pipeline
long enough that the board caps its columns and lists have a second page), plus the
public pages seen signed out, plus a form sent with errors and a form that asks about
an edit conflict. One pass over them per width.

axe-core is fetched from the npm registry by `make axe` (.ci/run does it), at the version
tests/browser/axe-core-version pins, into ~/.cache/onward/ (or where AXE_CORE_JS says).
Without it the test skips, except in CI, where it fails. It is added to each page before
the page's own scripts as an init script, through the DevTools protocol like the CSP
listener of conftest.py, so the pages are checked under their real Content-Security-
Policy: a <script> tag added by page.add_script_tag() is inline script, which that policy
blocks.

The pages come from the same templates on either database: the test runs in the SQLite
pass of the suite and is skipped on PostgreSQL, to keep CI short.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from applications.models import Stage
from feedback.models import FeedbackRequest
from tests.browser.conftest import DESKTOP, HERE, PHONE, log_in, running_in_ci
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    RejectionFactory,
    build_pipeline,
)
from tests.test_url_walker import (
    PUBLIC,
    build_world,
    routes,
    samples_for,
    signed_in,
)

WIDTHS = [("desktop", DESKTOP), ("phone", PHONE)]

pytestmark = pytest.mark.skipif(
    "postgresql" in settings.DATABASES["default"]["ENGINE"],
    reason="pages render alike on both databases: axe-core checks them in the SQLite run",
)

# Every rule axe runs by default (WCAG 2.x A and AA, and its best practices).
AXE_OPTIONS = {"resultTypes": ["violations"]}


def axe_path():
    """Where `make axe` puts axe-core, unless AXE_CORE_JS says otherwise."""
    configured = os.environ.get("AXE_CORE_JS", "").strip()
    if configured:
        return Path(configured)
    version = (HERE / "axe-core-version").read_text().strip()
    return Path.home() / ".cache" / "onward" / f"axe-core-{version}" / "axe.min.js"


def axe_source():
    """The axe-core script, or a skip (a failure in CI) saying how to get it."""
    path = axe_path()
    if path.is_file():
        return path.read_text()
    message = f"axe-core is not at {path}: `make axe` fetches it from the npm registry"
    if running_in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def is_page(response):
    """A whole HTML page (not a download, a redirect or a fragment htmx swaps in)."""
    return (
        response.status_code == 200
        and "text/html" in response.get("Content-Type", "")
        and b"<html" in response.content[:500].lower()
    )


def html_pages(client, world):
    """The URLs of every page that `client` (signed in as the world's user) opens, each
    once, in URL-map order."""
    pages = []
    for route in routes():
        if route.name in PUBLIC:
            continue  # seen signed out
        for sample in samples_for(route, world):
            url = sample.url(route.name)
            if url not in pages and is_page(client.get(url)):
                pages.append(url)
    return pages


def public_pages(client):
    """The public pages a visitor opens (the ones without a token in their URL)."""
    urls = [reverse(route.name) for route in routes() if route.name in PUBLIC and not route.kwargs]
    return [url for url in urls if is_page(client.get(url))]


def violations_on(page, where):
    """axe's violations on the page as it is now, as readable lines."""
    found = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
    lines = []
    for violation in found:
        lines.append(
            f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s)]"
        )
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {json.dumps(node['target'])} {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
    return lines


def check_all(page, urls, size):
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        problems += violations_on(page, f"{url} @ {size}")
    return problems


def sent_with_errors(page, size):
    """The add-application form sent empty: errors tied to their fields."""
    page.goto(reverse("applications:create"))
    page.get_by_role("button", name="Add application").click()
    page.wait_for_load_state()
    return violations_on(page, f"add application with errors @ {size}")


def asking_about_a_conflict(page, world, size):
    """An application's edit form, sent after the application changed elsewhere."""
    page.goto(reverse("applications:edit", args=[world.application.pk]))
    world.application.refresh_from_db()
    world.application.notes = f"Changed in another tab, seen at {size} size"
    world.application.save(update_fields=["notes", "updated_at"])
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    assert page.get_by_text("Changed elsewhere since you opened this page").count() == 1, (
        page.locator(".alert, .invalid-feedback").all_inner_texts()
    )
    return violations_on(page, f"edit conflict @ {size}")


PASTED = (
    "From: Jo Smith <jo.smith@q.example>\nSent: 2 March 2026 10:00\n"
    "Subject: Your application for the Quandry engineer role\n\nDear Plain,\n\n"
    "Unfortunately we went with another candidate.\n\nKind regards,\nJo Smith\n"
    "Talent Partner | Quandry Labs\n"
)


def pasted_and_confirming(page, size):
    """A pasted "no": the confirm page it leads to, then that page sent with errors."""
    page.goto(reverse("rejections:paste"))
    page.get_by_label("The email, as you received it").fill(PASTED)
    page.get_by_role("button", name="Read the email").click()
    page.wait_for_load_state()
    problems = violations_on(page, f"paste: check the rejection @ {size}")
    page.get_by_role("radio", name="None of these").check()
    page.get_by_label("Job title", exact=True).fill("")
    page.get_by_label("Received on").fill("1969-12-31")
    page.get_by_role("button", name="Record the rejection").click()
    page.wait_for_load_state()
    assert page.get_by_text("Type the job title for the new application.").count() == 1
    return problems + violations_on(page, f"paste: sent with errors @ {size}")


def after_an_answer(page, world, size):
    """A feedback request's page after a stock answer: one with the question drafted
    (and the push-back asking for evidence), one with the question sent and tracked,
    the push-back drafted from the evidence and a nudge."""
    problems = []
    today = world.user.today()
    answered = {
        "rejection": world.feedback_request.rejection,
        "status": FeedbackRequest.Status.RECEIVED,
        "sent_on": today - timedelta(days=4),
        "received_on": today - timedelta(days=2),
        "response": "We went with a candidate with more relevant experience.",
        "is_generic": True,
    }
    asked = FeedbackRequestFactory(**answered)
    tracked = FeedbackRequestFactory(
        **answered,
        dig_deeper="Dear Jane,\n\nWhich experience?\n\nPat",
        dig_deeper_sent_on=today - timedelta(days=1),
        dig_deeper_follow_up_on=today + timedelta(days=6),
        evidence="I ran the SQL reporting for 40 stores",
    )
    for name, request in (("asked", asked), ("tracked", tracked)):
        page.goto(reverse("feedback:detail", args=[request.pk]))
        for summary in page.locator("details > summary").all():
            summary.click()  # what is folded away is checked too
        problems += violations_on(page, f"feedback request {name} @ {size}")
    return problems


@pytest.fixture
def world(person):
    """One person's data of every kind, a pipeline long enough that the board caps its
    columns, and enough rejections for /insights/ to suggest where to put the effort."""
    world = build_world(person, "Plain", "Quandry")
    moved = build_pipeline(person, 110)
    for application in [a for a in moved if a.stage == Stage.REJECTED][:4]:
        RejectionFactory(application=application, at_stage="interview")
    # Something set for later in the year, so /reminders/?show=later lists it by month.
    ContactFactory(
        owner=person, name="Later Lee", keep_in_touch_days=180, last_contacted_on=person.today()
    )
    return world


def test_no_page_has_an_accessibility_violation(new_context, world):
    source = axe_source()
    pages = html_pages(signed_in(world.user), world)
    public = public_pages(Client())
    assert len(pages) >= 40, pages  # the walk found the pages a person sees
    problems = []
    for size, viewport in WIDTHS:
        context = new_context(viewport=viewport)
        context.add_init_script(source)
        page = context.new_page()
        problems += check_all(page, public, size)
        page.goto(reverse("login"))
        log_in(page, world.user.email)
        problems += check_all(page, pages, size)
        problems += sent_with_errors(page, size)
        problems += asking_about_a_conflict(page, world, size)
        problems += pasted_and_confirming(page, size)
        problems += after_an_answer(page, world, size)
    checked = 2 * (len(pages) + len(public) + 6)
    assert not problems, f"axe-core found violations ({checked} pages checked):\n" + "\n".join(
        problems
    )
