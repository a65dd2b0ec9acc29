"""Days as a person says them: "today", "yesterday", "in 3 days", from their own today.

One rule for every page (the relative_day template filter) and for the reminders'
sentences (reminders/building.py): the distance is counted in whole calendar days of the
person's zone, never in hours since an instant ("15 hours, 44 minutes ago")."""

from calendar import monthrange
from datetime import date

# Past these many days, the distance is said in weeks, then in months, then in years.
DAYS_UP_TO = 13
WEEKS_UP_TO = 8


def relative_day(day, today, exact=False):
    """`day` (a date) as seen from `today` (the person's today): "today", "yesterday",
    "tomorrow", "in 3 days", "3 days ago", then "in 2 weeks", "in 3 months", "in 2 years"
    (rounded to the nearest whole unit); `exact` keeps counting in days ("92 days ago",
    as the reminders' sentences say it)."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    span = abs(days)
    if exact or span <= DAYS_UP_TO:
        amount, unit = span, "day"
    elif span < WEEKS_UP_TO * 7:
        amount, unit = round(span / 7), "week"
    elif span < 365 - 15:
        amount, unit = max(2, round(span / 30.44)), "month"
    else:
        amount, unit = max(1, round(span / 365.25)), "year"
    said = f"{amount} {unit}{'' if amount == 1 else 's'}"
    return f"in {said}" if days > 0 else f"{said} ago"


def months_after(day, months):
    """The same day `months` later (the month's last day where it has fewer days: 31
    August and 6 months is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))
