import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Activates the signed-in user's time zone, so "today" is their today, for the
    request only: the zone is dropped again once the response is made, so it does not
    linger in the thread for whatever runs next."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
