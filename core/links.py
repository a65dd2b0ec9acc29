"""Links for pages that show many rows with the same kinds of link."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

MARKER = "9081726354"  # a number no route expects, standing in for the pk


def pk_url(name, *args):
    """reverse(name, args=[*args, pk]) as a function of pk, for a page with a link of
    the same kind on each of many rows: a reverse() per link costs more than the rest of
    the row. It reverses and escapes once, with a marker where the pk goes; the links
    it makes are safe HTML, as the rest of each is the pk's digits."""
    before, _, after = (
        escape(part) for part in reverse(name, args=[*args, MARKER]).rpartition(MARKER)
    )
    return lambda pk: mark_safe(f"{before}{int(pk)}{after}")
