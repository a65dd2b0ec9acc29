from django.utils.functional import SimpleLazyObject

from reminders.services import due_count


def due_reminders(request):
    """The navbar's count of reminders due: one query, and only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"reminders_due": SimpleLazyObject(lambda: due_count(user, user.today()))}
