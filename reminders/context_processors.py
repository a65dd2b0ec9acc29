"""Counts kept for a while: the navbar's number of reminders due, and the totals of
/reminders/ and the dashboard.

Counting what is due reads every due row of five kinds (thousands in a busy account),
and the counts only change when the day turns or the person changes something: a POST.
So each count is made once and kept in the cache for FRESH_FOR_SECONDS, under a key
made of the user, the day, and a generation kept in the session that every POST
renews (ForgetCountsOnPostMiddleware): after a POST, every worker counts afresh. The
time limit bounds what another device's changes can leave stale. The rows a page lists
are always read afresh. Keeping a count writes nothing to the database.
"""

import secrets

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from reminders.services import due_count

GENERATION_KEY = "counts_generation"
FRESH_FOR_SECONDS = 120


def kept(request, name, count, renew=False):
    """The value of `count()` under `name`, kept or made now; made now and kept anew
    with `renew`, when a page finds the kept value disagrees with the rows it read."""
    generation = request.session.get(GENERATION_KEY, "")
    key = f"counts:{request.user.pk}:{generation}:{request.user.today().isoformat()}:{name}"
    value = None if renew else cache.get(key)
    if value is None:
        value = count()
        cache.set(key, value, FRESH_FOR_SECONDS)
    return value


def due_reminders(request):
    """The navbar's count of reminders due: computed in one query only when a page shows
    it and none is kept."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "reminders_due": SimpleLazyObject(
            lambda: kept(request, "due", lambda: due_count(user, user.today()))
        )
    }


class ForgetCountsOnPostMiddleware:
    """A POST may change what is due: it renews the session's generation, so the next
    page counts again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.method == "POST" and user is not None and user.is_authenticated:
            request.session[GENERATION_KEY] = secrets.token_hex(4)
        return self.get_response(request)
