"""The drafted messages read as something a person would send: under ~120 words, naming
the role, the company and the person, thanks before the one easy question, a different
wording after a CV-stage "no" than after interviews."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from feedback import drafts
from feedback.models import Rejection
from tests.factories import ContactFactory, FeedbackRequestFactory, RejectionFactory

pytestmark = pytest.mark.django_db

WORD_LIMIT = 120


def words(text):
    return len(text.split())


@pytest.fixture
def interview_rejection(user):
    return RejectionFactory(
        application__owner=user,
        application__title="Backend developer",
        application__company__name="Initech",
        at_stage=Rejection.AtStage.FINAL_ROUND,
    )


def assert_reads_like_a_person_wrote_it(draft, role, company, person):
    assert draft.subject
    assert words(draft.body) <= WORD_LIMIT
    assert draft.body.startswith(f"Dear {person},")
    assert role in draft.body
    assert company in draft.body
    assert draft.body.rstrip().endswith("Olive Owner")
    assert "why didn" not in draft.body.lower()


def test_a_cv_stage_request_names_role_company_and_person(user, rejection, jane):
    draft = drafts.feedback_request(user, rejection, jane)

    assert_reads_like_a_person_wrote_it(draft, "Data engineer", "Globex", "Jane")
    assert "CV" in draft.body
    assert draft.body.count("?") == 1
    assert draft.body.index("Thank you") < draft.body.index("?")


def test_a_post_interview_request_is_worded_for_the_interviews(user, interview_rejection):
    contact = ContactFactory(
        owner=user, company=interview_rejection.application.company, name="Raj Patel"
    )

    draft = drafts.feedback_request(user, interview_rejection, contact)

    assert_reads_like_a_person_wrote_it(draft, "Backend developer", "Initech", "Raj")
    assert "interviews" in draft.body
    assert "interviews" in draft.subject
    assert draft.body.count("?") == 1
    assert draft.body.index("Thank you") < draft.body.index("?")


def test_cv_stage_and_post_interview_wording_differ(user, rejection):
    after_cv = drafts.feedback_request(user, rejection)
    rejection.at_stage = Rejection.AtStage.INTERVIEW
    after_interviews = drafts.feedback_request(user, rejection)

    assert after_cv.subject != after_interviews.subject
    assert after_cv.body != after_interviews.body
    assert "interview" not in after_cv.body.lower()


def test_with_nobody_named_the_request_greets_the_hiring_team(user, rejection):
    draft = drafts.feedback_request(user, rejection, None)

    assert_reads_like_a_person_wrote_it(draft, "Data engineer", "Globex", "hiring team at Globex")


@pytest.mark.parametrize(
    ("answer", "says", "asks"),
    [
        (
            "We went with a candidate with more relevant experience.",
            "You mentioned that the successful candidate had more relevant experience.",
            "which experience you had in mind, and in what",
        ),
        (
            "Another candidate had a stronger background.",
            "the successful candidate had a stronger background.",
            "which experience you had in mind, and in what",
        ),
        (
            "We felt another applicant was a better fit.",
            "another candidate was a better fit for the role.",
            "which part of the role you had in mind",
        ),
        (
            "There were stronger candidates this time.",
            "You mentioned that there were stronger candidates.",
            "what made the difference for the candidates who went further",
        ),
        (
            "The position has been filled.",
            "I understand the role has been filled.",
            "is there one thing I could work on so that I am a stronger candidate next time",
        ),
        (
            "You were not successful on this occasion.",
            "I understand the decision.",
            "is there one thing I could work on",
        ),
        ("Thanks for asking.", "I understand the decision.", "one thing I could work on"),
    ],
    ids=["experience", "background", "fit", "stronger", "filled", "outcome", "none"],
)
def test_the_dig_deeper_question_uses_their_words(user, rejection, jane, answer, says, asks):
    feedback_request = FeedbackRequestFactory(rejection=rejection, contact=jane, response=answer)

    draft = drafts.dig_deeper(user, feedback_request)

    body = " ".join(draft.body.split())
    assert_reads_like_a_person_wrote_it(draft, "Data engineer", "Globex", "Jane")
    assert says in body
    assert asks in body
    assert draft.body.count("?") == 1
    assert draft.body.index("Thank you") < draft.body.index("?")


def test_there_is_no_push_back_without_evidence(user, rejection, jane):
    feedback_request = FeedbackRequestFactory(rejection=rejection, contact=jane, evidence="  ")

    assert drafts.push_back(user, feedback_request) is None


def test_the_push_back_offers_their_evidence_and_an_open_door(user, rejection, jane):
    feedback_request = FeedbackRequestFactory(
        rejection=rejection,
        contact=jane,
        response="Other candidates had more experience.",
        evidence="I ran the Kafka migration at Acme,\n cutting lag from minutes to seconds",
    )

    draft = drafts.push_back(user, feedback_request)

    body = " ".join(draft.body.split())
    assert_reads_like_a_person_wrote_it(draft, "Data engineer", "Globex", "Jane")
    assert "the successful candidate had more experience" in body
    assert "I ran the Kafka migration at Acme, cutting lag from minutes to seconds." in body
    assert "glad to be considered" in body
    assert "[" not in body and "genuinely useful" not in body
    for complaint in ("unfair", "disagree", "disappointed", "wrong"):
        assert complaint not in body.lower()


def test_the_mailto_link_carries_recipient_subject_and_body(user, rejection, jane):
    draft = drafts.feedback_request(user, rejection, jane)

    link = urlsplit(draft.mailto(jane.email))
    query = parse_qs(link.query)

    assert link.scheme == "mailto"
    assert unquote(link.path) == "jane@globex.example"
    assert query["subject"] == [draft.subject]
    assert query["body"] == [draft.body]


def test_a_user_without_a_name_gets_a_draft_without_a_sign_off(user, rejection):
    """Not a closing with nothing after it: the page asks for the name above the draft."""
    user.name = ""

    draft = drafts.feedback_request(user, rejection)

    assert draft.body.rstrip().endswith("Even a sentence would help me a great deal.")
    assert "Kind regards" not in draft.body


@pytest.mark.parametrize("at_stage", ["cv", "interview"])
def test_the_gracious_reply_neither_announces_an_opening_nor_sounds_hurt(user, at_stage, jane):
    rejection = jane.company.applications.get().rejection
    rejection.at_stage = at_stage

    draft = drafts.gracious_reply(user, rejection, jane)

    assert_reads_like_a_person_wrote_it(draft, "Data engineer", "Globex", "Jane")
    assert "letting me know about the" not in draft.body
    assert "still love to work" not in draft.body
    assert "one day" not in draft.body
    assert "stay in touch" in draft.body


def test_an_automated_no_gets_a_request_written_to_a_person(user, rejection, jane):
    rejection.sender_automated = True

    draft = drafts.feedback_request(user, rejection, jane)

    assert_reads_like_a_person_wrote_it(draft, "Data engineer", "Globex", "Jane")
    assert "an automated email let me know" in " ".join(draft.body.split())
    assert draft.body.count("?") == 1
    assert draft.body.index("thank you") < draft.body.index("?")
