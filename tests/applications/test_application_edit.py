import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Company, Stage
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def application(user):
    return ApplicationFactory(
        owner=user,
        title="Data engineer",
        company__name="Globex",
        stage=Stage.SCREENING,
        location="Berlin",
        applied_on=dt.date(2025, 6, 1),
        notes="First call went well.",
    )


def url(application):
    return reverse("applications:edit", args=[application.pk])


def posted(application, **changes):
    data = {
        "company": application.company.name,
        "title": application.title,
        "job_url": application.job_url,
        "location": application.location,
        "work_mode": application.work_mode,
        "source": application.source,
        "salary_min": "",
        "salary_max": "",
        "currency": application.currency,
        "applied_on": application.applied_on.isoformat() if application.applied_on else "",
        "follow_up_on": "",
        "notes": application.notes,
        "version": application.updated_at.isoformat(),
    }
    data.update(changes)
    return data


def snapshot(application):
    application.refresh_from_db()
    return (
        application.title,
        application.company_id,
        application.stage,
        application.location,
        application.applied_on,
        application.notes,
        application.salary_min,
        application.updated_at,
    )


def test_owner_sees_the_form_filled_in(owner_client, application):
    response = owner_client.get(url(application))

    assert response.status_code == 200
    assert input_value(response, "company") == "Globex"
    assert input_value(response, "title") == "Data engineer"
    assert input_value(response, "applied_on") == "2025-06-01"
    assert parse(response).find("textarea", name="notes").text == "First call went well."
    # A stage moves through the stage form, which writes the timeline.
    assert parse(response).find("select", name="stage") is None


def test_owner_saves_changes(owner_client, application):
    response = owner_client.post(
        url(application),
        posted(application, title="Senior data engineer", location="Remote", salary_min="70000"),
        follow=True,
    )

    assertRedirects(response, application.get_absolute_url())
    assert page_messages(response) == ["Application updated."]
    application.refresh_from_db()
    assert application.title == "Senior data engineer"
    assert application.location == "Remote"
    assert application.salary_min == 70_000
    assert application.company.name == "Globex"
    assert Company.objects.count() == 1


def test_a_stage_in_the_post_is_ignored_and_the_timeline_untouched(owner_client, application):
    owner_client.post(url(application), posted(application, stage=Stage.OFFER))

    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert application.stage_changes.count() == 1


def test_typing_another_existing_company_moves_the_application(owner_client, user, application):
    initech = CompanyFactory(owner=user, name="Initech")

    owner_client.post(url(application), posted(application, company="INITECH"))

    application.refresh_from_db()
    assert application.company == initech
    assert Company.objects.count() == 2


def test_typing_a_new_company_creates_it(owner_client, user, application):
    owner_client.post(url(application), posted(application, company="Hooli"))

    application.refresh_from_db()
    assert application.company.name == "Hooli"
    assert application.company.owner == user


def test_another_users_company_name_makes_the_owner_their_own(
    owner_client, user, other_user, application
):
    theirs = CompanyFactory(owner=other_user, name="Initech")

    owner_client.post(url(application), posted(application, company="Initech"))

    application.refresh_from_db()
    assert application.company != theirs
    assert application.company.owner == user
    assert not theirs.applications.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("applied_on", "2099-01-01", "The applied date can’t be in the future."),
        ("title", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("job_url", "not a url", "Enter the full address of the job advert, starting https://"),
        ("company", "", "This field is required."),
        ("salary_max", "-1", "Enter a whole amount from 0 to 1,000,000,000,000."),
    ],
    ids=["applied-far-future", "title-too-long", "url-not-a-url", "company-blank", "negative"],
)
def test_bad_input_is_explained_and_nothing_changes(
    owner_client, application, field, value, message
):
    before = snapshot(application)
    data = posted(application, location="Typed but not saved", **{field: value})

    response = owner_client.post(url(application), data)

    assert response.status_code == 422
    assert any(error.startswith(message) for error in field_errors(response, field))
    assert snapshot(application) == before
    assert input_value(response, "location") == "Typed but not saved"
    assert Company.objects.count() == 1


def test_salary_minimum_above_maximum_is_refused(owner_client, application):
    before = snapshot(application)

    response = owner_client.post(
        url(application), posted(application, salary_min="90000", salary_max="60000")
    )

    assert response.status_code == 422
    assert field_errors(response, "salary_max") == ["The maximum can’t be below the minimum."]
    assert input_value(response, "salary_min") == "90000"
    assert snapshot(application) == before


def test_another_users_application_is_not_found_and_unchanged(stranger_client, application):
    hijack = posted(application, title="Hijacked")
    assert_not_found(stranger_client, url(application), hijack, lambda: snapshot(application))


def test_anonymous_visitor_is_sent_to_log_in(client, application):
    hijack = posted(application, title="Hijacked")
    assert_sent_to_log_in(client, url(application), hijack, lambda: snapshot(application))
