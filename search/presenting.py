"""How each kind of result reads on the page: a link, a line of context, and an
excerpt of the first searched field (search.kinds) where the words were found, matches
marked."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from core.templatetags.onward import day
from search.highlight import excerpt, highlight
from search.words import plain


@dataclass
class Result:
    url: str
    title: SafeString
    context: str
    excerpt: str = ""  # a SafeString when there is one


def _role(application, query_words):
    """ "Engineer at Acme", both parts marked."""
    return (
        highlight(application.title, query_words)
        + SafeString(" at ")
        + highlight(application.company.name, query_words)
    )


def first_excerpt(kind, row, query_words):
    """The excerpt of the first of the kind's fields (but those the link shows) in
    which a query word begins a word; "" when none has one."""
    for field in kind.excerpt_fields:
        found = excerpt(plain(getattr(row, field.name), field.html), query_words)
        if found:
            return found
    return SafeString("")


def application(row, query_words):
    context = [row.get_stage_display()]
    if row.applied_on:
        context.append(f"applied {day(row.applied_on, 'j M Y')}")
    return Result(row.get_absolute_url(), _role(row, query_words), " · ".join(context))


def contact(row, query_words):
    return Result(row.get_absolute_url(), highlight(row.name, query_words), row.describe())


def rejection(row, query_words):
    return Result(
        row.get_absolute_url(),
        _role(row.application, query_words),
        f"{row.get_at_stage_display()} · received {day(row.received_on, 'j M Y')}",
    )


def answer(row, query_words):
    application = row.rejection.application
    who = f"from {row.contact.name}" if row.contact_id else row.get_status_display()
    when = f" · {day(row.received_on, 'j M Y')}" if row.received_on else ""
    return Result(row.get_absolute_url(), _role(application, query_words), f"{who}{when}")


def lesson(row, query_words):
    return Result(
        row.get_absolute_url(),
        highlight(row.title, query_words),
        f"{row.get_category_display()} · {row.get_status_display()}",
    )


def interview(row, query_words):
    return Result(
        row.get_absolute_url(),
        _role(row.application, query_words),
        f"{row.get_kind_display()} · {day(localtime(row.starts_at), 'j M Y, H:i')}",
    )


PRESENTERS = {
    "applications": application,
    "contacts": contact,
    "rejections": rejection,
    "answers": answer,
    "lessons": lesson,
    "interviews": interview,
}
