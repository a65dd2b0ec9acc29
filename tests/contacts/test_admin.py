import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.checks import assert_changelist_finds, assert_changelist_shows
from tests.factories import ContactFactory, InteractionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(user, other_user):
    mine = ContactFactory(owner=user, name="Dana Lee", company__name="Globex", relation="hr")
    InteractionFactory(contact=mine, summary="Thanked her for the interviews")
    theirs = ContactFactory(owner=other_user, name="Sam Roe", company__name="Initech")
    InteractionFactory(contact=theirs, summary="Coffee")
    return mine, theirs


@pytest.mark.parametrize("model", ["contact", "interaction"])
def test_every_model_has_a_changelist(admin_client, rows, model, django_assert_max_num_queries):
    ContactFactory.create_batch(10, owner=rows[0].owner)
    assert_changelist_shows(
        admin_client, "contacts", model, "Dana Lee", django_assert_max_num_queries
    )


@pytest.mark.parametrize(
    ("model", "query", "found", "hidden"),
    [
        ("contact", "globex", "Dana Lee", "Sam Roe"),
        ("contact", "stranger@", "Sam Roe", "Dana Lee"),
        ("interaction", "interviews", "Dana Lee", "Sam Roe"),
        ("interaction", "initech", "Sam Roe", "Dana Lee"),
    ],
)
def test_the_changelists_search(admin_client, rows, model, query, found, hidden):
    assert_changelist_finds(admin_client, "contacts", model, query, found, hidden)


def test_contacts_filter_by_relation(admin_client, rows):
    response = admin_client.get(
        reverse("admin:contacts_contact_changelist"), {"relation__exact": "hr"}
    )

    assertContains(response, "Dana Lee")
    assertNotContains(response, "Sam Roe")


def test_a_contact_opens_with_its_interactions(admin_client, rows):
    response = admin_client.get(reverse("admin:contacts_contact_change", args=[rows[0].pk]))

    assert response.status_code == 200
    assertContains(response, "Thanked her for the interviews")
