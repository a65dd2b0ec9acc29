"""Which of the user's applications a pasted "no" is about.

Companies are matched by name (their `name_key`, and the same name without a legal
suffix: "Northwind Analytics Ltd" is "northwind analytics"), by their website's domain
against the sender's, and by the names the email gives for itself (an automated
sender's name, "on behalf of Northwind", the signature), found anywhere in the sender's
name, the subject or the text. The applications of the companies found are then ranked
by the role's words in the subject and the text against their title, whether they are
still open, and their dates (an application made after the email was sent is unlikely).

Three queries whatever the size of the account: the user's companies (names and
websites only), the applications of the few companies found (or, with none found,
open applications whose title shares the role's words), and nothing per row."""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urlsplit

from django.db.models import Q

from applications.models import ACTIVE_STAGES, Application, Company, Stage
from feedback.pasted import senders

LIMIT = 5  # candidates shown
COMPANIES = 5  # companies whose applications are read
APPLICATIONS = 200  # applications read at most
LEGAL = {
    *("ltd", "limited", "inc", "incorporated", "llc", "llp", "plc", "gmbh", "ag", "se"),
    *("sa", "sas", "sarl", "bv", "nv", "ab", "as", "oy", "spa", "srl", "co", "corp"),
    *("corporation", "company", "group", "holdings", "pty", "kg", "ug", "the"),
}
# First words too common to stand for a company on their own.
COMMON_FIRST = {
    *("global", "united", "first", "data", "new", "digital", "general", "national"),
    *("international", "american", "british", "european", "smart", "open", "blue"),
    *("green", "red", "north", "south", "east", "west", "big", "city", "tech", "team"),
}
TOKEN = re.compile(r"[^\W_]+")
# Words of a title that say little about which role it is.
TITLE_NOISE = {
    *("the", "a", "an", "of", "and", "for", "in", "to", "at", "with", "on", "i", "ii"),
    *("iii", "m", "f", "d", "w", "x", "remote", "hybrid", "role", "position", "job"),
}
ROLE_IN_TEXT = [
    re.compile(
        r"(?:application|applying|interest|candidacy|apply)\s+for\s+(?:the\s+|our\s+)?"
        r"(?:role|position|post|job|vacancy|opening)?\s*(?:of\s+|as\s+)?[\"“']?"
        r"(?P<role>[^\n\"”'.,;:!?()]{3,80}?)[\"”']?"
        r"(?:\s+(?:role|position|post|job|vacancy|opening)\b|\s+(?:at|with|in|here)\b"
        r"|\s*[-–—|(\[,.;:!?]|\s*$)",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(
        r"(?:for|to|in|about|regarding|re:?)\s+(?:the|our)\s+(?P<role>[^\n\"”'.,;:!?()]{3,80}?)\s+"
        r"(?:role|position|post|vacancy|opening)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"bewerbung\s+(?:als|für\s+die\s+stelle(?:\s+als)?|für)\s+(?P<role>[^\n\"”'.,;:!?()]{3,80}?)"
        r"(?:\s+(?:bei|in)\b|\s*[-–—|(\[,.;:!?]|\s*$)",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(
        r"^(?P<role>[^\n:|–—-]{3,80}?)\s*(?:[|–—-]|\bat\b)?\s*(?:your\s+)?"
        r"(?:application|update|interview)\b",
        re.IGNORECASE,
    ),
]


RE_PREFIX = re.compile(r"^\s*(?:(?:re|aw|fw|fwd|wg|tr)\s*:\s*)+", re.IGNORECASE)
# A "role" found in the text that starts with one of these is not one.
NOT_ROLE = {"your", "my", "this", "that", "our", "an", "a", "the", "update", "application"}


@dataclass
class Candidate:
    application: Application
    score: int = 0
    reasons: list = field(default_factory=list)


def tokens(text):
    return [word.casefold() for word in TOKEN.findall(text or "")]


def grams(words, longest=5):
    """Every run of 1 to `longest` words, joined by spaces, and each run of two or more
    also without spaces (a domain writes "northwindanalytics")."""
    found = set()
    for size in range(1, longest + 1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            found.add(" ".join(run))
            if size > 1:
                found.add("".join(run))
    return found


def aliases(name_key, website=""):
    """The forms a company's name takes in an email: its case-fold, without a legal
    suffix, run together; and its website's name ("northwind-analytics.com")."""
    words = tokens(name_key)
    forms = set()
    if words:
        forms.add(" ".join(words))
        bare = [word for word in words if word not in LEGAL] or words
        forms.add(" ".join(bare))
        if len(bare) > 1:
            forms.add("".join(bare))
    host = urlsplit(website or "").hostname or ""
    label = senders.employer_domain(f"x@{host}") if host else ""
    if label:
        forms.add(" ".join(tokens(label)))
        forms.add("".join(tokens(label)))
    return {form for form in forms if len(form) >= 2}


def short_form(name_key):
    """The first word of a name of several ("northwind" for Northwind Analytics), when
    it is distinctive enough to stand for the company; else ""."""
    bare = [word for word in tokens(name_key) if word not in LEGAL]
    if len(bare) > 1 and len(bare[0]) >= 4 and bare[0] not in COMMON_FIRST:
        return bare[0]
    return ""


def role_of(subject, body):
    """The role the email names ("Data Analyst" in "Your application for Data Analyst
    at Northwind"), from the subject first; "" when it names none."""
    subject = RE_PREFIX.sub("", subject or "")
    for text in (subject, (body or "")[:3000]):
        for pattern in ROLE_IN_TEXT:
            match = pattern.search(text)
            if match:
                role = " ".join(match["role"].split()).strip(" -–—")
                words = tokens(role)
                if words and len(words) <= 8 and words[0] not in NOT_ROLE:
                    return role
    return ""


@dataclass
class Evidence:
    """What the email offers to match on, prepared once."""

    domain: str  # the employer part of the sender's domain, "" for ATS or free mail
    sender_domain: str
    names: list  # employer names the email gives for itself
    strong: set  # word runs of the sender's name, the employer names and the subject
    body: set  # word runs of the text
    role: str
    subject_words: set
    body_words: set
    sent_on: object  # a date or None


def evidence(pasted, signature_company, sent_on):
    names = senders.employer_names(pasted.sender_name, pasted.body)
    if signature_company:
        names.append(signature_company)
    strong_text = " \n ".join([pasted.sender_name, *names, pasted.subject])
    body = pasted.body[:20_000]
    return Evidence(
        domain=senders.employer_domain(pasted.sender_address)
        or senders.employer_domain(pasted.reply_to),
        sender_domain=pasted.sender_domain,
        names=names,
        strong=grams(tokens(strong_text)),
        body=grams(tokens(body)),
        role=role_of(pasted.subject, body),
        subject_words=set(tokens(pasted.subject)),
        body_words=set(tokens(body)),
        sent_on=sent_on,
    )


def company_score(company, seen):
    """How surely the email is about `company` (name_key and website), 0 for not."""
    name_key, website = company
    forms = aliases(name_key, website)
    score = 0
    domain_forms = {seen.domain, seen.domain.replace("-", "")} - {""}
    if domain_forms & forms or domain_forms & {form.replace(" ", "") for form in forms}:
        score = max(score, 60)
    host = (urlsplit(website or "").hostname or "").removeprefix("www.")
    if host and "." in host and senders.domain_matches(seen.sender_domain, {host}):
        score = max(score, 70)
    if forms & seen.strong:
        score = max(score, 50)
    if forms & seen.body:
        score = max(score, 35)
    short = short_form(name_key)
    if short and not score:
        if short in seen.strong or short == seen.domain:
            score = 30
        elif short in seen.body:
            score = 20
    return score


def propose(user, pasted, signature_company="", sent_on=None, preferred=None):
    """The user's applications the email is likely about, best first, at most LIMIT,
    each with its score and the reasons in words. Applications that already have a
    rejection recorded are left out."""
    seen = evidence(pasted, signature_company, sent_on)
    companies = Company.objects.for_user(user).values_list("pk", "name_key", "website")
    scored = []
    for pk, name_key, website in companies:
        score = company_score((name_key, website), seen)
        if score:
            scored.append((score, pk))
    scored.sort(reverse=True)
    company_scores = {pk: score for score, pk in scored[:COMPANIES]}
    open_without_rejection = Application.objects.for_user(user).filter(rejection__isnull=True)
    words = [word for word in tokens(seen.role) if word not in TITLE_NOISE and len(word) > 2]
    if company_scores:
        wanted = Q(company_id__in=company_scores)
    elif words:
        wanted = Q(stage__in=ACTIVE_STAGES) & reduce(
            or_, (Q(title__icontains=word) for word in words[:6])
        )
    else:
        wanted = Q(pk__in=[])
    if preferred is not None:
        wanted |= Q(pk=preferred)
    rows = (
        open_without_rejection.filter(wanted)
        .select_related("company")
        .order_by("-updated_at", "-pk")[:APPLICATIONS]
    )
    candidates = [rank(application, company_scores, seen) for application in rows]
    for candidate in candidates:
        if candidate.application.pk == preferred:
            candidate.score += 1000
            candidate.reasons.insert(0, "the page you came from")
    candidates.sort(key=lambda c: (-c.score, -c.application.updated_at.timestamp()))
    return candidates[:LIMIT], seen


def rank(application, company_scores, seen):
    candidate = Candidate(application, company_scores.get(application.company_id, 0))
    if candidate.score:
        candidate.reasons.append("the company")
    title_words = [w for w in tokens(application.title) if w not in TITLE_NOISE]
    role_words = set(tokens(seen.role)) - TITLE_NOISE
    if title_words:
        title_key = " ".join(tokens(application.title))
        if seen.role and title_key == " ".join(tokens(seen.role)):
            candidate.score += 45
            candidate.reasons.append("the role it names")
        elif title_key in seen.strong or title_key in seen.body:
            candidate.score += 35
            candidate.reasons.append("the role is named")
        else:
            in_subject = sum(1 for w in title_words if w in seen.subject_words or w in role_words)
            in_body = sum(1 for w in title_words if w in seen.body_words)
            share = max(in_subject, in_body * 0.6) / len(title_words)
            candidate.score += round(30 * share)
            if share >= 0.5:
                candidate.reasons.append("words of the role")
    if application.stage in ACTIVE_STAGES:
        candidate.score += 15
        candidate.reasons.append("still open")
    elif application.stage in (Stage.WITHDRAWN, Stage.ACCEPTED):
        candidate.score -= 15
    started = application.applied_on or application.created_at.date()
    if seen.sent_on is not None:
        if application.applied_on and application.applied_on > seen.sent_on:
            candidate.score -= 40
        elif 0 <= (seen.sent_on - started).days <= 180:
            candidate.score += 5
    return candidate
