import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Application, Interview
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import InterviewFactory
from tests.html import page_messages, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview(user):
    return InterviewFactory(application__owner=user)


def url(interview):
    return reverse("interviews:delete", args=[interview.pk])


def test_get_asks_for_confirmation_and_deletes_nothing(owner_client, interview):
    response = owner_client.get(url(interview))

    assert response.status_code == 200
    assert parse(response).find("h1").text == f"Delete {interview}?"
    assert parse(response).find("main").find("form", method="post").find("button").text == "Delete"
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_post_deletes_the_interview_and_keeps_the_application(owner_client, interview):
    response = owner_client.post(url(interview), follow=True)

    assertRedirects(response, interview.application.get_absolute_url())
    assert page_messages(response) == ["Interview deleted."]
    assert not Interview.objects.exists()
    assert Application.objects.filter(pk=interview.application_id).exists()


def test_another_users_interview_is_not_found_and_kept(stranger_client, interview):
    assert_not_found(stranger_client, url(interview), {})
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_deleted(client, interview):
    assert_sent_to_log_in(client, url(interview), {})
    assert Interview.objects.filter(pk=interview.pk).exists()
