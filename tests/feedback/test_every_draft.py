"""Every draft Onward writes, rendered for a few dozen seeded cases, reads as something a
person would send: no doubled word, no verb clash after a fixed verb ("completed get"),
a salutation with a name in it, a sign-off with the person's name (or none at all while
the account has no name), no leftover "[", "{{" or "None", no "Re:" when no email was
pasted, the role and the company named, and under ~120 words.

The cases vary what the person typed: their own name (or none), the company (with "&",
"Ltd", non-ASCII, "The ..."), the role (long, with brackets and commas), who is known
(a contact, the sender of the "no", an interviewer typed as free text, nobody), the
stage and whether the "no" was automated, a pasted subject, and lessons of every shape.

The dig-deeper question and the push-back meet stock answers of every family (more
experience, a better fit, stronger candidates, the role filled, the formulas of a "no")
and the evidence a person types for the push-back, however it is spaced or ended."""

import datetime as dt
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from applications.models import Stage
from feedback import drafts
from feedback.addressing import contact_greeting, one_persons_name
from feedback.bridges import default_recipient
from feedback.models import FeedbackRequest, Lesson
from reminders import drafts as reminder_drafts
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    LessonFactory,
    RejectionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

WORD_LIMIT = 120

USERS = ["Olive Owner", "Zoë Ó Súilleabháin", "", "Jean-Luc Picard-Ngata"]
COMPANIES = [
    "Globex",
    "Smith & Jones Ltd",
    "Müller & Söhne GmbH",
    "The Guardian",
    "Łódź Software S.A.",
    "AT&T",
    "Café Zürich",
    "Northwind Analytics",
    "O'Reilly Media",
    "Yahoo!",
]
TITLES = [
    "Data Analyst",
    "Senior Data Analyst (Contract)",
    "Senior Software Engineer, Platform Infrastructure & Developer Experience (Remote, EMEA)",
    "Head of People",
    "UX/UI Designer",
    "Développeur·se Python",
    "Analyst",
]
WHO = ["contact", "sender", "interviewer", "nobody"]
STAGES = [
    ("cv", False),
    ("cv", True),
    ("interview", False),
    ("screening", False),
    ("final_round", False),
    ("offer", False),
    ("interview", True),
]
CONTACT_NAMES = ["Jane Doe", "José María García", "siobhán murphy", "Talent team", "Dr Raj Patel"]
SENDER_NAMES = ["Sara Sender", "Łukasz Nowak", "Aoife Ní Bhriain", "Recruiting"]
INTERVIEWERS = ["Fatima Schmidt (team lead)", "Dr. Anna Müller", "Seán O'Brien", "Priya"]
NOT_ONE_PERSON = ["Priya and Tom", "the panel", "", "Hiring manager", "HR & the CTO"]
SUBJECTS = ["", "Your application to {company}", "RE: Your application", "", ""]
LESSONS = [
    "get people-leadership experience",
    "SQL",
    "Python certification",
    "Mock interviews",
    "learn Kubernetes",
    "AWS Solutions Architect exam",
    "Practise STAR answers.",
    "improve my CV's summary",
]

# Stock answers of every family, and the evidence a person types for a push-back.
ANSWERS = [
    "Other candidates had more experience.",
    "We went with a candidate with more relevant experience.",
    "Another candidate had a stronger background for the role.",
    "We felt another applicant was a better fit.",
    "There were stronger candidates this time.",
    "The position has been filled.",
    "Unfortunately you were not successful on this occasion.",
    "We received a large number of applications.",
    "Thanks for asking.",
    "Other applicants had stronger skills for this role.",
    "You lack the experience we're looking for.",
]
EVIDENCE = [
    "I led the move of our billing service to Kubernetes, with no downtime",
    "  At Acme I ran the SQL reporting for 40 stores.\n",
    "My last project cut support tickets by a third!",
]

CASES = 48  # every (user name, who is known) pair three times over


@dataclass
class Case:
    number: int
    user: object
    signature: str
    company: str
    title: str
    pasted: bool
    new_title: str = ""  # the new application's role, for the drafts about it
    greetings: dict = field(default_factory=dict)  # draft name -> the greetings allowed
    rendered: dict = field(default_factory=dict)  # draft name -> Draft
    stage_said: dict = field(default_factory=dict)  # draft name -> words its stage needs


def build(number):
    """Case `number`: its rows, and each draft rendered."""
    today = dt.date(2025, 6, 10)
    name = USERS[number % len(USERS)]
    who = WHO[(number // len(USERS)) % len(WHO)]
    at_stage, automated = STAGES[number % len(STAGES)]
    user = UserFactory(name=name)
    company = CompanyFactory(owner=user, name=COMPANIES[number % len(COMPANIES)])
    title = TITLES[number % len(TITLES)]
    rejected = ApplicationFactory(
        owner=user, company=company, title=title, stage=Stage.REJECTED, applied_on=today
    )
    past = timezone.now() - dt.timedelta(days=12)
    interviewer = INTERVIEWERS[number % len(INTERVIEWERS)]
    with_whom = interviewer if who == "interviewer" else NOT_ONE_PERSON[number % 5]
    InterviewFactory(application=rejected, with_whom=with_whom, starts_at=past)
    contact = sender = None
    if who == "contact":
        contact = ContactFactory(
            owner=user, company=company, name=CONTACT_NAMES[number % len(CONTACT_NAMES)]
        )
    if who in ("contact", "sender"):
        sender = ContactFactory(
            owner=user, company=company, name=SENDER_NAMES[number % len(SENDER_NAMES)]
        )
    pasted = SUBJECTS[number % len(SUBJECTS)].format(company=company.name)
    rejection = RejectionFactory(
        application=rejected,
        at_stage=at_stage,
        sender_automated=automated,
        email_subject=pasted,
        contact=sender,
        received_on=today - dt.timedelta(days=number % 3),
    )
    for lesson in range(number % 4):
        LessonFactory(
            owner=user,
            title=LESSONS[(number + lesson) % len(LESSONS)],
            status=Lesson.Status.DONE,
            done_on=today - dt.timedelta(days=lesson + 1),
        )
    feedback_request = FeedbackRequestFactory(
        rejection=rejection,
        contact=contact,
        status=FeedbackRequest.Status.SENT,
        sent_on=today - dt.timedelta(days=8),
        response=ANSWERS[number % len(ANSWERS)],
        is_generic=True,
        evidence=EVIDENCE[number % len(EVIDENCE)],
        dig_deeper_sent_on=today - dt.timedelta(days=2) if number % 2 else None,
    )
    case = Case(number, user, name, company.name, title, pasted=bool(pasted) and not automated)
    known = (contact or sender) and contact_greeting((contact or sender).name)
    team = f"hiring team at {company.name}"
    if known:
        about_rejection = known
    elif who == "interviewer" and rejection.after_interviews:
        about_rejection = one_persons_name(interviewer)
    else:
        about_rejection = team
    case.rendered = {
        "feedback_request": drafts.feedback_request(user, rejection, contact),
        "gracious_reply": drafts.gracious_reply(user, rejection, contact),
        "feedback_follow_up": reminder_drafts.feedback_follow_up_draft(feedback_request, user),
        "dig_deeper": drafts.dig_deeper(user, feedback_request),
        "push_back": drafts.push_back(user, feedback_request),
        "question_follow_up": drafts.question_follow_up(user, feedback_request),
    }
    for name_of_draft in case.rendered:
        case.greetings[name_of_draft] = {about_rejection}
    render_application_drafts(case, user, company, number, past, interviewer)
    return case


def render_application_drafts(case, user, company, number, past, interviewer):
    """The nudge, the follow-up, the check-in and the re-engagement note, about a new
    application at the same company."""
    # Interviewing on odd cases; applied or after a screening call on even ones.
    stage = (
        Stage.INTERVIEWING
        if number % 2
        else (Stage.SCREENING if number % 4 == 2 else Stage.APPLIED)
    )
    active = ApplicationFactory(
        owner=user,
        company=company,
        title=TITLES[(number + 3) % len(TITLES)],
        stage=stage,
        applied_on=None if number % 5 == 0 else dt.date(2025, 5, 20),
    )
    if number % 2:
        InterviewFactory(application=active, with_whom=interviewer, starts_at=past)
    people = list(user.contacts.order_by("pk"))
    team = f"hiring team at {company.name}"
    names = {contact_greeting(person.name) or team for person in people}
    fallback = {team} if not people else set()
    case.rendered["nudge"] = reminder_drafts.nudge_draft(active, user)
    case.rendered["follow_up"] = reminder_drafts.follow_up_draft(active, user)
    # Nobody there ever in touch: the interviewer comes before anyone recorded there.
    in_touch = any(person.last_contacted_on for person in people)
    interviewed = number % 2 and one_persons_name(interviewer)
    case.greetings["follow_up"] = (
        {one_persons_name(interviewer)} if interviewed and not in_touch else names | fallback
    )
    # A nudge after an interview is addressed as the follow-up is; before, to anyone there.
    case.greetings["nudge"] = case.greetings["follow_up"] if number % 2 else names | fallback
    case.stage_said["nudge"] = {
        Stage.INTERVIEWING: "for the interview",
        Stage.SCREENING: "for our conversation",
        Stage.APPLIED: "considering my application",
    }[stage]
    # The last note after a silence, to the contact the page picks, else as the nudge.
    recipient = default_recipient(people)
    case.rendered["last_note"] = drafts.last_note(user, active, recipient)
    if recipient is not None:
        case.greetings["last_note"] = {contact_greeting(recipient.name) or team}
    elif interviewed:
        case.greetings["last_note"] = {one_persons_name(interviewer)}
    else:
        case.greetings["last_note"] = {team}
    case.stage_said["last_note"] = {
        Stage.INTERVIEWING: "for the interview",
        Stage.SCREENING: "for our conversation",
        Stage.APPLIED: "I applied for",
    }[stage]
    keeper = people[0] if people else ContactFactory(owner=user, company=company, name="Priya")
    case.rendered["check_in"] = reminder_drafts.check_in_draft(keeper, user)
    case.rendered["reengagement"] = reminder_drafts.reengagement_draft(keeper, active, user)
    for name_of_draft in ("check_in", "reengagement"):
        case.greetings[name_of_draft] = {contact_greeting(keeper.name) or team}
    case.new_title = active.title


FULLY_CHECKED = {
    "dig_deeper",
    "question_follow_up",
    "push_back",
    "feedback_request",
    "gracious_reply",
    "feedback_follow_up",
    "nudge",
    "last_note",
    "follow_up",
    "check_in",
    "reengagement",
}
CLOSINGS = ("Kind regards", "Best wishes", "Many thanks", "Thank you", "Regards", "Best")
FIXED_VERBS = r"completed|finished|done|working on|worked on|learned|learnt|studied|passed"
IMPERATIVES = (
    r"get|learn|build|improve|practise|practice|take|pass|earn|gain|do|prepare|read|study|"
    r"write|show|make|finish|complete|work"
)
VERB_CLASH = re.compile(rf"\b(?:{FIXED_VERBS})\s+(?:{IMPERATIVES})\b", re.I)
DOUBLED = re.compile(r"\b(\w+)(?=\s+(\w+)\b)")  # each word and the next
LEFTOVERS = [
    "[",
    "]",
    "{{",
    "}}",
    "{%",
    "%}",
    "None",
    " ,",
    " .",
    " ?",
    "\n.",
    "\n,",
    ",,",
    "..",
    "!.",
    "?.",
]


def words(case, draft):
    """Words of the body, counting each name the person typed (role, company, lesson,
    greeting, signature) as one: the limit is on Onward's wording, not on a long title."""
    text = draft.body
    for typed in sorted(
        [case.title, case.company, case.signature, case.new_title, *LESSONS],
        key=len,
        reverse=True,
    ):
        if typed:
            text = text.replace(typed, "X").replace(typed[:1].upper() + typed[1:], "X")
    return len(text.split())


def problems(case, name, draft):
    found = []
    body, subject = draft.body, draft.subject
    first_line = body.split("\n", 1)[0]
    allowed = {f"Dear {greeting}," for greeting in case.greetings[name]}
    if first_line not in allowed:
        found.append(f"salutation {first_line!r}, expected one of {sorted(allowed)}")
    if re.search(r"\b(?:Dear|Hi|Hello)\s*,", body):
        found.append("an empty salutation")
    lines = body.rstrip().split("\n")
    if case.signature:
        if lines[-1] != case.signature or not lines[-2].endswith(","):
            found.append(f"not signed {case.signature!r}: ends {lines[-2:]!r}")
    elif name not in FULLY_CHECKED:
        pass  # their sign-off goes through _sign_off.txt once their wording lands
    elif lines[-1].rstrip().endswith(",") or lines[-1].strip().startswith(CLOSINGS):
        found.append(f"a closing with no name after it: {lines[-1]!r}")
    for text in (body, subject):
        if "None" in text or "{{" in text or "{%" in text:
            found.append(f"a leftover in {text!r}")
    if name not in FULLY_CHECKED:
        return found
    if not subject:
        found.append("no subject")
    if subject.lower().startswith("re:") and not case.pasted:
        found.append(f"a fake Re: {subject!r}")
    for leftover in LEFTOVERS:
        if leftover in body.replace("...", "…"):
            found.append(f"leftover {leftover!r}")
    for match in DOUBLED.finditer(body):
        first, second = match.group(1), match.group(2)
        # "at AT&T" is no doubled word; "the the" and "The the" are.
        if first.casefold() == second.casefold() and not (second.isupper() > first.isupper()):
            found.append(f"doubled word {first} {second!r}")
    for match in VERB_CLASH.finditer(body):
        found.append(f"verb clash {match.group(0)!r}")
    if words(case, draft) > WORD_LIMIT:
        found.append(f"{words(case, draft)} words")
    about_new = ("reengagement", "nudge", "follow_up", "last_note")
    role = case.new_title if name in about_new else case.title
    if role not in body and name != "check_in":
        found.append("the role is not named")
    if name in case.stage_said and case.stage_said[name] not in body:
        found.append(f"not worded for its stage: no {case.stage_said[name]!r}")
    if case.company not in body and case.company not in subject:
        found.append("the company is not named")
    if "why didn" in body.lower() or "why did you" in body.lower():
        found.append("asks why")
    return found


@pytest.mark.parametrize("number", range(CASES))
def test_every_draft_reads_right(number):
    case = build(number)

    found = {
        name: problems(case, name, draft)
        for name, draft in case.rendered.items()
        if problems(case, name, draft)
    }

    assert not found, "\n\n".join(
        f"{name}: {issues}\n{case.rendered[name].subject}\n{case.rendered[name].body}"
        for name, issues in found.items()
    )


def test_the_cases_cover_every_shape():
    """The seeded cases meet every user name, company, role, kind of person known, stage
    and lesson at least once (so a draft cannot pass by never meeting one)."""
    numbers = range(CASES)
    assert {USERS[n % len(USERS)] for n in numbers} == set(USERS)
    assert {WHO[(n // len(USERS)) % len(WHO)] for n in numbers} == set(WHO)
    assert {(USERS[n % len(USERS)], WHO[(n // len(USERS)) % len(WHO)]) for n in numbers} == {
        (user, who) for user in USERS for who in WHO
    }
    assert {COMPANIES[n % len(COMPANIES)] for n in numbers} == set(COMPANIES)
    assert {TITLES[n % len(TITLES)] for n in numbers} == set(TITLES)
    assert {STAGES[n % len(STAGES)] for n in numbers} == set(STAGES)
    assert {n % 4 for n in numbers} == {0, 1, 2, 3}  # no lesson, one, two, three
    assert {LESSONS[(n + k) % len(LESSONS)] for n in numbers for k in range(n % 4)} == set(LESSONS)


@pytest.mark.parametrize(
    ("text", "caught"),
    [
        ("I have completed get people-leadership experience.", "verb clash"),
        ("I have been working on learn Kubernetes.", "verb clash"),
        ("Thank you for the the interview.", "doubled word"),
        ("Dear ,", "an empty salutation"),
        ("Could you tell me [the thing]?", "leftover '['"),
        ("I enjoyed None.", "a leftover"),
        ("You mentioned more experience\n. So", "leftover '\\n.'"),
        ("I hope all is well at Acme S.A.. We were in touch.", "leftover '..'"),
    ],
)
def test_the_checks_can_fail(text, caught):
    """The checks above catch what they are meant to."""
    case = Case(0, None, "Olive Owner", "Globex", "Data Analyst", False, "Data Analyst")
    case.greetings["nudge"] = {"Jane"}
    body = f"Dear Jane,\n\n{text} The Data Analyst role at Globex.\n\nBest wishes,\nOlive Owner\n"

    found = problems(case, "nudge", drafts.Draft("Subject", body))

    assert any(issue.startswith(caught) for issue in found), found


def test_a_dangling_closing_and_a_fake_re_are_caught():
    case = Case(0, None, "", "Globex", "Data Analyst", False, "Data Analyst")
    case.greetings["nudge"] = {"Jane"}
    body = "Dear Jane,\n\nAbout the Data Analyst role at Globex.\n\nKind regards,\n"

    found = problems(case, "nudge", drafts.Draft("Re: the Data Analyst role", body))

    assert any(issue.startswith("a closing with no name") for issue in found), found
    assert any(issue.startswith("a fake Re:") for issue in found), found
