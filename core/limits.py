"""The limits of what a person may enter, in one place: the model fields carry these
validators (and AmountField, core/fields.py), and every form, the CSV import and the
account import run the model field's validators, so one field has one limit.

- Days: 1 January 1970 to 31 December 2100, for anything a person enters or a file
  brings (applied, follow-up, check-in, received, target days ...).
- Moments: the same range in UTC. Every IANA zone is within a day of UTC, so a moment in
  range shows in any zone without leaving what Python's dates can hold (the finding:
  an interview at 9999-12-31T23:00Z shown in Pacific/Kiritimati answered 500).
- Amounts (salaries): whole numbers from 0 to 10^12, so that a salary in rupiah, won or
  yen fits, on SQLite and PostgreSQL alike (a 64-bit column).
- Time zones: the IANA zones this Python knows (tzdata).
- Text: each field's max_length, read from the model field (`max_length_of`).
"""

import functools
import zoneinfo
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2100, 12, 31)
EARLIEST_MOMENT = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_MOMENT = datetime(2100, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
DATE_MESSAGE = "Enter a date between 1970 and 2100."

AMOUNT_MAX = 10**12
AMOUNT_MESSAGE = f"Enter a whole amount from 0 to {AMOUNT_MAX:,}."


def in_day_range(day):
    return EARLIEST_DAY <= day <= LATEST_DAY


def validate_day(value):
    """A calendar day between 1970 and 2100."""
    if isinstance(value, datetime):
        value = value.date()
    if not in_day_range(value):
        raise ValidationError(DATE_MESSAGE, code="date_range")


def as_utc(moment):
    """The moment in UTC, naive; a naive moment is read as UTC. None when it is too
    close to the ends of what Python holds to be converted at all."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return None


def validate_moment(value):
    """An instant between the start of 1970 and the end of 2100, in UTC."""
    utc = as_utc(value)
    low, high = (bound.replace(tzinfo=None) for bound in (EARLIEST_MOMENT, LATEST_MOMENT))
    if utc is None or not low <= utc <= high:
        raise ValidationError(DATE_MESSAGE, code="date_range")


def days_later(day, days):
    """`day` plus `days`, kept to the last day a date may be: date arithmetic (a
    follow-up a week on, a check-in a cadence on) never leaves the range nor overflows."""
    if (LATEST_DAY - day).days <= days:
        return LATEST_DAY
    return day + timedelta(days=days)


AMOUNT_VALIDATORS = [
    MinValueValidator(0, message=AMOUNT_MESSAGE),
    MaxValueValidator(AMOUNT_MAX, message=AMOUNT_MESSAGE),
]


@functools.cache
def available_time_zones():
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in available_time_zones():
        raise ValidationError(
            "%(value)s is not a time zone we know. Pick one from the list, e.g. Europe/London.",
            params={"value": value},
            code="time_zone",
        )


def problems(model_field, value):
    """The messages of the model field's validators for `value` (already converted to
    the field's Python type), [] when it passes: how an importer that parses a value
    its own way runs the same limits as the forms."""
    if value in model_field.empty_values:
        return []
    try:
        model_field.run_validators(value)
    except ValidationError as error:
        return list(error.messages)
    return []


def max_length_of(model, name):
    return model._meta.get_field(name).max_length
