"""Who sent a "no": an automated sender (a no-reply address, an applicant tracking
system) or a person, and which employer an automated sender writes for."""

import re

# Applicant tracking systems and the domains their mail comes from. A subdomain counts
# too (hire.lever.co, northwind.myworkday.com, us.greenhouse-mail.io).
ATS_DOMAINS = {
    *("greenhouse.io", "greenhouse-mail.io", "lever.co", "myworkday.com", "workday.com"),
    *("myworkdayjobs.com", "smartrecruiters.com", "smartrecruiters.net", "ashbyhq.com"),
    *("icims.com", "taleo.net", "oraclecloud.com", "successfactors.com", "successfactors.eu"),
    *("sapsf.com", "sapsf.eu", "bamboohr.com", "workable.com", "workablemail.com"),
    *("teamtailor.com", "teamtailor-mail.com", "recruitee.com", "personio.de", "personio.com"),
    *("jobvite.com", "jobvite-mail.com", "breezy.hr", "applytojob.com", "jazzhr.com"),
    *("pinpointhq.com", "hibob.com", "rippling.com", "comeet.co", "join.com"),
}
# Names of those systems as they appear in a sender's name ("Jane via Greenhouse").
ATS_NAMES = {
    *("greenhouse", "lever", "workday", "smartrecruiters", "ashby", "icims", "taleo"),
    *("successfactors", "bamboohr", "workable", "teamtailor", "recruitee", "personio"),
    "jobvite",
}
AUTOMATED_LOCAL = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|noreply|donotreply"
    r"|mailer[-_.]?daemon|notifications?|notify|auto(?:mated)?[-_.]?(?:reply|mail(?:er)?)?"
    r"|bounces?|system|postmaster)(?:[-_.+].*)?$",
    re.IGNORECASE,
)
# Mailboxes of the big free providers: their domain says nothing about an employer.
FREE_MAIL = {
    *("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com"),
    *("icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de", "proton.me"),
    *("protonmail.com", "mail.com", "yandex.com", "zoho.com"),
}
# Labels of a mail domain that name a department or a mail service, not the employer.
MAIL_LABELS = {
    *("mail", "email", "e-mail", "mailer", "jobs", "job", "careers", "career", "talent"),
    *("hr", "recruiting", "recruitment", "hire", "hiring", "notifications", "notify"),
    *("em", "www", "us", "eu", "uk", "apply", "people", "news", "info", "team", "reply"),
}
# Words a team's sender name adds to the employer's ("Northwind Careers").
TEAM_WORDS = {
    *("careers", "career", "recruiting", "recruitment", "talent", "acquisition", "team"),
    *("hiring", "jobs", "hr", "people", "the", "no-reply", "noreply", "notifications"),
    *("human", "resources", "candidate", "experience", "applications", "via"),
}
ON_BEHALF = re.compile(r"\bon behalf of\s+([^\n<>\[\]()\".,;:!?]{2,80})", re.IGNORECASE)
VIA = re.compile(r"\s*[(\[]?\s*(?:via|through)\s+[\w .-]+[)\]]?\s*$", re.IGNORECASE)


def domain_matches(domain, known):
    domain = (domain or "").casefold().strip(".")
    return any(domain == item or domain.endswith("." + item) for item in known)


def is_ats(domain):
    return domain_matches(domain, ATS_DOMAINS)


def is_automated(address, name=""):
    """A no-reply address or an applicant tracking system's, or a sender named "… via
    Greenhouse": nobody reads a reply, so a feedback request needs a human address."""
    local, _, domain = (address or "").casefold().rpartition("@")
    if not domain:
        return False
    if AUTOMATED_LOCAL.match(local) or is_ats(domain):
        return True
    name = (name or "").casefold()
    return bool(VIA.search(name)) and any(word in name for word in ATS_NAMES)


def employer_domain(address):
    """The part of the sender's domain that may name the employer ("northwind-analytics"
    for jobs@mail.northwind-analytics.com); "" for free mail and tracking systems."""
    domain = (address or "").casefold().rpartition("@")[2]
    if not domain or domain_matches(domain, FREE_MAIL) or is_ats(domain):
        return ""
    labels = [label for label in domain.split(".") if label]
    if len(labels) < 2:
        return ""
    # Drop the top-level domain (and a second-level one: co.uk, com.au).
    labels = labels[:-1]
    if len(labels) > 1 and labels[-1] in {"co", "com", "org", "net", "ac", "gov"}:
        labels = labels[:-1]
    kept = [label for label in labels if label not in MAIL_LABELS]
    return kept[-1] if kept else ""


def employer_names(name, body=""):
    """Employer names an email gives for itself: "on behalf of Northwind" (in the
    sender's name or the text), and an automated sender's name without its team words
    ("Northwind Analytics Recruiting" → "Northwind Analytics")."""
    found = []
    for text in (name or "", (body or "")[:3000]):
        for match in ON_BEHALF.finditer(text):
            found.append(match[1].strip(" .,;:-"))
    bare = VIA.sub("", name or "")
    words = [word for word in bare.split() if word.casefold().strip(",.-|") not in TEAM_WORDS]
    if words:
        found.append(" ".join(words).strip(" ,.-|"))
    return [item for item in found if item]
