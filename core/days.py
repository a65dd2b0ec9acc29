"""Days as a person says them: "today", "yesterday", "in 3 days", from their own today.

One rule for every page (the relative_day template filter) and for the reminders'
sentences (reminders/building.py): the distance is counted in whole calendar days of the
person's zone, never in hours since an instant ("15 hours, 44 minutes ago")."""

from calendar import monthrange
from datetime import date, timedelta

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


# Working days are Monday to Friday (no public holidays: they differ by country).
WEEKEND = (5, 6)


def last_working_day(day):
    """`day`, or the Friday before it when it falls on a weekend."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


def add_working_days(day, count):
    """The `count`-th working day after `day` (a weekend day counts from the Friday
    before it: Saturday plus one working day is Monday)."""
    weeks, rest = divmod(count, 5)
    day = last_working_day(day) + timedelta(weeks=weeks)
    while rest:
        day += timedelta(days=1)
        if day.weekday() not in WEEKEND:
            rest -= 1
    return day


def latest_start_for(day, count):
    """The latest day from which `count` working days have passed by `day`: the last
    `since` with add_working_days(since, count) <= day."""
    weeks, rest = divmod(count, 5)
    start = last_working_day(day) - timedelta(weeks=weeks)
    while rest:
        start -= timedelta(days=1)
        if start.weekday() not in WEEKEND:
            rest -= 1
    # The weekend after a Friday start counts from that Friday too.
    return start + timedelta(days=2) if start.weekday() == 4 else start
