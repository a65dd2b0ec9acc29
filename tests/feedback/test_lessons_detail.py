"""/lessons/<id>/: the lesson, where it came from, and the applications that addressed it."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from feedback.models import FeedbackRequest
from tests.factories import (
    ApplicationFactory,
    FeedbackRequestFactory,
    LessonFactory,
    contact_at,
    globex_rejection,
)
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(user):
    rejection = globex_rejection(user)
    jane = contact_at(rejection, name="Jane Doe")
    answer = FeedbackRequestFactory(
        rejection=rejection,
        contact=jane,
        status=FeedbackRequest.Status.RECEIVED,
        response="We needed Kafka in production.",
    )
    return LessonFactory(
        owner=user,
        title="Run Kafka in a side project",
        detail="Two consumers, one topic.",
        rejection=rejection,
        feedback_request=answer,
    )


def url(lesson):
    return reverse("lessons:detail", args=[lesson.pk])


def test_owner_sees_the_lesson_and_where_it_came_from(owner_client, lesson):
    response = owner_client.get(url(lesson))

    assert response.status_code == 200
    assertContains(response, "Run Kafka in a side project")
    assertContains(response, "Two consumers, one topic.")
    assertContains(response, f'href="{lesson.feedback_request.get_absolute_url()}">Jane Doe</a>')
    assertContains(response, "We needed Kafka in production.")
    assertContains(response, f'href="{lesson.rejection.get_absolute_url()}"')


def test_the_applications_that_addressed_it_are_listed(owner_client, user, lesson):
    application = ApplicationFactory(owner=user, title="Platform engineer", company__name="Hooli")
    lesson.applications.add(application)

    response = owner_client.get(url(lesson))

    addressed = parse(response).find("section", **{"aria-labelledby": "applications-heading"})
    assert addressed.find("li").text == "Platform engineer at Hooli"
    assertContains(response, f'href="{application.get_absolute_url()}"')


def test_a_lesson_of_ones_own_says_so(owner_client, user):
    lesson = LessonFactory(owner=user)

    response = owner_client.get(url(lesson))

    assertContains(response, "Your own idea, not tied to a rejection.")
    assertContains(response, "No application yet.")


def test_another_users_lesson_is_not_found(stranger_client, lesson):
    response = stranger_client.get(url(lesson))

    assert response.status_code == 404
    assertNotContains(response, "Kafka", status_code=404)


def test_anonymous_visitor_is_sent_to_log_in(client, lesson):
    assertRedirects(client.get(url(lesson)), f"{reverse('login')}?next={url(lesson)}")
