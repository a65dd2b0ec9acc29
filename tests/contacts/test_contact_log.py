import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from contacts.models import Interaction
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    # 23:30 in UTC is already the next day in Berlin.
    with time_machine.travel(dt.datetime(2025, 6, 10, 23, 30, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def contact(make_dana):
    return make_dana(keep_in_touch_days=60, last_contacted_on=dt.date(2025, 1, 10))


@pytest.fixture
def application(user, contact):
    return ApplicationFactory(owner=user, company=contact.company, title="Data engineer")


def url(contact):
    return reverse("contacts:log", args=[contact.pk])


def posted(**changes):
    data = {"kind": "call", "happened_on": "2025-06-09", "summary": "Caught up.", "application": ""}
    data.update(changes)
    return data


def snapshot(contact):
    contact.refresh_from_db()
    return (contact.last_contacted_on, contact.next_check_in_on, contact.interactions.count())


def application_options(response):
    select = parse(response).find("select", name="application")
    return [option.text for option in select.find_all("option")]


def test_the_date_starts_at_the_users_today(owner_client, user, contact):
    user.time_zone = "Europe/Berlin"
    user.save()

    response = owner_client.get(url(contact))

    assert response.status_code == 200
    assert input_value(response, "happened_on") == "2025-06-11"


def test_applications_offered_are_the_owners_at_the_contacts_company(
    owner_client, user, other_user, contact, application
):
    ApplicationFactory(owner=user, company__name="Initech", title="Analyst")
    ApplicationFactory(owner=other_user, company__name="Globex", title="Their role")

    response = owner_client.get(url(contact))

    assert application_options(response) == ["Not about one application", "Data engineer at Globex"]


def test_a_contact_without_a_company_offers_all_the_owners_applications(
    owner_client, user, other_user
):
    contact = ContactFactory(owner=user, company=None)
    ApplicationFactory(owner=user, company__name="Initech", title="Analyst")
    ApplicationFactory(owner=user, company__name="Globex", title="Data engineer")
    ApplicationFactory(owner=other_user, title="Their role")

    response = owner_client.get(url(contact))

    assert sorted(application_options(response)[1:]) == [
        "Analyst at Initech",
        "Data engineer at Globex",
    ]


def test_owner_logs_an_interaction_and_the_dates_move_on(owner_client, contact, application):
    response = owner_client.post(url(contact), posted(application=application.pk), follow=True)

    assertRedirects(response, contact.get_absolute_url())
    assert page_messages(response) == ["Logged: call with Dana Lee. Next check-in: 8 August 2025."]
    interaction = Interaction.objects.get()
    assert interaction.contact == contact
    assert interaction.kind == Interaction.Kind.CALL
    assert interaction.happened_on == dt.date(2025, 6, 9)
    assert interaction.summary == "Caught up."
    assert interaction.application == application
    contact.refresh_from_db()
    assert contact.last_contacted_on == dt.date(2025, 6, 9)
    assert contact.next_check_in_on == dt.date(2025, 8, 8)


def test_today_in_the_users_zone_is_not_the_future(owner_client, user, contact):
    user.time_zone = "Europe/Berlin"
    user.save()

    response = owner_client.post(url(contact), posted(happened_on="2025-06-11"))

    assert response.status_code == 302
    assert Interaction.objects.get().happened_on == dt.date(2025, 6, 11)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "happened_on",
            "2025-06-11",
            "The date can’t be in the future. Log it on the day it happens.",
        ),
        ("happened_on", "", "This field is required."),
        ("happened_on", "June", "Enter a date, such as 2025-06-10."),
        ("kind", "telepathy", "Pick what kind of contact it was from the list."),
    ],
    ids=["future", "blank", "not-a-date", "kind"],
)
def test_bad_input_is_explained_and_nothing_is_saved(owner_client, contact, field, value, message):
    before = snapshot(contact)

    response = owner_client.post(url(contact), posted(**{field: value, "summary": "What I typed"}))

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert parse(response).find("textarea", name="summary").text == "What I typed"
    assert snapshot(contact) == before


def test_another_users_application_is_refused(owner_client, other_user, contact):
    theirs = ApplicationFactory(owner=other_user, company__name="Globex")
    before = snapshot(contact)

    response = owner_client.post(url(contact), posted(application=theirs.pk))

    assert response.status_code == 422
    assert field_errors(response, "application") == ["Pick one of your applications from the list."]
    assert snapshot(contact) == before
    assert not theirs.interactions.exists()


def test_an_application_at_another_company_is_refused(owner_client, user, contact, application):
    elsewhere = ApplicationFactory(owner=user, company=CompanyFactory(owner=user, name="Initech"))

    response = owner_client.post(url(contact), posted(application=elsewhere.pk))

    assert response.status_code == 422
    assert not Interaction.objects.exists()


def test_another_user_gets_404_and_nothing_changes(stranger_client, contact):
    assert_not_found(stranger_client, url(contact), posted(), lambda: snapshot(contact))


def test_anonymous_visitor_is_sent_to_log_in(client, contact):
    assert_sent_to_log_in(client, url(contact), posted(), lambda: snapshot(contact))
