from django.urls import path, register_converter

from reminders import stale, views
from reminders.kinds import ACTIONABLE


class ActionableKind:
    """Only the kinds of reminder that can be done or snoozed; anything else is a 404."""

    regex = "|".join(ACTIONABLE)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class CalendarToken:
    """A calendar token's shape: token_urlsafe(32) gives 43 URL-safe characters."""

    regex = "[A-Za-z0-9_-]{43}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ActionableKind, "reminder_kind")
register_converter(CalendarToken, "calendar_token")

app_name = "reminders"

urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("calendar/<calendar_token:token>.ics", views.calendar_feed, name="calendar"),
    path("<reminder_kind:kind>/<int:pk>/done/", views.done, name="done"),
    path("<reminder_kind:kind>/<int:pk>/snooze/", views.snooze, name="snooze"),
]

# Under /applications/, in the applications namespace (config/urls.py): the applications
# with no news, to mark as no response several at once.
application_patterns = [
    path("stale/", stale.stale, name="stale"),
]
