import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from contacts.models import Contact, Interaction
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import ContactFactory, InteractionFactory
from tests.html import page_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(user):
    contact = ContactFactory(owner=user, name="Dana Lee")
    InteractionFactory.create_batch(2, contact=contact)
    return contact


def url(contact):
    return reverse("contacts:delete", args=[contact.pk])


def test_get_asks_for_confirmation_and_deletes_nothing(owner_client, contact):
    response = owner_client.get(url(contact))

    assert response.status_code == 200
    assertContains(response, "Delete Dana Lee?")
    assertContains(response, "The 2 interactions logged with Dana Lee will be deleted too.")
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_owner_deletes_the_contact_and_its_interactions(owner_client, contact):
    response = owner_client.post(url(contact), follow=True)

    assertRedirects(response, reverse("contacts:list"))
    assert page_messages(response) == ["Deleted Dana Lee."]
    assert not Contact.objects.exists()
    assert not Interaction.objects.exists()


def test_the_company_stays(owner_client, contact):
    company = contact.company

    owner_client.post(url(contact))

    company.refresh_from_db()
    assert company.pk


def test_another_user_gets_404_and_nothing_is_deleted(stranger_client, contact):
    assert_not_found(stranger_client, url(contact), {})

    contact.refresh_from_db()
    assert contact.interactions.count() == 2


def test_anonymous_visitor_is_sent_to_log_in(client, contact):
    assert_sent_to_log_in(client, url(contact), {})
    assert Contact.objects.filter(pk=contact.pk).exists()
