"""GET and POST /reminders/<kind>/<id>/done/: what happens is shown (with a drafted
message where one helps), and done acts on the object itself."""

import datetime as dt
from urllib.parse import unquote

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Application, Stage, StageChange
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest
from tests.html import field_errors, page_messages, parse
from tests.reminders.conftest import TODAY, in_zone

pytestmark = pytest.mark.django_db

LIST = reverse("reminders:list")


def url(kind, obj):
    return reverse("reminders:done", args=[kind, obj.pk])


def snapshot(obj):
    """Everything done could change on any of the objects, and what hangs off them."""
    obj.refresh_from_db()
    if isinstance(obj, Contact):
        return (
            obj.last_contacted_on,
            obj.next_check_in_on,
            obj.updated_at,
            list(obj.interactions.values_list("pk", flat=True)),
        )
    if isinstance(obj, FeedbackRequest):
        return (obj.status, obj.follow_up_on, obj.received_on, obj.updated_at)
    return (
        obj.stage,
        obj.follow_up_on,
        obj.updated_at,
        list(obj.stage_changes.values_list("pk", flat=True)),
    )


@pytest.fixture
def objects(jane, feedback_request, follow_up, quiet):
    return {"check-in": jane, "feedback": feedback_request, "follow-up": follow_up, "quiet": quiet}


# Keep in touch


def test_the_check_in_page_drafts_a_message_to_copy_or_open_in_email(
    owner_client, jane, turned_down
):
    response = owner_client.get(url("check-in", jane))

    assert response.status_code == 200
    page = parse(response)
    assert page.find("h1").text == "Check in with Jane Doe"
    body = page.find("textarea", id="draft-message").text
    assert body.startswith("Dear Jane,")
    assert "about the Data Analyst role" in body
    assert page.find("button", **{"data-copy-target": "#draft-message"}).text == "Copy"
    mailto = unquote(page.find("a", **{"data-mailto-source": "#draft-message"}).attrs["href"])
    assert mailto.startswith("mailto:jane@acme.example?subject=Catching up – Acme&body=Dear Jane,")


def test_done_logs_a_check_in_and_the_next_one_moves_on_by_the_cadence(owner_client, jane):
    response = owner_client.post(url("check-in", jane), {"note": "Coffee next month."}, follow=True)

    assertRedirects(response, LIST)
    jane.refresh_from_db()
    assert jane.last_contacted_on == TODAY
    assert jane.next_check_in_on == TODAY + dt.timedelta(days=90)
    interaction = jane.interactions.get()
    assert (interaction.kind, interaction.happened_on, interaction.summary) == (
        Interaction.Kind.CHECK_IN,
        TODAY,
        "Coffee next month.",
    )
    assert page_messages(response) == ["Logged. Next check-in with Jane Doe: 8 September 2025."]
    assert parse(response).find("li", id=f"reminder-check-in-{jane.pk}") is None


def test_the_check_in_is_logged_on_the_users_own_day(owner_client, user, jane):
    in_zone(user, "Pacific/Auckland")  # already the 11th there

    owner_client.post(url("check-in", jane), {"note": ""})

    jane.refresh_from_db()
    assert jane.interactions.get().happened_on == dt.date(2025, 6, 11)
    assert jane.next_check_in_on == dt.date(2025, 9, 9)


def test_a_note_too_long_is_refused_and_nothing_logged(owner_client, jane):
    before = snapshot(jane)

    response = owner_client.post(url("check-in", jane), {"note": "x" * 5001})

    assert response.status_code == 422
    assert field_errors(response, "note")[0].startswith(
        "Ensure this value has at most 5000 characters"
    )
    assert snapshot(jane) == before


# Feedback follow-ups


def test_a_follow_up_sent_moves_the_request_a_week_on(owner_client, feedback_request):
    response = owner_client.post(
        url("feedback", feedback_request), {"outcome": "followed_up"}, follow=True
    )

    assertRedirects(response, LIST)
    assert page_messages(response) == [
        "Noted. If no answer comes, Onward reminds you again in a week."
    ]
    feedback_request.refresh_from_db()
    assert feedback_request.follow_up_on == TODAY + dt.timedelta(days=7)
    assert feedback_request.status == FeedbackRequest.Status.SENT


def test_an_answer_goes_to_the_request_page_to_record_it(owner_client, feedback_request):
    before = snapshot(feedback_request)

    response = owner_client.post(url("feedback", feedback_request), {"outcome": "answered"})

    assertRedirects(response, feedback_request.get_absolute_url() + "#answer-heading")
    assert snapshot(feedback_request) == before


def test_the_feedback_page_offers_both_outcomes_and_a_follow_up(owner_client, feedback_request):
    page = parse(owner_client.get(url("feedback", feedback_request)))

    assert page.find("h1").text == "Feedback request: Data Analyst at Acme"
    assert [radio.attrs["value"] for radio in page.find_all("input", type="radio")] == [
        "followed_up",
        "answered",
    ]
    assert page.find("textarea", id="draft-message").text.startswith("Dear ")


def test_no_outcome_is_refused_in_words(owner_client, feedback_request):
    before = snapshot(feedback_request)

    response = owner_client.post(url("feedback", feedback_request), {"outcome": "maybe"})

    assert response.status_code == 422
    assert field_errors(response, "outcome") == ["Pick what happened."]
    assert snapshot(feedback_request) == before


# Application follow-ups


def test_a_follow_up_done_clears_the_date(owner_client, follow_up):
    response = owner_client.post(url("follow-up", follow_up), {"outcome": "clear"}, follow=True)

    assertRedirects(response, LIST)
    assert page_messages(response) == ["Follow-up done."]
    follow_up.refresh_from_db()
    assert follow_up.follow_up_on is None


def test_a_follow_up_can_move_to_a_later_date(owner_client, follow_up):
    response = owner_client.post(
        url("follow-up", follow_up),
        {"outcome": "move", "follow_up_on": "2025-06-20"},
        follow=True,
    )

    assert page_messages(response) == ["Next follow-up on 20 June 2025."]
    follow_up.refresh_from_db()
    assert follow_up.follow_up_on == dt.date(2025, 6, 20)


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ("2025-06-10", "Pick a day after today."),
        ("2025-06-01", "Pick a day after today."),
        ("", "Pick the day to follow up again."),
    ],
)
def test_a_follow_up_moved_to_no_later_day_is_refused(owner_client, follow_up, day, error):
    before = snapshot(follow_up)

    response = owner_client.post(
        url("follow-up", follow_up), {"outcome": "move", "follow_up_on": day}
    )

    assert response.status_code == 422
    assert field_errors(response, "follow_up_on") == [error]
    assert snapshot(follow_up) == before


def test_after_today_means_after_the_users_today(owner_client, user, follow_up):
    in_zone(user, "Pacific/Auckland")  # the 11th there
    before = snapshot(follow_up)

    response = owner_client.post(
        url("follow-up", follow_up), {"outcome": "move", "follow_up_on": "2025-06-11"}
    )

    assert response.status_code == 422
    assert snapshot(follow_up) == before


# Quiet applications


def test_the_quiet_page_drafts_a_polite_nudge(owner_client, quiet):
    page = parse(owner_client.get(url("quiet", quiet)))

    assert page.find("h1").text == "No news about Product analyst at Globex"
    assert page.find("textarea", id="draft-message").text.startswith("Dear hiring team at Globex,")
    assert page.find("button", **{"data-copy-target": "#draft-message"})
    mailto = unquote(page.find("a", **{"data-mailto-source": "#draft-message"}).attrs["href"])
    assert mailto.startswith("mailto:?subject=My application for the Product analyst role&body=")


def test_a_nudge_sent_sets_a_follow_up_a_week_on(owner_client, user, quiet):
    response = owner_client.post(url("quiet", quiet), {"outcome": "nudged"}, follow=True)

    assertRedirects(response, LIST)
    assert page_messages(response) == [
        "Nudge noted. If nothing comes back, Onward reminds you in a week."
    ]
    quiet.refresh_from_db()
    assert quiet.follow_up_on == TODAY + dt.timedelta(days=7)
    assert quiet.stage == Stage.APPLIED
    page = parse(response)
    assert page.find("li", id=f"reminder-quiet-{quiet.pk}") is None
    assert "Tue 17 Jun (in 7 days)." in page.find("li", id=f"reminder-follow-up-{quiet.pk}").text


def test_no_response_opens_the_light_steps_and_changes_nothing_yet(owner_client, quiet):
    before = snapshot(quiet)

    response = owner_client.post(url("quiet", quiet), {"outcome": "no_response"})

    assertRedirects(
        response,
        reverse("applications:no_response", args=[quiet.pk]),
        fetch_redirect_response=False,
    )
    assert snapshot(quiet) == before


def test_a_follow_up_that_met_silence_offers_no_response(owner_client, follow_up):
    page = parse(owner_client.get(url("follow-up", follow_up)))
    offered = [radio.attrs["value"] for radio in page.find_all("input", name="outcome")]
    assert offered == ["clear", "move", "no_response"]

    response = owner_client.post(url("follow-up", follow_up), {"outcome": "no_response"})

    assertRedirects(
        response,
        reverse("applications:no_response", args=[follow_up.pk]),
        fetch_redirect_response=False,
    )
    follow_up.refresh_from_db()
    assert follow_up.stage == Stage.SCREENING


def test_a_saved_applications_follow_up_has_no_no_response(owner_client, follow_up):
    Application.objects.filter(pk=follow_up.pk).update(stage=Stage.SAVED)

    page = parse(owner_client.get(url("follow-up", follow_up)))
    offered = [radio.attrs["value"] for radio in page.find_all("input", name="outcome")]
    assert offered == ["clear", "move"]
    response = owner_client.post(url("follow-up", follow_up), {"outcome": "no_response"})
    assert response.status_code == 422


# Every kind


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("check-in", {"note": ""}),
        ("feedback", {"outcome": "followed_up"}),
        ("follow-up", {"outcome": "clear"}),
        ("quiet", {"outcome": "nudged"}),
    ],
)
def test_done_takes_the_reminder_off_todays_list(owner_client, objects, kind, data):
    obj = objects[kind]
    reminder_id = f"reminder-{kind}-{obj.pk}"
    assert parse(owner_client.get(LIST)).find("li", id=reminder_id)

    owner_client.post(url(kind, obj), data)

    item = parse(owner_client.get(LIST)).find("li", id=reminder_id)
    assert item is None or item.parent.parent.find("h2").text.startswith("This week")


@pytest.mark.parametrize("kind", ["check-in", "feedback", "follow-up", "quiet"])
def test_a_next_page_on_the_site_is_where_it_returns(owner_client, objects, kind):
    obj = objects[kind]
    data = {"note": "", "outcome": "followed_up" if kind == "feedback" else "nudged"}
    if kind == "follow-up":
        data["outcome"] = "clear"

    response = owner_client.post(url(kind, obj), {**data, "next": "/contacts/"})
    assertRedirects(response, "/contacts/", fetch_redirect_response=False)

    response = owner_client.post(url(kind, obj), {**data, "next": "https://evil.example/"})
    assertRedirects(response, LIST, fetch_redirect_response=False)


@pytest.mark.parametrize("kind", ["check-in", "feedback", "follow-up", "quiet"])
def test_another_users_object_is_not_found_on_get_and_post(stranger_client, objects, kind):
    obj = objects[kind]
    before = snapshot(obj)

    assert stranger_client.get(url(kind, obj)).status_code == 404
    data = {"note": "hijacked", "outcome": "no_response"}
    assert stranger_client.post(url(kind, obj), data).status_code == 404
    assert snapshot(obj) == before


@pytest.mark.parametrize("kind", ["check-in", "feedback", "follow-up", "quiet"])
def test_anonymous_visitor_is_sent_to_log_in(client, objects, kind):
    obj = objects[kind]
    before = snapshot(obj)
    login = f"{reverse('login')}?next={url(kind, obj)}"

    assertRedirects(client.get(url(kind, obj)), login)
    assertRedirects(client.post(url(kind, obj), {"outcome": "no_response"}), login)
    assert snapshot(obj) == before


def test_an_unknown_kind_is_not_found(owner_client, jane):
    assert owner_client.get(f"/reminders/bogus/{jane.pk}/done/").status_code == 404
    assert owner_client.post(f"/reminders/bogus/{jane.pk}/done/").status_code == 404


def test_interviews_have_nothing_to_be_done(owner_client, interview):
    assert owner_client.get(f"/reminders/interview/{interview.pk}/done/").status_code == 404
    assert owner_client.post(f"/reminders/interview/{interview.pk}/done/").status_code == 404


def test_a_missing_object_is_not_found(owner_client, quiet):
    assert owner_client.get(reverse("reminders:done", args=["quiet", 999_999])).status_code == 404
    assert Application.objects.filter(pk=quiet.pk).exists()
    assert StageChange.objects.filter(application=quiet).count() == 1
