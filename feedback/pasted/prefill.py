"""From a pasted email to what the confirm page proposes: the matching applications,
and the rejection form's initial values (received date, stage, reason, message,
subject, whether the sender is automated, and the sender as a contact). Reads only."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from applications.models import PROGRESS, Stage
from contacts.models import Contact
from feedback.models import Rejection
from feedback.pasted import senders
from feedback.pasted.match import propose, tokens
from feedback.pasted.signature import read_signature, relation_for

EARLIEST = date(1970, 1, 1)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
# A sentence that gives the decision or its reason.
REASON = re.compile(
    r"unfortunately|regret|decided|decision|not (?:to )?(?:be )?(?:moving|move|progress"
    r"|proceed|taking|take|selected|successful|shortlisted|able to offer)|unsuccessful"
    r"|other (?:candidates?|applicants?)|another (?:candidate|applicant|direction)"
    r"|more (?:closely|experience|experienced|suitable)|better (?:fit|match|suited|aligned)"
    r"|closer (?:fit|match)|position has been filled|role has been filled|filled the"
    r"|go(?:ne)? (?:with|in) |not a (?:fit|match)|chosen|pursue other|stronger",
    re.IGNORECASE,
)
# Wording that says how far the process went.
STAGE_WORDS = [
    (re.compile(r"final (?:round|interview|stage)|last (?:round|stage)", re.I), "final_round"),
    (
        re.compile(
            r"\binterview(?:ed|ing|s)?\b|meeting (?:with )?(?:us|the team)|speaking with us"
            r"|time to (?:speak|talk|meet)|the conversations?\b|on-?site|take-?home"
            r"|technical (?:test|task|assessment)",
            re.I,
        ),
        "interview",
    ),
    (re.compile(r"phone screen|screening call|initial call|our call", re.I), "screening"),
]
STAGE_ORDER = [choice.value for choice in Rejection.AtStage]


@dataclass
class Proposal:
    pasted: object
    candidates: list
    automated: bool
    sender: dict  # name, email, title, relation: the contact to add ({} for none)
    existing_contact: object  # the user's contact with the sender's address, if any
    rejection: dict = field(default_factory=dict)  # the rejection form's initial values
    new_application: dict = field(default_factory=dict)  # company and title
    notes: list = field(default_factory=list)  # what the page says about the reading

    @property
    def best(self):
        return self.candidates[0] if self.candidates else None


def propose_from(user, pasted, preferred=None):
    today = user.today()
    sent_on = pasted.day_in(user.zone)
    notes = []
    if sent_on is not None and not EARLIEST <= sent_on <= today + timedelta(days=1):
        notes.append(
            f"The email’s date ({sent_on:%Y-%m-%d}) can’t be right; today’s is used instead."
        )
        sent_on = None
    signature = read_signature(pasted.body, pasted.sender_name)
    candidates, seen = propose(user, pasted, signature.company, sent_on, preferred)
    automated = senders.is_automated(pasted.sender_address, pasted.sender_name)
    best = candidates[0].application if candidates else None
    existing = None
    sender = {}
    if not automated and (pasted.sender_address or signature.name or pasted.sender_name):
        if pasted.sender_address:
            existing = (
                Contact.objects.for_user(user)
                .filter(email__iexact=pasted.sender_address)
                .select_related("company")
                .order_by("pk")
                .first()
            )
        if existing is None:
            title = signature.title
            sender = {
                "name": (signature.name or pasted.sender_name or "")[:200],
                "email": pasted.sender_address[:254],
                "title": title,
                "relation": relation_for(title),
            }
    subject = pasted.subject[:300]
    rejection = {
        "received_on": sent_on or today,
        "at_stage": guess_stage(best, pasted.body + "\n" + pasted.subject),
        "channel": Rejection.Channel.EMAIL,
        "reason_given": reason_of(pasted.body),
        "message": pasted.body[:20_000],
        "email_subject": subject,
        "sender_automated": automated,
        "contact": existing.pk if existing is not None else None,
    }
    company = employer_guess(pasted, seen, signature) or (best.company.name if best else "")
    new_application = {
        "company": company[:200],
        "title": (seen.role or "")[:200],
    }
    return Proposal(
        pasted=pasted,
        candidates=candidates,
        automated=automated,
        sender=sender,
        existing_contact=existing,
        rejection=rejection,
        new_application=new_application,
        notes=notes,
    )


def reason_of(body, limit=3):
    """The sentences that give the decision or its reason, in their words."""
    found = []
    paragraphs = re.split(r"\n\s*\n", body or "")
    text = "\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    for match in SENTENCE.finditer(text):
        sentence = " ".join(match[0].split())
        if REASON.search(sentence) and 15 <= len(sentence) <= 600:
            found.append(sentence)
            if len(found) == limit:
                break
    return " ".join(found)[:5_000]


def guess_stage(application, text):
    """The stage of the "no": how far the application got (its furthest stage), or
    further when the email's wording says so ("after your interview")."""
    stage = Rejection.AtStage.CV.value
    if application is not None:
        furthest = PROGRESS[min(application.reached, len(PROGRESS) - 1)]
        if furthest == Stage.ACCEPTED:
            furthest = Stage.OFFER
        stage = Rejection.at_stage_for(furthest).value
    for pattern, worded in STAGE_WORDS:
        if pattern.search(text or ""):
            if STAGE_ORDER.index(worded) > STAGE_ORDER.index(stage):
                stage = worded
            break
    return stage


def employer_guess(pasted, seen, signature):
    """The company a new application is added for: the signature's, else a name the
    email gives for itself ("on behalf of Northwind", an automated sender's name), else
    the sender's domain as a name ("northwind-analytics" → "Northwind Analytics")."""
    person = (pasted.sender_name or "").casefold()
    automated = senders.is_automated(pasted.sender_address, pasted.sender_name)
    for name in [signature.company, *seen.names]:
        if name and (automated or name.casefold() != person):
            return name
    if seen.domain:
        return " ".join(word.capitalize() for word in tokens(seen.domain))
    return ""
