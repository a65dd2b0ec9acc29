"""Template tags and filters any page may use: navigation, days, counts, text."""

from datetime import date, datetime

from django import template
from django.middleware.csrf import get_token
from django.template import defaultfilters
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core import days, notices
from core.html import fill, join
from core.links import route_url, static_url

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label, exact=False, but=""):
    """A navbar link, marked as the current page where it is (or below it, unless
    `exact`; but not below the url named `but`, which has a link of its own)."""
    url = route_url(url_name)
    path = context["request"].path
    current = path == url or (not exact and path.startswith(url))
    if but and path.startswith(route_url(but)):
        current = path == url
    if current:
        return format_html(
            '<li class="nav-item"><a class="nav-link active" aria-current="page" '
            'href="{}">{}</a></li>',
            url,
            label,
        )
    return format_html('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>', url, label)


@register.simple_tag
def route(url_name):
    """{% url url_name %} for a route without arguments, reversed once per URLconf and
    script prefix (core.links.route_url): a {% url %} reverses on every render."""
    return route_url(url_name)


@register.simple_tag
def asset(path):
    """{% static path %}, its address made once per path (core.links.static_url)."""
    return static_url(path)


@register.simple_tag
def select_options(field):
    """The <option>s of a bound choice field's <select>, the one it has selected marked
    (compared as text, as the filter forms' values come from a query string)."""
    current = str(field.value())
    return join(
        fill(
            '<option value="{value}"{selected}>{label}</option>',
            value=value,
            selected=SELECTED if str(value) == current else "",
            label=label,
        )
        for value, label in field.field.choices
    )


SELECTED = mark_safe(" selected")


@register.filter
def relative_day(moment):
    """A date, or a datetime's day in the person's zone, as they would say it from their
    today: "today", "yesterday", "tomorrow", "in 3 days", "3 days ago", "in 3 months"
    (see core.days). The zone is the one activated for the request (the user's own:
    accounts.middleware), so "today" is their today, not the server's; empty for no
    date. Use it instead of timesince, which counts hours from an instant."""
    if not moment:
        return ""
    day = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
    return days.relative_day(day, timezone.localdate())


@register.filter
def lowerfirst(text):
    """ "Mock interviews" → "mock interviews" for use mid-sentence; "SQL course" and
    "Python" stay as they are when the first word looks like a name or an acronym."""
    text = str(text)
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first[1:].lower() != first[1:] or first in PROPER_WORDS):
        return text
    return text[:1].lower() + text[1:]


@register.filter
def full_stop(text):
    """A name that ends a sentence, with its full stop: "Acme." but "Acme S.A." (not
    "S.A..") and "Yahoo!"."""
    text = str(text)
    return text if text.rstrip().endswith((".", "!", "?", "…")) else f"{text}."


# First words of lesson titles that keep their capital mid-sentence.
PROPER_WORDS = {"Python", "Java", "JavaScript", "Django", "Excel", "English", "German", "French"}


@register.filter(is_safe=True)
def count(value):
    """A count as people write it: 12,345. The same text as floatformat:"g" gives a
    whole number in English, without its Decimal arithmetic (pages print dozens)."""
    if isinstance(value, int):
        return f"{value:,}"
    return defaultfilters.floatformat(value, "g")


@register.simple_tag(takes_context=True)
def message_button(context, message, htmx_target=""):
    """The POST button a flash message carries (core.notices), as a small form that
    comes back to this page; with `htmx_target` ("#board"), htmx swaps that element
    for the same element of the answer."""
    action = notices.button_of(message)
    if action is None:
        return ""
    request = context["request"]
    hidden = format_html_join(
        "",
        '<input type="hidden" name="{}" value="{}">',
        [(name, value) for name, value in action["fields"].items()],
    )
    htmx = ""
    if htmx_target:
        htmx = format_html(
            ' hx-post="{}" hx-target="{}" hx-select="{}" hx-swap="outerHTML"',
            action["url"],
            htmx_target,
            htmx_target,
        )
    return format_html(
        '<form method="post" action="{}" class="message-button"{}>'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">{}'
        '<button type="submit" class="btn btn-sm btn-outline-dark">{}</button></form>',
        action["url"],
        htmx,
        get_token(request),
        request.get_full_path(),
        hidden,
        action["label"],
    )


MONTHS = (None, *(date(2000, month, 1).strftime("%B") for month in range(1, 13)))
WEEKDAYS = tuple(date(2001, 1, day).strftime("%A") for day in range(1, 8))  # Monday first
# The date-format letters `day` writes itself, as Django's date filter does in English;
# a format with any other letter (or an escape) goes to the date filter.
DAY_PARTS = {
    "j": lambda value: str(value.day),
    "d": lambda value: f"{value.day:02}",
    "m": lambda value: f"{value.month:02}",
    "M": lambda value: MONTHS[value.month][:3],
    "F": lambda value: MONTHS[value.month],
    "Y": lambda value: f"{value.year:04}",
    "D": lambda value: WEEKDAYS[value.weekday()][:3],
    "l": lambda value: WEEKDAYS[value.weekday()],
    "c": lambda value: value.isoformat(),
}
TIME_PARTS = {
    "H": lambda value: f"{value.hour:02}",
    "i": lambda value: f"{value.minute:02}",
}
_day_formats = {}
_timed_formats = set()  # the formats among them with a time letter


def day_format(text):
    """The parts of a date format: a letter's function or the text itself; None when
    the format has a letter `day` leaves to the date filter."""
    if text not in _day_formats:
        parts = []
        for char in text:
            part = DAY_PARTS.get(char) or TIME_PARTS.get(char)
            if part is None and (char.isalpha() or char == "\\"):
                parts = None
                break
            if char in TIME_PARTS:
                _timed_formats.add(text)
            parts.append(part or char)
        _day_formats[text] = parts
    return _day_formats[text]


@register.filter(expects_localtime=True, is_safe=False)
def day(value, arg):
    """What {{ value|date:arg }} writes, for the formats pages print on every row
    ("j M Y", "D j M, H:i"): the date filter takes about 30 µs a date (a Formatter
    splitting the format, lazy month names), this a microsecond. A datetime is shown in
    the active zone, as by the date filter (expects_localtime); any other format, or
    time letters for a date, go to the date filter itself."""
    if value is None or value == "":
        return ""
    parts = day_format(arg)
    if parts is None or not isinstance(value, date):
        return defaultfilters.date(value, arg)
    if arg in _timed_formats and not isinstance(value, datetime):
        return defaultfilters.date(value, arg)
    return "".join([part if type(part) is str else part(value) for part in parts])
