"""Screenshots of the main pages at a desktop and a phone size, for a person to look
at after a layout change. Off unless asked for:

    ONWARD_SCREENSHOTS=/tmp/shots .venv/bin/python -m pytest tests/browser/test_screenshots.py

Keep the folder outside the repository.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accounts_journeys import PASSWORD_LABEL
from tests.factories import PASSWORD

SHOTS = os.environ.get("ONWARD_SCREENSHOTS", "").strip()

pytestmark = pytest.mark.skipif(
    not SHOTS, reason="screenshots: set ONWARD_SCREENSHOTS to a folder outside the repo"
)


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(new_context, size, viewport):
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    page = new_context(viewport=viewport).new_page()

    def shoot(name):
        # caret="initial": hiding the caret leaves style="" on inputs, which htmx then
        # copies when it swaps them, and the CSP refuses.
        page.screenshot(path=folder / f"{name}-{size}.png", full_page=True, caret="initial")

    page.goto("/")
    shoot("landing")

    page.goto("/accounts/signup/")
    shoot("signup")

    page.get_by_label("Your name").fill("Sam Screenshot")
    page.get_by_label("Email address").fill(f"{size}.person@example.org")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()
    shoot("dashboard")

    if viewport == PHONE:
        page.get_by_role("button", name="Show the menu").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        shoot("dashboard-menu")

    # The board: empty, then with a card added in a line and its move menu open.
    page.goto("/applications/board/")
    shoot("board-empty")
    page.get_by_label("Quick add a saved job").fill("Data engineer at Globex")
    page.get_by_label("Quick add a saved job").press("Enter")
    expect(page.get_by_role("link", name="Data engineer")).to_be_visible()
    page.locator("article summary").first.click()
    shoot("board")
