import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertNotContains, assertRedirects

from applications.models import Application, Interview, Stage
from feedback.models import FeedbackRequest
from insights.lists import LIST_SIZE as DASHBOARD_LIST_SIZE
from tests.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    RejectionFactory,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("insights:dashboard")
NOW = dt.datetime(2025, 6, 10, 20, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def section(response, heading_id):
    return parse(response).find("section", **{"aria-labelledby": heading_id})


def entries(response, heading_id):
    return [item.text for item in section(response, heading_id).find_all("li")]


def test_a_new_user_sees_what_to_do_first(owner_client):
    response = owner_client.get(URL)

    assert response.status_code == 200
    start = section(response, "first-steps")
    assert start.find("h2").text == "Start here"
    assert start.find("a", href=reverse("accounts:settings"))
    assert start.find("a", href=reverse("applications:create")).text == (
        "Add your first application"
    )


def test_counts_per_stage_link_to_the_list(owner_client, user):
    ApplicationFactory.create_batch(3, owner=user, stage=Stage.APPLIED)
    ApplicationFactory(owner=user, stage=Stage.INTERVIEWING)
    ApplicationFactory.create_batch(2, owner=user, stage=Stage.REJECTED)

    response = owner_client.get(URL)

    assertNotContains(response, "Start here")
    pipeline = section(response, "pipeline-heading")
    assert [item.text for item in pipeline.find_all("li")] == [
        "0 Saved",
        "3 Applied",
        "0 Screening",
        "1 Interviewing",
        "0 Offer",
    ]
    applied = pipeline.find("a", href=f"{reverse('applications:list')}?stage=applied")
    assert applied.text == "3 Applied"
    closed = pipeline.find("p").text
    assert "0 accepted · 2 rejected · 0 withdrawn · 0 no response" in closed


def test_upcoming_interviews_soonest_first_in_the_users_zone(owner_client, user):
    user.time_zone = "Europe/Berlin"
    user.save()
    application = ApplicationFactory(owner=user, title="Data engineer", company__name="Globex")
    InterviewFactory(
        application=application,
        starts_at=NOW + dt.timedelta(days=3),
        kind=Interview.Kind.TECHNICAL,
    )
    InterviewFactory(
        application=application,
        starts_at=NOW + dt.timedelta(hours=13),
        kind=Interview.Kind.PHONE,
    )
    InterviewFactory(application=application, starts_at=NOW - dt.timedelta(hours=1))

    response = owner_client.get(URL)

    assert entries(response, "interviews-heading") == [
        # 09:00 UTC is 11:00 in Berlin in summer.
        "Wed 11 Jun, 11:00 · Phone call Data engineer at Globex",
        "Fri 13 Jun, 22:00 · Technical Data engineer at Globex",
    ]
    link = section(response, "interviews-heading").find("a")
    assert link.attrs["href"] == application.get_absolute_url()


def test_upcoming_interviews_are_capped(owner_client, user):
    application = ApplicationFactory(owner=user)
    InterviewFactory.create_batch(
        DASHBOARD_LIST_SIZE + 2, application=application, starts_at=NOW + dt.timedelta(days=1)
    )

    response = owner_client.get(URL)

    assert len(entries(response, "interviews-heading")) == DASHBOARD_LIST_SIZE


def test_no_interviews_says_how_to_add_one(owner_client, user):
    ApplicationFactory(owner=user)

    response = owner_client.get(URL)

    assert section(response, "interviews-heading").find("p").text == (
        "No interviews in the next two weeks. Add one from an application’s page when you "
        "are invited."
    )


def test_upcoming_interviews_are_those_of_the_next_two_weeks(owner_client, user):
    application = ApplicationFactory(owner=user, title="Data engineer", company__name="Globex")
    InterviewFactory(application=application, starts_at=NOW + dt.timedelta(days=14))
    InterviewFactory(application=application, starts_at=NOW + dt.timedelta(days=16))

    response = owner_client.get(URL)

    assert entries(response, "interviews-heading") == [
        "Tue 24 Jun, 20:00 · Video call Data engineer at Globex"
    ]


def due_titles(response):
    """The titles listed under "Today", which holds what is overdue and due today."""
    return [item.find("a").text for item in section(response, "due-heading").find_all("li")]


def test_follow_ups_due_use_the_users_today(owner_client, user):
    # 20:00 UTC on 10 June is already 08:00 on 11 June in Auckland.
    user.time_zone = "Pacific/Auckland"
    user.save()
    globex = ApplicationFactory(owner=user, title="Placeholder", company__name="Globex").company
    ApplicationFactory(
        owner=user, company=globex, title="Due today", follow_up_on=dt.date(2025, 6, 11)
    )
    ApplicationFactory(
        owner=user, company=globex, title="Overdue", follow_up_on=dt.date(2025, 6, 1)
    )
    ApplicationFactory(
        owner=user, company=globex, title="Tomorrow", follow_up_on=dt.date(2025, 6, 12)
    )
    ApplicationFactory(
        owner=user,
        company=globex,
        title="Closed",
        follow_up_on=dt.date(2025, 6, 1),
        stage=Stage.REJECTED,
    )

    response = owner_client.get(URL)

    assert due_titles(response) == [
        "Follow up on Overdue at Globex.",
        "Follow up on Due today at Globex.",
    ]
    today = section(response, "due-heading")
    assert today.find("h2").text == "Today"
    assert today.find("p").text == "1 overdue · 1 due today"
    done = today.find_all("li")[1].find("a", **{"class": "btn btn-sm btn-outline-success"})
    assert (
        done.attrs["href"]
        == reverse(
            "reminders:done", args=["follow-up", Application.objects.get(title="Due today").pk]
        )
        + "?next=/dashboard/"
    )


def test_follow_ups_wait_for_the_users_day_to_come(owner_client, user):
    # 20:00 UTC on 10 June is still 10 June in Los Angeles.
    user.time_zone = "America/Los_Angeles"
    user.save()
    ApplicationFactory(owner=user, follow_up_on=dt.date(2025, 6, 11))

    response = owner_client.get(URL)

    assert due_titles(response) == []
    assert section(response, "due-heading").find("p").text == (
        "Nothing due today. Check-ins, follow-ups and quiet applications show up here when "
        "their day comes."
    )


def test_today_counts_what_is_overdue_and_due_today_of_every_kind(owner_client, user):
    application = ApplicationFactory(
        owner=user,
        title="Analyst",
        company__name="Acme",
        stage=Stage.REJECTED,
        stage_changed_at=NOW - dt.timedelta(days=60),
    )
    acme = application.company
    rejection = RejectionFactory(application=application, received_on=dt.date(2025, 3, 3))
    jane = ContactFactory(
        owner=user,
        company=acme,
        name="Jane Doe",
        relation="hiring_manager",
        keep_in_touch_days=90,
        last_contacted_on=dt.date(2025, 3, 10),
    )
    FeedbackRequestFactory(
        rejection=rejection,
        contact=jane,
        status=FeedbackRequest.Status.SENT,
        sent_on=dt.date(2025, 6, 1),
        follow_up_on=dt.date(2025, 6, 10),
    )
    ApplicationFactory(
        owner=user, company=acme, title="Quiet one", stage_changed_at=NOW - dt.timedelta(days=25)
    )
    ApplicationFactory(owner=user, company=acme, title="Later", follow_up_on=dt.date(2025, 6, 12))
    InterviewFactory(application__owner=user, starts_at=NOW + dt.timedelta(hours=2))

    response = owner_client.get(URL)

    assert due_titles(response) == [
        "No news about Quiet one at Acme since 16 May.",
        "Check in with Jane Doe, hiring manager at Acme.",
        "Follow up your feedback request to Jane Doe about Analyst at Acme.",
    ]
    assert section(response, "due-heading").find("p").text == "2 overdue · 1 due today"
    badge = parse(response).find("nav").find("a", href=reverse("reminders:list")).find("span")
    assert badge.text == "3 due"


def test_today_is_capped_but_counts_everything(owner_client, user):
    ApplicationFactory.create_batch(
        DASHBOARD_LIST_SIZE + 2, owner=user, follow_up_on=dt.date(2025, 6, 9)
    )
    ApplicationFactory(owner=user, follow_up_on=dt.date(2025, 6, 10))

    response = owner_client.get(URL)

    assert len(due_titles(response)) == DASHBOARD_LIST_SIZE
    assert section(response, "due-heading").find("p").text == (
        f"{DASHBOARD_LIST_SIZE + 2} overdue · 1 due today"
    )


def test_recent_activity_shows_the_latest_updated_with_their_stage(owner_client, user):
    with time_machine.travel(NOW - dt.timedelta(days=5), tick=False):
        ApplicationFactory(owner=user, title="Analyst", company__name="Initech")
        moved = ApplicationFactory(owner=user, title="Data engineer", company__name="Globex")
    with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
        moved.move_to(Stage.SCREENING)

    response = owner_client.get(URL)

    assert entries(response, "activity-heading") == [
        "Data engineer at Globex Screening since 9 Jun · updated 9 Jun, 20:00",
        "Analyst at Initech Applied since 5 Jun · updated 5 Jun, 20:00",
    ]
    link = section(response, "activity-heading").find("a")
    assert link.attrs["href"] == moved.get_absolute_url()


def test_recent_activity_is_capped(owner_client, user):
    ApplicationFactory.create_batch(DASHBOARD_LIST_SIZE + 3, owner=user)

    response = owner_client.get(URL)

    assert len(entries(response, "activity-heading")) == DASHBOARD_LIST_SIZE


def test_another_users_pipeline_is_not_shown(owner_client, user, other_user):
    ApplicationFactory(owner=user, title="Mine")
    theirs = ApplicationFactory(
        owner=other_user,
        title="Theirs",
        company__name="Secret Corp",
        follow_up_on=dt.date(2025, 6, 1),
    )
    InterviewFactory(application=theirs, starts_at=NOW + dt.timedelta(days=1))

    response = owner_client.get(URL)

    assertNotContains(response, "Secret Corp")
    assertNotContains(response, "Theirs")
    assert [item.text for item in section(response, "pipeline-heading").find_all("li")][1] == (
        "1 Applied"
    )


def test_anonymous_visitor_is_sent_to_log_in(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")
