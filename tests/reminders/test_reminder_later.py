"""GET /reminders/?show=later: what is set for after the due list's 30 days and within
12 months, grouped by month, a page at a time; and the Due and Later tabs."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Stage
from reminders import building
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
)
from tests.html import parse
from tests.reminders.builders import forget_kept_counts
from tests.reminders.conftest import NOW, TODAY
from tests.reminders.test_reminder_list import groups

pytestmark = pytest.mark.django_db

URL = reverse("reminders:list")
LATER = f"{URL}?show=later"


def follow_up_in(owner, days, title=None, company=None):
    return ApplicationFactory(
        owner=owner,
        company=company or CompanyFactory(owner=owner, name=f"Co {days}"),
        title=title or f"Role in {days} days",
        stage=Stage.APPLIED,
        follow_up_on=TODAY + dt.timedelta(days=days),
    )


def tab(response, name):
    return (
        parse(response)
        .find("nav", **{"aria-label": "Due or later"})
        .find_all("a")[["Due", "Later"].index(name)]
    )


def test_a_check_in_three_months_on_shows_under_later_by_month(owner_client, user):
    """Step 3 has just kept Priya with a three-month cadence: nothing is due, and the
    check-in is there under Later, in its month, with how far off it is."""
    ContactFactory(
        owner=user,
        name="Priya Patel",
        company=CompanyFactory(owner=user, name="Northwind"),
        keep_in_touch_days=90,
        last_contacted_on=TODAY,
    )

    due = owner_client.get(URL)
    later = owner_client.get(LATER)

    assert groups(due) == {}
    assert "1 reminder is set for later" in parse(due).text
    assert tab(due, "Later").text == "Later 1"
    assert tab(due, "Due").attrs.get("aria-current") == "page"
    assert later.status_code == 200
    assert tab(later, "Later").attrs.get("aria-current") == "page"
    assert groups(later) == {
        "September 2025 1": ["Check in with Priya Patel, recruiter at Northwind."]
    }
    item = parse(later).find("li", **{"class": "list-group-item reminder reminder-check-in"})
    assert "Mon 8 September 2025 (in 3 months)." in item.text
    assert "Done…" in item.text  # an early check-in can be logged from here


def test_later_starts_after_the_due_list_and_ends_twelve_months_on(owner_client, user):
    follow_up_in(user, building.LIST_DAYS, "Day 30")
    follow_up_in(user, building.LIST_DAYS + 1, "Day 31")
    follow_up_in(user, 365, "A year on")  # 10 June 2026: the same day, 12 months later
    follow_up_in(user, 366, "A day too far")

    due, later = groups(owner_client.get(URL)), groups(owner_client.get(LATER))

    assert [title for titles in due.values() for title in titles] == [
        "Follow up on Day 30 at Co 30."
    ]
    assert later == {
        "July 2025 1": ["Follow up on Day 31 at Co 31."],
        "June 2026 1": ["Follow up on A year on at Co 365."],
    }
    assert building.later_window(TODAY) == (dt.date(2025, 7, 11), dt.date(2026, 6, 10))


def test_months_follow_one_another_across_the_year(owner_client, user):
    northwind = CompanyFactory(owner=user, name="Northwind")
    for days in (220, 40, 180, 41):
        follow_up_in(user, days, f"Role {days}", company=northwind)

    later = groups(owner_client.get(LATER))

    assert list(later) == ["July 2025 2", "December 2025 1", "January 2026 1"]
    assert later["July 2025 2"] == [
        "Follow up on Role 40 at Northwind.",
        "Follow up on Role 41 at Northwind.",
    ]


def test_every_kind_with_a_set_date_shows_but_quiet_applications_do_not(
    owner_client, user, django_assert_max_num_queries
):
    user.quiet_applied_days = 60
    user.save()
    acme = CompanyFactory(owner=user, name="Acme")
    ContactFactory(
        owner=user, name="Jane", company=acme, keep_in_touch_days=60, last_contacted_on=TODAY
    )
    FeedbackRequestFactory(
        rejection__application__owner=user,
        rejection__application__company=acme,
        rejection__application__title="Analyst",
        status="sent",
        sent_on=TODAY,
        follow_up_on=TODAY + dt.timedelta(days=45),
    )
    follow_up_in(user, 55, "Engineer", company=acme)
    InterviewFactory(
        application=follow_up_in(user, 3, "Designer", company=acme),
        starts_at=NOW + dt.timedelta(days=40),
    )
    # Turns quiet in 45 days if nothing happens: a forecast, not a date set.
    ApplicationFactory(
        owner=user,
        company=acme,
        title="Quiet one",
        stage=Stage.APPLIED,
        stage_changed_at=NOW - dt.timedelta(days=15),
    )

    later = groups(owner_client.get(LATER))

    assert later == {
        "July 2025 2": [
            "Video call interview for Designer at Acme, 23:30.",
            "Follow up your feedback request about Analyst at Acme.",
        ],
        "August 2025 2": [
            "Follow up on Engineer at Acme.",
            "Check in with Jane, recruiter at Acme.",
        ],
    }


def test_the_kind_filter_narrows_later_too(owner_client, user):
    follow_up_in(user, 40)
    ContactFactory(
        owner=user, name="Jane", company=None, keep_in_touch_days=90, last_contacted_on=TODAY
    )

    check_ins = groups(owner_client.get(f"{LATER}&kind=check-in"))
    quiet = owner_client.get(f"{LATER}&kind=quiet")

    assert [title for titles in check_ins.values() for title in titles] == [
        "Check in with Jane, recruiter."
    ]
    assert groups(quiet) == {}
    assert "Nothing set for later" in parse(quiet).text
    # The filter keeps the page on Later.
    form = parse(quiet).find("form", **{"aria-label": "Filter reminders"})
    assert form.find("input", type="hidden", name="show").attrs["value"] == "later"


def test_later_pages_through_many(owner_client, user):
    company = CompanyFactory(owner=user, name="Many")
    for number in range(30):
        follow_up_in(user, 40 + number * 5, f"Role {number:02}", company=company)

    first = owner_client.get(LATER)
    second = owner_client.get(f"{LATER}&page=2")

    titles = [t for titles in groups(first).values() for t in titles]
    assert len(titles) == 25 and titles[0] == "Follow up on Role 00 at Many."
    more = [t for titles in groups(second).values() for t in titles]
    assert more == [f"Follow up on Role {n} at Many." for n in range(25, 30)]
    assert "page 2 of 2" in parse(second).text


def test_an_empty_later_says_what_will_show(owner_client):
    response = owner_client.get(LATER)

    assert response.status_code == 200
    assert "Nothing set for later" in parse(response).text
    assert tab(response, "Later").text == "Later 0"


def test_another_users_reminders_never_show(owner_client, user, other_user):
    follow_up_in(other_user, 60, "Theirs")
    ContactFactory(
        owner=other_user, name="Their contact", keep_in_touch_days=90, last_contacted_on=TODAY
    )

    response = owner_client.get(LATER)

    assert groups(response) == {}
    assert tab(response, "Later").text == "Later 0"


def test_anonymous_is_sent_to_log_in(client):
    assertRedirects(
        client.get(LATER),
        f"{reverse('login')}?next={LATER.replace('?', '%3F').replace('=', '%3D')}",
    )


# Queries


def add_later(owner, count):
    """`count` more of each kind "later" shows, spread over the coming year."""
    company = CompanyFactory(owner=owner, name=f"Later Co {owner.applications.count()}")
    for number in range(count):
        days = 31 + (number * 37) % 330
        ContactFactory(
            owner=owner,
            company=company,
            name=f"Later contact {number}",
            keep_in_touch_days=90,
            last_contacted_on=TODAY + dt.timedelta(days=days - 90),
        )
        application = follow_up_in(owner, days + 1, f"Later role {number}", company=company)
        FeedbackRequestFactory(
            rejection__application__owner=owner,
            rejection__application__company=company,
            status="sent",
            sent_on=TODAY,
            follow_up_on=TODAY + dt.timedelta(days=days + 2),
        )
        InterviewFactory(application=application, starts_at=NOW + dt.timedelta(days=days + 3))


@pytest.mark.parametrize("url", [LATER, URL], ids=["later", "due"])
def test_same_queries_at_n_and_ten_times_n(owner_client, user, url, django_assert_num_queries):
    add_later(user, 4)
    owner_client.get(url)  # warm up: the session, the user
    forget_kept_counts(owner_client)
    with CaptureQueriesContext(connection) as captured:
        small = owner_client.get(url)
    expected = len(captured)

    add_later(user, 36)
    forget_kept_counts(owner_client)
    with django_assert_num_queries(expected):
        large = owner_client.get(url)

    assert expected <= 10
    if url == LATER:
        assert small.content.count(b'class="list-group-item reminder ') == 16
        assert large.content.count(b'class="list-group-item reminder ') == 25  # a full page
        assert tab(large, "Later").text == "Later 160"


def test_done_from_later_comes_back_to_later(owner_client, user):
    contact = ContactFactory(
        owner=user, name="Priya", keep_in_touch_days=90, last_contacted_on=TODAY
    )
    link = parse(owner_client.get(LATER)).find(
        "a", string=None, **{"class": "btn btn-sm btn-outline-success"}
    )
    done = reverse("reminders:done", args=["check-in", contact.pk])
    assert link.attrs["href"] == f"{done}?next=/reminders/%3Fshow%3Dlater"

    response = owner_client.post(
        link.attrs["href"], {"happened_on": TODAY.isoformat(), "kind": "email", "summary": ""}
    )

    assertRedirects(response, LATER, fetch_redirect_response=False)
