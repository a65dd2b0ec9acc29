"""The keep-in-touch journey (issue 5), clicked through as a person would: add a contact
with a monthly cadence and log a call; a month and a day later the check-in is due on
the dashboard and in /reminders/; snooze it a week, then do it with a note, and the
next check-in is a month on.

The clock moves with time-machine, which patches time for the whole process: the live
server's thread sees the same day as the test (the expired session proves it). The
browser's own clock does not move; the journey starts at noon on the real today, at
most hours before the real time, so every cookie the server sets is still in date for
the browser."""

import re
from datetime import UTC, datetime, time, timedelta

import time_machine
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Stage
from contacts.models import Contact, Interaction
from tests.browser.conftest import log_in
from tests.browser.test_accounts_journeys import path_is
from tests.factories import ApplicationFactory

CHECK_IN = "Check in with Jane Doe, hiring manager at Acme Robotics."


def long_date(day):
    """As the pages print a date: "8 June 2030"."""
    return f"{day.day} {day:%B %Y}"


def test_a_check_in_comes_due_is_snoozed_and_done(page, person):
    # Noon (UTC, the person's zone) on the real today: no day boundary mid-test.
    start = datetime.combine(timezone.now().date(), time(12), tzinfo=UTC)
    first_day = start.date()
    due_day = first_day + timedelta(days=30)
    later = start + timedelta(days=31)
    later_day = later.date()
    navbar = page.get_by_role("navigation", name="Main")

    with time_machine.travel(start, tick=True):
        # Someone with a job in view. (Saved, so it never goes quiet; and with no
        # application at all, the dashboard shows only its "Start here" card.)
        ApplicationFactory(owner=person, stage=Stage.SAVED, title="Robotics data engineer")
        page.goto("/accounts/login/")
        log_in(page, person.email)

        # A new contact, kept in touch with every month.
        navbar.get_by_role("link", name="Contacts").click()
        page.get_by_role("link", name="Add contact", exact=True).click()
        page.get_by_label("Name").fill("Jane Doe")
        page.get_by_label("Company").fill("Acme Robotics")
        page.get_by_label("Who they are").select_option(label="Hiring manager")
        page.get_by_label("Email").fill("jane.doe@acme.example")
        page.get_by_label("Keep in touch").select_option(label="Every month")
        page.get_by_role("button", name="Add contact").click()

        expect(page.get_by_role("heading", name="Jane Doe", level=1)).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text("Added Jane Doe")
        contact = Contact.objects.get(owner=person, name="Jane Doe")
        contact_path = f"/contacts/{contact.pk}/"

        # A call today: the next check-in is a month from it.
        page.get_by_role("link", name="Log an interaction").click()
        expect(page.get_by_text("the next check-in moves to 30 days after it")).to_be_visible()
        page.get_by_label("What was it?").select_option(label="Call")
        expect(page.get_by_label(re.compile(r"^\s*Date\W*$"))).to_have_value(first_day.isoformat())
        page.get_by_label("What was said").fill("Talked about the platform team's plans.")
        page.get_by_role("button", name="Log it").click()

        expect(page).to_have_url(path_is(contact_path))
        expect(page.get_by_role("status")).to_contain_text("Logged: call with Jane Doe")
        check_in_note = page.locator(".check-in")
        expect(check_in_note).to_contain_text(
            f"Next check-in: {long_date(due_day)}, in 4 weeks (every month)"
        )
        navbar.get_by_role("link", name="Dashboard").click()
        expect(page.get_by_role("region", name="Today")).to_contain_text("Nothing due today")

    contact.refresh_from_db()
    assert contact.last_contacted_on == first_day
    assert contact.next_check_in_on == due_day

    with time_machine.travel(later, tick=True):
        # A month and a day later the session has run out: log in again.
        assert timedelta(seconds=settings.SESSION_COOKIE_AGE) < later - start
        page.goto("/dashboard/")
        expect(page).to_have_url(path_is("/accounts/login/?next=/dashboard/"))
        log_in(page, person.email)
        expect(page).to_have_url(path_is("/dashboard/"))

        # Due since yesterday: on the dashboard's list for today, and counted in the navbar.
        today = page.get_by_role("region", name="Today")
        expect(today).to_contain_text("1 overdue · 0 due today")
        expect(today.get_by_role("listitem")).to_have_count(1)
        expect(today.get_by_role("listitem")).to_contain_text("Keep in touch")
        expect(today.get_by_role("link", name=CHECK_IN)).to_be_visible()
        expect(today).to_contain_text("Last contact 31 days ago.")
        reminders_link = navbar.get_by_role("link", name=re.compile(r"^Reminders"))
        expect(reminders_link).to_have_accessible_name("Reminders 1 due")

        # In /reminders/, under overdue; snooze it a week.
        reminders_link.click()
        expect(page).to_have_url(path_is("/reminders/"))
        overdue = page.get_by_role("region", name=re.compile(r"^Overdue"))
        reminder = overdue.get_by_role("listitem").filter(has_text=CHECK_IN)
        expect(reminder).to_contain_text(f"Due {due_day.day} {due_day:%b} (yesterday).")
        reminder.get_by_label("Snooze for").select_option(label="1 week")
        reminder.get_by_role("button", name="Snooze").click()

        snoozed_until = later_day + timedelta(days=7)
        expect(page).to_have_url(path_is("/reminders/"))
        expect(page.get_by_role("status")).to_contain_text(
            f"Snoozed until {snoozed_until:%A} {snoozed_until.day} {snoozed_until:%B}"
        )
        expect(page.get_by_role("region", name=re.compile(r"^Overdue"))).to_have_count(0)
        this_week = page.get_by_role("region", name=re.compile(r"^This week"))
        expect(this_week.get_by_role("link", name=CHECK_IN)).to_be_visible()
        contact.refresh_from_db()
        assert contact.next_check_in_on == snoozed_until

        # Off today's list on the dashboard, and out of the navbar's count.
        navbar.get_by_role("link", name="Dashboard").click()
        today = page.get_by_role("region", name="Today")
        expect(today).to_contain_text("Nothing due today")
        expect(today.get_by_role("link", name=CHECK_IN)).to_have_count(0)
        expect(reminders_link).to_have_accessible_name("Reminders")

        # Done early, with a note: the check-in is logged from the drafted message.
        navbar.get_by_role("link", name="Reminders").click()
        this_week = page.get_by_role("region", name=re.compile(r"^This week"))
        this_week.get_by_role("listitem").filter(has_text=CHECK_IN).get_by_role(
            "link", name="Done…"
        ).click()
        expect(page.get_by_role("heading", name="Check in with Jane Doe")).to_be_visible()
        expect(page.get_by_label("Draft message")).to_have_value(
            re.compile(r"^Dear Jane,\n\nI hope all is well at Acme Robotics\.")
        )
        page.get_by_label("Note").fill("Coffee next month; a data role may open in Q3.")
        page.get_by_role("button", name="Log the check-in").click()

        expect(page).to_have_url(path_is("/reminders/"))
        expect(page.get_by_role("status")).to_contain_text("Logged. Next check-in with Jane Doe")
        next_check_in = later_day + timedelta(days=30)
        expect(page.get_by_role("link", name=CHECK_IN)).to_be_visible()  # later this month

        # The contact's page: the check-in is logged, the next one a month on.
        page.get_by_role("link", name=CHECK_IN).click()
        expect(page).to_have_url(path_is(contact_path))
        expect(check_in_note).to_contain_text(f"Next check-in: {long_date(next_check_in)}")
        interactions = page.get_by_role("region", name=re.compile(r"^Interactions"))
        expect(interactions.get_by_role("listitem")).to_have_count(2)
        expect(interactions.get_by_role("listitem").first).to_contain_text(
            "Coffee next month; a data role may open in Q3."
        )

    contact.refresh_from_db()
    assert contact.last_contacted_on == later_day
    assert contact.next_check_in_on == next_check_in
    check_in = contact.interactions.get(kind=Interaction.Kind.CHECK_IN)
    assert check_in.happened_on == later_day
    assert check_in.summary == "Coffee next month; a data role may open in Q3."
