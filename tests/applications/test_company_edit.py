import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Company
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(user):
    return CompanyFactory(owner=user, name="Globex", website="https://globex.example")


def url(company):
    return reverse("companies:edit", args=[company.pk])


def versioned(company, data):
    """The form's data, with the version of the company the form was opened on."""
    return {**data, "version": company.updated_at.isoformat()}


def snapshot(company):
    company.refresh_from_db()
    return (company.name, company.name_key, company.website, company.notes)


def test_owner_sees_the_form_filled_in(owner_client, company):
    response = owner_client.get(url(company))

    assert response.status_code == 200
    assert input_value(response, "name") == "Globex"
    assert input_value(response, "website") == "https://globex.example"


def test_owner_renames_the_company(owner_client, user, company):
    application = ApplicationFactory(owner=user, company=company)

    response = owner_client.post(
        url(company),
        versioned(
            company, {"name": "  Globex   Corporation ", "website": "", "notes": "HQ in Berlin."}
        ),
        follow=True,
    )

    assertRedirects(response, company.get_absolute_url())
    assert page_messages(response) == ["Company updated."]
    assert snapshot(company) == ("Globex Corporation", "globex corporation", "", "HQ in Berlin.")
    application.refresh_from_db()
    assert application.company == company


def test_changing_only_the_case_of_the_name_is_fine(owner_client, company):
    response = owner_client.post(
        url(company), versioned(company, {"name": "GLOBEX", "website": "", "notes": ""})
    )

    assert response.status_code == 302
    assert snapshot(company)[:2] == ("GLOBEX", "globex")


@pytest.mark.parametrize("name", ["Initech", "initech", " INITECH  "])
def test_renaming_to_an_existing_name_is_refused(owner_client, user, company, name):
    CompanyFactory(owner=user, name="Initech")
    before = snapshot(company)

    response = owner_client.post(
        url(company),
        versioned(company, {"name": name, "website": "https://new.example", "notes": ""}),
    )

    assert response.status_code == 422
    assert field_errors(response, "name") == [
        "You already have a company with this name. Merge the two instead."
    ]
    assert input_value(response, "name") == name
    assert input_value(response, "website") == "https://new.example"
    assert snapshot(company) == before


def test_another_users_company_name_is_no_clash(owner_client, other_user, company):
    CompanyFactory(owner=other_user, name="Initech")

    response = owner_client.post(
        url(company), versioned(company, {"name": "Initech", "website": "", "notes": ""})
    )

    assert response.status_code == 302
    assert snapshot(company)[0] == "Initech"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("name", "ß" * 200, "This name is too long. Shorten it a little."),
        ("website", "not a url", "Enter a valid URL."),
    ],
    ids=["blank", "too-long", "too-long-folded", "bad-url"],
)
def test_bad_input_is_explained_and_nothing_changes(owner_client, company, field, value, message):
    before = snapshot(company)
    data = {"name": "Globex", "website": "", "notes": "Typed notes", field: value}

    response = owner_client.post(url(company), versioned(company, data))

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert input_value(response, field) == (value or None)
    assert parse(response).find("textarea", name="notes").text == "Typed notes"
    assert snapshot(company) == before


def test_another_users_company_is_not_found_and_unchanged(stranger_client, company):
    hijack = {"name": "Hijacked", "website": "", "notes": ""}
    assert_not_found(stranger_client, url(company), hijack, lambda: snapshot(company))


def test_anonymous_visitor_is_sent_to_log_in(client, company):
    assert_sent_to_log_in(client, url(company), {"name": "Hijacked"}, lambda: snapshot(company))
    assert Company.objects.count() == 1
