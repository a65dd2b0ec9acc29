"""A company's day to apply again (its reapply_from, set 6 months after a "no"): a
reminder on that day saying what changed since (lessons done, contacts kept); done
clears the date, snooze moves it on."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from reminders import building, calendar, sources
from reminders.kinds import ReminderKind
from tests.factories import CompanyFactory, ContactFactory, LessonFactory
from tests.reminders.conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def reapply_reminders(user, until=TODAY, today=TODAY):
    return building.collect(user, today, until, [ReminderKind.REAPPLY])


def test_due_on_the_day_and_says_what_changed(user, reapply):
    LessonFactory(owner=user, status="done", done_on=dt.date(2025, 1, 10))
    LessonFactory(owner=user, status="done", done_on=dt.date(2025, 2, 1))
    LessonFactory(owner=user, status="done", done_on=dt.date(2024, 11, 1))  # before the "no"
    LessonFactory(owner=user, status="open")
    LessonFactory(status="done", done_on=dt.date(2025, 1, 10))  # someone else's
    ContactFactory(owner=user, company=reapply, name="Monica Hall")

    [reminder] = reapply_reminders(user)

    assert reminder.due == dt.date(2025, 6, 3)
    assert reminder.title == "You can apply to Pied Piper again."
    assert reminder.detail == (
        "They said no to Compression engineer in December 2024; 2 lessons done since; "
        "1 contact kept there."
    )
    assert reminder.url == reapply.get_absolute_url()
    assert reminder.actionable and reminder.snoozable


def test_a_date_without_a_rejection_reads_well(user):
    CompanyFactory(owner=user, name="Hooli", reapply_from=TODAY)

    [reminder] = reapply_reminders(user)

    assert reminder.detail == "No one recorded there yet."


def test_not_before_the_day(user, reapply):
    assert reapply_reminders(user, until=dt.date(2025, 6, 2), today=dt.date(2025, 6, 1)) == []
    assert sources.due_count(user, dt.date(2025, 6, 2)) == 0
    assert sources.due_count(user, dt.date(2025, 6, 3)) == 1


def test_the_list_and_the_dashboard_show_it(owner_client, reapply):
    response = owner_client.get(reverse("reminders:list"))
    assertContains(response, f'id="reminder-reapply-{reapply.pk}"')
    assertContains(response, reverse("reminders:snooze", args=["reapply", reapply.pk]))
    assertContains(owner_client.get(reverse("insights:dashboard")), "You can apply to Pied Piper")


def test_done_clears_the_date(owner_client, user, reapply):
    url = reverse("reminders:done", args=[ReminderKind.REAPPLY, reapply.pk])
    page = owner_client.get(url)
    assertContains(page, "Apply to Pied Piper again")

    response = owner_client.post(url)

    assert response.status_code == 302
    reapply.refresh_from_db()
    assert reapply.reapply_from is None
    assert reapply_reminders(user, until=TODAY + dt.timedelta(days=400)) == []


def test_snooze_moves_it_on(owner_client, user, reapply):
    url = reverse("reminders:snooze", args=[ReminderKind.REAPPLY, reapply.pk])

    response = owner_client.post(url, {"length": "1w"})

    assert response.status_code == 302
    reapply.refresh_from_db()
    assert reapply.reapply_from == TODAY + dt.timedelta(days=7)
    assert reapply_reminders(user) == []


def test_a_stranger_gets_404_and_changes_nothing(stranger_client, reapply):
    done = reverse("reminders:done", args=[ReminderKind.REAPPLY, reapply.pk])
    snooze = reverse("reminders:snooze", args=[ReminderKind.REAPPLY, reapply.pk])

    assert stranger_client.get(done).status_code == 404
    assert stranger_client.post(done).status_code == 404
    assert stranger_client.post(snooze, {"length": "1w"}).status_code == 404
    reapply.refresh_from_db()
    assert reapply.reapply_from == dt.date(2025, 6, 3)


def test_another_users_date_is_not_listed(user, other_user):
    CompanyFactory(owner=other_user, reapply_from=TODAY)

    assert reapply_reminders(user) == []
    assert sources.due_count(user, TODAY) == 0


def test_later_lists_a_date_months_ahead(owner_client, user):
    company = CompanyFactory(owner=user, name="Hooli", reapply_from=dt.date(2025, 12, 10))

    later = building.LaterList(user, TODAY)

    assert len(later) == 1
    assert [r.uid for r in later[0:25]] == [f"reapply-{company.pk}"]
    response = owner_client.get(reverse("reminders:list") + "?show=later")
    assertContains(response, "You can apply to Hooli again.")


def test_the_calendar_has_it(user, reapply):
    reapply.reapply_from = TODAY + dt.timedelta(days=2)
    reapply.save()

    body = calendar.feed(user).decode()

    assert "SUMMARY:You can apply to Pied Piper again." in body
    assert f"UID:reapply-{reapply.pk}@" in body
    assert "DTSTART;VALUE=DATE:20250612" in body


def test_the_feed_reads_them_only_when_some_company_has_a_date(client, user, reapply):
    url = reverse("reminders:calendar", args=[user.calendar_token])
    assert calendar.state(user)[1] == ()
    assertContains(client.get(url), "You can apply to Pied Piper again.")

    reapply.reapply_from = None
    reapply.save()

    assert calendar.state(user)[1] == (ReminderKind.REAPPLY,)
    assert b"Pied Piper" not in client.get(url).content
