import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Stage
from core.pages import PAGE_SIZE
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("companies:list")


def rows(response):
    body = parse(response).find("tbody")
    return (
        []
        if body is None
        else [[cell.text for cell in row.find_all("td")] for row in body.find_all("tr")]
    )


def test_owner_sees_their_companies_with_counts_in_name_order(owner_client, user):
    globex = CompanyFactory(owner=user, name="globex")
    ApplicationFactory(owner=user, company=globex, stage=Stage.SCREENING)
    ApplicationFactory(owner=user, company=globex, stage=Stage.REJECTED)
    CompanyFactory(owner=user, name="Acme")
    union = CompanyFactory(owner=user, name="Ünion Bank")
    ApplicationFactory(owner=user, company=union, stage=Stage.OFFER)

    response = owner_client.get(URL)

    assert response.status_code == 200
    assert rows(response) == [["Acme", "0", "0"], ["globex", "2", "1"], ["Ünion Bank", "1", "1"]]
    link = parse(response).find("a", href=globex.get_absolute_url())
    assert link.text == "globex"


def test_another_users_companies_are_not_listed(owner_client, user, other_user):
    CompanyFactory(owner=user, name="Mine")
    CompanyFactory(owner=other_user, name="Secret Corp")

    response = owner_client.get(URL)

    assert rows(response) == [["Mine", "0", "0"]]
    assertNotContains(response, "Secret Corp")


def test_the_second_page_shows_the_rest(owner_client, user):
    for number in range(PAGE_SIZE + 2):
        CompanyFactory(owner=user, name=f"Company {number:02}")

    response = owner_client.get(URL, {"page": 2})

    assert [row[0] for row in rows(response)] == [
        f"Company {PAGE_SIZE:02}",
        f"Company {PAGE_SIZE + 1:02}",
    ]
    assertContains(response, "Page 2 of 2")


@pytest.mark.parametrize("page", ["-1", "abc", "99999"])
def test_a_bad_page_number_shows_a_real_page(owner_client, user, page):
    CompanyFactory(owner=user, name="Acme")

    response = owner_client.get(URL, {"page": page})

    assert response.status_code == 200
    assert rows(response) == [["Acme", "0", "0"]]


def test_a_new_user_is_told_where_companies_come_from(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "No companies yet")


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert_sent_to_log_in(client, URL)
