import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertNotContains, assertRedirects

from applications.models import Application, Company, Stage, StageChange
from tests.checks import assert_sent_to_log_in
from tests.factories import CompanyFactory
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

URL = reverse("applications:create")
TODAY = dt.date(2025, 6, 10)


def valid(**changes):
    data = {
        "company": "Globex",
        "title": "Data engineer",
        "stage": Stage.APPLIED,
        "job_url": "https://jobs.example.org/globex/42",
        "location": "Berlin",
        "work_mode": "hybrid",
        "source": "referral",
        "salary_min": "60000",
        "salary_max": "75000",
        "currency": "eur",
        "applied_on": "2025-06-09",
        "follow_up_on": "2025-06-20",
        "notes": "Ask about on-call.",
    }
    data.update(changes)
    return data


def test_owner_sees_the_form_with_their_companies_suggested(owner_client, user, other_user):
    CompanyFactory(owner=user, name="Initech")
    CompanyFactory(owner=other_user, name="Secret Corp")

    response = owner_client.get(URL)

    assert response.status_code == 200
    suggestions = parse(response).find("datalist", id="company-suggestions")
    assert [option.attrs["value"] for option in suggestions.find_all("option")] == ["Initech"]
    assertNotContains(response, "Secret Corp")
    assert input_value(response, "applied_on") == "2025-06-10"


def test_the_applied_date_starts_at_the_users_today(owner_client, user):
    user.time_zone = "Pacific/Auckland"
    user.save()

    with time_machine.travel(dt.datetime(2025, 6, 10, 20, 0, tzinfo=dt.UTC), tick=False):
        response = owner_client.get(URL)

    assert input_value(response, "applied_on") == "2025-06-11"


def test_adding_an_application_with_a_new_company(owner_client, user):
    response = owner_client.post(URL, valid(company="  Globex   Corporation "), follow=True)

    application = Application.objects.get()
    assertRedirects(response, application.get_absolute_url())
    assert page_messages(response) == ["Added Data engineer at Globex Corporation."]
    assert application.owner == user
    assert application.company.owner == user
    assert application.company.name == "Globex Corporation"
    assert application.title == "Data engineer"
    assert application.stage == Stage.APPLIED
    assert application.job_url == "https://jobs.example.org/globex/42"
    assert application.location == "Berlin"
    assert application.work_mode == Application.WorkMode.HYBRID
    assert application.source == Application.Source.REFERRAL
    assert (application.salary_min, application.salary_max) == (60_000, 75_000)
    assert application.currency == "EUR"
    assert application.applied_on == dt.date(2025, 6, 9)
    assert application.follow_up_on == dt.date(2025, 6, 20)
    assert application.notes == "Ask about on-call."


def test_adding_writes_the_first_timeline_row(owner_client):
    owner_client.post(URL, valid(stage=Stage.SAVED, applied_on=""))

    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage) == ("", Stage.SAVED)
    assert change.application.applied_on is None


@pytest.mark.parametrize("typed", ["Ünion Bank", "ünion bank", "  ÜNION   BANK ", "ünion  Bank"])
def test_an_existing_company_is_matched_whatever_the_case_and_spacing(owner_client, user, typed):
    existing = CompanyFactory(owner=user, name="Ünion Bank")

    response = owner_client.post(URL, valid(company=typed))

    assert response.status_code == 302
    assert Application.objects.get().company == existing
    assert Company.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Ünion Bank"


def test_another_users_company_name_makes_the_owner_their_own(owner_client, user, other_user):
    theirs = CompanyFactory(owner=other_user, name="Initech")

    owner_client.post(URL, valid(company="initech"))

    application = Application.objects.get()
    assert application.company != theirs
    assert application.company.owner == user
    assert application.company.name == "initech"
    assert not theirs.applications.exists()


def test_a_company_id_is_taken_as_a_name_never_as_a_link(owner_client, user, other_user):
    theirs = CompanyFactory(owner=other_user, name="Initech")

    owner_client.post(URL, valid(company=str(theirs.pk)))

    application = Application.objects.get()
    assert application.company.owner == user
    assert application.company.name == str(theirs.pk)
    assert not theirs.applications.exists()


def test_an_owner_field_in_the_post_is_ignored(owner_client, user, other_user):
    owner_client.post(URL, valid(owner=other_user.pk))

    assert Application.objects.get().owner == user
    assert not other_user.applications.exists()


def test_empty_optional_fields_are_fine(owner_client):
    data = {"company": "Globex", "title": "Data engineer", "stage": Stage.SAVED}

    response = owner_client.post(URL, data)

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.salary_min is None and application.applied_on is None
    assert application.currency == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stage", "bogus", "Pick a stage from the list."),
        ("applied_on", "2099-01-01", "The applied date can’t be in the future."),
        ("applied_on", "2025-02-30", "Enter a valid date."),
        ("title", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("title", "   ", "This field is required."),
        ("company", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("company", "   ", "This field is required."),
        # 200 characters, but 400 once case-folded for matching.
        ("company", "ß" * 200, "This name is too long. Shorten it a little."),
        ("job_url", "not a url", "Enter the full address of the job advert, starting https://"),
        ("job_url", "javascript:alert(1)", "Enter the full address of the job advert"),
        ("currency", "E1", "Use a three-letter currency code, such as EUR or USD."),
        ("salary_min", "-5", "Enter a whole amount from 0 to 1,000,000,000,000."),
        ("salary_min", "lots", "Enter a whole number, such as 50000."),
        ("work_mode", "moon", "Select a valid choice. moon is not one of the available choices."),
        ("notes", "x" * 20_001, "Ensure this value has at most 20000 characters (it has 20001)."),
    ],
    ids=[
        "unknown-stage",
        "applied-far-future",
        "impossible-date",
        "title-too-long",
        "title-blank",
        "company-too-long",
        "company-blank",
        "company-too-long-folded",
        "url-not-a-url",
        "url-javascript",
        "currency",
        "negative-salary",
        "salary-not-a-number",
        "unknown-work-mode",
        "notes-too-long",
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(
    owner_client, field, value, message
):
    response = owner_client.post(URL, valid(**{field: value}))

    assert response.status_code == 422
    assert any(error.startswith(message) for error in field_errors(response, field)), field_errors(
        response, field
    )
    assert not Application.objects.exists()
    assert not Company.objects.exists()
    assert not StageChange.objects.exists()
    # What was typed is still there.
    assert input_value(response, "title") == valid(**{field: value})["title"]
    assert input_value(response, "company") == valid(**{field: value})["company"]


def test_salary_minimum_above_maximum_is_explained_and_kept(owner_client):
    response = owner_client.post(URL, valid(salary_min="90000", salary_max="60000"))

    assert response.status_code == 422
    assert field_errors(response, "salary_max") == ["The maximum can’t be below the minimum."]
    assert input_value(response, "salary_min") == "90000"
    assert input_value(response, "salary_max") == "60000"
    assert not Application.objects.exists()


def test_an_applied_date_tomorrow_is_allowed_for_people_ahead_in_time(owner_client):
    response = owner_client.post(URL, valid(applied_on="2025-06-11"))

    assert response.status_code == 302
    assert Application.objects.get().applied_on == dt.date(2025, 6, 11)


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_saved(client):
    assert_sent_to_log_in(client, URL, valid())
    assert not Application.objects.exists()
    assert not Company.objects.exists()
