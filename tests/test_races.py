"""Racing requests, with real concurrency: two threads, each with its own database
connection, lined up on a barrier at the moment that matters (both forms checked, neither
saved yet), as two tabs or a double click on a server with several workers would be.

Nothing may be lost and nothing may fail: two saves based on one version give one save
and one conflict page; an edit racing a stage move leaves the stage moved and the
timeline agreeing; racing moves keep the timeline a chain and `reached` right; racing
"record rejection" POSTs give one rejection and no 500; a double click on "add" adds
one row.

These need PostgreSQL, where rows are locked and transactions wait for each other. On
SQLite the test database lives in memory with one cache shared between threads, which
refuses a second writer at once ("database table is locked") instead of waiting, so they
are skipped there; CI runs them on PostgreSQL. The same interleavings are checked without
threads, on any database, in tests/test_no_lost_update.py.
"""

import threading
from itertools import pairwise

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse

from applications.forms import ApplicationForm
from applications.models import Application, Stage, StageChange, reached_rank
from contacts.models import Contact
from feedback.forms.paste import PastedRejectionForm
from feedback.forms.rejections import RejectionForm
from feedback.models import Rejection
from tests.factories import ApplicationFactory, UserFactory
from tests.feedback.test_paste_views import confirm_form
from tests.test_no_lost_update import opened, rejection_form

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="race tests need PostgreSQL (SQLite's shared in-memory test database "
        "refuses a second writer instead of waiting): run with DATABASE_URL=postgres://…",
    ),
]

WAIT = 20  # seconds a thread waits for the other before the test gives up


def race(*actions):
    """Runs each action in its own thread (its own database connection) and returns
    what each returned, or the exception it raised."""
    results = [None] * len(actions)

    def run(index, action):
        try:
            results[index] = action()
        except Exception as error:  # reported by the test, with the others' results
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 3)
    assert not any(thread.is_alive() for thread in threads), "a racing thread hung"
    return results


@pytest.fixture
def pause_after_is_valid(monkeypatch):
    """Makes `form_class.is_valid()` wait on `barrier` once it has checked the form: the
    racing requests have all passed their checks before any of them saves."""

    def pause(form_class, barrier):
        original = form_class.is_valid

        def is_valid(self):
            valid = original(self)
            barrier.wait(WAIT)
            return valid

        monkeypatch.setattr(form_class, "is_valid", is_valid)

    return pause


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def status_of(result):
    return result if isinstance(result, Exception) else result.status_code


def post_twice_at_once(user, url, data, barrier=None):
    """The same POST from two sessions of `user` at once (two tabs, or a double click
    answered by two workers); with `barrier`, each waits on it just before posting.
    Returns what `race` returns."""

    def post(client):
        def act():
            if barrier is not None:
                barrier.wait(WAIT)
            return client.post(url, data)

        return act

    return race(post(signed_in(user)), post(signed_in(user)))


def edit_form(client, application, **changes):
    """The application's edit form as `client` is shown it, with `changes` typed."""
    url = reverse("applications:edit", args=[application.pk])
    return opened(client, url) | changes


def loaded_then_moved(application, barrier, stage):
    """A stage move from a copy of the application loaded before `barrier`."""

    def act():
        loaded = Application.objects.get(pk=application.pk)
        barrier.wait(WAIT)
        return loaded.move_to(stage)

    return act


def assert_timeline_agrees(application):
    """Each timeline row starts where the one before ended; the application is where
    the last one ended, since then; `reached` is the furthest any row got."""
    application.refresh_from_db()
    changes = list(StageChange.objects.filter(application=application).order_by("pk"))
    for before, after in pairwise(changes):
        assert after.from_stage == before.to_stage, [str(change) for change in changes]
    assert application.stage == changes[-1].to_stage
    assert application.stage_changed_at == changes[-1].changed_at
    assert application.reached == reached_rank(change.to_stage for change in changes)


def test_two_saves_of_one_version_give_one_save_and_one_conflict(pause_after_is_valid):
    user = UserFactory()
    application = ApplicationFactory(owner=user, title="Data engineer", stage=Stage.SCREENING)
    url = reverse("applications:edit", args=[application.pk])
    pause_after_is_valid(ApplicationForm, threading.Barrier(2))
    first, second = signed_in(user), signed_in(user)
    laptop = edit_form(first, application, title="From the laptop")
    phone = edit_form(second, application, title="From the phone")

    results = race(
        lambda: first.post(url, laptop),
        lambda: second.post(url, phone),
    )

    assert sorted(map(status_of, results)) == [302, 422], results
    conflict = next(result for result in results if result.status_code == 422)
    assert "Changed elsewhere since you opened this page" in conflict.content.decode()
    application.refresh_from_db()
    saved = next(result for result in results if result.status_code == 302)
    assert application.title == ("From the laptop" if saved is results[0] else "From the phone")
    assert application.stage == Stage.SCREENING


def test_an_edit_racing_a_stage_move_leaves_the_stage_moved(monkeypatch):
    """The edit is checked, the move is made, then the edit saves: it must neither bring
    the old stage back nor pass silently over the move."""
    user = UserFactory()
    application = ApplicationFactory(owner=user, title="Data engineer", stage=Stage.SCREENING)
    url = reverse("applications:edit", args=[application.pk])
    checked, moved = threading.Event(), threading.Event()
    original = ApplicationForm.is_valid

    def is_valid(self):
        valid = original(self)
        checked.set()
        assert moved.wait(WAIT)
        return valid

    monkeypatch.setattr(ApplicationForm, "is_valid", is_valid)

    def move():
        assert checked.wait(WAIT)
        try:
            return Application.objects.get(pk=application.pk).move_to(Stage.INTERVIEWING)
        finally:
            moved.set()

    client = signed_in(user)
    data = edit_form(client, application, notes="Typed")
    edited, change = race(lambda: client.post(url, data), move)

    assert isinstance(change, StageChange), change
    assert status_of(edited) in (302, 422), edited
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWING
    assert_timeline_agrees(application)


def test_an_edit_and_a_move_at_once_keep_both(pause_after_is_valid):
    user = UserFactory()
    application = ApplicationFactory(owner=user, title="Data engineer", stage=Stage.SCREENING)
    barrier = threading.Barrier(2)
    pause_after_is_valid(ApplicationForm, barrier)
    url = reverse("applications:edit", args=[application.pk])
    client = signed_in(user)
    data = edit_form(client, application, notes="Typed")

    edited, change = race(
        lambda: client.post(url, data), loaded_then_moved(application, barrier, Stage.OFFER)
    )

    assert isinstance(change, StageChange), change
    assert status_of(edited) in (302, 422), edited
    application.refresh_from_db()
    assert application.stage == Stage.OFFER
    assert_timeline_agrees(application)


@pytest.mark.parametrize("trial", range(10))
def test_racing_stage_moves_keep_the_timeline_a_chain(trial):
    application = ApplicationFactory(stage=Stage.APPLIED)
    barrier = threading.Barrier(2)

    # One forward a long way, one a short way: whichever lands last, `reached` must
    # remember the offer.
    results = race(
        loaded_then_moved(application, barrier, Stage.OFFER),
        loaded_then_moved(application, barrier, Stage.SCREENING),
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    assert_timeline_agrees(application)
    application.refresh_from_db()
    assert application.reached == reached_rank([Stage.OFFER])
    assert StageChange.objects.filter(application=application).count() == 3


def test_racing_reject_posts_give_one_rejection(pause_after_is_valid):
    user = UserFactory()
    application = ApplicationFactory(owner=user, stage=Stage.INTERVIEWING)
    pause_after_is_valid(RejectionForm, threading.Barrier(2))
    url = reverse("applications:reject", args=[application.pk])
    data = rejection_form()

    results = post_twice_at_once(user, url, data)

    assert [status_of(result) for result in results] == [302, 302], results
    assert Rejection.objects.filter(application=application).count() == 1
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert StageChange.objects.filter(application=application, to_stage=Stage.REJECTED).count() == 1
    assert_timeline_agrees(application)


def test_a_double_click_on_add_adds_one_row():
    user = UserFactory()
    url = reverse("contacts:create")
    data = opened(signed_in(user), url) | {"name": "Dana Lee", "company": "Globex"}
    assert data["submit_key"]

    results = post_twice_at_once(user, url, data, threading.Barrier(2))

    assert [status_of(result) for result in results] == [302, 302], results
    assert results[0]["Location"] == results[1]["Location"]
    assert Contact.objects.filter(owner=user).count() == 1


def pasted_confirm(client, application):
    """The confirm page's form for a pasted "no" about `application`, as shown."""
    text = (
        f"From: Priya Shah <priya@{application.company.name.lower()}.example>\n"
        f"Subject: Your application for {application.title}\n\n"
        "Unfortunately we went with another candidate.\n\nKind regards,\nPriya Shah\n"
    )
    response = client.post(reverse("rejections:paste"), {"email": text})
    return confirm_form(response)


@pytest.mark.parametrize("new", [False, True], ids=["matched", "none of these"])
def test_racing_paste_confirms_give_one_rejection(pause_after_is_valid, new):
    user = UserFactory()
    application = ApplicationFactory(owner=user, stage=Stage.INTERVIEWING, title="Analyst")
    data = pasted_confirm(signed_in(user), application)
    if new:
        data |= {"application": "new", "company": "Racing Ltd", "title": "Racer"}
    pause_after_is_valid(PastedRejectionForm, threading.Barrier(2))
    url = reverse("rejections:paste_confirm")

    results = post_twice_at_once(user, url, data)

    assert [status_of(result) for result in results] == [302, 302], results
    assert results[0]["Location"] == results[1]["Location"]
    assert Rejection.objects.filter(application__owner=user).count() == 1
    assert Contact.objects.filter(owner=user).count() == 1
    assert Application.objects.filter(owner=user).count() == (2 if new else 1)
    rejected = Rejection.objects.get(application__owner=user).application
    assert rejected.stage == Stage.REJECTED
    assert_timeline_agrees(rejected)


def test_racing_paste_confirms_without_a_key_edit_one_rejection(pause_after_is_valid):
    user = UserFactory()
    application = ApplicationFactory(owner=user, stage=Stage.INTERVIEWING, title="Analyst")
    data = pasted_confirm(signed_in(user), application) | {
        "submit_key": "",
        "contact_name": "",
        "contact_email": "",
    }
    pause_after_is_valid(PastedRejectionForm, threading.Barrier(2))
    url = reverse("rejections:paste_confirm")

    results = post_twice_at_once(user, url, data)

    assert [status_of(result) for result in results] == [302, 302], results
    assert Rejection.objects.filter(application=application).count() == 1
    assert_timeline_agrees(application)


def test_racing_undos_of_one_move_move_back_once():
    """A double click on Undo, on two workers: the latest move is undone once."""
    user = UserFactory()
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)
    change = application.move_to(Stage.INTERVIEWING)
    url = reverse("applications:undo", args=[application.pk])

    results = post_twice_at_once(user, url, {"change": change.pk}, threading.Barrier(2))

    assert sorted(status_of(result) for result in results) == [302, 422], results
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert StageChange.objects.filter(application=application).count() == 3
    assert_timeline_agrees(application)


def test_a_double_click_on_quick_add_adds_one_application():
    user = UserFactory()
    board = signed_in(user).get(reverse("applications:board")).content.decode()
    key = board.split('name="submit_key" value="', 1)[1].split('"', 1)[0]
    data = {"text": "Data engineer at Globex", "submit_key": key}
    url = reverse("applications:quick_add")

    results = post_twice_at_once(user, url, data, threading.Barrier(2))

    assert [status_of(result) for result in results] == [302, 302], results
    assert results[0]["Location"] == results[1]["Location"]
    assert Application.objects.filter(owner=user).count() == 1
    assert StageChange.objects.filter(application__owner=user).count() == 1


def test_racing_no_response_posts_mark_once():
    """Two tabs posting the light steps of one application: one timeline row to no
    response, one rejection, one lesson."""
    user = UserFactory()
    application = ApplicationFactory(owner=user, stage=Stage.SCREENING)
    url = reverse("applications:no_response", args=[application.pk])
    data = {"lesson_title": "Ask for a timeline", "lesson_category": "other"}
    first, second = signed_in(user), signed_in(user)

    results = race(lambda: first.post(url, data), lambda: second.post(url, data))

    assert [status_of(result) for result in results] == [302, 302], results
    assert Rejection.objects.filter(application=application).count() == 1
    assert application.rejection.lessons.count() == 1
    assert (
        StageChange.objects.filter(application=application, to_stage=Stage.NO_RESPONSE).count() == 1
    )
    assert_timeline_agrees(application)


def test_a_racing_double_submit_of_the_stale_list_moves_each_once():
    user = UserFactory()
    applications = [ApplicationFactory(owner=user, stage=Stage.APPLIED) for _ in range(3)]
    url = reverse("applications:stale")
    data = {"application": [application.pk for application in applications]}
    first, second = signed_in(user), signed_in(user)

    results = race(lambda: first.post(url, data), lambda: second.post(url, data))

    assert [status_of(result) for result in results] == [302, 302], results
    for application in applications:
        assert (
            StageChange.objects.filter(application=application, to_stage=Stage.NO_RESPONSE).count()
            == 1
        )
        assert Rejection.objects.filter(application=application).count() == 1
        assert_timeline_agrees(application)
