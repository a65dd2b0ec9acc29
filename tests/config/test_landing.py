import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("home")


def test_a_visitor_sees_the_three_steps(client):
    response = client.get(URL)

    assert response.status_code == 200
    steps = parse(response).find("section", **{"aria-labelledby": "steps-heading"})
    assert steps.find("h2").text == "When a rejection arrives"
    headings = [h3.text for h3 in steps.find_all("h3")]
    assert headings == ["1 Don’t take it personally", "2 Ask for feedback", "3 Keep the bridge"]


def test_a_visitor_is_invited_to_sign_up_or_log_in(client):
    response = client.get(URL)

    assertContains(response, f'href="{reverse("accounts:signup")}"')
    assertContains(response, f'href="{reverse("login")}"')


def test_with_sign_up_closed_only_log_in_is_offered(client, settings):
    settings.SIGNUP_ENABLED = False

    response = client.get(URL)

    assertNotContains(response, reverse("accounts:signup"))
    assertContains(response, f'href="{reverse("login")}"')


def test_a_signed_in_person_goes_to_the_dashboard(owner_client):
    assertRedirects(owner_client.get(URL), reverse("insights:dashboard"))
