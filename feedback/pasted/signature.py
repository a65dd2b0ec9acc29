"""The signature block of an email: who signed it, their role and their employer, from
the lines after the sign-off ("Kind regards,\nPriya Shah\nSenior Talent Partner |
Northwind Analytics")."""

import re
from dataclasses import dataclass

from contacts.models import Contact
from feedback.addressing import one_persons_name

SIGN_OFF = re.compile(
    r"^\s*(?:(?:with\s+)?(?:kind|best|warm|warmest|many|all the)?\s*(?:regards|wishes|thanks)"
    r"|best|cheers|sincerely|yours sincerely|yours faithfully|yours truly|thank you"
    r"|thanks again|take care|all the best|respectfully|mit freundlichen grüßen"
    r"|viele grüße|beste grüße|cordialement)\s*[,.!-]?\s*$",
    re.IGNORECASE,
)
# A line that is contact details, not a name or a role.
DETAILS = re.compile(
    r"@|https?://|www\.|\+?\d[\d ()./-]{6,}|^\s*(?:tel|phone|mobile|m|t|e|w)\s*[:.]",
    re.IGNORECASE,
)
ROLE_SPLIT = re.compile(r"\s*(?:\||·|•|,|\s[-–—]\s|\bat\b|@)\s*")
# Words that make a line a role ("Senior Talent Partner").
ROLE_WORDS = {
    *("recruiter", "recruiting", "recruitment", "talent", "acquisition", "partner"),
    *("manager", "director", "head", "lead", "hr", "people", "coordinator", "specialist"),
    *("officer", "engineer", "engineering", "vp", "president", "chief", "founder", "ceo"),
    *("cto", "consultant", "advisor", "adviser", "business", "human", "resources"),
    *("sourcer", "associate", "generalist", "executive", "team", "leader", "principal"),
}
# How a role reads as the relation of a contact.
RELATIONS = [
    (re.compile(r"agency|consultancy", re.I), Contact.Relation.AGENCY_RECRUITER),
    (re.compile(r"recruit|talent|sourc", re.I), Contact.Relation.RECRUITER),
    (re.compile(r"\bhr\b|human resources|\bpeople\b", re.I), Contact.Relation.HR),
    (
        re.compile(r"manager|head|director|lead|vp|chief|founder|ceo|cto", re.I),
        Contact.Relation.HIRING_MANAGER,
    ),
]


@dataclass
class Signature:
    name: str = ""
    title: str = ""
    company: str = ""


def read_signature(body, sender_name=""):
    """The signature after the last sign-off of `body`; else the lines after the
    sender's name near the end."""
    lines = [line.strip() for line in (body or "").split("\n")]
    start = None
    for index in range(len(lines) - 1, max(len(lines) - 40, -1), -1):
        if SIGN_OFF.match(lines[index]):
            start = index + 1
            break
    if start is None and sender_name:
        wanted = sender_name.casefold()
        for index in range(len(lines) - 1, max(len(lines) - 15, -1), -1):
            if lines[index].casefold() == wanted:
                start = index
                break
    if start is None:
        return Signature()
    block = [line for line in lines[start : start + 6] if line and not DETAILS.search(line)]
    return from_block(block, sender_name)


def from_block(block, sender_name=""):
    signature = Signature()
    if not block:
        return signature
    first = block[0]
    if looks_like_name(first, sender_name) and not is_role(first):
        signature.name = " ".join(first.split())[:200]
        block = block[1:]
    for line in block[:3]:
        parts = [part for part in ROLE_SPLIT.split(line) if part]
        if not parts:
            continue
        if not signature.title and is_role(parts[0]):
            signature.title = parts[0][:200]
            if len(parts) > 1 and not signature.company:
                signature.company = parts[-1][:200]
        elif not signature.company and signature.title and not is_role(line):
            signature.company = line[:200]
    if signature.company and signature.company.casefold().startswith(("the ", "our ")):
        signature.company = ""
    return signature


def looks_like_name(text, sender_name=""):
    """A person's name: two words or more that read as one person's, or the sender's
    own first name ("Priya")."""
    words = text.split()
    if len(words) == 1:
        sender_words = (sender_name or "").casefold().split()
        return bool(sender_words) and words[0].casefold() == sender_words[0]
    return bool(one_persons_name(text))


def is_role(text):
    words = {word.strip(".,").casefold() for word in text.split()}
    return bool(words & ROLE_WORDS) and len(text) <= 120


def relation_for(title):
    for pattern, relation in RELATIONS:
        if pattern.search(title or ""):
            return relation
    return Contact.Relation.RECRUITER
