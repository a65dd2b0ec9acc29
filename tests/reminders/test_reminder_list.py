"""GET /reminders/: overdue, today, this week and later, filterable by kind; and the
navbar's count of what is due."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from tests.factories import ApplicationFactory
from tests.html import parse
from tests.reminders.conftest import TODAY, in_zone

pytestmark = pytest.mark.django_db

URL = reverse("reminders:list")


def groups(response):
    """{heading: [reminder titles]} as a person reads the page."""
    page = parse(response)
    return {
        section.find("h2").text: [item.find("a").text for item in section.find_all("li")]
        for section in page.find_all("section")
        if "reminder-group" in section.attrs.get("class", "")
    }


def navbar_badge(response):
    link = parse(response).find("nav").find("a", href=URL)
    badge = link.find("span")
    return badge.text if badge else None


@pytest.fixture
def everything(jane, turned_down, feedback_request, follow_up, quiet, interview, acme, user):
    later = ApplicationFactory(
        owner=user, company=acme, title="Later role", follow_up_on=TODAY + dt.timedelta(days=12)
    )
    return later


def test_owner_sees_reminders_grouped_by_when_they_are_due(owner_client, everything):
    response = owner_client.get(URL)

    assert response.status_code == 200
    assert groups(response) == {
        "Overdue 2": [
            "Check in with Jane Doe, hiring manager at Acme.",
            "Follow up your feedback request to Jane Doe about Data Analyst at Acme.",
        ],
        "Today 2": [
            "Follow up on Backend developer at Acme.",
            "No news about Product analyst at Globex since 27 May.",
        ],
        "This week 1": ["Video call interview for Data engineer at Initech, 09:00."],
        "In the next 30 days 1": ["Follow up on Later role at Acme."],
    }


def test_each_actionable_reminder_has_done_and_snooze_and_interviews_have_neither(
    owner_client, jane, interview
):
    page = parse(owner_client.get(URL))

    check_in = page.find("li", id=f"reminder-check-in-{jane.pk}")
    assert check_in.find("a", href=reverse("reminders:done", args=["check-in", jane.pk]))
    form = check_in.find("form", action=reverse("reminders:snooze", args=["check-in", jane.pk]))
    assert [option.text for option in form.find_all("option")] == ["1 day", "1 week", "1 month"]
    assert form.find("input", name="next").attrs["value"] == URL

    meeting = page.find("li", id=f"reminder-interview-{interview.pk}")
    assert meeting.find("form") is None
    assert "Done" not in meeting.text


def test_the_list_can_show_one_kind(owner_client, everything):
    response = owner_client.get(URL, {"kind": "quiet"})

    assert groups(response) == {
        "Today 1": ["No news about Product analyst at Globex since 27 May."]
    }
    options = parse(response).find("select", name="kind").find_all("option")
    assert [option.text for option in options if "selected" in option.attrs] == ["No news"]


def test_an_unknown_kind_says_so_and_shows_everything(owner_client, everything):
    response = owner_client.get(URL, {"kind": "bogus"})

    assert response.status_code == 200
    assert "“bogus” is not a kind of reminder. Showing everything." in parse(response).text
    assert sum(len(titles) for titles in groups(response).values()) == 6


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/Los_Angeles", {"Today 1": ["Follow up on Role at Acme."]}),
        ("Pacific/Auckland", {"Overdue 1": ["Follow up on Role at Acme."]}),
    ],
)
def test_today_is_the_users_own_day(owner_client, user, acme, zone, expected):
    in_zone(user, zone)
    ApplicationFactory(owner=user, company=acme, title="Role", follow_up_on=TODAY)

    assert groups(owner_client.get(URL)) == expected


def test_nothing_due_says_where_reminders_come_from(owner_client):
    response = owner_client.get(URL)

    assert groups(response) == {}
    assert "Nothing due in the next 30 days" in parse(response).text


def test_another_users_reminders_are_not_shown(owner_client, strangers_things):
    response = owner_client.get(URL)

    assert groups(response) == {}
    for hidden in ("Secret Corp", "Mallory", "Hidden"):
        assert hidden not in response.content.decode()
    assert navbar_badge(response) is None


def test_anonymous_visitor_is_sent_to_log_in(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")


def test_the_navbar_shows_how_many_are_due_on_every_page(
    owner_client, everything, strangers_things
):
    # Overdue and today, actionable only: not the interview, not the later follow-up.
    assert navbar_badge(owner_client.get(reverse("contacts:list"))) == "4 due"
    assert navbar_badge(owner_client.get(URL)) == "4 due"


def test_the_navbar_count_follows_the_users_day(owner_client, user, acme):
    ApplicationFactory(owner=user, company=acme, follow_up_on=TODAY + dt.timedelta(days=1))
    assert navbar_badge(owner_client.get(reverse("contacts:list"))) is None

    in_zone(user, "Pacific/Auckland")

    assert navbar_badge(owner_client.get(reverse("contacts:list"))) == "1 due"
