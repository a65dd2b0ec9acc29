"""A pasted "no", clicked through as a person would: "Got a no?" on the application,
the email pasted, the application found and the rejection filled in, confirmed, and
step 1 opens. With ONWARD_SCREENSHOTS set, the pages are saved there at a desktop and a
phone width, for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from applications.models import Stage
from contacts.models import Contact
from feedback.models import Rejection
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.browser.test_accounts_journeys import path_is
from tests.factories import ApplicationFactory, CompanyFactory

FIXTURES = Path(__file__).parent.parent / "feedback" / "fixtures"
SHOTS = os.environ.get("ONWARD_SCREENSHOTS", "").strip()


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_paste_a_no_and_confirm_it(new_context, person, size, viewport):
    page = new_context(viewport=viewport).new_page()

    def shoot(name):
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(SHOTS) / f"{name}-{size}.png", full_page=True)

    northwind = CompanyFactory(owner=person, name="Northwind Analytics")
    analyst = ApplicationFactory(
        owner=person, company=northwind, title="Data Analyst", stage=Stage.INTERVIEWING
    )
    ApplicationFactory(owner=person, company=northwind, title="Data Engineer")
    page.goto("/accounts/login/")
    log_in(page, person.email)

    page.goto(analyst.get_absolute_url())
    page.get_by_role("link", name="Got a “no”? Paste it").click()
    expect(page.get_by_role("heading", name="Got a “no”? Paste the email")).to_be_visible()
    shoot("paste")

    # Sent empty: the error is said in words, next to the box.
    page.get_by_role("button", name="Read the email").click()
    expect(page.get_by_text("Paste the email, or choose a .eml file.")).to_be_visible()
    shoot("paste-error")

    page.get_by_label("The email, as you received it").fill(
        (FIXTURES / "pasted_outlook.txt").read_text()
    )
    page.get_by_role("button", name="Read the email").click()
    expect(page.get_by_role("heading", name="Check the rejection")).to_be_visible()
    expect(page.get_by_role("radio", name="Data Analyst at Northwind Analytics")).to_be_checked()
    expect(page.get_by_label("Received on")).to_have_value("2025-06-05")
    expect(page.get_by_label("Their name")).to_have_value("Priya Shah")
    expect(page.get_by_label("Their role")).to_have_value("Talent Acquisition Lead")
    shoot("paste-confirm")
    assert not Rejection.objects.exists()

    page.get_by_role("button", name="Record the rejection").click()
    rejection = Rejection.objects.get(application=analyst)
    expect(page).to_have_url(path_is(f"/rejections/{rejection.pk}/reflect/"))
    expect(page.get_by_text("Recorded. Three short steps now")).to_be_visible()
    assert rejection.contact == Contact.objects.get(owner=person, name="Priya Shah")
    assert rejection.email_subject == "Data Analyst - update"
