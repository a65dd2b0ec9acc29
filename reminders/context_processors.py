import time

from django.utils.functional import SimpleLazyObject

from reminders.services import due_count

SESSION_KEY = "reminders_due"
# The count only changes when the day turns or the person changes something (a POST,
# which clears it); the time limit bounds what another device's changes can leave stale.
FRESH_FOR_SECONDS = 120


def due_reminders(request):
    """The navbar's count of reminders due. Computed in one query only when a page shows
    it, then kept in the session for the day until the next POST or two minutes pass, so
    most pages pay nothing for it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        today = user.today().isoformat()
        kept = request.session.get(SESSION_KEY)
        if kept and kept["day"] == today and time.time() - kept["at"] < FRESH_FOR_SECONDS:
            return kept["count"]
        value = due_count(user, user.today())
        request.session[SESSION_KEY] = {"day": today, "at": time.time(), "count": value}
        return value

    return {"reminders_due": SimpleLazyObject(count)}


class ForgetDueCountOnPostMiddleware:
    """A POST may change what is due: the next page counts again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and SESSION_KEY in getattr(request, "session", {}):
            del request.session[SESSION_KEY]
        return self.get_response(request)
