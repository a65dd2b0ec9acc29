"""Capturing a job advert with the bookmarklet (issue 14), as a person would: on a job
board's page (another site, served here by Playwright) the bookmarklet sends the page to
Onward in a new tab; the relay passes it on from Onward's own origin, where the person
is signed in; the new-application form comes back filled in; saving it keeps the advert's
description, shown collapsed on the application's page."""

import re
from pathlib import Path

from playwright.sync_api import expect

from applications.models import Application, Stage
from tests.browser.test_accounts_journeys import path_is

JOB_PAGE = "https://jobs.example.net/careers/4711-senior-backend-engineer"
POSTING = (
    Path(__file__).resolve().parent.parent / "applications/fixtures/postings/jsonld_graph.html"
).read_text(encoding="utf-8")


def test_the_bookmarklet_captures_a_job_advert(signed_in_page, person, context):
    page = signed_in_page
    # A job board on another site: its page is served by Playwright, never fetched by
    # Onward. The session cookie is SameSite=Lax, so the bookmarklet's POST carries none.
    context.route(
        JOB_PAGE,
        lambda route: route.fulfill(status=200, content_type="text/html", body=POSTING),
    )

    # The bookmarklet is offered on the new-application page, with its help.
    page.goto("/applications/new/")
    link = page.get_by_role("link", name="Add to Onward")
    expect(link).to_have_attribute("href", re.compile(r"^javascript:"))
    expect(page.get_by_text("Drag this button to your browser’s bookmarks bar")).to_be_visible()
    link.click()  # on Onward's own page it only explains; it runs nothing here (CSP)
    expect(page).to_have_url(path_is("/applications/new/"))
    code = link.get_attribute("href").removeprefix("javascript:")

    # On the job advert, run the bookmark: a new tab opens on Onward.
    job = context.new_page()
    job.goto(JOB_PAGE)
    expect(job.get_by_role("heading", name="Senior Backend Engineer")).to_be_visible()
    with context.expect_page() as opened:
        job.evaluate(code)
    captured = opened.value
    captured.wait_for_load_state()

    # The relay sent the page on: the new-application form, filled in.
    expect(captured.get_by_role("heading", name="Check and save", level=1)).to_be_visible()
    expect(captured).to_have_url(path_is("/applications/capture/"))
    expect(captured.get_by_label("Job title")).to_have_value("Senior Backend Engineer")
    expect(captured.get_by_label("Company")).to_have_value("Northwind Analytics Ltd")
    expect(captured.get_by_label("Salary from")).to_have_value("48000")
    expect(captured.get_by_label("Salary to")).to_have_value("55000")
    expect(captured.get_by_label("Closing date")).to_have_value("2026-12-31")
    expect(captured.get_by_label("Job advert link")).to_have_value(
        "https://careers.northwind.example/jobs/4711-senior-backend-engineer"
    )
    assert not Application.objects.filter(owner=person).exists()  # nothing saved yet

    captured.get_by_label("How excited are you?").select_option("5")
    captured.get_by_label("Tags").fill("Python, Leeds")
    captured.get_by_role("button", name="Add application").click()

    expect(captured.get_by_role("heading", name="Senior Backend Engineer", level=1)).to_be_visible()
    application = Application.objects.get(owner=person)
    assert (application.stage, application.excitement, application.tags) == (
        Stage.SAVED,
        5,
        "python, leeds",
    )
    expect(captured.get_by_text("£48,000–55,000 a year")).to_be_visible()

    # The advert's description, collapsed until asked for.
    advert = captured.locator("details.posting-description")
    expect(advert.get_by_text("Python and PostgreSQL")).to_be_hidden()
    advert.locator("summary").click()
    expect(advert.get_by_text("Python and PostgreSQL")).to_be_visible()
    expect(advert.get_by_role("link", name="our form")).to_have_attribute(
        "rel", "nofollow noopener"
    )


def test_the_paste_form_reads_a_pasted_page(signed_in_page, person):
    page = signed_in_page
    page.goto("/applications/")
    page.get_by_role("link", name="Add from a job advert").click()
    expect(page).to_have_url(path_is("/applications/capture/"))

    page.get_by_label("The job advert’s page").fill(POSTING)
    page.get_by_role("button", name="Read the advert").click()

    expect(page.get_by_label("Job title")).to_have_value("Senior Backend Engineer")
    page.get_by_role("button", name="Add application").click()
    expect(page.get_by_role("heading", name="Senior Backend Engineer", level=1)).to_be_visible()
    assert Application.objects.get(owner=person).description.startswith("<p>We are looking")
