"""Links for pages that show many rows with the same kinds of link."""

from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
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


# Each route's link as a function of the pk, made once per URLconf and script prefix:
# what a model's get_absolute_url() returns, for lists that show one on every row.
_object_urls = {}


def route_url(name):
    """reverse(name) for a route without arguments (the navbar's), reversed once per
    URLconf and script prefix, as object_url keeps its routes."""
    key = (name, get_urlconf(), get_script_prefix())
    url = _object_urls.get(key)
    if url is None:
        url = _object_urls[key] = reverse(name)
    return url


def object_url(name, pk):
    """reverse(name, args=[pk]) for a whole-number pk (a model's get_absolute_url), from
    the route reversed once with a marker where the pk goes: a reverse() costs more than
    the rest of a list's row. The route's text only changes with the code, so keeping
    it is no cache of anyone's data; anything but an int goes through reverse()."""
    if type(pk) is not int:
        return reverse(name, args=[pk])
    key = (name, get_urlconf(), get_script_prefix())
    parts = _object_urls.get(key)
    if parts is None:
        before, _, after = reverse(name, args=[MARKER]).rpartition(MARKER)
        parts = _object_urls[key] = (before, after)
    return f"{parts[0]}{pk}{parts[1]}"


# A static file's address per script prefix, as {% static %} makes it: the storage's
# answer only changes with the settings (and the files, which a deployment restarts for).
_static_urls = {}


def static_url(path):
    """{% static path %}'s address, made once per path and script prefix: the storage
    joins and quotes it (and a manifest looks its hashed name up) on every call, and
    every page has half a dozen in its <head> and navbar."""
    key = (path, get_script_prefix())
    url = _static_urls.get(key)
    if url is None:
        url = _static_urls[key] = static(path)
    return url


def _forget_static_urls(*, setting, **kwargs):
    if setting in {"STATIC_URL", "STORAGES", "DEBUG", "FORCE_SCRIPT_NAME"}:
        _static_urls.clear()


setting_changed.connect(_forget_static_urls)
