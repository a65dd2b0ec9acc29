"""Undo (/applications/<id>/undo/, POST `change`): the message after a move carries an
Undo button, which moves the application back through move_to; the timeline keeps both
moves. Only the latest move of one's own application, only on POST."""

import datetime as dt

import pytest
from pytest_django.asserts import assertRedirects

from applications.models import Stage
from tests.applications.moves import BOARD, latest_change, stage_url, timeline, undo_url
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory
from tests.html import page_messages, parse

pytestmark = pytest.mark.django_db


def undo_form(response):
    """The Undo button's form in the page's messages."""
    box = parse(response).find("div", **{"class": "messages"})
    return box.find("form") if box else None


def test_the_message_after_a_move_offers_undo(owner_client, application):
    response = owner_client.post(
        stage_url(application), {"stage": Stage.SCREENING, "next": BOARD}, follow=True
    )

    form = undo_form(response)
    assert form.attrs["action"] == undo_url(application)
    assert form.attrs["method"] == "post"
    assert form.find("button").text == "Undo"
    change = latest_change(application)
    assert form.find("input", name="change").attrs["value"] == str(change.pk)
    assert form.find("input", name="csrfmiddlewaretoken").attrs["value"]
    # Back to the page it is shown on; on the board, htmx swaps the board.
    assert form.find("input", name="next").attrs["value"] == BOARD
    assert form.attrs["hx-post"] == undo_url(application)
    assert form.attrs["hx-target"] == "#board"


def test_the_message_on_the_application_page_offers_a_plain_undo(owner_client, application):
    response = owner_client.post(stage_url(application), {"stage": Stage.SCREENING}, follow=True)

    form = undo_form(response)
    assert form.attrs["action"] == undo_url(application)
    assert "hx-post" not in form.attrs
    assert form.find("input", name="next").attrs["value"] == application.get_absolute_url()


def test_a_move_that_moved_nothing_offers_no_undo(owner_client, application):
    response = owner_client.post(stage_url(application), {"stage": Stage.APPLIED}, follow=True)

    assert undo_form(response) is None


def test_undo_moves_back_and_the_timeline_keeps_both_moves(owner_client, application):
    owner_client.post(stage_url(application), {"stage": Stage.INTERVIEWING}, follow=True)
    change = latest_change(application)

    response = owner_client.post(
        undo_url(application), {"change": change.pk, "next": BOARD}, follow=True
    )

    assertRedirects(response, BOARD)
    assert page_messages(response) == ["Moved Data engineer at Globex back to applied."]
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert timeline(application) == [
        ("", Stage.APPLIED),
        (Stage.APPLIED, Stage.INTERVIEWING),
        (Stage.INTERVIEWING, Stage.APPLIED),
    ]
    assert latest_change(application).note == "Undid the move to interviewing."
    applied = parse(response).find("section", **{"aria-labelledby": "column-applied"})
    assert [card.find("h3").text for card in applied.find_all("article")] == ["Data engineer"]


def test_an_undo_sent_twice_moves_back_once(owner_client, application):
    owner_client.post(stage_url(application), {"stage": Stage.SCREENING})
    change = latest_change(application)
    owner_client.post(undo_url(application), {"change": change.pk})

    response = owner_client.post(undo_url(application), {"change": change.pk})

    assert response.status_code == 422
    assert "only its latest move can be undone" in parse(response).text
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert len(timeline(application)) == 3


def test_an_older_move_cannot_be_undone(owner_client, application):
    owner_client.post(stage_url(application), {"stage": Stage.SCREENING})
    older = latest_change(application)
    owner_client.post(stage_url(application), {"stage": Stage.INTERVIEWING})

    response = owner_client.post(undo_url(application), {"change": older.pk})

    assert response.status_code == 422
    alert = parse(response).find("div", **{"class": "alert alert-danger"})
    assert alert.text == ("It is in interviewing now, and only its latest move can be undone.")
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWING
    assert len(timeline(application)) == 3


def test_adding_the_application_is_not_a_move_to_undo(owner_client, application):
    first = application.stage_changes.get()

    response = owner_client.post(undo_url(application), {"change": first.pk})

    assert response.status_code == 422
    assert timeline(application) == [("", Stage.APPLIED)]


def test_another_applications_move_cannot_be_undone_here(owner_client, user, application):
    other = ApplicationFactory(owner=user, stage=Stage.SAVED)
    other.move_to(Stage.APPLIED)
    change = latest_change(other)

    response = owner_client.post(undo_url(application), {"change": change.pk})

    assert response.status_code == 422
    other.refresh_from_db()
    assert other.stage == Stage.APPLIED


@pytest.mark.parametrize("change", ["", "abc", "-1", "0", str(2**63), "9" * 50])
def test_a_bad_change_is_refused_in_words(owner_client, application, change):
    response = owner_client.post(undo_url(application), {"change": change})

    assert response.status_code == 422
    assert "There is no move to undo." in parse(response).text
    assert timeline(application) == [("", Stage.APPLIED)]


def test_a_refused_htmx_undo_keeps_the_board(owner_client, application):
    response = owner_client.post(
        undo_url(application),
        {"change": "1", "next": BOARD},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="board",
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == "#board-alert"
    assert "Could not move Data engineer" in parse(response).find(id="stage-error").text


def test_get_is_not_allowed(owner_client, application):
    owner_client.post(stage_url(application), {"stage": Stage.SCREENING})
    change = latest_change(application)

    response = owner_client.get(undo_url(application), {"change": change.pk})

    assert response.status_code == 405
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING


def test_a_stranger_cannot_undo_anothers_move(stranger_client, application):
    application.move_to(Stage.SCREENING)
    change = latest_change(application)

    response = stranger_client.post(undo_url(application), {"change": change.pk})

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert len(timeline(application)) == 2


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_moves(client, application):
    application.move_to(Stage.SCREENING)
    change = latest_change(application)

    assert_sent_to_log_in(
        client,
        undo_url(application),
        {"change": change.pk},
        read=lambda: timeline(application),
        get=False,
    )


def test_undoing_a_move_to_applied_takes_back_the_applied_date_it_set(owner_client, user):
    saved = ApplicationFactory(owner=user, stage=Stage.SAVED, applied_on=None)
    owner_client.post(stage_url(saved), {"stage": Stage.APPLIED})
    saved.refresh_from_db()
    assert saved.applied_on == user.today()
    change = latest_change(saved)

    owner_client.post(undo_url(saved), {"change": change.pk})

    saved.refresh_from_db()
    assert (saved.stage, saved.applied_on) == (Stage.SAVED, None)


def test_undoing_keeps_an_applied_date_from_before(owner_client, user):
    earlier = dt.date(2020, 1, 15)
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED, applied_on=earlier)
    owner_client.post(stage_url(application), {"stage": Stage.SCREENING})
    change = latest_change(application)

    owner_client.post(undo_url(application), {"change": change.pk})

    application.refresh_from_db()
    assert (application.stage, application.applied_on) == (Stage.APPLIED, earlier)
