import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import ACTIVE_STAGES, CLOSED_STAGES, Stage
from applications.views.board import BOARD_COLUMN_CAP
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory, InterviewFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("applications:board")
NOW = dt.datetime(2025, 6, 10, 12, 0, tzinfo=dt.UTC)


def column(response, stage):
    """The active column for `stage`: its heading and the titles on its cards."""
    section = parse(response).find("section", **{"aria-labelledby": f"column-{stage}"})
    assert section is not None, f"no column for {stage}"
    return section


def card_titles(element):
    return [card.find("h3").text for card in element.find_all("article")]


def closed_summary(response):
    """The collapsed "Closed applications" box: each closed stage's count and link."""
    box = parse(response).find("details", **{"class": "board-closed mt-3"})
    return box, {link.text: link.attrs["href"] for link in box.find_all("a")}


def test_a_column_per_active_stage_with_its_count(owner_client, user):
    ApplicationFactory.create_batch(2, owner=user, stage=Stage.SCREENING)
    ApplicationFactory(owner=user, stage=Stage.OFFER, title="The offer")

    response = owner_client.get(URL)

    assert response.status_code == 200
    headings = [
        h.text for h in parse(response).find_all("h2", **{"class": "h6 board-column-heading"})
    ]
    assert headings == ["Saved 0", "Applied 0", "Screening 2", "Interviewing 0", "Offer 1"]
    assert card_titles(column(response, Stage.OFFER)) == ["The offer"]
    assert "Nothing here." in column(response, Stage.SAVED).text


def test_closed_stages_are_collapsed_into_counts_with_links(owner_client, user):
    ApplicationFactory.create_batch(2, owner=user, stage=Stage.REJECTED, title="A no")
    ApplicationFactory(owner=user, stage=Stage.APPLIED)

    response = owner_client.get(URL)

    box, links = closed_summary(response)
    assert "open" not in box.attrs
    assert box.find("summary").text == "Closed applications"
    list_url = reverse("applications:list")
    assert links == {
        "Accepted 0": f"{list_url}?stage=accepted",
        "Rejected 2": f"{list_url}?stage=rejected",
        "Withdrawn 0": f"{list_url}?stage=withdrawn",
        "No response 0": f"{list_url}?stage=no_response",
    }
    assertNotContains(response, "A no")
    for stage in CLOSED_STAGES:
        assert parse(response).find("section", **{"aria-labelledby": f"column-{stage}"}) is None


def test_a_column_is_capped_with_a_link_to_the_full_list(owner_client, user):
    company = CompanyFactory(owner=user)
    for number in range(BOARD_COLUMN_CAP + 3):
        with time_machine.travel(NOW + dt.timedelta(hours=number), tick=False):
            ApplicationFactory(owner=user, company=company, title=f"Role {number:02}")

    response = owner_client.get(URL)

    applied = column(response, Stage.APPLIED)
    shown = card_titles(applied)
    assert len(shown) == BOARD_COLUMN_CAP
    # The most recently updated cards are the ones shown.
    assert shown[0] == f"Role {BOARD_COLUMN_CAP + 2:02}"
    assert "Role 00" not in shown
    link = applied.find("a", **{"class": "small"})
    assert link.text == f"All {BOARD_COLUMN_CAP + 3} in applied"
    assert link.attrs["href"] == f"{reverse('applications:list')}?stage=applied"


def test_a_full_column_has_no_link(owner_client, user):
    ApplicationFactory.create_batch(BOARD_COLUMN_CAP, owner=user, stage=Stage.SAVED)

    response = owner_client.get(URL)

    saved = column(response, Stage.SAVED)
    assert len(card_titles(saved)) == BOARD_COLUMN_CAP
    assert saved.find("a", **{"class": "small"}) is None


def test_a_card_shows_company_title_days_in_stage_and_next_interview(owner_client, user):
    user.time_zone = "America/New_York"
    user.save()
    with time_machine.travel(NOW - dt.timedelta(days=10), tick=False):
        application = ApplicationFactory(
            owner=user, title="Data engineer", company__name="Globex", stage=Stage.APPLIED
        )
    with time_machine.travel(NOW - dt.timedelta(days=3), tick=False):
        application.move_to(Stage.INTERVIEWING)
    InterviewFactory(application=application, starts_at=NOW - dt.timedelta(days=1))
    InterviewFactory(
        application=application, starts_at=dt.datetime(2025, 6, 13, 13, 30, tzinfo=dt.UTC)
    )
    InterviewFactory(
        application=application, starts_at=dt.datetime(2025, 6, 20, 13, 30, tzinfo=dt.UTC)
    )

    with time_machine.travel(NOW, tick=False):
        response = owner_client.get(URL)

    card = column(response, Stage.INTERVIEWING).find("article")
    assert card.find("h3").text == "Data engineer"
    assert card.find("h3").find("a").attrs["href"] == application.get_absolute_url()
    assert "Globex" in card.text
    assert "3 days in interviewing" in card.text
    # 13:30 UTC is 09:30 in New York.
    assert "Interview Fri 13 Jun, 09:30" in card.text


def test_days_in_stage_count_the_users_calendar_days(owner_client, user):
    # Moved at 23:00 UTC on 8 June: already 9 June in Tokyo, where it is now 10 June.
    user.time_zone = "Asia/Tokyo"
    user.save()
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)
    with time_machine.travel(dt.datetime(2025, 6, 8, 23, 0, tzinfo=dt.UTC), tick=False):
        application.move_to(Stage.SCREENING)

    with time_machine.travel(NOW, tick=False):
        response = owner_client.get(URL)

    assert "1 day in screening" in column(response, Stage.SCREENING).find("article").text


def test_a_card_moves_by_a_plain_form_back_to_its_column(owner_client, user):
    application = ApplicationFactory(owner=user)

    response = owner_client.get(URL)

    form = column(response, Stage.APPLIED).find("form")
    assert form.attrs["action"] == reverse("applications:stage", args=[application.pk])
    assert form.attrs["hx-post"] == form.attrs["action"]
    assert form.find("input", name="next").attrs["value"] == f"{URL}?stage=applied"
    # One compact menu: a <details> of submit buttons, not a select and a button.
    assert form.find("select") is None
    menu = form.find("details")
    assert menu.find("summary").text == f"Move {application.title}"
    assert menu.find("div", role="group").attrs["aria-label"] == f"Move {application.title} to"


def test_a_new_user_sees_an_empty_board_with_a_first_step(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "Your board is empty")
    assertContains(response, "Add your first application")


def test_another_users_applications_are_not_on_the_board(owner_client, user, other_user):
    ApplicationFactory(owner=user, title="Mine")
    ApplicationFactory(owner=other_user, title="Theirs", company__name="Their company")

    response = owner_client.get(URL)

    assert card_titles(column(response, Stage.APPLIED)) == ["Mine"]
    assertNotContains(response, "Theirs")
    assertNotContains(response, "Their company")


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert_sent_to_log_in(client, URL)


def test_every_active_stage_has_its_cards_and_closed_ones_their_counts(owner_client, user):
    for stage in Stage:
        ApplicationFactory(owner=user, stage=stage, title=f"{stage.label} role")

    response = owner_client.get(URL)

    for stage in ACTIVE_STAGES:
        assert card_titles(column(response, stage)) == [f"{stage.label} role"]
    _, links = closed_summary(response)
    assert set(links) == {f"{stage.label} 1" for stage in CLOSED_STAGES}


def test_each_card_links_to_its_application_and_offers_every_other_stage(owner_client, user):
    applications = [
        ApplicationFactory(owner=user, stage=stage, title=f"Role {number}")
        for number, stage in enumerate([Stage.SAVED, Stage.SAVED, Stage.OFFER])
    ]

    response = owner_client.get(URL)

    for application in applications:
        card = parse(response).find("article", id=f"application-{application.pk}")
        assert card.find("h3").find("a").attrs["href"] == application.get_absolute_url()
        assert card.attrs["data-stage"] == application.stage
        form = card.find("form")
        assert form.attrs["action"] == reverse("applications:stage", args=[application.pk])
        buttons = form.find_all("button")
        assert all(button.attrs["name"] == "stage" for button in buttons)
        assert all(button.attrs["type"] == "submit" for button in buttons)
        assert [button.attrs["value"] for button in buttons] == [
            stage for stage in Stage.values if stage != application.stage
        ]
        # A move to rejected asks what they said, on the rejection form.
        assert form.find("button", value=Stage.REJECTED).text == "Rejected…"


def test_the_columns_and_the_closed_stages_take_drops(owner_client, user):
    ApplicationFactory(owner=user)

    page = parse(owner_client.get(URL))

    targets = [e.attrs["data-drop-stage"] for e in page.iter() if "data-drop-stage" in e.attrs]
    # The phone's tabs, the columns, the closed stages.
    assert targets == [*ACTIVE_STAGES, *ACTIVE_STAGES, *CLOSED_STAGES]


def tabs(response):
    nav = parse(response).find("nav", **{"aria-label": "Stages on the board"})
    return nav.find_all("a")


def shown(response):
    return [
        section.attrs["data-drop-stage"]
        for section in parse(response).find_all("section")
        if "is-shown" in section.attrs["class"].split()
    ]


def test_a_phone_shows_one_column_with_tabs_and_their_counts(owner_client, user):
    ApplicationFactory.create_batch(2, owner=user, stage=Stage.SCREENING)
    ApplicationFactory(owner=user, stage=Stage.OFFER)

    response = owner_client.get(URL)

    links = tabs(response)
    assert [link.text for link in links] == [
        "Saved 0",
        "Applied 0",
        "Screening 2",
        "Interviewing 0",
        "Offer 1",
    ]
    assert [link.attrs["href"] for link in links] == [f"{URL}?stage={s}" for s in ACTIVE_STAGES]
    assert all(link.attrs["hx-get"] == link.attrs["href"] for link in links)
    # The first column with cards, until a tab is chosen.
    assert [link.text for link in links if link.attrs.get("aria-current") == "true"] == [
        "Screening 2"
    ]
    assert shown(response) == [Stage.SCREENING]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?stage=offer", Stage.OFFER), ("?stage=saved", Stage.SAVED), ("?stage=rejected", "applied")],
)
def test_a_tab_chooses_the_column_a_phone_shows(owner_client, user, query, expected):
    ApplicationFactory(owner=user, stage=Stage.APPLIED)

    response = owner_client.get(URL + query)

    assert response.status_code == 200
    assert shown(response) == [expected]


def test_the_board_offers_quick_add_and_a_script_of_its_own(owner_client, user):
    response = owner_client.get(URL)

    form = parse(response).find("form", id="quick-add")
    assert form.attrs["action"] == reverse("applications:quick_add")
    assert form.attrs["hx-target"] == "#board"
    assert form.find("input", name="next").attrs["value"] == f"{URL}?stage=saved"
    scripts = [script.attrs.get("src", "") for script in parse(response).find_all("script")]
    assert any(src.endswith("js/board.js") for src in scripts)
    assert all(script.text.strip() == "" for script in parse(response).find_all("script"))


def test_the_board_is_in_the_main_navigation(owner_client):
    def current(path):
        nav = parse(owner_client.get(path)).find("nav", **{"aria-label": "Main"})
        links = {link.text: link for link in nav.find_all("a")}
        assert links["Board"].attrs["href"] == URL
        return [text for text, link in links.items() if link.attrs.get("aria-current") == "page"]

    assert current(URL) == ["Board"]
    assert current(reverse("applications:list")) == ["Applications"]
    assert current(reverse("applications:create")) == ["Applications"]
