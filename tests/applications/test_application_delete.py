import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from applications.models import Application, Company, Interview, StageChange
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import ApplicationFactory, InterviewFactory
from tests.html import page_messages, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(user):
    application = ApplicationFactory(owner=user, title="Data engineer", company__name="Globex")
    application.move_to("screening")
    InterviewFactory(application=application)
    return application


def url(application):
    return reverse("applications:delete", args=[application.pk])


def test_get_asks_for_confirmation_and_deletes_nothing(owner_client, application):
    response = owner_client.get(url(application))

    assert response.status_code == 200
    assert parse(response).find("h1").text == "Delete Data engineer at Globex?"
    assertContains(response, "Its timeline and interviews will be deleted with it.")
    form = parse(response).find("main").find("form", method="post")
    assert form.find("button").text == "Delete"
    assert Application.objects.filter(pk=application.pk).exists()


def test_post_deletes_the_application_its_timeline_and_interviews(owner_client, application):
    response = owner_client.post(url(application), follow=True)

    assertRedirects(response, reverse("applications:list"))
    assert page_messages(response) == ["Deleted Data engineer at Globex."]
    assert not Application.objects.exists()
    assert not StageChange.objects.exists()
    assert not Interview.objects.exists()
    # The company stays, for the next application there.
    assert Company.objects.get().name == "Globex"


def test_another_users_application_is_not_found_and_kept(stranger_client, application):
    assert_not_found(stranger_client, url(application), {})

    assert Application.objects.filter(pk=application.pk).exists()
    assert StageChange.objects.count() == 2
    assert Interview.objects.count() == 1


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_deleted(client, application):
    assert_sent_to_log_in(client, url(application), {})
    assert Application.objects.filter(pk=application.pk).exists()
