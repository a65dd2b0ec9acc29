"""Message drafts. The wording lives in text templates under templates/feedback/messages/
(and templates/reminders/messages/ for the drafts of reminders/drafts.py), so it can be
improved without touching code.

A template's first line is "Subject: ..."; the rest is the body. Every draft names the
person it is addressed to by one rule (feedback/addressing.py, through message_context)
and ends with the person's name (the sign-off include), or with no sign-off at all while
the account has no name: the page then asks for it above the draft."""

import re
from dataclasses import dataclass, replace
from urllib.parse import quote

from django.template.loader import render_to_string

from feedback import addressing, stock_answers
from feedback.guidance import RequestKind, request_kind
from feedback.models import Rejection


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    to: str = ""  # the addressee's email address, when Onward knows it

    @property
    def rows(self):
        """How many lines a text box needs to show the whole body on a phone, within
        reason: its lines, the long ones counted as the lines they wrap to."""
        lines = sum(1 + len(line) // 45 for line in self.body.splitlines())
        return min(max(lines + 1, 4), 22)

    @property
    def placeholder(self):
        """The first "[...]" left to fill in, or "": a message with one is not ready to
        copy or mail."""
        match = PLACEHOLDER.search(f"{self.subject}\n{self.body}")
        return match.group(0) if match else ""

    def mailto(self, to=None):
        """A mailto: link that opens the draft in the person's own mail program; "" while
        a placeholder is left in it, so no "[...]" reaches a mail program."""
        if self.placeholder:
            return ""
        recipient = quote((self.to if to is None else to) or "", safe="@")
        return f"mailto:{recipient}?subject={quote(self.subject)}&body={quote(self.body)}"


# A gap left to fill in: "[a project or role of yours]". The same rule is in
# static/js/onward.js, which warns before such a text is copied or mailed.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,120}\]")


def render_draft(template_name, context):
    text = render_to_string(template_name, context).strip()
    first, _, rest = text.partition("\n")
    to = context.get("to_email", "")
    if first.startswith("Subject:"):
        subject = first.removeprefix("Subject:").strip()
        return Draft(subject=subject, body=rest.strip() + "\n", to=to)
    return Draft(subject="", body=text + "\n", to=to)


def greeting_name(contact, company, sender=None, interviews=()):
    """What follows "Dear": "Jane" for Jane Doe (the contact, else the sender of the
    "no", else the one interviewer named), the hiring team at the company when nobody
    is known. The words are the template's."""
    return _greeting(addressing.addressee(contact, sender, interviews), company.name)


def _greeting(person, company):
    context = {"person": person.greeting, "company": company}
    return render_to_string("feedback/messages/_greeting.txt", context).strip()


def person_context(user, person, company):
    """Who the draft greets (an addressing.Addressee), its address, and who signs."""
    return {
        "user": user,
        "signature": " ".join(user.name.split()),
        "company": company,
        "contact": person.contact,
        "named": bool(person.greeting),
        "greeting": _greeting(person, company),
        "to_email": person.email,
    }


def message_context(user, application, contact=None, **extra):
    """What every draft may name: the role, the company, the person it greets, the
    interviews (for a draft about them) and who signs. `extra` may hold `rejection`,
    whose sender is greeted when no contact is chosen, and `about_interviews` (default:
    whether the rejection came after interviews), which lets the interviewer be greeted."""
    rejection = extra.get("rejection")
    about_interviews = extra.pop("about_interviews", None)
    if about_interviews is None:
        about_interviews = bool(rejection is not None and rejection.after_interviews)
    interviews = (
        addressing.interviews_of(application, user) if about_interviews and application.pk else []
    )
    sender = rejection.contact if rejection is not None and rejection.contact_id else None
    person = addressing.addressee(contact, sender, [who for who, _ in interviews])
    return {
        **person_context(user, person, application.company.name),
        "application": application,
        "title": application.title,
        "interview_count": len(interviews),
        "last_interview_on": next((day for _, day in interviews if day <= user.today()), None),
        **extra,
    }


def in_thread(draft, rejection):
    """The draft with the subject of a reply to the pasted email, when there is one to
    reply to (addressing.reply_subject)."""
    return replace(draft, subject=addressing.reply_subject(rejection, draft.subject))


REQUEST_TEMPLATES = {
    RequestKind.AUTOMATED: "feedback/messages/request_automated.txt",
    RequestKind.CV: "feedback/messages/request_cv.txt",
    RequestKind.INTERVIEW: "feedback/messages/request_interview.txt",
}


def feedback_request(user, rejection, contact=None):
    """The request for this kind of "no" (guidance.request_kind). After an automated
    screen-out it is written to a person found elsewhere, so it never replies to the
    no-reply email (addressing.reply_subject)."""
    context = message_context(user, rejection.application, contact, rejection=rejection)
    draft = render_draft(REQUEST_TEMPLATES[request_kind(rejection)], context)
    return in_thread(draft, rejection)


def stock_context(answer):
    """What the dig-deeper question and the push-back say of the answer, in its own
    words (stock_answers.read): `family` ("experience", "skills", "fit", "stronger",
    "filled", "outcome" or "" when no stock phrase is found), `words` (theirs,
    normalised: "more relevant experience"), and for an experience that someone "had",
    whether it reads "had more experience" (`had`) or "had a stronger background"
    (`had_a`)."""
    reading = stock_answers.read(answer)
    words = reading.words
    shape = ""
    if reading.family == "experience" and EXPERIENCE_HAD.fullmatch(words):
        shape = "had_a" if words.endswith(("background", "track record")) else "had"
    return {"family": reading.family, "words": words, "shape": shape}


# "more relevant experience", "a stronger background": what someone can be said to have.
EXPERIENCE_HAD = re.compile(
    r"(?:more|greater|broader|deeper|stronger|closer|wider|richer|longer)(?: [a-z]+){0,2}"
    r" (?:experience|expertise|background|track record)"
)


def follow_up_context(user, feedback_request):
    rejection = feedback_request.rejection
    return message_context(
        user,
        rejection.application,
        feedback_request.contact,
        rejection=rejection,
        stock=stock_context(feedback_request.response),
        feedback_request=feedback_request,
    )


def dig_deeper(user, feedback_request):
    """One more question, in the answer's own words: "more experience" asks which
    experience, in what; "a better fit", which part of the role; "stronger candidates",
    what made the difference; "the position has been filled", whether there is something
    to work on for next time. In the thread of the request when it answered a pasted
    email."""
    context = follow_up_context(user, feedback_request)
    draft = render_draft("feedback/messages/dig_deeper.txt", context)
    return replace(
        draft, subject=addressing.reply_subject(feedback_request.rejection, draft.subject)
    )


def push_back(user, feedback_request):
    """The polite push-back, drafted from the person's evidence (a project, a result);
    None while there is none: Onward asks for it first, so no placeholder is left."""
    evidence = " ".join((feedback_request.evidence or "").split())
    if not evidence:
        return None
    context = follow_up_context(user, feedback_request)
    context["evidence"] = evidence
    draft = render_draft("feedback/messages/push_back.txt", context)
    return replace(
        draft, subject=addressing.reply_subject(feedback_request.rejection, draft.subject)
    )


def question_follow_up(user, feedback_request):
    """One friendly nudge of a dig-deeper question that had no answer by its follow-up
    date, in the same thread."""
    context = follow_up_context(user, feedback_request)
    draft = render_draft("feedback/messages/question_follow_up.txt", context)
    return in_thread(draft, feedback_request.rejection)


# Where a silent application stood, as the last note words it (see last_note.txt).
NOTE_STAGES = {
    Rejection.AtStage.CV: "applied",
    Rejection.AtStage.SCREENING: "screening",
    Rejection.AtStage.INTERVIEW: "interviewing",
    Rejection.AtStage.FINAL_ROUND: "interviewing",
    Rejection.AtStage.OFFER: "offer",
}


def last_note(user, application, contact=None, at_stage=None):
    """The gracious last note after a silence, for an application that stood at
    `at_stage` (a rejection's; its own stage's when None): thanks, and the door left
    open. To the contact, else the interviewer after an interview, else the team."""
    at_stage = at_stage or Rejection.at_stage_for(application.stage)
    stage = NOTE_STAGES[Rejection.AtStage(at_stage)]
    context = message_context(
        user, application, contact, about_interviews=stage in ("interviewing", "offer")
    )
    return render_draft("feedback/messages/last_note.txt", {**context, "stage": stage})


def gracious_reply(user, rejection, contact=None):
    context = message_context(user, rejection.application, contact, rejection=rejection)
    draft = render_draft("feedback/messages/gracious_reply.txt", context)
    return in_thread(draft, rejection)
