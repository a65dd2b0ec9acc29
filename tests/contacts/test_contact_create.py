import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Company
from contacts.models import Contact
from tests.checks import assert_sent_to_log_in
from tests.factories import CompanyFactory
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = pytest.mark.django_db

URL = reverse("contacts:create")


def posted(**changes):
    data = {
        "name": "Dana Lee",
        "company": "Globex",
        "title": "Engineering manager",
        "relation": "hiring_manager",
        "email": "dana@globex.example",
        "phone": "",
        "linkedin_url": "",
        "keep_in_touch_days": "90",
        "last_contacted_on": "2025-06-01",
        "notes": "",
    }
    data.update(changes)
    return data


def selected(response, name):
    select = parse(response).find("select", name=name)
    return [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs]


def test_the_form_starts_with_the_users_own_cadence(owner_client, user):
    user.keep_in_touch_days = 180
    user.save()
    CompanyFactory(owner=user, name="Globex")

    response = owner_client.get(URL)

    assert response.status_code == 200
    assert selected(response, "keep_in_touch_days") == ["180"]
    cadences = [
        o.text for o in parse(response).find("select", name="keep_in_touch_days").find_all("option")
    ]
    assert cadences[0] == "No reminders"
    assert [o.attrs["value"] for o in parse(response).find("datalist").find_all("option")] == [
        "Globex"
    ]


def test_the_company_can_be_prefilled_from_a_link(owner_client):
    response = owner_client.get(URL, {"company": "Globex"})

    assert input_value(response, "company") == "Globex"


def test_owner_adds_a_contact_at_an_existing_company(owner_client, user):
    globex = CompanyFactory(owner=user, name="Globex")

    response = owner_client.post(URL, posted(company="  GLOBEX "), follow=True)

    contact = Contact.objects.get()
    assertRedirects(response, contact.get_absolute_url())
    assert page_messages(response) == ["Added Dana Lee."]
    assert contact.owner == user
    assert contact.company == globex
    assert contact.keep_in_touch_days == 90
    assert contact.last_contacted_on == dt.date(2025, 6, 1)
    assert contact.next_check_in_on == dt.date(2025, 8, 30)
    assert Company.objects.count() == 1


def test_a_new_company_name_creates_the_company(owner_client, user):
    owner_client.post(URL, posted(company="Hooli"))

    contact = Contact.objects.get()
    assert contact.company.name == "Hooli"
    assert contact.company.owner == user


def test_no_company_and_no_reminders(owner_client):
    owner_client.post(URL, posted(company=" ", keep_in_touch_days="", last_contacted_on=""))

    contact = Contact.objects.get()
    assert contact.company is None
    assert contact.keep_in_touch_days is None
    assert contact.next_check_in_on is None
    assert not Company.objects.exists()


def test_a_cadence_with_no_contact_yet_counts_from_today(owner_client):
    owner_client.post(URL, posted(keep_in_touch_days="30", last_contacted_on=""))

    assert Contact.objects.get().next_check_in_on == dt.date(2025, 7, 10)


def test_another_users_company_name_makes_the_owner_their_own(owner_client, user, other_user):
    theirs = CompanyFactory(owner=other_user, name="Initech")

    owner_client.post(URL, posted(company="Initech"))

    contact = Contact.objects.get()
    assert contact.company != theirs
    assert contact.company.owner == user
    assert not theirs.contacts.exists()


def test_an_owner_field_in_the_post_is_ignored(owner_client, user, other_user):
    owner_client.post(URL, posted(owner=other_user.pk))

    assert Contact.objects.get().owner == user


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "Enter the person’s name."),
        ("email", "dana-at-globex", "Enter an email address such as jane@example.org."),
        ("last_contacted_on", "2025-06-11", "The last contact can’t be in the future."),
        ("keep_in_touch_days", "45", "Pick how often to keep in touch from the list."),
        ("relation", "boss", "Pick who they are from the list."),
        ("linkedin_url", "not a url", "Enter the full address of the profile, starting https://"),
        ("company", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ],
    ids=["name-blank", "email", "future", "cadence", "relation", "linkedin", "company-long"],
)
def test_bad_input_is_explained_and_nothing_is_saved(owner_client, field, value, message):
    response = owner_client.post(URL, posted(**{field: value, "title": "Typed title"}))

    assert response.status_code == 422
    assert any(error.startswith(message) for error in field_errors(response, field)), field_errors(
        response, field
    )
    assert input_value(response, "title") == "Typed title"
    assert not Contact.objects.exists()
    assert not Company.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert_sent_to_log_in(client, URL, posted())
    assert not Contact.objects.exists()
