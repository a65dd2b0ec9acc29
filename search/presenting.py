"""How each kind of result reads on the page: a link, a line of context, and an
excerpt of the first searched field (search.kinds) where the words were found, matches
marked. A row is a dict of the values its kind reads (search.kinds.Kind.reads)."""

from dataclasses import dataclass
from functools import cache

from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from applications.models import Application, Interview
from contacts.models import describe
from core.links import object_url
from core.templatetags.onward import day
from feedback.models import FeedbackRequest, Lesson, Rejection
from search.highlight import excerpt, highlight
from search.words import plain


@dataclass
class Result:
    url: str
    title: SafeString
    context: str
    excerpt: str = ""  # a SafeString when there is one


@cache
def _labels(model, field):
    """{value: label} of a field's choices, as get_FOO_display reads them."""
    return dict(model._meta.get_field(field).flatchoices)


def _label(model, field, value):
    return _labels(model, field).get(value, value)


def _role(title, company, query_words):
    """ "Engineer at Acme", both parts marked."""
    return highlight(title, query_words) + SafeString(" at ") + highlight(company, query_words)


def first_excerpt(kind, row, query_words):
    """The excerpt of the first of the kind's fields (but those the link shows) in
    which a query word begins a word; "" when none has one."""
    for field in kind.excerpt_fields:
        found = excerpt(plain(row[field.name], field.html), query_words)
        if found:
            return found
    return SafeString("")


def application(row, query_words):
    context = [_label(Application, "stage", row["stage"])]
    if row["applied_on"]:
        context.append(f"applied {day(row['applied_on'], 'j M Y')}")
    return Result(
        object_url("applications:detail", row["pk"]),
        _role(row["title"], row["company__name"], query_words),
        " · ".join(context),
    )


def contact(row, query_words):
    return Result(
        object_url("contacts:detail", row["pk"]),
        highlight(row["name"], query_words),
        describe(row["name"], row["title"], row["relation"], row["company__name"]),
    )


def rejection(row, query_words):
    stage = _label(Rejection, "at_stage", row["at_stage"])
    return Result(
        object_url("rejections:detail", row["pk"]),
        _role(row["application__title"], row["application__company__name"], query_words),
        f"{stage} · received {day(row['received_on'], 'j M Y')}",
    )


def answer(row, query_words):
    if row["contact__name"] is not None:
        who = f"from {row['contact__name']}"
    else:
        who = _label(FeedbackRequest, "status", row["status"])
    when = f" · {day(row['received_on'], 'j M Y')}" if row["received_on"] else ""
    return Result(
        object_url("feedback:detail", row["pk"]),
        _role(
            row["rejection__application__title"],
            row["rejection__application__company__name"],
            query_words,
        ),
        f"{who}{when}",
    )


def lesson(row, query_words):
    category = _label(Lesson, "category", row["category"])
    return Result(
        object_url("lessons:detail", row["pk"]),
        highlight(row["title"], query_words),
        f"{category} · {_label(Lesson, 'status', row['status'])}",
    )


def interview(row, query_words):
    kind = _label(Interview, "kind", row["kind"])
    return Result(
        object_url("applications:detail", row["application_id"]),
        _role(row["application__title"], row["application__company__name"], query_words),
        f"{kind} · {day(localtime(row['starts_at']), 'j M Y, H:i')}",
    )


PRESENTERS = {
    "applications": application,
    "contacts": contact,
    "rejections": rejection,
    "answers": answer,
    "lessons": lesson,
    "interviews": interview,
}
