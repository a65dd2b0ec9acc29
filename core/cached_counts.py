"""Counts kept in the cache for a while, for pages that would otherwise count the same
rows on every view (the navbar's number of reminders due, the totals of /reminders/ and
the dashboard).

A count is made once and kept for FRESH_FOR_SECONDS under a key made of the user, the
user's day, and a generation kept in the session that every POST renews
(RenewCountsOnPostMiddleware): after a POST, every worker counts afresh. The time limit
bounds what another device's changes can leave stale. Keeping a count writes nothing to
the database.
"""

import secrets
import time

from django.core.cache import cache

GENERATION_KEY = "counts_generation"
FRESH_FOR_SECONDS = 120


def cached_count(request, name, count, renew=False):
    """The value of `count()` under `name`, kept or made now; made now and kept anew
    with `renew`, when a page finds the kept value disagrees with the rows it read."""
    generation = request.session.get(GENERATION_KEY, "")
    key = f"counts:{request.user.pk}:{generation}:{request.user.today().isoformat()}:{name}"
    now = time.time()
    # The age is checked here, not left to the cache's own expiry: Redis times that on
    # its server's clock, which a test's frozen clock does not move.
    kept = None if renew else cache.get(key)
    if kept is not None and 0 <= now - kept[0] < FRESH_FOR_SECONDS:
        return kept[1]
    value = count()
    cache.set(key, (now, value), FRESH_FOR_SECONDS)
    return value


class RenewCountsOnPostMiddleware:
    """A POST may change any count: it renews the session's generation, so the next
    page counts again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.method == "POST" and user is not None and user.is_authenticated:
            request.session[GENERATION_KEY] = secrets.token_hex(4)
        return self.get_response(request)
