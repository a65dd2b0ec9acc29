"""/lessons/new/: a lesson, optionally from a rejection (?rejection=) or an answer
(?feedback=)."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from feedback.models import FeedbackRequest, Lesson
from tests.factories import FeedbackRequestFactory, RejectionFactory, contact_at
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = pytest.mark.django_db

URL = reverse("lessons:create")


@pytest.fixture
def answer(rejection):
    jane = contact_at(rejection, name="Jane Doe")
    return FeedbackRequestFactory(
        rejection=rejection,
        contact=jane,
        status=FeedbackRequest.Status.RECEIVED,
        response="We needed someone who had run Kafka in production.",
    )


def selected(response, name):
    options = parse(response).find("select", name=name).find_all("option")
    return [option.text for option in options if "selected" in option.attrs]


def valid(**changes):
    data = {
        "category": "skill",
        "title": "Run Kafka in a side project",
        "detail": "A small pipeline with two consumers.",
        "target_on": "2025-08-01",
        "rejection": "",
        "feedback_request": "",
    }
    data.update(changes)
    return data


def test_owner_sees_an_empty_form(owner_client):
    response = owner_client.get(URL)

    assert response.status_code == 200
    assert input_value(response, "title") is None
    assert selected(response, "rejection") == ["None"]


def test_a_rejection_in_the_address_fills_in_where_it_came_from(owner_client, rejection):
    response = owner_client.get(URL, {"rejection": rejection.pk})

    assert selected(response, "rejection") == ["Data engineer at Globex (5 Jun 2025)"]


def test_an_answer_in_the_address_fills_in_both_and_quotes_it(owner_client, answer):
    response = owner_client.get(URL, {"feedback": answer.pk})

    assert selected(response, "feedback_request") == ["Jane Doe · Data engineer at Globex"]
    assert selected(response, "rejection") == ["Data engineer at Globex (5 Jun 2025)"]
    assertContains(response, "We needed someone who had run Kafka in production.")


@pytest.mark.parametrize("param", ["rejection", "feedback"])
def test_another_users_row_in_the_address_is_ignored(owner_client, other_user, param):
    theirs = FeedbackRequestFactory(
        rejection__application__owner=other_user,
        rejection__application__title="Secret role",
        response="Secret answer",
    )
    pk = theirs.pk if param == "feedback" else theirs.rejection.pk

    response = owner_client.get(URL, {param: pk})

    assert response.status_code == 200
    assert selected(response, "rejection") == ["None"]
    assertNotContains(response, "Secret")


def test_a_lesson_is_added_for_its_owner(owner_client, user, rejection):
    response = owner_client.post(URL, valid(rejection=rejection.pk), follow=True)

    lesson = Lesson.objects.get()
    assertRedirects(response, lesson.get_absolute_url())
    assert page_messages(response) == [
        "Lesson added. It will show up when you add or edit an application."
    ]
    assert (lesson.owner, lesson.rejection, lesson.status, lesson.target_on) == (
        user,
        rejection,
        Lesson.Status.OPEN,
        dt.date(2025, 8, 1),
    )


def test_a_lesson_from_an_answer_also_records_its_rejection(owner_client, answer):
    owner_client.post(URL, valid(feedback_request=answer.pk))

    lesson = Lesson.objects.get()
    assert (lesson.feedback_request, lesson.rejection) == (answer, answer.rejection)


@pytest.mark.parametrize("field", ["rejection", "feedback_request"])
def test_another_users_rejection_or_answer_is_refused(owner_client, other_user, field):
    theirs = FeedbackRequestFactory(rejection__application__owner=other_user)
    pk = theirs.pk if field == "feedback_request" else theirs.rejection.pk

    response = owner_client.post(URL, valid(**{field: pk}))

    assert response.status_code == 422
    assert field_errors(response, field)[0].startswith("Pick one of your")
    assert input_value(response, "title") == "Run Kafka in a side project"
    assert not Lesson.objects.exists()


def test_an_answer_about_another_rejection_is_refused(owner_client, user, answer):
    other = RejectionFactory(application__owner=user)

    response = owner_client.post(URL, valid(rejection=other.pk, feedback_request=answer.pk))

    assert response.status_code == 422
    assert field_errors(response, "feedback_request")[0].startswith(
        "This feedback is about another rejection."
    )
    assert not Lesson.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Give the lesson a short title."),
        ("category", "", "Pick what kind of lesson this is."),
        ("category", "vibes", "Pick a kind of lesson from the list."),
        ("target_on", "soon", "Enter a valid date."),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(owner_client, field, value, message):
    response = owner_client.post(URL + "?rejection=999", valid(**{field: value}))

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert (
        parse(response).find("textarea", name="detail").text
        == "A small pipeline with two consumers."
    )
    assert not Lesson.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client):
    login = f"{reverse('login')}?next={URL}"

    assertRedirects(client.get(URL), login)
    assertRedirects(client.post(URL, valid()), login)
    assert not Lesson.objects.exists()
