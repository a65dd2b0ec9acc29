"""The feedback request's own dates as reminders: a drafted request's send_on ("send
your feedback request", after an interview-stage "no") until it is marked sent, and the
question asked after an answer (dig_deeper_follow_up_on) until it is answered. Each is
listed, counted in what is due, in the calendar feed and the digest, and done and
snoozed on the request itself."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from feedback.models import FeedbackRequest, StepState
from reminders import building, calendar, digest, sources
from reminders.kinds import ReminderKind
from tests.html import field_errors, page_messages, parse
from tests.reminders.conftest import TODAY

pytestmark = pytest.mark.django_db

UNTIL = TODAY + dt.timedelta(days=30)


def done_url(kind, obj):
    return reverse("reminders:done", args=[kind, obj.pk])


def snooze_url(kind, obj):
    return reverse("reminders:snooze", args=[kind, obj.pk])


def titles(user, until=UNTIL):
    return [(r.kind, r.title, r.due) for r in building.collect(user, TODAY, until)]


def test_a_request_to_send_is_a_reminder_on_its_day(user, to_send):
    [reminder] = building.collect(user, TODAY, UNTIL)

    assert reminder.kind == ReminderKind.SEND_REQUEST
    assert reminder.due == TODAY
    assert reminder.title == "Send your feedback request about Data engineer at Northwind."
    assert reminder.detail.startswith("The “no” came 2 days ago")
    assert reminder.url == to_send.get_absolute_url()
    assert reminder.done_url == done_url("send-request", to_send)
    assert sources.due_count(user, TODAY) == 1


def test_a_request_to_send_stops_being_one_once_sent(user, to_send):
    to_send.mark_sent(TODAY)

    kinds = [r.kind for r in building.collect(user, TODAY, UNTIL)]

    assert ReminderKind.SEND_REQUEST not in kinds
    assert kinds == [ReminderKind.FEEDBACK]  # now its follow-up, a week later
    assert sources.due_count(user, TODAY) == 0


def test_a_request_to_send_later_is_not_due_yet(user, to_send):
    to_send.send_on = TODAY + dt.timedelta(days=1)
    to_send.save()

    assert sources.due_count(user, TODAY) == 0
    assert [r.due for r in building.collect(user, TODAY, UNTIL)] == [to_send.send_on]


def test_a_question_is_followed_up_until_answered(user, question_asked):
    [reminder] = building.collect(user, TODAY, UNTIL)

    assert reminder.kind == ReminderKind.QUESTION
    assert reminder.due == TODAY + dt.timedelta(days=2)
    assert reminder.title == "Follow up your question about Analyst at Umbrella."
    assert reminder.detail == "Asked 8 days ago; no answer recorded yet."
    assert sources.due_count(user, TODAY + dt.timedelta(days=2)) == 1

    question_asked.dig_deeper_answered_on = TODAY
    question_asked.dig_deeper_answer = "Airflow."
    question_asked.save()

    assert building.collect(user, TODAY, UNTIL) == []


def test_every_kind_is_counted_and_listed_together(user, feedback_request, to_send, question_asked):
    day = TODAY + dt.timedelta(days=2)

    kinds = [ReminderKind.SEND_REQUEST, ReminderKind.FEEDBACK, ReminderKind.QUESTION]
    totals = sources.counts(user, day, day, kinds)
    listed = building.collect(user, day, day, kinds)

    assert (totals["overdue"], totals["today"]) == (2, 1)
    assert [r.kind for r in listed] == [
        ReminderKind.FEEDBACK,  # due 9 June
        ReminderKind.SEND_REQUEST,  # due 10 June
        ReminderKind.QUESTION,  # due 12 June
    ]
    assert sources.due_count(user, day) == 3 + 1  # and the check-in with Jane
    assert [r.kind for r in building.collect(user, day, day, kinds[1:])] == kinds[1:]


def test_they_are_in_the_calendar_feed(user, to_send, question_asked):
    feed = calendar.feed(user).decode()

    assert f"UID:send-request-{to_send.pk}@" in feed
    assert f"UID:question-{question_asked.pk}@" in feed
    assert "DTSTART;VALUE=DATE:20250610" in feed
    assert "DTSTART;VALUE=DATE:20250612" in feed
    assert "SUMMARY:Send your feedback request about Data engineer at Northwind." in feed


def test_the_request_to_send_is_in_the_digest(user, to_send):
    groups = digest.due_today(user, TODAY)
    digest.build(user, TODAY, groups).send()

    assert "Send your feedback request about Data engineer at Northwind." in mail.outbox[0].body


def test_the_send_page_shows_the_saved_request_and_i_sent_it(owner_client, to_send):
    response = owner_client.get(done_url("send-request", to_send))

    assert response.status_code == 200
    page = parse(response)
    assert page.find("h1").text == "Feedback request: Data engineer at Northwind"
    assert page.find("textarea", id="draft-message").text.startswith(
        "Dear hiring team at Northwind,"
    )
    assert page.find("input", name="sent_on").attrs["value"] == "2025-06-10"
    assertContains(response, "I sent it")


def test_i_sent_it_marks_the_request_sent_and_step_2_done(owner_client, to_send):
    response = owner_client.post(
        done_url("send-request", to_send), {"sent_on": "2025-06-09"}, follow=True
    )

    assertRedirects(response, reverse("reminders:list"))
    assert page_messages(response) == [
        "Marked as sent. Onward reminds you to follow up on 16 June if no answer comes."
    ]
    to_send.refresh_from_db()
    assert to_send.status == FeedbackRequest.Status.SENT
    assert (to_send.sent_on, to_send.follow_up_on) == (dt.date(2025, 6, 9), dt.date(2025, 6, 16))
    assert to_send.rejection.feedback_state == StepState.DONE


def test_a_request_already_sent_keeps_its_dates(owner_client, feedback_request):
    response = owner_client.post(
        done_url("send-request", feedback_request), {"sent_on": "2025-06-10"}, follow=True
    )

    assert page_messages(response) == ["That request was already marked as sent."]
    feedback_request.refresh_from_db()
    assert feedback_request.sent_on == dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("sent_on", "error"),
    [("", "Enter the day you sent it."), ("2025-06-20", "The sent date can’t be in the future.")],
)
def test_a_bad_sent_date_is_explained(owner_client, to_send, sent_on, error):
    response = owner_client.post(done_url("send-request", to_send), {"sent_on": sent_on})

    assert response.status_code == 422
    assert field_errors(response, "sent_on") == [error]
    to_send.refresh_from_db()
    assert to_send.status == FeedbackRequest.Status.DRAFT


def test_the_question_page_drafts_a_friendly_nudge(owner_client, question_asked):
    response = owner_client.get(done_url("question", question_asked))

    page = parse(response)
    assert page.find("h1").text == "Your question about Analyst at Umbrella"
    nudge = page.find("textarea", id="draft-message").text
    assert nudge.startswith("Dear hiring team at Umbrella,")
    assert "on 2 June" in nudge


def test_a_question_followed_up_is_chased_again_in_a_week(owner_client, question_asked):
    owner_client.post(done_url("question", question_asked), {"outcome": "followed_up"})

    question_asked.refresh_from_db()
    assert question_asked.dig_deeper_follow_up_on == TODAY + dt.timedelta(days=7)
    assert question_asked.follow_up_on is None or question_asked.follow_up_on != TODAY


def test_an_answered_question_goes_to_where_it_is_recorded(owner_client, question_asked):
    response = owner_client.post(done_url("question", question_asked), {"outcome": "answered"})

    assertRedirects(response, question_asked.get_absolute_url() + "#question-heading")


@pytest.mark.parametrize(
    ("kind", "fixture", "field", "start"),
    [
        ("send-request", "to_send", "send_on", TODAY),
        ("question", "question_asked", "dig_deeper_follow_up_on", TODAY + dt.timedelta(days=2)),
    ],
)
def test_snooze_moves_the_requests_own_date(owner_client, request, kind, fixture, field, start):
    obj = request.getfixturevalue(fixture)

    owner_client.post(snooze_url(kind, obj), {"length": "1w"})

    obj.refresh_from_db()
    assert getattr(obj, field) == start + dt.timedelta(days=7)


@pytest.mark.parametrize("kind", ["send-request", "question"])
def test_a_strangers_request_is_not_found(stranger_client, question_asked, kind):
    before = question_asked.updated_at

    assert stranger_client.get(done_url(kind, question_asked)).status_code == 404
    assert stranger_client.post(snooze_url(kind, question_asked), {"length": "1w"}).status_code == (
        404
    )
    question_asked.refresh_from_db()
    assert question_asked.updated_at == before
