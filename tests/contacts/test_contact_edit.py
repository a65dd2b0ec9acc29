import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import CompanyFactory, RejectionFactory
from tests.html import field_errors, input_value, page_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(make_dana):
    return make_dana(relation="hiring_manager")


def url(contact):
    return reverse("contacts:edit", args=[contact.pk])


def posted(contact, **changes):
    data = {
        "name": contact.name,
        "company": contact.company.name if contact.company else "",
        "title": contact.title,
        "relation": contact.relation,
        "email": contact.email,
        "phone": contact.phone,
        "linkedin_url": contact.linkedin_url,
        "keep_in_touch_days": contact.keep_in_touch_days or "",
        "last_contacted_on": contact.last_contacted_on.isoformat()
        if contact.last_contacted_on
        else "",
        "notes": contact.notes,
        "version": contact.updated_at.isoformat(),
    }
    data.update(changes)
    return data


def snapshot(contact):
    contact.refresh_from_db()
    return (
        contact.name,
        contact.company_id,
        contact.email,
        contact.keep_in_touch_days,
        contact.last_contacted_on,
        contact.next_check_in_on,
        contact.updated_at,
    )


def test_owner_sees_the_form_filled_in(owner_client, contact):
    response = owner_client.get(url(contact))

    assert response.status_code == 200
    assert input_value(response, "name") == "Dana Lee"
    assert input_value(response, "company") == "Globex"
    assert input_value(response, "last_contacted_on") == "2025-06-01"


def test_owner_saves_changes(owner_client, contact):
    response = owner_client.post(url(contact), posted(contact, title="VP Engineering"), follow=True)

    assertRedirects(response, contact.get_absolute_url())
    assert page_messages(response) == ["Saved Dana Lee."]
    contact.refresh_from_db()
    assert contact.title == "VP Engineering"


def test_changing_the_cadence_recomputes_the_next_check_in(owner_client, contact):
    assert contact.next_check_in_on == dt.date(2025, 8, 30)

    owner_client.post(url(contact), posted(contact, keep_in_touch_days="30"))

    contact.refresh_from_db()
    assert contact.next_check_in_on == dt.date(2025, 7, 1)


def test_moving_the_last_contact_recomputes_the_next_check_in(owner_client, contact):
    owner_client.post(url(contact), posted(contact, last_contacted_on="2025-06-10"))

    contact.refresh_from_db()
    assert contact.next_check_in_on == dt.date(2025, 9, 8)


def test_no_reminders_clears_the_next_check_in(owner_client, contact):
    owner_client.post(url(contact), posted(contact, keep_in_touch_days=""))

    contact.refresh_from_db()
    assert contact.keep_in_touch_days is None
    assert contact.next_check_in_on is None


def test_emptying_the_company_unlinks_it(owner_client, contact):
    owner_client.post(url(contact), posted(contact, company=""))

    contact.refresh_from_db()
    assert contact.company is None


def test_another_users_company_name_makes_the_owner_their_own(
    owner_client, user, other_user, contact
):
    theirs = CompanyFactory(owner=other_user, name="Initech")

    owner_client.post(url(contact), posted(contact, company="initech"))

    contact.refresh_from_db()
    assert contact.company.owner == user
    assert contact.company != theirs


def test_a_next_page_on_the_site_is_where_it_returns(owner_client, user, contact):
    rejection = RejectionFactory(application__owner=user, application__company=contact.company)
    bridges = reverse("rejections:bridges", args=[rejection.pk])

    response = owner_client.post(url(contact) + f"?next={bridges}", posted(contact))

    assertRedirects(response, bridges, fetch_redirect_response=False)


def test_a_next_page_elsewhere_is_ignored(owner_client, contact):
    response = owner_client.post(url(contact), posted(contact, next="https://evil.example/"))

    assertRedirects(response, contact.get_absolute_url())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the person’s name."),
        ("last_contacted_on", "2025-07-01", "The last contact can’t be in the future."),
        ("keep_in_touch_days", "7", "Pick how often to keep in touch from the list."),
    ],
    ids=["name", "future", "cadence"],
)
def test_bad_input_is_explained_and_nothing_changes(owner_client, contact, field, value, message):
    before = snapshot(contact)

    response = owner_client.post(
        url(contact), posted(contact, **{field: value, "email": "new@globex.example"})
    )

    assert response.status_code == 422
    assert field_errors(response, field)[0].startswith(message)
    assert input_value(response, "email") == "new@globex.example"
    assert snapshot(contact) == before


def test_another_user_gets_404_and_nothing_changes(stranger_client, contact):
    assert_not_found(
        stranger_client, url(contact), posted(contact, name="Hacked"), lambda: snapshot(contact)
    )


def test_anonymous_visitor_is_sent_to_log_in(client, contact):
    assert_sent_to_log_in(
        client, url(contact), posted(contact, name="Hacked"), lambda: snapshot(contact)
    )
