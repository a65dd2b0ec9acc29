"""The navbar's count of reminders due, kept for a while (core/cached_counts.py)."""

from django.utils.functional import SimpleLazyObject

from core.cached_counts import cached_count
from reminders.sources import due_count


def due_reminders(request):
    """The navbar's count of reminders due: computed in one query only when a page shows
    it and none is kept."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "reminders_due": SimpleLazyObject(
            lambda: cached_count(request, "due", lambda: due_count(user, user.today()))
        )
    }
