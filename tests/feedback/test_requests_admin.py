"""The Django admin for the feedback app: rejections, reflections, feedback requests and
lessons, each with a changelist that searches and stays cheap."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import User
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    LessonFactory,
    RejectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for):
    return client_for(User.objects.create_superuser("admin@example.org", password="x" * 20))


@pytest.fixture
def rows(user, other_user):
    mine = RejectionFactory(
        application__owner=user,
        application__title="Data engineer",
        application__company__name="Globex",
    )
    Reflection.objects.create(rejection=mine, mood=3, reframe="One role, one team.")
    jane = ContactFactory(owner=user, company=mine.application.company, name="Jane Doe")
    FeedbackRequestFactory(rejection=mine, contact=jane, response="A better fit")
    LessonFactory(owner=user, rejection=mine, title="Show Kafka on my CV")
    theirs = RejectionFactory(
        application__owner=other_user,
        application__title="Designer",
        application__company__name="Initech",
    )
    FeedbackRequestFactory(rejection=theirs)
    LessonFactory(owner=other_user, title="Learn Figma")
    return mine, theirs


@pytest.mark.parametrize(
    ("model", "shown"),
    [
        ("rejection", "Data engineer"),
        ("reflection", "Data engineer"),
        ("feedbackrequest", "Jane Doe"),
        ("lesson", "Show Kafka on my CV"),
    ],
)
def test_every_model_has_a_changelist(
    admin_client, rows, model, shown, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse(f"admin:feedback_{model}_changelist"))

    assert response.status_code == 200
    assertContains(response, shown)


@pytest.mark.parametrize(
    ("model", "query", "found", "hidden"),
    [
        ("rejection", "globex", "Data engineer", "Designer"),
        ("rejection", "stranger@", "Designer", "Data engineer"),
        ("feedbackrequest", "jane", "Data engineer", "Designer"),
        ("lesson", "figma", "Learn Figma", "Show Kafka"),
        ("lesson", "owner@", "Show Kafka", "Learn Figma"),
    ],
)
def test_the_changelists_search(admin_client, rows, model, query, found, hidden):
    response = admin_client.get(reverse(f"admin:feedback_{model}_changelist"), {"q": query})

    assertContains(response, found)
    assertNotContains(response, hidden)


@pytest.mark.parametrize("model", ["rejection", "reflection", "feedbackrequest", "lesson"])
def test_every_change_form_opens(admin_client, rows, model):
    mine = rows[0]
    obj = {
        "rejection": mine,
        "reflection": mine.reflection,
        "feedbackrequest": mine.feedback_requests.get(),
        "lesson": mine.lessons.get(),
    }[model]
    # Django caches content types per process; with a cold cache the admin's "view on
    # site" links look them up once per model, which django-zeal would take for an N+1.
    ContentType.objects.get_for_models(Rejection, Reflection, FeedbackRequest, Lesson)

    response = admin_client.get(reverse(f"admin:feedback_{model}_change", args=[obj.pk]))

    assert response.status_code == 200


def test_a_regular_user_cannot_open_the_admin(owner_client):
    response = owner_client.get(reverse("admin:feedback_lesson_changelist"))

    assert response.status_code == 302
