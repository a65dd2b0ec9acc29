"""/lessons/<id>/edit/."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from tests.factories import LessonFactory, RejectionFactory
from tests.html import field_errors, input_value, page_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(user):
    return LessonFactory(owner=user, title="Learn Kafka", detail="Two consumers.")


def url(lesson):
    return reverse("lessons:edit", args=[lesson.pk])


def posted(lesson, **changes):
    data = {
        "category": lesson.category,
        "title": lesson.title,
        "detail": lesson.detail,
        "target_on": "",
        "rejection": lesson.rejection_id or "",
        "feedback_request": lesson.feedback_request_id or "",
        "version": lesson.updated_at.isoformat(),
    }
    data.update(changes)
    return data


def snapshot(lesson):
    lesson.refresh_from_db()
    return (lesson.title, lesson.category, lesson.rejection_id, lesson.target_on, lesson.updated_at)


def test_owner_sees_the_form_filled_in(owner_client, lesson):
    response = owner_client.get(url(lesson))

    assert response.status_code == 200
    assert input_value(response, "title") == "Learn Kafka"


def test_owner_saves_changes(owner_client, user, lesson):
    rejection = RejectionFactory(application__owner=user)

    response = owner_client.post(
        url(lesson),
        posted(lesson, title="Learn Kafka Streams", target_on="2025-09-01", rejection=rejection.pk),
        follow=True,
    )

    assertRedirects(response, lesson.get_absolute_url())
    assert page_messages(response) == ["Lesson updated."]
    lesson.refresh_from_db()
    assert (lesson.title, lesson.target_on, lesson.rejection) == (
        "Learn Kafka Streams",
        dt.date(2025, 9, 1),
        rejection,
    )


def test_bad_input_is_explained_and_nothing_changes(owner_client, lesson):
    before = snapshot(lesson)

    response = owner_client.post(url(lesson), posted(lesson, title="", target_on="2025-09-01"))

    assert response.status_code == 422
    assert field_errors(response, "title") == ["Give the lesson a short title."]
    assert input_value(response, "target_on") == "2025-09-01"
    assert snapshot(lesson) == before


def test_another_users_rejection_is_refused(owner_client, other_user, lesson):
    theirs = RejectionFactory(application__owner=other_user)
    before = snapshot(lesson)

    response = owner_client.post(url(lesson), posted(lesson, rejection=theirs.pk))

    assert response.status_code == 422
    assert field_errors(response, "rejection") == ["Pick one of your rejections, or none."]
    assert snapshot(lesson) == before


def test_another_users_lesson_is_not_found_and_unchanged(stranger_client, lesson):
    before = snapshot(lesson)

    assert stranger_client.get(url(lesson)).status_code == 404
    assert stranger_client.post(url(lesson), posted(lesson, title="Hijacked")).status_code == 404
    assert snapshot(lesson) == before


def test_anonymous_visitor_is_sent_to_log_in(client, lesson):
    before = snapshot(lesson)
    login = f"{reverse('login')}?next={url(lesson)}"

    assertRedirects(client.get(url(lesson)), login)
    assertRedirects(client.post(url(lesson), posted(lesson, title="Hijacked")), login)
    assert snapshot(lesson) == before
