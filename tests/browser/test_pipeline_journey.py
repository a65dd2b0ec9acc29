"""The pipeline journey (issue 3), clicked through as a person would: add an application
at a company typed for the first time, move it on the board, open it and read its
timeline, add an interview, see it on the dashboard, and find it again on the list."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application, Company, Interview, Stage
from tests.browser.test_accounts_journeys import path_is
from tests.factories import ApplicationFactory, CompanyFactory


def test_add_move_interview_and_find_an_application(signed_in_page, person):
    page = signed_in_page
    # Someone already tracking a couple of applications, at a company of their own.
    globex = CompanyFactory(owner=person, name="Globex")
    ApplicationFactory(owner=person, company=globex, title="Backend developer")
    ApplicationFactory(owner=person, company=globex, title="Site reliability engineer")
    navbar = page.get_by_role("navigation", name="Main")

    # Add an application, typing a company Onward has not seen yet.
    navbar.get_by_role("link", name="Applications").click()
    expect(page.get_by_text("2 applications")).to_be_visible()
    page.get_by_role("link", name="Add application").click()
    expect(page).to_have_url(path_is("/applications/new/"))
    company = page.get_by_label("Company")
    # The company field suggests the person's companies as they type.
    expect(company).to_have_attribute("list", "company-suggestions")
    expect(page.locator("#company-suggestions option[value='Globex']")).to_have_count(1)
    company.fill("Initech Labs")
    page.get_by_label("Job title").fill("Data analyst")
    page.get_by_label("Stage").select_option(label="Applied")
    page.get_by_label("Location").fill("Lisbon")
    page.get_by_role("button", name="Add application").click()

    expect(page.get_by_role("heading", name="Data analyst", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Added")
    application = Application.objects.get(owner=person, title="Data analyst")
    assert application.company.name == "Initech Labs"
    assert Company.objects.filter(owner=person).count() == 2
    detail_path = f"/applications/{application.pk}/"
    expect(page).to_have_url(path_is(detail_path))

    # On the board, in its column; move it along from its card.
    navbar.get_by_role("link", name="Board", exact=True).click()
    expect(page).to_have_url(path_is("/applications/board/"))
    card = page.locator(f"#application-{application.pk}")
    applied = page.get_by_role("region", name=re.compile(r"^Applied"))
    expect(applied.locator(f"#application-{application.pk}")).to_be_visible()
    expect(card).to_contain_text("Initech Labs")
    card.locator("summary", has_text="Move").click()
    # htmx posts the card's form and swaps in the new board: no page load.
    page.evaluate("window.__sameDocument = true")
    with page.expect_response(path_is(f"/applications/{application.pk}/stage/")) as moved:
        card.get_by_role("group", name="Move Data analyst to").get_by_role(
            "button", name="Screening"
        ).click()
    assert moved.value.request.headers.get("hx-request") == "true"
    screening = page.get_by_role("region", name=re.compile(r"^Screening"))
    expect(screening.locator(f"#application-{application.pk}")).to_be_visible()
    expect(applied.locator(f"#application-{application.pk}")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("Moved Data analyst")
    assert page.evaluate("window.__sameDocument") is True
    expect(page).to_have_url(path_is("/applications/board/"))
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING

    # Its page: the timeline has both stage rows, oldest first.
    page.locator(f"#application-{application.pk}").get_by_role("link", name="Data analyst").click()
    expect(page).to_have_url(path_is(detail_path))
    timeline = page.get_by_role("region", name="Timeline").get_by_role("listitem")
    expect(timeline).to_have_count(2)
    expect(timeline.nth(0)).to_contain_text("Added as applied")
    expect(timeline.nth(1)).to_contain_text("Moved from applied to screening")

    # An interview in five days, at 10:30 in the person's time zone (UTC).
    starts = (timezone.now() + timedelta(days=5)).replace(hour=10, minute=30, second=0)
    starts = starts.replace(microsecond=0)
    page.get_by_role("link", name="Add interview").click()
    page.get_by_label("Starts at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Kind").select_option(label="Video call")
    page.get_by_label("With whom").fill("Hiring manager")
    page.get_by_role("button", name="Save interview").click()

    expect(page).to_have_url(path_is(detail_path))
    expect(page.get_by_role("status")).to_contain_text("Interview added")
    when = f"{starts:%a} {starts.day} {starts:%b}"  # as the pages print it: "Tue 9 Jun"
    upcoming = page.get_by_role("region", name="Upcoming interviews")
    expect(upcoming).to_contain_text(f"{when} {starts.year}, 10:30")
    expect(upcoming).to_contain_text("Video call with Hiring manager")
    expect(timeline).to_have_count(3)
    expect(timeline.nth(2)).to_contain_text("Video call interview with Hiring manager")
    assert Interview.objects.get(application=application).starts_at == starts

    # The dashboard lists it among the interviews of the next two weeks.
    navbar.get_by_role("link", name="Dashboard").click()
    interviews = page.get_by_role("region", name="Upcoming interviews")
    expect(interviews.get_by_role("listitem")).to_have_count(1)
    expect(interviews).to_contain_text(f"{when}, 10:30 · Video call")
    interviews.get_by_role("link", name="Data analyst at Initech Labs").click()
    expect(page).to_have_url(path_is(detail_path))

    # Search for it on the list: typed lower-case, by its company.
    navbar.get_by_role("link", name="Applications").click()
    expect(page.get_by_role("row")).to_have_count(4)  # a header and three applications
    search = page.get_by_role("search", name="Filter applications")
    search.get_by_label("Search").fill("initech")
    search.get_by_role("button", name="Show").click()

    expect(page).to_have_url(re.compile(r"/applications/\?q=initech"))
    expect(page.get_by_text("1 application", exact=True)).to_be_visible()
    rows = page.get_by_role("row")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Data analyst")
    expect(rows.nth(1)).to_contain_text("Initech Labs")
    expect(rows.nth(1)).to_contain_text("Screening")
    expect(search.get_by_label("Search")).to_have_value("initech")
    rows.nth(1).get_by_role("link", name="Data analyst").click()
    expect(page).to_have_url(path_is(detail_path))
