import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from applications.models import Company
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import page_messages, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(user):
    return CompanyFactory(owner=user, name="Globex")


def url(company):
    return reverse("companies:delete", args=[company.pk])


def delete_button(response):
    return parse(response).find("main").find("form", method="post")


def test_an_empty_company_asks_for_confirmation(owner_client, company):
    response = owner_client.get(url(company))

    assert response.status_code == 200
    assert parse(response).find("h1").text == "Delete Globex?"
    assert delete_button(response).find("button").text == "Delete"
    assert Company.objects.filter(pk=company.pk).exists()


def test_an_empty_company_is_deleted(owner_client, company):
    response = owner_client.post(url(company), follow=True)

    assertRedirects(response, reverse("companies:list"))
    assert page_messages(response) == ["Deleted Globex."]
    assert not Company.objects.exists()


def test_a_company_in_use_offers_no_delete_button(owner_client, user, company):
    ApplicationFactory(owner=user, company=company)

    response = owner_client.get(url(company))

    assert delete_button(response) is None
    assertContains(response, "Globex still has 1 application.")
    merge = parse(response).find("a", href=reverse("companies:merge", args=[company.pk]))
    assert merge.text == "merge this company into another"


def test_deleting_a_company_in_use_is_refused_with_a_clear_message(owner_client, user, company):
    ApplicationFactory.create_batch(2, owner=user, company=company)

    response = owner_client.post(url(company))

    assert response.status_code == 409
    assert page_messages(response) == [
        "Globex still has 2 applications. Delete or move them first, "
        "or merge this company into another."
    ]
    assert Company.objects.filter(pk=company.pk).exists()
    assert company.applications.count() == 2


def test_another_users_company_is_not_found_and_kept(stranger_client, company):
    assert_not_found(stranger_client, url(company), {})
    assert Company.objects.filter(pk=company.pk).exists()


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_deleted(client, company):
    assert_sent_to_log_in(client, url(company), {})
    assert Company.objects.filter(pk=company.pk).exists()
