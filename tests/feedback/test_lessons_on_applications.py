"""Open lessons on the next application: a checklist on the application form, and the
lessons an application addressed on its page."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Application, Stage
from feedback.models import Lesson
from tests.factories import ApplicationFactory, LessonFactory
from tests.html import field_errors, input_value, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

CREATE = reverse("applications:create")
LABEL = "Lessons addressed in this application"


@pytest.fixture
def lessons(user, other_user):
    return {
        "open": LessonFactory(owner=user, title="Show Kafka on my CV"),
        "started": LessonFactory(owner=user, title="Practise STAR answers", status="in_progress"),
        "done": LessonFactory(owner=user, title="Get the AWS certificate", status="done"),
        "theirs": LessonFactory(owner=other_user, title="Learn Figma"),
    }


def checklist(response):
    """{lesson title: ticked?} as the form shows it."""
    boxes = parse(response).find_all("input", name="lessons")
    labels = {label.attrs.get("for"): label.text for label in parse(response).find_all("label")}
    return {labels[box.attrs["id"]]: "checked" in box.attrs for box in boxes}


def new_application(**changes):
    data = {
        "company": "Hooli",
        "title": "Platform engineer",
        "stage": Stage.APPLIED,
        "job_url": "",
        "location": "",
        "work_mode": "",
        "source": "",
        "salary_min": "",
        "salary_max": "",
        "currency": "",
        "applied_on": "2025-06-09",
        "follow_up_on": "",
        "notes": "Typed and kept",
    }
    data.update(changes)
    return data


def edited(application, **changes):
    data = new_application(company=application.company.name, title=application.title)
    del data["stage"]
    data["version"] = application.updated_at.isoformat()
    data.update(changes)
    return data


def test_the_new_application_form_lists_the_open_lessons(owner_client, lessons):
    response = owner_client.get(CREATE)

    assertContains(response, LABEL)
    assert checklist(response) == {"Practise STAR answers": False, "Show Kafka on my CV": False}


def test_without_lessons_there_is_no_checklist(owner_client):
    response = owner_client.get(CREATE)

    assertNotContains(response, LABEL)


def test_ticked_lessons_are_linked_to_the_new_application(owner_client, lessons):
    owner_client.post(CREATE, new_application(lessons=[lessons["open"].pk, lessons["started"].pk]))

    application = Application.objects.get()
    assert set(application.lessons_addressed.all()) == {lessons["open"], lessons["started"]}


@pytest.mark.parametrize("whose", ["theirs", "done"])
def test_another_users_or_a_done_lesson_is_refused(owner_client, lessons, whose):
    response = owner_client.post(CREATE, new_application(lessons=[lessons[whose].pk]))

    assert response.status_code == 422
    assert field_errors(response, "lessons") == ["Pick lessons from your own open lessons."]
    assert input_value(response, "title") == "Platform engineer"
    assert not Application.objects.exists()
    assert not lessons[whose].applications.exists()


def test_editing_shows_what_the_application_addressed_even_when_done(owner_client, user, lessons):
    application = ApplicationFactory(owner=user, title="Platform engineer", company__name="Hooli")
    lessons["done"].applications.add(application)

    response = owner_client.get(reverse("applications:edit", args=[application.pk]))

    assert checklist(response) == {
        "Get the AWS certificate": True,
        "Practise STAR answers": False,
        "Show Kafka on my CV": False,
    }


def test_unticking_a_lesson_unlinks_it(owner_client, user, lessons):
    application = ApplicationFactory(owner=user, title="Platform engineer", company__name="Hooli")
    lessons["done"].applications.add(application)
    lessons["open"].applications.add(application)

    owner_client.post(
        reverse("applications:edit", args=[application.pk]),
        edited(application, lessons=[lessons["open"].pk]),
    )

    assert list(application.lessons_addressed.all()) == [lessons["open"]]


def test_another_users_lesson_on_edit_is_refused_and_nothing_changes(owner_client, user, lessons):
    application = ApplicationFactory(owner=user, title="Platform engineer", company__name="Hooli")

    response = owner_client.post(
        reverse("applications:edit", args=[application.pk]),
        edited(application, lessons=[lessons["theirs"].pk], title="Changed"),
    )

    assert response.status_code == 422
    application.refresh_from_db()
    assert application.title == "Platform engineer"
    assert not application.lessons_addressed.exists()


def test_the_application_page_lists_the_lessons_it_addressed(owner_client, user, lessons):
    application = ApplicationFactory(owner=user)
    lessons["open"].applications.add(application)

    response = owner_client.get(application.get_absolute_url())

    panel = parse(response).find("section", **{"aria-labelledby": "lessons-heading"})
    assert panel.find("h2").text == "Lessons addressed"
    assert panel.find("li").text == "Show Kafka on my CV (open)"
    assertContains(response, f'href="{lessons["open"].get_absolute_url()}"')


def test_an_application_that_addressed_nothing_has_no_panel(owner_client, user, lessons):
    application = ApplicationFactory(owner=user)

    response = owner_client.get(application.get_absolute_url())

    assertNotContains(response, "Lessons addressed")
    assert Lesson.objects.filter(applications=application).count() == 0
