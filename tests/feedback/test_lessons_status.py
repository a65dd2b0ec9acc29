"""POST /lessons/<id>/status/: open → in progress → done, and back."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from feedback.models import Lesson
from tests.checks import assert_not_found, assert_sent_to_log_in
from tests.factories import LessonFactory
from tests.html import field_errors, page_messages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

Status = Lesson.Status


@pytest.fixture
def lesson(user):
    return LessonFactory(owner=user, title="Learn Kafka")


def url(lesson):
    return reverse("lessons:status", args=[lesson.pk])


def snapshot(lesson):
    lesson.refresh_from_db()
    return (lesson.status, lesson.done_on, lesson.updated_at)


def test_a_lesson_moves_to_in_progress_then_done(owner_client, lesson):
    response = owner_client.post(url(lesson), {"status": "in_progress"}, follow=True)

    assertRedirects(response, lesson.get_absolute_url())
    assert page_messages(response) == ["Marked as in progress."]
    lesson.refresh_from_db()
    assert (lesson.status, lesson.done_on) == (Status.IN_PROGRESS, None)

    response = owner_client.post(url(lesson), {"status": "done"}, follow=True)

    assert page_messages(response) == ["Marked as done. Well learned."]
    lesson.refresh_from_db()
    assert (lesson.status, lesson.done_on) == (Status.DONE, dt.date(2025, 6, 10))


def test_done_is_the_users_today(owner_client, user, lesson):
    user.time_zone = "Pacific/Kiritimati"  # UTC+14: already 11 June there
    user.save()

    owner_client.post(url(lesson), {"status": "done"})

    lesson.refresh_from_db()
    assert lesson.done_on == dt.date(2025, 6, 11)


def test_reopening_clears_the_done_date(owner_client, lesson):
    lesson.move_to(Status.DONE, dt.date(2025, 6, 1))

    owner_client.post(url(lesson), {"status": "open"})

    lesson.refresh_from_db()
    assert (lesson.status, lesson.done_on) == (Status.OPEN, None)


def test_it_goes_back_to_the_list_it_came_from(owner_client, lesson):
    back = reverse("lessons:list") + "?category=skill"

    response = owner_client.post(url(lesson), {"status": "done", "next": back})

    assertRedirects(response, back)


def test_an_address_elsewhere_is_not_followed(owner_client, lesson):
    response = owner_client.post(url(lesson), {"status": "done", "next": "https://evil.example/"})

    assertRedirects(response, lesson.get_absolute_url())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("finished", "“finished” is not a lesson status: open, in progress or done."),
        ("", "Pick where this lesson stands."),
    ],
)
def test_an_unknown_status_is_refused(owner_client, lesson, value, message):
    before = snapshot(lesson)

    response = owner_client.post(url(lesson), {"status": value})

    assert response.status_code == 422
    assert field_errors(response, "status") == [message]
    assert snapshot(lesson) == before


def test_get_is_not_allowed(owner_client, lesson):
    assert owner_client.get(url(lesson)).status_code == 405


def test_another_users_lesson_is_not_found_and_unchanged(stranger_client, lesson):
    done = {"status": "done"}
    assert_not_found(stranger_client, url(lesson), done, lambda: snapshot(lesson), get=False)


def test_anonymous_visitor_is_sent_to_log_in(client, lesson):
    done = {"status": "done"}
    assert_sent_to_log_in(client, url(lesson), done, lambda: snapshot(lesson), get=False)
