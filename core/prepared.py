"""Queries the ORM builds once per process and shape, then runs with new values.

A query of several unions and filtered counts costs the ORM milliseconds of Python to
build and compile: several times what the database takes to answer it from its
indexes, and more than a whole bare page. run() builds such a query once for its shape
with stand-in values (a user id, a day and a moment that no real row has), finds where
each stand-in landed among the statement's parameters, and from then on only puts the
real values in: a day as an offset from the stand-in day, a moment at a local time of
a day (the start of it, in the user's zone) made afresh in that zone, a moment as an
offset from the stand-in moment. What is kept is a statement, never a row or a count:
it is as right after any change, on any server, as a query built afresh.
tests/core/test_prepared.py checks the filled statement is the one the ORM builds,
across zones, clock changes and days.

A query that does arithmetic on the values other than these (a day's weekday, a
month) must not come here: build() sees only the stand-ins.
"""

import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection

STAND_IN_PK = -7_312_000_001
STAND_IN_DAY = date(2222, 2, 2)
STAND_IN_NOW = datetime(2444, 4, 4, 4, 4, 4, 444444, tzinfo=UTC)
NEAR = timedelta(days=3650)  # how far from a stand-in a value derived from it may land

_statements = {}


@dataclass(frozen=True)
class Slot:
    """Where one parameter of a statement comes from."""

    source: str  # "constant", "pk", "day", "local" (a time of a day) or "now"
    value: object = None  # the constant, or the offset from the stand-in
    at: time | None = None  # "local": the local time of day
    text: bool = False  # the database takes it as text (SQLite)


def run(key, build, user, today, now):
    """The rows of `build(user, today, now)`, a queryset of values, as dicts of what the
    database returned (no field converters: for counts and keys). `key` names the
    shape: everything besides the user's id, `today` and `now` that build() reads (the
    user's time zone and the database are added here)."""
    key = (key, connection.vendor, user.time_zone)
    statement = _statements.get(key)
    if statement is None:
        statement = _statements[key] = prepare(build, user)
    sql, slots = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, fill(slots, user, today, now))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def stand_in_user(user):
    stand_in = copy.copy(user)
    stand_in.pk = STAND_IN_PK
    return stand_in


def prepare(build, user):
    """The statement of build() for a stand-in user, day and moment, and its slots."""
    sql, params = build(stand_in_user(user), STAND_IN_DAY, STAND_IN_NOW).query.sql_with_params()
    return sql, [slot_of(param, user.zone) for param in params]


def slot_of(param, zone):
    if isinstance(param, int) and not isinstance(param, bool) and param == STAND_IN_PK:
        return Slot("pk")
    text = isinstance(param, str)
    value = read_moment(param) if text else param
    if isinstance(value, datetime):
        if abs(value - STAND_IN_NOW) < NEAR:
            return Slot("now", value - STAND_IN_NOW, text=text)
        local = value.astimezone(zone)
        if abs(local.date() - STAND_IN_DAY) < NEAR:
            return Slot("local", local.date() - STAND_IN_DAY, local.time(), text)
    elif isinstance(value, date) and abs(value - STAND_IN_DAY) < NEAR:
        return Slot("day", value - STAND_IN_DAY, text=text)
    if isinstance(value, date):
        # A real day baked into the statement would be kept for every later call.
        raise ValueError(f"{param!r} is a day or moment not made from the stand-ins.")
    return Slot("constant", param)


def read_moment(text):
    """A day or a moment as SQLite is given them (a moment in UTC), or None."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def fill(slots, user, today, now):
    ops = connection.ops
    params = []
    for slot in slots:
        if slot.source == "constant":
            params.append(slot.value)
            continue
        if slot.source == "pk":
            params.append(user.pk)
            continue
        if slot.source == "day":
            value = today + slot.value
        elif slot.source == "local":
            value = datetime.combine(today + slot.value, slot.at, tzinfo=user.zone)
        else:
            value = now + slot.value
        if slot.text:
            adapt = (
                ops.adapt_datetimefield_value if slot.source != "day" else ops.adapt_datefield_value
            )
            value = adapt(value)
        params.append(value)
    return params
