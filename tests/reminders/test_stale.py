"""/applications/stale/: the applications with no news past their threshold (or whose
follow-up date passed while waiting), and "Mark as no response" for several at once:
the owner's only, at most 200, each with its timeline row and its "no response"
rejection; one already closed is skipped; the page's queries stay flat."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Application, Stage, StageChange
from feedback.models import Rejection
from feedback.silence import MARK_AT_MOST
from tests.factories import ApplicationFactory
from tests.html import form_errors, page_messages, parse
from tests.reminders.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db

URL = reverse("applications:stale")


def silent(user, title, stage=Stage.APPLIED, days=30, **fields):
    return ApplicationFactory(
        owner=user,
        company__owner=user,
        title=title,
        stage=stage,
        stage_changed_at=NOW - dt.timedelta(days=days),
        **fields,
    )


def listed(response):
    return [box.attrs["value"] for box in parse(response).find_all("input", name="application")]


def test_the_page_lists_what_has_gone_quiet_and_what_met_silence_after_a_nudge(owner_client, user):
    quiet = silent(user, "Quiet analyst")
    nudged = silent(user, "Nudged engineer", days=3, follow_up_on=TODAY - dt.timedelta(days=1))
    silent(user, "Fresh designer", days=3)  # not quiet yet
    silent(user, "Saved role", stage=Stage.SAVED)  # never applied for
    silent(user, "Closed role", stage=Stage.REJECTED)

    response = owner_client.get(URL)

    assert response.status_code == 200
    assert listed(response) == [str(quiet.pk), str(nudged.pk)]


def test_marking_several_moves_each_with_its_timeline_row(owner_client, user):
    first, second, third = (silent(user, f"Role {n}") for n in range(3))

    response = owner_client.post(URL, {"application": [first.pk, third.pk]}, follow=True)

    assertRedirects(response, URL)
    assert page_messages(response) == ["Marked 2 applications as no response."]
    for application, stage in ((first, Stage.NO_RESPONSE), (second, Stage.APPLIED)):
        application.refresh_from_db()
        assert application.stage == stage
    for application in (first, third):
        [change] = StageChange.objects.filter(application=application, to_stage=Stage.NO_RESPONSE)
        assert change.from_stage == Stage.APPLIED
        assert Rejection.objects.get(application=application).channel == "no_response"
    assert listed(response) == [str(second.pk)]


def test_an_application_closed_meanwhile_is_skipped(owner_client, user):
    open_one, closed = silent(user, "Open"), silent(user, "Closed")
    closed.move_to(Stage.REJECTED)

    response = owner_client.post(URL, {"application": [open_one.pk, closed.pk]}, follow=True)

    assert page_messages(response) == ["Marked 1 application as no response."]
    closed.refresh_from_db()
    assert closed.stage == Stage.REJECTED
    assert not Rejection.objects.filter(application=closed).exists()


def test_a_second_submit_marks_nothing_twice(owner_client, user):
    application = silent(user, "Once")
    owner_client.post(URL, {"application": [application.pk]})

    response = owner_client.post(URL, {"application": [application.pk]}, follow=True)

    assert page_messages(response)[-1] == "Marked 0 applications as no response."
    assert StageChange.objects.filter(application=application).count() == 2


def test_another_users_application_is_refused_and_nothing_moves(owner_client, user, other_user):
    mine, theirs = silent(user, "Mine"), silent(other_user, "Theirs")

    response = owner_client.post(URL, {"application": [mine.pk, theirs.pk]})

    assert response.status_code == 422
    assert form_errors(response) == [
        "Some of the ticked applications aren’t in your list any more: nothing was marked. "
        "Tick them again."
    ]
    for application in (mine, theirs):
        application.refresh_from_db()
        assert application.stage == Stage.APPLIED


@pytest.mark.parametrize(
    ("ticked", "message"),
    [
        ([], "Tick the applications to mark as no response."),
        (["abc"], "Those aren’t applications Onward knows. Tick them again."),
        (
            [str(n) for n in range(MARK_AT_MOST + 1)],
            f"Mark at most {MARK_AT_MOST} applications at once: you ticked {MARK_AT_MOST + 1}.",
        ),
    ],
    ids=["none", "garbage", "too-many"],
)
def test_a_bad_tick_list_says_what_is_wrong(owner_client, user, ticked, message):
    application = silent(user, "Kept")

    response = owner_client.post(URL, {"application": ticked})

    assert response.status_code == 422
    assert form_errors(response) == [message]
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


def test_an_anonymous_visitor_is_sent_to_log_in(client, user):
    application = silent(user, "Kept")

    for response in (client.get(URL), client.post(URL, {"application": [application.pk]})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.parametrize("rows", [3, 30])
def test_the_page_reads_the_same_queries_however_many_there_are(
    client_for, user, rows, django_assert_num_queries
):
    for n in range(rows):
        silent(user, f"Role {n}", days=30 + n)
    client = client_for(user)
    client.get(URL)  # warm the session and the count cache

    with django_assert_num_queries(QUERIES):
        response = client.get(URL)
    assert len(listed(response)) == min(rows, 25)
    assert Application.objects.filter(owner=user).count() == rows


QUERIES = 4
