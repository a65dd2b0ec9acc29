"""Message drafts. The wording lives in text templates under templates/feedback/messages/
(and templates/reminders/messages/ for the check-in and nudge drafts of reminders/drafts.py),
so it can be improved without touching code.

A template's first line is "Subject: ..."; the rest is the body."""

from dataclasses import dataclass
from urllib.parse import quote

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str

    def mailto(self, to=""):
        """A mailto: link that opens the draft in the person's own mail program."""
        recipient = quote(to or "", safe="@")
        return f"mailto:{recipient}?subject={quote(self.subject)}&body={quote(self.body)}"


def render_draft(template_name, context):
    text = render_to_string(template_name, context).strip()
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        return Draft(subject=first.removeprefix("Subject:").strip(), body=rest.strip() + "\n")
    return Draft(subject="", body=text + "\n")


def greeting_name(contact, company):
    """ "Jane" for Jane Doe; the company's hiring team when nobody is named yet."""
    if contact is not None and contact.name.strip():
        return contact.name.split()[0]
    return f"{company.name} hiring team"


def message_context(user, application, contact=None, **extra):
    """What every draft may name: the role, the company, the person, and who signs."""
    return {
        "user": user,
        "signature": user.name or "",
        "application": application,
        "title": application.title,
        "company": application.company.name,
        "contact": contact,
        "greeting": greeting_name(contact, application.company),
        **extra,
    }


def feedback_request(user, rejection, contact=None):
    template = "request_interview" if rejection.after_interviews else "request_cv"
    context = message_context(user, rejection.application, contact, rejection=rejection)
    return render_draft(f"feedback/messages/{template}.txt", context)


def dig_deeper(user, feedback_request, phrases):
    rejection = feedback_request.rejection
    context = message_context(
        user,
        rejection.application,
        feedback_request.contact,
        phrase=phrases[0] if phrases else "",
        rejection=rejection,
    )
    return render_draft("feedback/messages/dig_deeper.txt", context)


def push_back(user, feedback_request):
    rejection = feedback_request.rejection
    context = message_context(
        user, rejection.application, feedback_request.contact, rejection=rejection
    )
    return render_draft("feedback/messages/push_back.txt", context)


def gracious_reply(user, rejection, contact=None):
    context = message_context(user, rejection.application, contact, rejection=rejection)
    return render_draft("feedback/messages/gracious_reply.txt", context)
