import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Stage
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(user):
    return CompanyFactory(
        owner=user, name="Globex", website="https://globex.example", notes="Great culture."
    )


def url(company):
    return reverse("companies:detail", args=[company.pk])


def test_owner_sees_the_company_and_its_applications(owner_client, user, company):
    with time_machine.travel(dt.datetime(2025, 6, 1, tzinfo=dt.UTC)):
        older = ApplicationFactory(
            owner=user, company=company, title="Analyst", stage=Stage.REJECTED
        )
    with time_machine.travel(dt.datetime(2025, 6, 5, tzinfo=dt.UTC)):
        newer = ApplicationFactory(
            owner=user,
            company=company,
            title="Data engineer",
            stage=Stage.SCREENING,
            applied_on=dt.date(2025, 6, 4),
        )
    ApplicationFactory(owner=user, title="Elsewhere")

    response = owner_client.get(url(company))

    assert response.status_code == 200
    assert parse(response).find("h1").text == "Globex"
    assertContains(response, "https://globex.example")
    assertContains(response, "Great culture.")
    items = parse(response).find("ul", **{"class": "list-group mb-3"}).find_all("li")
    assert [item.text for item in items] == [
        "Data engineer Screening 4 Jun 2025",
        "Analyst Rejected",
    ]
    assert items[0].find("a").attrs["href"] == newer.get_absolute_url()
    assert items[1].find("a").attrs["href"] == older.get_absolute_url()
    assertNotContains(response, "Elsewhere")


def test_a_company_without_applications_says_so(owner_client, company):
    response = owner_client.get(url(company))

    assertContains(response, "No applications at Globex.")


def test_another_users_company_is_not_found(stranger_client, company):
    response = stranger_client.get(url(company))

    assert response.status_code == 404
    assertNotContains(response, "Globex", status_code=404)


def test_anonymous_visitor_is_sent_to_log_in(client, company):
    assert_sent_to_log_in(client, url(company))
