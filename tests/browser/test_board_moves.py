"""The board moves like a board (issue 14, items 4 and 5), clicked, dragged and typed as
a person does: drag a card to another column and undo it, move one with the keyboard
through its menu, drop one on Rejected (which asks what they said), add one in a line,
and on a phone see one stage at a time, switch with the tabs and drag with a finger."""

import re

from playwright.sync_api import expect

from applications.models import Application, Stage
from tests.browser.conftest import PHONE, log_in
from tests.browser.test_accessibility import WIDTHS, axe_source, violations_on
from tests.browser.test_accounts_journeys import path_is
from tests.factories import ApplicationFactory

BOARD = "/applications/board/"


def column(page, label):
    return page.get_by_role("region", name=re.compile(rf"^{label}"))


def timeline(application):
    return list(
        application.stage_changes.order_by("changed_at", "pk").values_list("from_stage", "to_stage")
    )


def test_drag_a_card_to_another_column_then_undo(signed_in_page, person):
    page = signed_in_page
    application = ApplicationFactory(owner=person, title="Data analyst", stage=Stage.APPLIED)
    ApplicationFactory(owner=person, title="Backend developer", stage=Stage.INTERVIEWING)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Board", exact=True
    ).click()
    expect(page).to_have_url(path_is(BOARD))
    card = page.locator(f"#application-{application.pk}")
    expect(card).to_have_attribute("draggable", "true")
    page.evaluate("window.__sameDocument = true")

    with page.expect_response(path_is(f"/applications/{application.pk}/stage/")) as moved:
        card.drag_to(column(page, "Interviewing"))

    assert moved.value.request.headers.get("hx-request") == "true"
    interviewing = column(page, "Interviewing")
    expect(interviewing.locator(f"#application-{application.pk}")).to_be_visible()
    expect(column(page, "Applied").locator("article")).to_have_count(0)
    expect(interviewing.get_by_role("heading", level=2)).to_have_text("Interviewing 2")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Moved Data analyst")
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWING

    # Undo, from the message: back where it was, and the timeline keeps both moves.
    status.get_by_role("button", name="Undo").click()
    expect(column(page, "Applied").locator(f"#application-{application.pk}")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Moved Data analyst")
    expect(page.get_by_role("status")).to_contain_text("back to applied")
    assert page.evaluate("window.__sameDocument") is True
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert timeline(application) == [
        ("", Stage.APPLIED),
        (Stage.APPLIED, Stage.INTERVIEWING),
        (Stage.INTERVIEWING, Stage.APPLIED),
    ]


def test_move_a_card_with_the_keyboard(signed_in_page, person):
    page = signed_in_page
    application = ApplicationFactory(owner=person, title="Data analyst", stage=Stage.APPLIED)
    page.goto(BOARD)
    card = page.locator(f"#application-{application.pk}")
    card.get_by_role("link", name="Data analyst").focus()

    page.keyboard.press("Tab")  # to the card's menu
    summary = card.locator("summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    menu = card.get_by_role("group", name="Move Data analyst to")
    expect(menu).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("button", name="Saved")).to_be_focused()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("button", name="Screening")).to_be_focused()
    with page.expect_response(path_is(f"/applications/{application.pk}/stage/")):
        page.keyboard.press("Enter")

    moved = column(page, "Screening").locator(f"#application-{application.pk}")
    expect(moved).to_be_visible()
    # The focus follows the card to its new column.
    expect(moved.locator("summary")).to_be_focused()
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING

    # Escape closes a menu and gives the focus back to it.
    page.keyboard.press("Enter")
    options = moved.get_by_role("group", name="Move Data analyst to")
    expect(options).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(options).to_be_hidden()
    expect(moved.locator("summary")).to_be_focused()


def test_a_drop_on_rejected_opens_the_rejection_form(signed_in_page, person):
    page = signed_in_page
    application = ApplicationFactory(owner=person, title="Data analyst", stage=Stage.INTERVIEWING)
    page.goto(BOARD)
    card = page.locator(f"#application-{application.pk}")
    closed = page.locator("details.board-closed")

    card.hover()
    page.mouse.down()
    box = card.bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 30)
    # While a card is dragged the closed stages open up, as places to drop it.
    expect(closed).to_have_attribute("open", "")
    page.locator("[data-drop-stage=rejected]").hover()
    page.locator("[data-drop-stage=rejected]").hover(position={"x": 5, "y": 5})
    page.mouse.up()

    expect(page).to_have_url(path_is(f"/applications/{application.pk}/reject/"))
    expect(page.get_by_role("heading", name="Record the rejection")).to_be_visible()
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWING  # until the rejection is saved


def test_quick_add_puts_a_card_in_saved_without_a_reload(signed_in_page, person):
    page = signed_in_page
    ApplicationFactory(owner=person, title="Backend developer", stage=Stage.APPLIED)
    page.goto(BOARD)
    page.evaluate("window.__sameDocument = true")
    line = page.get_by_label("Quick add a saved job")

    line.fill("Data engineer")
    line.press("Enter")
    expect(page.locator("#quick-add-error")).to_contain_text("couldn’t tell which company")
    expect(line).to_have_value("Data engineer")

    line.fill("Data engineer at Globex")
    line.press("Enter")
    saved = column(page, "Saved")
    expect(saved.get_by_role("link", name="Data engineer")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Added Data engineer at Globex to saved.")
    # Ready for the next one, with a new key: a second line is a second application.
    expect(page.get_by_label("Quick add a saved job")).to_be_focused()
    expect(page.get_by_label("Quick add a saved job")).to_have_value("")
    page.get_by_label("Quick add a saved job").fill("Analyst @ Initech")
    page.get_by_label("Quick add a saved job").press("Enter")
    expect(saved.get_by_role("link", name="Analyst")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert sorted(
        Application.objects.filter(owner=person, stage=Stage.SAVED).values_list(
            "title", "company__name"
        )
    ) == [("Analyst", "Initech"), ("Data engineer", "Globex")]


def test_a_phone_shows_one_stage_at_a_time(new_context, person):
    for number in range(3):
        ApplicationFactory(owner=person, title=f"Applied role {number}", stage=Stage.APPLIED)
    offer = ApplicationFactory(owner=person, title="The offer", stage=Stage.OFFER)
    page = new_context(viewport=PHONE, has_touch=True).new_page()
    page.goto("/accounts/login/")
    log_in(page, person.email)
    page.goto(BOARD)

    tabs = page.get_by_role("navigation", name="Stages on the board")
    expect(tabs.get_by_role("link")).to_have_text(
        ["Saved 0", "Applied 3", "Screening 0", "Interviewing 0", "Offer 1"]
    )
    expect(tabs.get_by_role("link", name="Applied 3")).to_have_attribute("aria-current", "true")
    expect(column(page, "Applied")).to_be_visible()
    for label in ["Saved", "Screening", "Interviewing", "Offer"]:
        expect(column(page, label)).to_be_hidden()
    # No wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Tap targets of at least 44 px: the tabs, a card's menu and its buttons.
    card = page.locator("article").first
    card.locator("summary").click()
    targets = [
        *tabs.get_by_role("link").all(),
        card.locator("summary"),
        *card.locator(".move-menu-options").get_by_role("button").all(),
    ]
    for target in targets:
        assert target.bounding_box()["height"] >= 44, target
    card.locator("summary").click()

    tabs.get_by_role("link", name="Offer 1").click()
    expect(column(page, "Offer")).to_be_visible()
    expect(column(page, "Applied")).to_be_hidden()
    expect(page.get_by_role("link", name="The offer")).to_be_visible()
    expect(page).to_have_url(path_is(f"{BOARD}?stage=offer"))

    # Drag with a finger, by the card's handle, onto another stage's tab.
    handle = page.locator(f"#application-{offer.pk} .drag-handle")
    expect(handle).to_be_visible()
    box = handle.bounding_box()
    tab = tabs.get_by_role("link", name=re.compile("^Interviewing")).bounding_box()
    start = {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}
    end = {"x": tab["x"] + tab["width"] / 2, "y": tab["y"] + tab["height"] / 2}
    with page.expect_response(path_is(f"/applications/{offer.pk}/stage/")):
        handle.dispatch_event("pointerdown", touch_pointer(start))
        page.locator("body").dispatch_event("pointermove", touch_pointer(end))
        page.locator("body").dispatch_event("pointerup", touch_pointer(end))

    expect(page.get_by_role("status")).to_contain_text("Moved The offer")
    expect(tabs.get_by_role("link", name=re.compile("^Interviewing"))).to_have_text(
        "Interviewing 1"
    )
    offer.refresh_from_db()
    assert offer.stage == Stage.INTERVIEWING


def touch_pointer(at):
    return {
        "pointerType": "touch",
        "pointerId": 7,
        "isPrimary": True,
        "clientX": at["x"],
        "clientY": at["y"],
        "bubbles": True,
    }


def test_the_boards_states_have_no_accessibility_violation(new_context, person):
    """What the axe-core pass over the URL map does not open: a card's menu open, the
    message with its Undo button, a refused quick add on the board, and the quick add's
    own page (a refused line from the list, which posts without htmx)."""
    source = axe_source()
    application = ApplicationFactory(owner=person, title="Data analyst", stage=Stage.APPLIED)
    problems = []
    for size, viewport in WIDTHS:
        context = new_context(viewport=viewport)
        context.add_init_script(source)
        page = context.new_page()
        page.goto("/accounts/login/")
        log_in(page, person.email)
        page.goto(BOARD)
        card = page.locator(f"#application-{application.pk}")
        card.locator("summary").click()
        problems += violations_on(page, f"menu open @ {size}")
        stage = Stage.SCREENING if application.stage == Stage.APPLIED else Stage.APPLIED
        card.get_by_role("button", name=stage.label).click()
        expect(page.get_by_role("button", name="Undo")).to_be_visible()
        problems += violations_on(page, f"moved, with Undo @ {size}")
        application.refresh_from_db()
        page.get_by_label("Quick add a saved job").fill("Data engineer")
        page.get_by_label("Quick add a saved job").press("Enter")
        expect(page.locator("#quick-add-error")).to_be_visible()
        problems += violations_on(page, f"quick add refused on the board @ {size}")
        page.goto("/applications/")
        page.get_by_label("Quick add a saved job").fill("Data engineer")
        page.get_by_label("Quick add a saved job").press("Enter")
        expect(page.get_by_role("heading", name="Quick add")).to_be_visible()
        problems += violations_on(page, f"quick add page @ {size}")
    assert not problems, "\n".join(problems)
