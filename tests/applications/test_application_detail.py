import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Application, Interview, Stage
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, InterviewFactory
from tests.html import facts, parse

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 6, 10, 12, 0, tzinfo=dt.UTC)


def url(application):
    return reverse("applications:detail", args=[application.pk])


def timeline(response):
    return [
        entry.text
        for entry in parse(response)
        .find("ol", **{"class": "timeline list-unstyled"})
        .find_all("li")
    ]


@pytest.fixture
def application(user):
    with time_machine.travel(NOW - dt.timedelta(days=20), tick=False):
        application = ApplicationFactory(
            owner=user,
            title="Data engineer",
            company__name="Globex",
            job_url="https://jobs.example.org/globex/42",
            location="Berlin",
            work_mode=Application.WorkMode.HYBRID,
            source=Application.Source.REFERRAL,
            salary_min=60_000,
            salary_max=75_000,
            currency="EUR",
            applied_on=dt.date(2025, 5, 21),
            follow_up_on=dt.date(2025, 6, 12),
            notes="Team of six.\n\nAsk about on-call.",
        )
    with time_machine.travel(NOW - dt.timedelta(days=15), tick=False):
        application.move_to(Stage.SCREENING, note="Recruiter called")
    with time_machine.travel(NOW - dt.timedelta(days=5), tick=False):
        application.move_to(Stage.INTERVIEWING)
    InterviewFactory(
        application=application,
        starts_at=NOW - dt.timedelta(days=8),
        kind=Interview.Kind.PHONE,
        with_whom="Dana",
        outcome=Interview.Outcome.PASSED,
    )
    InterviewFactory(
        application=application,
        starts_at=dt.datetime(2025, 6, 13, 9, 30, tzinfo=dt.UTC),
        kind=Interview.Kind.TECHNICAL,
        with_whom="Lee and Kim",
    )
    return application


@time_machine.travel(NOW, tick=False)
def test_owner_sees_the_facts(owner_client, application):
    response = owner_client.get(url(application))

    assert response.status_code == 200
    assert parse(response).find("h1").text == "Data engineer"
    assert facts(response) == {
        "Applied on": "21 May 2025",
        "Follow up on": "12 Jun 2025",
        "Location": "Berlin (hybrid)",
        "Source": "Referral",
        "Salary": "€60,000–75,000",
        "Job advert": "https://jobs.example.org/globex/42",
    }
    company_link = parse(response).find("a", href=application.company.get_absolute_url())
    assert company_link.text == "Globex"


@time_machine.travel(NOW, tick=False)
def test_the_timeline_shows_stage_changes_and_interviews_oldest_first(owner_client, application):
    response = owner_client.get(url(application))

    assert timeline(response) == [
        "21 May 2025, 12:00 Added as applied",
        "26 May 2025, 12:00 Moved from applied to screening : Recruiter called",
        "2 Jun 2025, 12:00 Phone call interview with Dana · moved forward · edit",
        "5 Jun 2025, 12:00 Moved from screening to interviewing",
        "13 Jun 2025, 09:30 Technical interview with Lee and Kim · waiting to hear · edit",
    ]


@time_machine.travel(NOW, tick=False)
def test_the_timeline_is_in_the_users_time_zone(owner_client, user, application):
    user.time_zone = "Asia/Tokyo"
    user.save()

    response = owner_client.get(url(application))

    assert timeline(response)[0] == "21 May 2025, 21:00 Added as applied"


@time_machine.travel(NOW, tick=False)
def test_upcoming_interviews_are_listed_with_links_to_edit_and_delete(owner_client, application):
    upcoming = application.interviews.get(kind=Interview.Kind.TECHNICAL)

    response = owner_client.get(url(application))

    section = parse(response).find("section", **{"aria-labelledby": "interviews-heading"})
    entries = section.find_all("p")
    assert [entry.text for entry in entries] == [
        "Fri 13 Jun 2025, 09:30 · Technical with Lee and Kim · edit · delete"
    ]
    assert section.find("a", href=reverse("interviews:edit", args=[upcoming.pk]))
    assert section.find("a", href=reverse("interviews:delete", args=[upcoming.pk]))


@time_machine.travel(NOW, tick=False)
def test_the_notes_keep_their_paragraphs(owner_client, application):
    response = owner_client.get(url(application))

    assertContains(response, "<p>Team of six.</p>\n\n<p>Ask about on-call.</p>", html=True)


@time_machine.travel(NOW, tick=False)
def test_a_closed_application_says_how_far_it_got(owner_client, application):
    application.move_to(Stage.REJECTED)

    response = owner_client.get(url(application))

    assertContains(response, "got as far as interviewing")


def test_a_sparse_application_shows_placeholders(owner_client, user):
    application = ApplicationFactory(owner=user, stage=Stage.SAVED)

    response = owner_client.get(url(application))

    assert facts(response) == {
        "Applied on": "Not yet",
        "Follow up on": "—",
        "Location": "—",
        "Source": "—",
        "Salary": "—",
        "Job advert": "—",
    }
    assertContains(response, "None booked.")
    assertContains(response, "No notes.")
    assertNotContains(response, "got as far as")


def test_the_stage_form_starts_at_the_current_stage(owner_client, application):
    response = owner_client.get(url(application))

    form = parse(response).find("form", action=reverse("applications:stage", args=[application.pk]))
    assert "selected" in form.find("option", value=Stage.INTERVIEWING).attrs


def test_another_users_application_is_not_found(stranger_client, application):
    response = stranger_client.get(url(application))

    assert response.status_code == 404
    assertNotContains(response, "Data engineer", status_code=404)


def test_a_missing_application_is_not_found(owner_client):
    response = owner_client.get(reverse("applications:detail", args=[999_999]))

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, application):
    assert_sent_to_log_in(client, url(application))
