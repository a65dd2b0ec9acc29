"""Who a draft is addressed to, and how it greets them: one rule for every draft.

The person Onward knows, in this order: the contact chosen for the message; else the
person who sent the "no" (Rejection.contact); else, for a draft about interviews, the
interviewer typed on the application's interviews, when that text clearly names one
person ("Fatima Schmidt (team lead)", not "Priya and Tom" or "the panel"). Nobody known:
the hiring team at the company.

A person is greeted by their first name ("Dear Fatima,"), the way a candidate writes to
a recruiter they have corresponded with; with a title typed before the name, by title
and surname ("Dear Dr Müller,"). The word "Dear" and the hiring-team wording live in the
templates; this module only says who."""

import re
from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.utils import timezone

HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame"}

# Words that, in "with whom", describe a role or a group rather than name a person.
NOT_NAMES = {
    *("agency", "analyst", "assistant", "board", "ceo", "cfo", "committee", "company"),
    *("consultant", "coo", "coordinator", "cto", "data", "department", "designer"),
    *("developer", "director", "engineer", "engineers", "everyone", "executive", "founder"),
    *("founders", "group", "head", "hiring", "hr", "interviewer", "interviewers", "lead"),
    *("leadership", "management", "manager", "managers", "n/a", "none", "office", "officer"),
    *("panel", "partner", "people", "president", "principal", "product", "recruiter"),
    *(
        "recruiters",
        "recruiting",
        "recruitment",
        "careers",
        "jobs",
        "senior",
        "someone",
        "specialist",
        "staff",
        "talent",
    ),
    *("tbc", "tbd", "team", "tech", "technical", "the", "unknown", "various", "vp"),
}
# Lower-case words that may sit inside a name: "Ludwig van Beethoven".
PARTICLES = {"al", "bin", "da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von"}

# What separates people (or a name from a role) in free text.
SEPARATORS = re.compile(r"\s*(?:[,;/&+:]|\s[-–—]\s|\band\b|\bund\b|\bet\b|\bwith\b)\s*", re.I)
PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


@dataclass(frozen=True)
class Addressee:
    """The person a draft greets: `greeting` is what follows "Dear" ("" for nobody,
    and the template writes to the hiring team); `contact` their Contact, if any."""

    greeting: str = ""
    contact: object = None

    @property
    def email(self):
        return self.contact.email if self.contact is not None else ""


def _name_words(part):
    """The words of `part` when it reads as a person's name, else None."""
    words = part.split()
    if not 1 <= len(words) <= 4:
        return None
    for position, word in enumerate(words):
        bare = word.rstrip(".")
        if not bare or not WORD.match(word) or bare.casefold() in NOT_NAMES:
            return None
        if position and word in PARTICLES:
            continue
        if word[0].islower() or (len(bare) > 1 and bare.isupper()):
            return None
    return words


def one_persons_name(text):
    """How to greet the one person `text` names ("Fatima" for "Fatima Schmidt (team
    lead)", "Dr Müller" for "Dr. Anna Müller"), or "" when it names nobody for sure:
    two people, a role, a group, a lower-case description."""
    parts = [part for part in SEPARATORS.split(PARENTHESES.sub(" ", text or "")) if part.strip()]
    if not parts:
        return ""
    words = _name_words(parts[0].strip())
    if words is None or any(_name_words(part.strip()) for part in parts[1:]):
        return ""
    first = words[0].rstrip(".")
    if first.casefold() in HONORIFICS:
        return f"{first} {words[-1]}" if len(words) > 1 else ""
    if len(first) == 1:  # an initial: "J. Smith"
        return " ".join(words)
    return words[0]


def contact_greeting(name):
    """How to greet a contact: by first name when their name reads as one person's;
    else by the name as recorded ("Acme Recruiting"), which the person chose to keep;
    "" (the hiring team) for a name made only of role words ("Recruiting", "HR team")."""
    name = " ".join((name or "").split())
    if name.islower():
        name = name.title()
    if all(word.rstrip(".").casefold() in NOT_NAMES for word in name.split()):
        return ""
    return one_persons_name(name) or name


def interviewer(interviews):
    """The one person named on the latest of `interviews` (with_whom texts, newest
    first) that clearly names one; "" when none does."""
    for with_whom in interviews:
        greeting = one_persons_name(with_whom)
        if greeting:
            return greeting
    return ""


def addressee(contact=None, sender=None, interviews=()):
    """The rule above: the chosen contact, the sender of the "no", the interviewer. A
    contact recorded as a team ("Recruiting") is written to as the hiring team."""
    for person in (contact, sender):
        if person is not None:
            return Addressee(contact_greeting(person.name), person)
    return Addressee(interviewer(interviews))


def interviews_of(application, user):
    """The application's interviews, newest first, as (with_whom, local day) pairs: who
    to greet after interviews, and how many there were. One query, however many drafts
    of the same page ask (the interviews are prefetched onto the application)."""
    prefetch_related_objects([application], "interviews")
    interviews = sorted(application.interviews.all(), key=lambda i: (i.starts_at, i.pk))
    zone = user.zone
    return [(i.with_whom, timezone.localtime(i.starts_at, zone).date()) for i in interviews][::-1]


RE_PREFIX = re.compile(r"^\s*(?:re|aw|sv|antw|vs)\s*(?:\[\d+\])?\s*:", re.I)


def reply_subject(rejection, subject):
    """ "Re: <their subject>" for a draft that answers the pasted email of a person; the
    template's own plain subject otherwise (never a "Re:" for an email nobody pasted,
    nor a reply to a no-reply address). "Re: Re:" is never written."""
    original = " ".join(((rejection.email_subject if rejection else "") or "").split())
    if not original or rejection.sender_automated:
        return subject
    return original if RE_PREFIX.match(original) else f"Re: {original}"
