"""After an answer, on the request's own page: the dig-deeper question kept as edited
(/follow-up/), marked sent with its own dates (/question/sent/), its answer recorded
(/question/answer/), and the push-back drafted from the person's evidence (/push-back/)."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from feedback.models import FeedbackRequest
from tests.factories import FeedbackRequestFactory
from tests.html import field_errors, page_messages, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

QUESTION = "Dear Jane,\n\nWhich skill made the difference?\n\nOlive Owner"


@pytest.fixture
def generic(user):
    return FeedbackRequestFactory(
        rejection__application__owner=user,
        rejection__received_on=dt.date(2025, 5, 30),
        status=FeedbackRequest.Status.RECEIVED,
        sent_on=dt.date(2025, 6, 2),
        received_on=dt.date(2025, 6, 5),
        response="A stronger candidate applied.",
        is_generic=True,
    )


@pytest.fixture
def asked(generic):
    generic.dig_deeper = QUESTION
    generic.dig_deeper_sent_on = dt.date(2025, 6, 6)
    generic.dig_deeper_follow_up_on = dt.date(2025, 6, 13)
    generic.save()
    return generic


def url(name, feedback_request):
    return reverse(f"feedback:{name}", args=[feedback_request.pk])


FIELDS = [
    *("dig_deeper", "dig_deeper_sent_on", "dig_deeper_follow_up_on", "dig_deeper_answered_on"),
    *("dig_deeper_answer", "evidence", "push_back", "updated_at"),
]


def snapshot(feedback_request):
    feedback_request.refresh_from_db()
    return tuple(getattr(feedback_request, name) for name in FIELDS)


def test_the_question_is_kept_as_edited(owner_client, generic):
    response = owner_client.post(url("follow_up", generic), {"dig_deeper": QUESTION}, follow=True)

    assertRedirects(response, generic.get_absolute_url() + "#question-heading")
    assert page_messages(response) == ["Saved the question. Send it when you are ready."]
    generic.refresh_from_db()
    assert " ".join(generic.dig_deeper.split()) == " ".join(QUESTION.split())
    assert generic.dig_deeper_sent_on is None


def test_i_sent_it_keeps_the_question_and_its_own_dates(owner_client, generic):
    data = {"dig_deeper": QUESTION, "dig_deeper_sent_on": "2025-06-10"}

    response = owner_client.post(url("question_sent", generic), data, follow=True)

    assertRedirects(response, generic.get_absolute_url() + "#question-heading")
    assert page_messages(response) == [
        "Marked the question as sent. Onward reminds you on 17 June if no answer has come."
    ]
    generic.refresh_from_db()
    assert generic.dig_deeper_sent_on == dt.date(2025, 6, 10)
    assert generic.dig_deeper_follow_up_on == dt.date(2025, 6, 17)
    assert generic.status == FeedbackRequest.Status.RECEIVED  # the request itself is done
    assert "Which skill made the difference?" in generic.dig_deeper


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"dig_deeper_sent_on": ""}, "dig_deeper_sent_on", "Enter the day you sent it."),
        (
            {"dig_deeper_sent_on": "2025-06-20"},
            "dig_deeper_sent_on",
            "The sent date can’t be in the future.",
        ),
        (
            {"dig_deeper_sent_on": "2025-06-01"},
            "dig_deeper_sent_on",
            "The question can’t go out before their answer came.",
        ),
        (
            {"dig_deeper_sent_on": "2025-06-10", "dig_deeper_follow_up_on": "2025-06-09"},
            "dig_deeper_follow_up_on",
            "The follow-up date can’t be before the sent date.",
        ),
        (
            {"dig_deeper": "", "dig_deeper_sent_on": "2025-06-10"},
            "dig_deeper",
            "Write the question",
        ),
    ],
    ids=["no-date", "future", "before-answer", "follow-up-before-sent", "no-text"],
)
def test_bad_question_dates_are_explained_and_nothing_saved(
    owner_client, generic, data, field, error
):
    before = snapshot(generic)

    response = owner_client.post(url("question_sent", generic), {"dig_deeper": QUESTION, **data})

    assert response.status_code == 422
    assert field_errors(response, field)[0].startswith(error)
    assert snapshot(generic) == before


def test_a_question_can_only_follow_an_answer(owner_client, generic):
    generic.status = FeedbackRequest.Status.SENT
    generic.save()
    before = snapshot(generic)

    response = owner_client.post(
        url("question_sent", generic), {"dig_deeper": QUESTION, "dig_deeper_sent_on": "2025-06-10"}
    )

    assert response.status_code == 422
    assert "Record their answer before sending a question" in response.content.decode()
    assert snapshot(generic) == before


def test_the_answer_to_the_question_is_recorded(owner_client, asked):
    data = {"dig_deeper_answered_on": "2025-06-09", "dig_deeper_answer": "  Mostly Airflow.  "}

    response = owner_client.post(url("question_answer", asked), data, follow=True)

    assertRedirects(response, asked.get_absolute_url() + "#question-heading")
    asked.refresh_from_db()
    assert (asked.dig_deeper_answered_on, asked.dig_deeper_answer) == (
        dt.date(2025, 6, 9),
        "Mostly Airflow.",
    )
    assert "Mostly Airflow." in parse(response).find_all("blockquote")[-1].text


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"dig_deeper_answered_on": "2025-06-05", "dig_deeper_answer": "Airflow"},
            "dig_deeper_answered_on",
            "The answer can’t come before the question was sent.",
        ),
        (
            {"dig_deeper_answered_on": "2025-06-09", "dig_deeper_answer": " "},
            "dig_deeper_answer",
            "Write down what they said.",
        ),
        (
            {"dig_deeper_answered_on": "not a date", "dig_deeper_answer": "Airflow"},
            "dig_deeper_answered_on",
            "Enter a valid date.",
        ),
    ],
    ids=["before-sent", "empty", "not-a-date"],
)
def test_a_bad_answer_is_explained(owner_client, asked, data, field, error):
    before = snapshot(asked)

    response = owner_client.post(url("question_answer", asked), data)

    assert response.status_code == 422
    assert field_errors(response, field)[0].startswith(error)
    assert snapshot(asked) == before


def test_an_answer_needs_the_question_sent_first(owner_client, generic):
    before = snapshot(generic)

    response = owner_client.post(
        url("question_answer", generic),
        {"dig_deeper_answered_on": "2025-06-09", "dig_deeper_answer": "Airflow"},
    )

    assert response.status_code == 422
    assert snapshot(generic) == before


def test_the_push_back_is_drafted_from_the_evidence(owner_client, generic):
    data = {"action": "draft", "evidence": "I led the  Airflow migration,\n with no downtime"}

    response = owner_client.post(url("push_back", generic), data, follow=True)

    assertRedirects(response, generic.get_absolute_url() + "#push-back-heading")
    generic.refresh_from_db()
    assert generic.evidence == "I led the Airflow migration, with no downtime"
    assert "I led the Airflow migration, with no downtime." in generic.push_back
    assert "[" not in generic.push_back
    assert parse(response).find("textarea", name="push_back").text.startswith("Dear ")


def test_without_evidence_there_is_no_push_back(owner_client, generic):
    before = snapshot(generic)

    response = owner_client.post(url("push_back", generic), {"action": "draft", "evidence": " "})

    assert response.status_code == 422
    assert field_errors(response, "evidence")[0].startswith("Write the project or the result")
    assert snapshot(generic) == before


def test_the_push_back_is_kept_as_edited(owner_client, generic):
    generic.evidence = "Airflow"
    generic.save()

    response = owner_client.post(
        url("push_back", generic), {"action": "save", "push_back": "Dear Jane, edited."}
    )

    assert response.status_code == 302
    generic.refresh_from_db()
    assert generic.push_back == "Dear Jane, edited."


def test_a_push_back_too_long_is_refused(owner_client, generic):
    generic.evidence = "Airflow"
    generic.save()
    before = snapshot(generic)

    response = owner_client.post(
        url("push_back", generic), {"action": "save", "push_back": "x" * 10_001}
    )

    assert response.status_code == 422
    assert field_errors(response, "push_back")[0].startswith("Ensure this value has at most")
    assert snapshot(generic) == before


NAMES = ["follow_up", "question_sent", "question_answer", "push_back"]
HIJACK = {
    "dig_deeper": "Hijacked",
    "dig_deeper_sent_on": "2025-06-10",
    "dig_deeper_answered_on": "2025-06-10",
    "dig_deeper_answer": "Hijacked",
    "evidence": "Hijacked",
}


@pytest.mark.parametrize("name", NAMES)
def test_get_is_not_allowed(owner_client, asked, name):
    assert owner_client.get(url(name, asked)).status_code == 405


@pytest.mark.parametrize("name", NAMES)
def test_another_users_request_is_not_found_and_unchanged(stranger_client, asked, name):
    before = snapshot(asked)

    response = stranger_client.post(url(name, asked), HIJACK)

    assert response.status_code == 404
    assert snapshot(asked) == before


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_visitor_is_sent_to_log_in(client, asked, name):
    before = snapshot(asked)

    response = client.post(url(name, asked), HIJACK)

    assertRedirects(response, f"{reverse('login')}?next={url(name, asked)}")
    assert snapshot(asked) == before
