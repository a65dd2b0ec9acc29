import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from applications.models import Stage
from tests.applications.moves import BOARD, stage_url, timeline
from tests.factories import ApplicationFactory
from tests.html import page_messages, parse

pytestmark = pytest.mark.django_db


def unchanged(application):
    application.refresh_from_db()
    return application.stage == Stage.APPLIED and timeline(
        application, "from_stage", "to_stage", "note"
    ) == [("", Stage.APPLIED, "")]


def test_a_move_writes_the_timeline_and_returns_to_the_application(owner_client, application):
    response = owner_client.post(
        stage_url(application), {"stage": Stage.SCREENING, "note": "Recruiter called"}, follow=True
    )

    assertRedirects(response, application.get_absolute_url())
    assert page_messages(response) == ["Moved Data engineer at Globex to screening. Undo"]
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert timeline(application, "from_stage", "to_stage", "note") == [
        ("", Stage.APPLIED, ""),
        (Stage.APPLIED, Stage.SCREENING, "Recruiter called"),
    ]


def test_a_move_from_the_board_returns_to_the_board(owner_client, application):
    response = owner_client.post(
        stage_url(application), {"stage": Stage.INTERVIEWING, "next": BOARD}, follow=True
    )

    assertRedirects(response, BOARD)
    column = parse(response).find("section", **{"aria-labelledby": "column-interviewing"})
    assert [card.find("h3").text for card in column.find_all("article")] == ["Data engineer"]
    assert page_messages(response) == ["Moved Data engineer at Globex to interviewing. Undo"]


def test_an_htmx_move_gets_the_board_back_to_swap_in(owner_client, application):
    response = owner_client.post(
        stage_url(application), {"stage": Stage.OFFER, "next": BOARD}, HTTP_HX_REQUEST="true"
    )

    assertRedirects(response, BOARD, fetch_redirect_response=False)
    application.refresh_from_db()
    assert application.stage == Stage.OFFER
    board = owner_client.get(BOARD, HTTP_HX_REQUEST="true")
    # The board's messages live inside the swapped #board element.
    box = parse(board).find("div", id="board")
    assert (
        "Moved Data engineer at Globex to offer." in box.find("div", **{"class": "messages"}).text
    )
    assert box.find("section", **{"aria-labelledby": "column-offer"}).find("article")


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "https:///evil.example",
    ],
)
def test_next_is_honoured_only_for_same_site_paths(owner_client, application, target):
    response = owner_client.post(stage_url(application), {"stage": Stage.SCREENING, "next": target})

    assertRedirects(response, application.get_absolute_url(), fetch_redirect_response=False)


def test_moving_to_applied_sets_the_applied_date_in_the_users_zone(owner_client, user):
    user.time_zone = "Pacific/Auckland"
    user.save()
    application = ApplicationFactory(owner=user, stage=Stage.SAVED, applied_on=None)

    with time_machine.travel(dt.datetime(2025, 6, 10, 20, 0, tzinfo=dt.UTC), tick=False):
        owner_client.post(stage_url(application), {"stage": Stage.APPLIED})

    application.refresh_from_db()
    assert application.applied_on == dt.date(2025, 6, 11)


def test_moving_to_the_current_stage_writes_nothing(owner_client, application):
    response = owner_client.post(stage_url(application), {"stage": Stage.APPLIED}, follow=True)

    assertRedirects(response, application.get_absolute_url())
    assert page_messages(response) == []
    assert unchanged(application)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"stage": "bogus"}, "“bogus” is not a stage. Pick one from the list."),
        ({"stage": ""}, "This field is required."),
        ({}, "This field is required."),
        (
            {"stage": Stage.SCREENING, "note": "x" * 501},
            "Ensure this value has at most 500 characters (it has 501).",
        ),
    ],
    ids=["unknown-stage", "blank", "missing", "note-too-long"],
)
def test_a_bad_move_is_explained_and_changes_nothing(owner_client, application, data, message):
    response = owner_client.post(stage_url(application), data)

    assert response.status_code == 422
    alert = parse(response).find("div", **{"class": "alert alert-danger"})
    assert alert.text == message
    assertContains(response, "Nothing was changed.", status_code=422)
    assert unchanged(application)


def test_a_bad_htmx_move_is_explained_too(owner_client, application):
    response = owner_client.post(
        stage_url(application), {"stage": "bogus", "next": BOARD}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 422
    assertContains(response, "is not a stage", status_code=422)
    assert unchanged(application)


def test_get_is_not_allowed(owner_client, application):
    response = owner_client.get(stage_url(application), {"stage": Stage.SCREENING})

    assert response.status_code == 405
    assert unchanged(application)


def test_another_users_application_is_not_found_and_unchanged(stranger_client, application):
    response = stranger_client.post(stage_url(application), {"stage": Stage.REJECTED})

    assert response.status_code == 404
    assert unchanged(application)


def test_another_users_get_is_not_allowed_either(stranger_client, application):
    assert stranger_client.get(stage_url(application)).status_code == 405
    assert unchanged(application)


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_moves(client, application):
    response = client.post(stage_url(application), {"stage": Stage.REJECTED})

    assertRedirects(response, f"{reverse('login')}?next={stage_url(application)}")
    assert unchanged(application)


def test_a_bad_htmx_move_from_the_board_keeps_the_board(owner_client, application):
    """The board's card posts with hx-target="#board" hx-select="#board": a 422 page
    without a #board replaced the whole board with nothing. Now the answer is an error
    message, retargeted into the board's message area, and the board stays."""
    response = owner_client.post(
        stage_url(application),
        {"stage": "forged", "next": BOARD},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="board",
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == "#board-alert"
    assert response["HX-Reswap"] == "innerHTML"
    assert response["HX-Reselect"] == "#stage-error"
    alert = parse(response).find(id="stage-error")
    assert alert.attrs["role"] == "alert"
    assert " ".join(alert.text.split()) == (
        f"Could not move {application.title}. Nothing was changed. "
        "“forged” is not a stage. Pick one from the list."
    )
    assert unchanged(application)


def test_the_board_has_the_area_the_error_goes_to(owner_client, application):
    board = parse(owner_client.get(BOARD)).find(id="board")

    assert board.find(id="board-alert") is not None


def test_a_move_to_rejected_opens_the_rejection_form_first(owner_client, application):
    reject = reverse("applications:reject", args=[application.pk])

    plain = owner_client.post(stage_url(application), {"stage": Stage.REJECTED, "next": BOARD})
    htmx = owner_client.post(
        stage_url(application),
        {"stage": Stage.REJECTED, "next": BOARD},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="board",
    )

    assertRedirects(plain, reject, fetch_redirect_response=False)
    # htmx leaves the board for the form, rather than swapping the form into the board.
    assert htmx["HX-Redirect"] == reject
    assert unchanged(application)
    assertContains(owner_client.get(reject), "Record the rejection")
