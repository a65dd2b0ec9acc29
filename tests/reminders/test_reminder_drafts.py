"""The drafts on the reminder pages: each kind offers one (a check-in, a nudge, the
application's follow-up, the feedback request's follow-up), addressed and signed, and
the re-engagement panel's note about a new application, which logs nothing until the
person says they sent it."""

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from applications.models import Stage
from contacts.models import Interaction
from feedback.models import Lesson
from tests.factories import ApplicationFactory, ContactFactory, InterviewFactory, LessonFactory
from tests.html import page_messages, parse
from tests.reminders.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


def url(kind, obj, **query):
    path = reverse("reminders:done", args=[kind, obj.pk])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def draft_on(response):
    page = parse(response)
    body = page.find("textarea", id="draft-message")
    link = page.find("a", **{"data-mailto-source": "#draft-message"})
    parts = urlsplit(link.attrs["href"])
    return body.text, unquote(parts.path), parse_qs(parts.query)["subject"][0]


def test_the_feedback_follow_up_thanks_and_asks_once_more(owner_client, feedback_request):
    response = owner_client.get(url("feedback", feedback_request))

    body, to, subject = draft_on(response)
    assert body.startswith("Dear Jane, I wrote on 1 June to ask for a little feedback on my")
    assert "interview" in body  # the "no" came after interviews
    assert "Data Analyst role at Acme" in body
    assert body.count("?") == 1
    assert body.endswith("Kind regards, Olive Owner")
    assert to == "jane@acme.example"
    assert subject == "Following up: feedback on the Data Analyst role"
    assertContains(response, "One friendly follow-up is fine")


def test_the_feedback_follow_up_stays_in_the_thread_of_a_pasted_email(
    owner_client, feedback_request, turned_down
):
    turned_down.email_subject = "Your application for Data Analyst"
    turned_down.save()

    _, _, subject = draft_on(owner_client.get(url("feedback", feedback_request)))

    assert subject == "Re: Your application for Data Analyst"


def test_the_follow_up_of_an_application_before_any_interview(owner_client, follow_up):
    response = owner_client.get(url("follow-up", follow_up))

    body, to, subject = draft_on(response)
    assert body.startswith("Dear hiring team at Acme, I am following up on my application")
    assert "Backend developer role at Acme, which I sent on 20 May" in body
    assert subject == "Following up on my application for the Backend developer role"
    assert to == ""
    assertContains(response, "You planned to follow up on Tuesday 10 June.")


def test_after_an_interview_the_follow_up_thanks_the_interviewer(owner_client, follow_up):
    InterviewFactory(
        application=follow_up,
        with_whom="Fatima Schmidt (team lead)",
        starts_at=NOW - dt.timedelta(days=6),
    )

    body, _, subject = draft_on(owner_client.get(url("follow-up", follow_up)))

    assert body.startswith("Dear Fatima, Thank you again for the interview on 4 June for the")
    assert subject == "Following up on my interview for the Backend developer role"


def test_after_an_interview_someone_in_touch_comes_before_the_interviewer(
    owner_client, user, follow_up
):
    InterviewFactory(application=follow_up, with_whom="Fatima", starts_at=NOW)
    ContactFactory(owner=user, company=follow_up.company, name="Ana Never", last_contacted_on=None)
    assert draft_on(owner_client.get(url("follow-up", follow_up)))[0].startswith("Dear Fatima,")

    ContactFactory(owner=user, company=follow_up.company, name="Bo Recent", last_contacted_on=TODAY)
    assert draft_on(owner_client.get(url("follow-up", follow_up)))[0].startswith("Dear Bo,")


def test_a_nudge_greets_the_person_last_in_touch_at_the_company(owner_client, user, quiet):
    ContactFactory(owner=user, company=quiet.company, name="Ana Old", last_contacted_on=None)
    ContactFactory(
        owner=user,
        company=quiet.company,
        name="Bo Recent",
        email="bo@globex.example",
        last_contacted_on=TODAY - dt.timedelta(days=3),
    )

    body, to, _ = draft_on(owner_client.get(url("quiet", quiet)))

    assert body.startswith("Dear Bo, Thank you for considering my application")
    assert to == "bo@globex.example"


def test_the_check_in_lists_what_was_done_since_whatever_its_shape(
    owner_client, user, jane, turned_down
):
    for title in ("get people-leadership experience", "SQL", "learn Kubernetes"):
        LessonFactory(owner=user, title=title, status=Lesson.Status.DONE, done_on=TODAY)

    body = parse(owner_client.get(url("check-in", jane))).find("textarea", id="draft-message")

    assert "completed" not in body.text
    raw = owner_client.get(url("check-in", jane)).content.decode()
    assert "Since we last spoke, I have been working on:\n- " in raw
    for line in ("- Get people-leadership experience", "- SQL", "- Learn Kubernetes"):
        assert line in raw


@pytest.fixture
def applying_again(user, acme, turned_down):
    """A new application at Acme, which said no to the Data Analyst role in March."""
    return ApplicationFactory(
        owner=user,
        company=acme,
        title="Senior Data Analyst (Contract)",
        stage=Stage.APPLIED,
        applied_on=TODAY,
    )


def snapshot(contact):
    contact.refresh_from_db()
    return (contact.last_contacted_on, contact.next_check_in_on, contact.interactions.count())


def test_the_re_engagement_note_names_the_new_role_and_logs_nothing(
    owner_client, jane, applying_again
):
    before = snapshot(jane)

    response = owner_client.get(url("check-in", jane, application=applying_again.pk))

    page = parse(response)
    assert page.find("h1").text == (
        "A note to Jane Doe about the Senior Data Analyst (Contract) role"
    )
    body, to, subject = draft_on(response)
    assert "I have applied for the Senior Data Analyst (Contract) role" in body
    assert "in March 2025 about the Data Analyst role" in body
    assert subject == "The Senior Data Analyst (Contract) role at Acme"
    assert to == "jane@acme.example"
    assertContains(response, "Nothing is logged until you say you sent it.")
    assert "I sent it: log it" in [button.text for button in page.find_all("button")]
    assert snapshot(jane) == before


def test_saying_it_was_sent_logs_it_and_goes_back_to_the_application(
    owner_client, jane, applying_again
):
    back = applying_again.get_absolute_url()

    response = owner_client.post(
        url("check-in", jane, application=applying_again.pk, next=back),
        {"note": "Wrote about the new role."},
        follow=True,
    )

    assertRedirects(response, back)
    assert page_messages(response)[0].startswith("Logged. Next check-in with Jane Doe:")
    interaction = jane.interactions.get()
    assert (interaction.kind, interaction.happened_on) == (Interaction.Kind.CHECK_IN, TODAY)


@pytest.mark.parametrize("which", ["elsewhere", "stranger", "junk", "huge"])
def test_any_other_application_gives_the_plain_check_in(
    owner_client, user, other_user, jane, turned_down, which
):
    wanted = {
        "elsewhere": lambda: ApplicationFactory(owner=user, title="Elsewhere role").pk,
        "stranger": lambda: ApplicationFactory(owner=other_user, title="Secret role").pk,
        "junk": lambda: "1;DROP",
        "huge": lambda: "9" * 40,
    }[which]()

    response = owner_client.get(url("check-in", jane, application=wanted))

    assert response.status_code == 200
    assert parse(response).find("h1").text == "Check in with Jane Doe"
    body, _, _ = draft_on(response)
    assert body.startswith("Dear Jane, I hope all is well at Acme.")
    assert "Secret role" not in response.content.decode()
