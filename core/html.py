"""Rows of a long list written by Python rather than by the template engine.

A list's rows are where a page's time goes: the engine looks each {{ value }} up
through dict, attribute and call attempts, then localizes and escapes it through
lazy-string checks, some thirty calls a value. A row written here is a str.format
template of its HTML filled with values escaped once each, as the engine escapes
them: a safe string (a link, a badge) is put in as it is, anything else escaped.
The list's template keeps its table and calls a tag that returns the rows."""

from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe


def text(value):
    """`value` as the template engine writes {{ value }} with autoescape on (for
    values that are text, safe HTML or numbers written as text)."""
    if isinstance(value, SafeData):
        return value
    return escape(str(value), quote=True)


def fill(template, **values):
    """`template`, a str.format template of HTML, with each of `values` as text():
    format_html() without its per-value lazy-string checks."""
    return mark_safe(template.format_map({name: text(value) for name, value in values.items()}))


def join(parts):
    """Rows (or any safe HTML) as one safe string."""
    return mark_safe("".join(parts))


def csrf_input(context):
    """What {% csrf_token %} writes, made once for the page's many forms."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
