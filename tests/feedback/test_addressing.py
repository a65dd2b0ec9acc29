"""Who a draft greets (the chosen contact, else the sender of the "no", else for a draft
about interviews the one interviewer named, else the hiring team), its subject ("Re:"
only in reply to a pasted email), and which kind of "no" step 2 is advising on."""

import datetime as dt

import pytest
from django.utils import timezone

from feedback import drafts
from feedback.addressing import contact_greeting, one_persons_name, reply_subject
from feedback.guidance import RequestKind, request_kind, suggested_send_on
from feedback.models import Rejection
from tests.factories import (
    ContactFactory,
    InterviewFactory,
    RejectionFactory,
    contact_at,
    globex_rejection,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("with_whom", "greeting"),
    [
        ("Fatima Schmidt (team lead)", "Fatima"),
        ("Fatima Schmidt, team lead", "Fatima"),
        ("Fatima Schmidt - hiring manager", "Fatima"),
        ("Fatima", "Fatima"),
        ("Anna-Lena Meyer", "Anna-Lena"),
        ("Seán O'Brien", "Seán"),
        ("José María García", "José"),
        ("Ludwig van Beethoven", "Ludwig"),
        ("Dr. Anna Müller", "Dr Müller"),
        ("Ms Okafor", "Ms Okafor"),
        ("J. Smith", "J. Smith"),
        ("李娜", "李娜"),
        ("Priya and Tom", ""),
        ("Priya & Tom", ""),
        ("Priya, Tom", ""),
        ("Priya / Tom Jones", ""),
        ("Fatima Schmidt, Tom Jones", ""),
        ("the team lead", ""),
        ("Hiring manager", ""),
        ("Hiring Manager", ""),
        ("HR", ""),
        ("CTO", ""),
        ("Panel of 3", ""),
        ("The panel", ""),
        ("Head of Data", ""),
        ("Dr.", ""),
        ("", ""),
        ("   ", ""),
        ("Someone from the team", ""),
        ("TBC", ""),
    ],
)
def test_only_one_persons_name_is_taken_from_free_text(with_whom, greeting):
    assert one_persons_name(with_whom) == greeting


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Jane Doe", "Jane"),
        ("  Jane   Doe ", "Jane"),
        ("siobhán murphy", "Siobhán"),
        ("Dr Raj Patel", "Dr Patel"),
        ("Acme Recruiting", "Acme Recruiting"),  # as the person chose to keep it
        ("Talent team", ""),  # role words only: the hiring team
        ("Recruiting", ""),
        ("HR", ""),
    ],
)
def test_a_contact_is_greeted_by_first_name_or_as_recorded(name, greeting):
    assert contact_greeting(name) == greeting


@pytest.fixture
def rejection(user):
    return globex_rejection(user, at_stage=Rejection.AtStage.INTERVIEW)


def interview(rejection, with_whom, days_ago):
    return InterviewFactory(
        application=rejection.application,
        with_whom=with_whom,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def greeting(user, rejection, contact=None):
    return drafts.feedback_request(user, rejection, contact).body.split("\n", 1)[0]


def test_the_chosen_contact_comes_first(user, rejection):
    rejection.contact = contact_at(rejection, name="Sara Sender")
    interview(rejection, "Fatima Schmidt", days_ago=3)
    chosen = contact_at(rejection, name="Carl Chosen", email="carl@globex.example")

    draft = drafts.feedback_request(user, rejection, chosen)

    assert draft.body.startswith("Dear Carl,\n")
    assert draft.to == "carl@globex.example"


def test_then_the_person_who_sent_the_no(user, rejection):
    rejection.contact = contact_at(rejection, name="Sara Sender", email="sara@globex.example")
    interview(rejection, "Fatima Schmidt", days_ago=3)

    draft = drafts.feedback_request(user, rejection)

    assert draft.body.startswith("Dear Sara,\n")
    assert draft.to == "sara@globex.example"


def test_then_after_interviews_the_interviewer_of_the_latest_interview_naming_one(user, rejection):
    interview(rejection, "Fatima Schmidt (team lead)", days_ago=10)
    interview(rejection, "Priya and Tom", days_ago=3)  # the latest, but two people

    draft = drafts.feedback_request(user, rejection)

    assert draft.body.startswith("Dear Fatima,\n")
    assert draft.to == ""  # an interviewer typed as text has no address


def test_an_interviewer_is_not_greeted_after_a_cv_stage_no(user):
    rejection = globex_rejection(user, at_stage=Rejection.AtStage.CV)
    interview(rejection, "Fatima Schmidt", days_ago=3)

    assert greeting(user, rejection) == "Dear hiring team at Globex,"


def test_nobody_known_is_the_hiring_team_at_the_company(user, rejection):
    interview(rejection, "the panel", days_ago=3)

    assert greeting(user, rejection) == "Dear hiring team at Globex,"


def test_a_sender_at_another_company_or_of_another_user_is_still_only_a_name(user, rejection):
    """Rejection.contact is set by the owner's own forms; the greeting never reaches
    further than its name."""
    rejection.contact = ContactFactory(owner=user, company=None, name="Agency Amy")

    assert greeting(user, rejection) == "Dear Agency Amy,"


@pytest.mark.parametrize(
    ("pasted", "automated", "subject"),
    [
        ("", False, "Thank you: the Data engineer role"),
        ("Your application to Globex", False, "Re: Your application to Globex"),
        ("Re: Your application to Globex", False, "Re: Your application to Globex"),
        ("RE: Your application", False, "RE: Your application"),
        ("AW: Ihre Bewerbung", False, "AW: Ihre Bewerbung"),
        ("  Your   application ", False, "Re: Your application"),
        ("Your application to Globex", True, "Thank you: the Data engineer role"),
    ],
    ids=["nothing-pasted", "pasted", "already-re", "upper-re", "german-aw", "spaces", "no-reply"],
)
def test_re_only_in_reply_to_a_pasted_email_from_a_person(user, pasted, automated, subject):
    rejection = globex_rejection(user, email_subject=pasted, sender_automated=automated)

    plain = subject.startswith("Thank you")
    assert drafts.gracious_reply(user, rejection).subject == subject
    assert reply_subject(rejection, "Plain") == ("Plain" if plain else subject)


def test_no_draft_ever_says_re_re(user):
    rejection = globex_rejection(user, email_subject="Re: Re: Your application")

    assert drafts.feedback_request(user, rejection).subject == "Re: Re: Your application"


@pytest.mark.parametrize(
    ("at_stage", "automated", "kind"),
    [
        ("cv", True, RequestKind.AUTOMATED),
        ("cv", False, RequestKind.CV),
        ("screening", True, RequestKind.CV),  # someone called: a person can be asked
        ("screening", False, RequestKind.CV),
        ("interview", False, RequestKind.INTERVIEW),
        ("final_round", True, RequestKind.INTERVIEW),
        ("offer", False, RequestKind.INTERVIEW),
    ],
)
def test_three_kinds_of_no(user, at_stage, automated, kind):
    rejection = globex_rejection(user, at_stage=at_stage, sender_automated=automated)

    assert request_kind(rejection) == kind


def test_each_kind_has_its_own_request(user):
    bodies = {
        kind: drafts.feedback_request(
            user,
            RejectionFactory(
                application__owner=user, at_stage=at_stage, sender_automated=automated
            ),
        )
        for kind, at_stage, automated in [
            ("automated", "cv", True),
            ("cv", "cv", False),
            ("interview", "interview", False),
        ]
    }

    assert len({draft.body for draft in bodies.values()}) == 3
    assert "automated email" in bodies["automated"].body
    assert "writing to you directly" in bodies["automated"].body
    assert "CV" in bodies["cv"].body and "interview" not in bodies["cv"].body
    assert "interview" in bodies["interview"].body and "CV" not in bodies["interview"].body


def test_an_automated_no_is_never_answered_with_a_reply_to_the_no_reply(user):
    rejection = globex_rejection(
        user, at_stage="cv", sender_automated=True, email_subject="Your application"
    )

    subject = drafts.feedback_request(user, rejection).subject

    assert subject == "A question about my application for the Data engineer role"


TODAY = dt.date(2025, 6, 10)


@pytest.mark.parametrize(
    ("received_on", "send_on"),
    [
        (TODAY, TODAY + dt.timedelta(days=1)),  # a "no" from today: tomorrow
        (TODAY - dt.timedelta(days=1), TODAY),  # from yesterday: today
        (TODAY - dt.timedelta(days=2), TODAY),
        (TODAY - dt.timedelta(days=30), TODAY),  # long ago: still today
    ],
    ids=["today", "yesterday", "two-days-ago", "a-month-ago"],
)
def test_after_interviews_the_request_waits_a_day_or_two(user, received_on, send_on):
    rejection = globex_rejection(user, at_stage="final_round", received_on=received_on)

    assert suggested_send_on(rejection, TODAY) == send_on


@pytest.mark.parametrize("automated", [True, False])
def test_after_a_cv_stage_no_ask_now(user, automated):
    rejection = globex_rejection(user, at_stage="cv", sender_automated=automated)

    assert suggested_send_on(rejection, TODAY) is None
