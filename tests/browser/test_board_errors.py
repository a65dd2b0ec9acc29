"""A move on the board that the server refuses (a forged stage) leaves the board in
place and says why; before, htmx swapped the 422 page's missing #board in and the board
disappeared."""

import re

from playwright.sync_api import expect

from applications.models import Stage
from tests.browser.test_accounts_journeys import path_is
from tests.factories import ApplicationFactory


def test_a_refused_move_keeps_the_board_and_says_why(signed_in_page, person):
    page = signed_in_page
    application = ApplicationFactory(owner=person, title="Data analyst", stage=Stage.APPLIED)
    ApplicationFactory(owner=person, title="Backend developer", stage=Stage.SCREENING)
    page.goto("/applications/board/")
    card = page.locator(f"#application-{application.pk}")
    menu = card.get_by_role("group", name="Move Data analyst to")
    card.locator("summary", has_text="Move").click()
    # What a tampered page sends: a stage the server does not know.
    menu.get_by_role("button", name="Saved").evaluate("button => { button.value = 'forged'; }")

    with page.expect_response(path_is(f"/applications/{application.pk}/stage/")) as answer:
        menu.get_by_role("button", name="Saved").click()

    assert answer.value.status == 422
    alert = page.locator("#board-alert").get_by_role("alert")
    expect(alert).to_contain_text("Could not move Data analyst. Nothing was changed.")
    expect(alert).to_contain_text("“forged” is not a stage")
    expect(page.get_by_role("region", name=re.compile(r"^Applied"))).to_contain_text("Data analyst")
    expect(page.get_by_role("region", name=re.compile(r"^Screening"))).to_contain_text(
        "Backend developer"
    )
    expect(page).to_have_url(path_is("/applications/board/"))
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED

    # The next move works, and the message goes with the old board.
    # The menu is still open: the board stayed as it was.
    menu.get_by_role("button", name="Screening").click()
    screening = page.get_by_role("region", name=re.compile(r"^Screening"))
    expect(screening.locator(f"#application-{application.pk}")).to_be_visible()
    expect(page.locator("#board-alert").get_by_role("alert")).to_have_count(0)
