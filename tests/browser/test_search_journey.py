"""Searching from the navbar, as a person does: on a wide screen the box is in the
navbar; where it has no room (a laptop, a phone) a magnifier leads to the search page.
With ONWARD_SCREENSHOTS set to a folder (outside the repository), the pages are saved
there to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory, LessonFactory

SHOTS = os.environ.get("ONWARD_SCREENSHOTS", "").strip()


def seed(person):
    company = CompanyFactory(owner=person, name="Ünion Bank")
    for number in range(12):
        ApplicationFactory(
            owner=person,
            company=company,
            title=f"Data engineer {number}",
            notes="A long note about the data platform team, their Kafka pipelines and "
            "what the hiring manager said about the engineering culture there." * 2,
        )
    ContactFactory(owner=person, company=company, name="Jane Engel", title="Engineering manager")
    LessonFactory(owner=person, title="Practise system design for data engineering")


WIDE = {"width": 1440, "height": 900}


@pytest.mark.parametrize(
    ("size", "viewport"), [("wide", WIDE), ("desktop", DESKTOP), ("phone", PHONE)]
)
def test_search_from_the_navbar(new_context, person, size, viewport):
    seed(person)
    page = new_context(viewport=viewport).new_page()
    page.goto("/accounts/login/")
    log_in(page, person.email)

    if viewport == WIDE:
        navbar = page.get_by_role("search", name="Search")
        navbar.get_by_label("Search for").fill("data eng")
        navbar.get_by_label("Search for").press("Enter")
    else:
        page.get_by_role("link", name="Search").click()
        expect(
            page.get_by_role("heading", name="Search everything you keep in Onward")
        ).to_be_visible()
        if SHOTS:
            page.screenshot(path=Path(SHOTS) / f"search-empty-{size}.png", full_page=True)
        page.get_by_role("searchbox", name="Search for").fill("data eng")
        page.get_by_role("button", name="Search", exact=True).click()

    expect(page.get_by_text("13 results for “data eng”")).to_be_visible()
    expect(page.get_by_role("heading", name="Applications (12)")).to_be_visible()
    expect(page.get_by_role("heading", name="Lessons (1)")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Data")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide"
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SHOTS) / f"search-{size}.png", full_page=True)

    page.get_by_role("link", name="Show all 12 applications").click()
    expect(page.get_by_role("link", name="Applications 12")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator("li.search-result")).to_have_count(12)
    if SHOTS:
        page.screenshot(path=Path(SHOTS) / f"search-kind-{size}.png", full_page=True)
