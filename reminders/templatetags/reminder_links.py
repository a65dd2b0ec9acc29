"""Where a dated thing will show among the reminders, for pages of the floors below
(a contact, step 3): the due list while its day is within the list's LIST_DAYS, else
"later". The rule lives here, beside the lists it points to."""

from datetime import timedelta

from django import template
from django.urls import reverse
from django.utils import timezone

from reminders.building import LIST_DAYS

register = template.Library()


@register.simple_tag
def reminders_url_for(day):
    """/reminders/ for a day within the due list's reach (or past), /reminders/?show=later
    beyond it; `day` is seen from the person's today (the zone the request activated)."""
    url = reverse("reminders:list")
    if day and day > timezone.localdate() + timedelta(days=LIST_DAYS):
        return f"{url}?show=later"
    return url
