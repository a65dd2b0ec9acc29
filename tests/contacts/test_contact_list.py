import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.pages import PAGE_SIZE
from tests.checks import assert_sent_to_log_in, count_queries
from tests.factories import CompanyFactory, ContactFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("contacts:list")


def names(response):
    """The names in the table, top to bottom, as a person reads them."""
    body = parse(response).find("tbody")
    return [] if body is None else [row.find("td").find("a").text for row in body.find_all("tr")]


def test_owner_sees_their_contacts_with_company_and_check_in(owner_client, user):
    ContactFactory(
        owner=user,
        name="Dana Lee",
        title="Engineering manager",
        relation="hiring_manager",
        company__name="Globex",
        keep_in_touch_days=90,
        last_contacted_on=dt.date(2025, 6, 1),
    )

    response = owner_client.get(URL)

    assert response.status_code == 200
    cells = [cell.text for cell in parse(response).find("tbody").find("tr").find_all("td")]
    assert cells == [
        "Dana Lee Engineering manager",
        "Globex",
        "Hiring manager",
        "30 Aug 2025 in 3 months",
        "Every three months",
        "1 Jun 2025",
    ]
    assertContains(response, "1 contact<")


def test_a_check_in_due_is_marked(owner_client, user):
    ContactFactory(owner=user, keep_in_touch_days=30, last_contacted_on=dt.date(2025, 5, 1))

    response = owner_client.get(URL)

    assert "due" in parse(response).find("tbody").find("tr").find_all("td")[3].text


def test_another_users_contacts_are_not_listed(owner_client, user, other_user):
    ContactFactory(owner=user, name="Mine")
    ContactFactory(owner=other_user, name="Theirs", company__name="Their company")

    response = owner_client.get(URL)

    assert names(response) == ["Mine"]
    assertNotContains(response, "Their company")


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert_sent_to_log_in(client, URL)


def test_a_new_user_is_told_what_to_do(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "No contacts yet")
    assertContains(response, "Add your first contact")


# Search, filters, sort


@pytest.fixture
def people(user):
    globex = CompanyFactory(owner=user, name="Globex")
    initech = CompanyFactory(owner=user, name="Initech")
    return {
        "dana": ContactFactory(
            owner=user,
            name="Dana Lee",
            company=globex,
            relation="hiring_manager",
            keep_in_touch_days=30,
            last_contacted_on=dt.date(2025, 6, 1),
        ),
        "ali": ContactFactory(
            owner=user,
            name="Ali Khan",
            company=initech,
            relation="recruiter",
            email="ali@initech.example",
            keep_in_touch_days=None,
        ),
        "bo": ContactFactory(
            owner=user,
            name="Bo Berg",
            company=globex,
            relation="recruiter",
            title="Talent partner",
            keep_in_touch_days=365,
            last_contacted_on=dt.date(2025, 6, 1),
        ),
        "cy": ContactFactory(owner=user, name="Cy Noh", company=None, keep_in_touch_days=None),
    }


def test_the_default_sort_is_next_check_in_with_no_reminders_last(owner_client, people):
    response = owner_client.get(URL)

    assert names(response) == ["Dana Lee", "Bo Berg", "Ali Khan", "Cy Noh"]


def test_sort_by_next_check_in_puts_no_reminders_last(owner_client, people):
    response = owner_client.get(URL, {"sort": "check_in"})

    assert names(response) == ["Dana Lee", "Bo Berg", "Ali Khan", "Cy Noh"]


def test_sort_by_name(owner_client, people):
    response = owner_client.get(URL, {"sort": "name"})

    assert names(response) == ["Ali Khan", "Bo Berg", "Cy Noh", "Dana Lee"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dana", ["Dana Lee"]),
        ("TALENT", ["Bo Berg"]),
        ("ali@initech", ["Ali Khan"]),
        ("globex", ["Dana Lee", "Bo Berg"]),
    ],
    ids=["name", "title", "email", "company"],
)
def test_search(owner_client, people, text, expected):
    response = owner_client.get(URL, {"q": text})

    assert names(response) == expected


def test_filter_by_company_name_typed_in_any_case(owner_client, people):
    response = owner_client.get(URL, {"company": "  gLoBeX ", "sort": "name"})

    assert names(response) == ["Bo Berg", "Dana Lee"]
    assert parse(response).find("input", name="company").attrs["value"] == "  gLoBeX "


def test_filter_by_relation(owner_client, people):
    response = owner_client.get(URL, {"relation": "recruiter", "sort": "name"})

    assert names(response) == ["Ali Khan", "Bo Berg", "Cy Noh"]


def test_the_company_filter_never_finds_another_users_company(owner_client, people, other_user):
    ContactFactory(owner=other_user, name="Their person", company__name="Umbrella")

    response = owner_client.get(URL, {"company": "Umbrella"})

    assert response.status_code == 200
    assert names(response) == []
    assertNotContains(response, "Their person")
    assertContains(response, "No contacts match these filters.")


def test_nonsense_filters_are_explained_and_ignored(owner_client, people):
    response = owner_client.get(URL, {"relation": "boss", "sort": "age"})

    assert names(response) == ["Dana Lee", "Bo Berg", "Ali Khan", "Cy Noh"]
    assertContains(response, "Unknown relation. Showing everyone.")
    assertContains(response, "Unknown sort order. Showing the next check-in first.")


def test_nothing_matching_offers_to_show_all(owner_client, people):
    response = owner_client.get(URL, {"q": "nobody"})

    assertContains(response, "No contacts match these filters.")


def test_the_list_is_paginated(owner_client, user):
    ContactFactory.create_batch(PAGE_SIZE + 3, owner=user)

    first = owner_client.get(URL)
    second = owner_client.get(URL, {"page": 2})

    assert len(names(first)) == PAGE_SIZE
    assert len(names(second)) == 3
    assertContains(first, "Page 1 of 2")


# Query counts: the same at N contacts and at 10 times N.


def add_contacts(user, count):
    companies = [CompanyFactory(owner=user) for _ in range(3)]
    for number in range(count):
        ContactFactory(
            owner=user,
            company=companies[number % 3] if number % 4 else None,
            keep_in_touch_days=[None, 30, 90][number % 3],
            last_contacted_on=dt.date(2025, 5, 1 + number % 28),
            title="Recruiter",
        )
    return companies


@pytest.mark.parametrize(
    "query",
    ["", "?sort=name", "?q=recruit&relation=recruiter", "?company=first", "?page=2"],
    ids=["plain", "by-name", "search-relation", "one-company", "page-2"],
)
def test_same_query_count_at_n_and_ten_n(owner_client, user, django_assert_num_queries, query):
    companies = add_contacts(user, 4)
    query = query.replace("first", quote(companies[0].name))
    url = URL + query
    expected = count_queries(owner_client, url)

    add_contacts(user, 36)
    add_contacts(user, 30)  # more than two pages

    with django_assert_num_queries(expected):
        response = owner_client.get(url)
    assert response.status_code == 200
    assert expected <= 10
