"""The Django admin for the feedback app: rejections, reflections, feedback requests and
lessons, each with a changelist that searches and stays cheap."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from tests.checks import assert_changelist_finds, assert_changelist_shows
from tests.factories import (
    FeedbackRequestFactory,
    LessonFactory,
    RejectionFactory,
    contact_at,
    globex_rejection,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(user, other_user):
    mine = globex_rejection(user)
    Reflection.objects.create(rejection=mine, mood=3, reframe="One role, one team.")
    jane = contact_at(mine, name="Jane Doe")
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
    assert_changelist_shows(admin_client, "feedback", model, shown, django_assert_max_num_queries)


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
    assert_changelist_finds(admin_client, "feedback", model, query, found, hidden)


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
