"""A saved application's closing date: a reminder three days before the advert closes,
until the person applies, lets it go, or the date passes."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from applications.models import Stage
from reminders import building, sources
from reminders.kinds import ReminderKind
from tests.factories import ApplicationFactory
from tests.reminders.builders import forget_kept_counts
from tests.reminders.conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def closing_reminders(user, until=TODAY):
    return building.collect(user, TODAY, until, [ReminderKind.CLOSING])


def test_due_three_days_before_the_advert_closes(user, closing):
    assert closing_reminders(user, TODAY + dt.timedelta(days=1)) == []

    [reminder] = closing_reminders(user, TODAY + dt.timedelta(days=2))

    assert reminder.due == dt.date(2025, 6, 12)
    assert reminder.title == ("Apply for Platform engineer at Hooli: the advert closes in 5 days.")
    assert reminder.detail.startswith("Closing date Sunday 15 June")
    assert reminder.url == closing.get_absolute_url()
    assert reminder.actionable and not reminder.snoozable


def test_closing_today_is_still_listed_and_a_passed_date_is_not(user):
    today = ApplicationFactory(owner=user, stage=Stage.SAVED, closing_on=TODAY, title="Today")
    ApplicationFactory(owner=user, stage=Stage.SAVED, closing_on=TODAY - dt.timedelta(days=1))

    [reminder] = closing_reminders(user)

    assert reminder.pk == today.pk
    assert reminder.title.endswith("the advert closes today.")
    totals = sources.counts(user, TODAY, TODAY, [ReminderKind.CLOSING])
    assert (totals["overdue"], totals["today"]) == (1, 0)  # due three days ago


@pytest.mark.parametrize("stage", [Stage.APPLIED, Stage.WITHDRAWN, Stage.INTERVIEWING])
def test_only_saved_applications_are_reminded(user, stage):
    ApplicationFactory(owner=user, stage=stage, closing_on=TODAY + dt.timedelta(days=1))

    assert closing_reminders(user) == []


def test_the_navbar_counts_them(user, closing):
    assert sources.due_count(user, TODAY) == 0
    assert sources.due_count(user, TODAY + dt.timedelta(days=2)) == 1


def test_done_as_applied_moves_it_to_applied(owner_client, user, closing):
    url = reverse("reminders:done", args=[ReminderKind.CLOSING, closing.pk])

    page = owner_client.get(url)
    response = owner_client.post(url, {"outcome": "applied"})

    assertContains(page, "The advert closes on Sunday 15 June.")
    assertNotContains(page, "Draft message")
    assertRedirects(response, reverse("reminders:list"))
    closing.refresh_from_db()
    assert (closing.stage, closing.applied_on) == (Stage.APPLIED, TODAY)
    assert closing_reminders(user, TODAY + dt.timedelta(days=5)) == []


def test_done_as_not_applying_withdraws_it(owner_client, closing):
    url = reverse("reminders:done", args=[ReminderKind.CLOSING, closing.pk])

    owner_client.post(url, {"outcome": "not_applying"})

    closing.refresh_from_db()
    assert closing.stage == Stage.WITHDRAWN


def test_a_bad_outcome_is_a_422_and_changes_nothing(owner_client, closing):
    url = reverse("reminders:done", args=[ReminderKind.CLOSING, closing.pk])

    response = owner_client.post(url, {"outcome": "maybe"})

    assert response.status_code == 422
    assertContains(response, "Pick what you did.", status_code=422)
    closing.refresh_from_db()
    assert closing.stage == Stage.SAVED


def test_a_closing_date_cannot_be_snoozed(owner_client, closing):
    url = reverse("reminders:snooze", args=[ReminderKind.CLOSING, closing.pk])

    response = owner_client.post(url, {"length": "1w"})

    assert response.status_code == 404
    closing.refresh_from_db()
    assert (closing.closing_on, closing.follow_up_on) == (dt.date(2025, 6, 15), None)


def test_the_list_offers_done_but_no_snooze(owner_client, closing):
    with_it = ApplicationFactory(owner=closing.owner, stage=Stage.SAVED, closing_on=TODAY)

    response = owner_client.get(reverse("reminders:list"))

    assertContains(response, f'id="reminder-closing-{with_it.pk}"')
    assertContains(response, reverse("reminders:done", args=["closing", with_it.pk]))
    assertNotContains(response, reverse("reminders:snooze", args=["closing", with_it.pk]))


def test_a_stranger_gets_404(stranger_client, closing):
    done = reverse("reminders:done", args=[ReminderKind.CLOSING, closing.pk])

    assert stranger_client.get(done).status_code == 404
    assert stranger_client.post(done, {"outcome": "applied"}).status_code == 404
    closing.refresh_from_db()
    assert closing.stage == Stage.SAVED


def test_the_dashboard_lists_a_closing_date_due(owner_client, user):
    ApplicationFactory(
        owner=user, stage=Stage.SAVED, closing_on=TODAY + dt.timedelta(days=1), title="Welder"
    )

    response = owner_client.get(reverse("insights:dashboard"))

    assertContains(response, "Apply for Welder at")
    assertContains(response, "the advert closes tomorrow.")


def test_the_dashboard_finds_a_closing_date_added_elsewhere_once_counts_renew(owner_client, user):
    """A closing date added on another device shows on the dashboard once the kept
    counts are made again (the next POST, or two minutes), as the counts themselves do
    (at the latest: its rows are read afresh with every kind's, in one query)."""
    owner_client.get(reverse("insights:dashboard"))  # the counts are kept: none due
    ApplicationFactory(owner=user, stage=Stage.SAVED, closing_on=TODAY, title="Welder")
    forget_kept_counts(owner_client)

    response = owner_client.get(reverse("insights:dashboard"))

    assertContains(response, "Apply for Welder at")
