import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.pages import PAGE_SIZE
from tests.checks import assert_not_found, assert_sent_to_log_in, count_queries
from tests.factories import ApplicationFactory, ContactFactory, InteractionFactory
from tests.html import facts, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(make_dana):
    return make_dana(
        title="Engineering manager", phone="+49 30 1234", notes="Met at the Berlin meetup."
    )


def url(contact):
    return reverse("contacts:detail", args=[contact.pk])


def test_owner_sees_the_facts_and_the_next_check_in(owner_client, contact):
    response = owner_client.get(url(contact))

    assert response.status_code == 200
    assert parse(response).find("h1").text == "Dana Lee"
    assert facts(response) == {
        "Who": "Recruiter",
        "Email": "dana@globex.example",
        "Phone": "+49 30 1234",
        "LinkedIn": "—",
        "Keep in touch": "Every three months",
        "Last contact": "1 Jun 2025 (9 days ago)",  # counted in the owner's days
        "Next check-in": "30 Aug 2025",
    }
    assertContains(
        response,
        "Next check-in: <strong>30 August 2025</strong>, in 3 months (every three months).",
        html=False,
    )
    # Over 30 days away: among the later reminders, where the link goes.
    link = parse(response).find("a", href=f"{reverse('reminders:list')}?show=later")
    assert link is not None and link.text == "see it in your reminders"
    assertContains(response, "Met at the Berlin meetup.")
    link = parse(response).find("a", href=reverse("contacts:log", args=[contact.pk]))
    assert link.text == "Log an interaction"


def test_interactions_are_listed_newest_first_with_their_application(owner_client, user, contact):
    application = ApplicationFactory(owner=user, company=contact.company, title="Data engineer")
    InteractionFactory(
        contact=contact, happened_on=dt.date(2025, 5, 1), kind="call", summary="First call"
    )
    InteractionFactory(
        contact=contact,
        happened_on=dt.date(2025, 6, 1),
        kind="thank_you",
        summary="Thanked them",
        application=application,
    )

    response = owner_client.get(url(contact))

    items = [
        item.text
        for item in parse(response)
        .find("ol", **{"class": "list-group mb-3 interactions"})
        .find_all("li")
    ]
    assert items == [
        "Thank-you reply 1 Jun 2025 About Data engineer at Globex Thanked them",
        "Call 1 May 2025 First call",
    ]
    assertContains(response, "Interactions <span")


def test_a_check_in_due_says_so(owner_client, user):
    contact = ContactFactory(
        owner=user, keep_in_touch_days=30, last_contacted_on=dt.date(2025, 4, 1)
    )

    response = owner_client.get(url(contact))

    assertContains(response, "A check-in was due on <strong>1 May 2025</strong>", html=False)


def test_a_contact_without_a_cadence_offers_to_set_one(owner_client, user):
    contact = ContactFactory(owner=user, keep_in_touch_days=None)

    response = owner_client.get(url(contact))

    assertContains(response, "Choose how often to keep in touch")


def test_interactions_are_paginated_with_a_count(owner_client, contact):
    InteractionFactory.create_batch(PAGE_SIZE + 2, contact=contact)

    response = owner_client.get(url(contact))

    assert (
        len(parse(response).find("ol", **{"class": "list-group mb-3 interactions"}).find_all("li"))
        == PAGE_SIZE
    )
    assertContains(response, f"({PAGE_SIZE + 2})")
    assertContains(response, "Page 1 of 2")


def test_another_user_gets_404(stranger_client, contact):
    assert_not_found(stranger_client, url(contact))
    assertNotContains(stranger_client.get(url(contact)), "Dana Lee", status_code=404)


def test_anonymous_visitor_is_sent_to_log_in(client, contact):
    assert_sent_to_log_in(client, url(contact))


def test_same_query_count_at_n_and_ten_n_interactions(
    owner_client, user, contact, django_assert_num_queries
):
    application = ApplicationFactory(owner=user, company=contact.company)
    InteractionFactory.create_batch(3, contact=contact, application=application)
    expected = count_queries(owner_client, url(contact))

    InteractionFactory.create_batch(30, contact=contact, application=application)

    with django_assert_num_queries(expected):
        owner_client.get(url(contact))
