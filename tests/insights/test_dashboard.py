import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from applications.models import Interview, Stage
from insights.views import DASHBOARD_LIST_SIZE
from tests.factories import ApplicationFactory, InterviewFactory
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

    assertContains(response, "No interviews booked.")


def test_follow_ups_due_use_the_users_today(owner_client, user):
    # 20:00 UTC on 10 June is already 08:00 on 11 June in Auckland.
    user.time_zone = "Pacific/Auckland"
    user.save()
    ApplicationFactory(owner=user, title="Due today", follow_up_on=dt.date(2025, 6, 11))
    ApplicationFactory(owner=user, title="Overdue", follow_up_on=dt.date(2025, 6, 1))
    ApplicationFactory(owner=user, title="Tomorrow", follow_up_on=dt.date(2025, 6, 12))
    ApplicationFactory(
        owner=user, title="Closed", follow_up_on=dt.date(2025, 6, 1), stage=Stage.REJECTED
    )
    ApplicationFactory(owner=user, title="No date")

    response = owner_client.get(URL)

    follow_ups = entries(response, "followups-heading")
    assert [entry.split(" at ")[0] for entry in follow_ups] == ["Overdue", "Due today"]
    assert follow_ups[1].endswith("Follow up was due 11 Jun 2025")


def test_follow_ups_wait_for_the_users_day_to_come(owner_client, user):
    # 20:00 UTC on 10 June is still 10 June in Los Angeles.
    user.time_zone = "America/Los_Angeles"
    user.save()
    ApplicationFactory(owner=user, follow_up_on=dt.date(2025, 6, 11))

    response = owner_client.get(URL)

    assert entries(response, "followups-heading") == []
    assertContains(response, "Nothing to chase today.")


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
