"""Days as a person says them, from their own today (core/days.py and the relative_day
filter): never hours since an instant, as Django's timesince writes them."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.days import relative_day
from tests.factories import ApplicationFactory, ContactFactory, RejectionFactory

TODAY = dt.date(2025, 6, 10)


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (0, "today"),
        (-1, "yesterday"),
        (1, "tomorrow"),
        (3, "in 3 days"),
        (-3, "3 days ago"),
        (13, "in 13 days"),
        (14, "in 2 weeks"),
        (-20, "3 weeks ago"),
        (55, "in 8 weeks"),
        (56, "in 2 months"),
        (81, "in 3 months"),
        (-92, "3 months ago"),
        (300, "in 10 months"),
        (365, "in 1 year"),
        (-800, "2 years ago"),
    ],
)
def test_relative_day(days, said):
    assert relative_day(TODAY + dt.timedelta(days=days), TODAY) == said


def test_exact_keeps_counting_in_days():
    assert relative_day(TODAY - dt.timedelta(days=92), TODAY, exact=True) == "92 days ago"
    assert relative_day(TODAY - dt.timedelta(days=1), TODAY, exact=True) == "yesterday"


def render(value):
    return Template("{% load onward %}{{ value|relative_day }}").render(Context({"value": value}))


@pytest.mark.parametrize(
    ("zone", "said"),
    [("UTC", "tomorrow"), ("Pacific/Auckland", "today"), ("America/Los_Angeles", "tomorrow")],
)
def test_the_filter_counts_from_the_users_today(zone, said):
    """At 23:30 UTC on 10 June it is already the 11th in Auckland."""
    moment = dt.datetime(2025, 6, 10, 23, 30, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False), timezone.override(zone):
        assert render(dt.date(2025, 6, 11)) == said


def test_a_datetime_counts_by_its_day_in_the_users_zone():
    """09:00 UTC on the 10th is the 9th, 2am in Los Angeles: yesterday there at 10:00
    UTC on the 11th (03:00 on the 11th in Los Angeles) — not "1 day, 1 hour ago"."""
    with time_machine.travel(dt.datetime(2025, 6, 11, 10, 0, tzinfo=dt.UTC), tick=False):
        with timezone.override("America/Los_Angeles"):
            assert render(dt.datetime(2025, 6, 10, 9, 0, tzinfo=dt.UTC)) == "yesterday"
        with timezone.override("UTC"):
            assert render(dt.datetime(2025, 6, 10, 9, 0, tzinfo=dt.UTC)) == "yesterday"
            assert render(dt.datetime(2025, 6, 11, 0, 5, tzinfo=dt.UTC)) == "today"


def test_nothing_for_no_date():
    assert render(None) == ""


@pytest.mark.django_db
def test_no_template_uses_timesince_any_more(owner_client, user):
    """The re-engagement panel said "last spoke 15 hours, 44 minutes ago" for a contact
    logged today; it says the day now."""
    with time_machine.travel(dt.datetime(2025, 6, 10, 15, 44, tzinfo=dt.UTC), tick=False):
        rejection = RejectionFactory(
            application__owner=user, application__company__name="Globex", at_stage="interview"
        )
        company = rejection.application.company
        ContactFactory(owner=user, company=company, name="Priya", last_contacted_on=TODAY)
        again = ApplicationFactory(owner=user, company=company, title="Analyst")

        response = owner_client.get(again.get_absolute_url())

    assertContains(response, "last spoke today")
    assertNotContains(response, "hours")
    assertNotContains(response, "minutes")


def test_templates_have_no_timesince_or_naturaltime():
    templates = Path(__file__).resolve().parents[2] / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text()
        for filter_name in ("timesince", "timeuntil", "naturaltime"):
            assert f"|{filter_name}" not in text, f"{path}: {filter_name}"
