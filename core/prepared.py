"""Queries the ORM builds once per process and shape, then runs with new values.

A query of several unions and filtered counts costs the ORM milliseconds of Python to
build and compile: several times what the database takes to answer it from its
indexes, and more than a whole bare page. run() builds such a query once for its shape
with stand-in values (a user id, a day and a moment that no real row has), finds where
each stand-in landed among the statement's parameters, and from then on only puts the
real values in: a day as an offset from the stand-in day, a moment at a local time of
a day (the start of it, in the user's zone) made afresh in that zone, a moment as an
offset from the stand-in moment, the first day of a month (or a local time of it) as a
number of months from today's (see month_start()). What is kept is a statement, never
a row or a count: it is as right after any change, on any server, as a query built
afresh.
tests/core/test_prepared.py checks the filled statement is the one the ORM builds,
across zones, clock changes and days.

A query that does arithmetic on the values other than these (a day's weekday, the
length of a month) must not come here: build() sees only the stand-ins. Months are
counted with month_start(), which knows the stand-in day.
"""

import copy
import re
import weakref
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F

STAND_IN_PK = -7_312_000_001
STAND_IN_OF = -7_312_000_002  # the pk of the one row a query is about (run()'s `of`)
STAND_IN_DAY = date(2222, 2, 2)
STAND_IN_NOW = datetime(2444, 4, 4, 4, 4, 4, 444444, tzinfo=UTC)
# The first day of the stand-in day's month, as month_start() gives it to build(): far
# from the other stand-ins, so that a month's bound is never read as a day's offset.
STAND_IN_MONTH = date(3333, 3, 1)
NEAR = timedelta(days=3650)  # how far from a stand-in a value derived from it may land

_statements = {}


@dataclass(frozen=True)
class Slot:
    """Where one parameter of a statement comes from."""

    source: str  # "constant", "pk", "of", "day", "local" (a time of a day), "now" or "month"
    value: object = None  # the constant, or the offset from the stand-in (months: a number)
    at: time | None = None  # "local", "month": the local time of day (a month: None, a day)
    text: bool = False  # the database takes it as text (SQLite)


@dataclass(frozen=True)
class Statement:
    """A statement made of several querysets (union_all), with its columns' converters:
    what the ORM would turn each column's value into (a day, a moment in its zone)."""

    sql: str
    params: list
    converters: dict  # column position -> (converters, expression), as the ORM keeps them
    names: tuple = ()  # the rows' keys; the statement's column names when empty


def compiled(queryset, names=()):
    """The Statement of a values() queryset, ordered and sliced as it is."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
    return Statement(sql, list(params), compiler.get_converters(columns), tuple(names))


def selected(queryset, columns):
    """The Statement of `queryset` (ordered and sliced as it is) reading `columns`, a
    dict of names and expressions (a field's name for the field), its rows' keys those
    names: unlike values(), a name may be a field's (pk, title) and say what another is.
    Aggregates (a Count) come last, and count the rows per the other columns' values."""
    aliased = {f"col_{number}": column for number, column in enumerate(columns.values())}
    aliased = {
        alias: F(column) if isinstance(column, str) else column for alias, column in aliased.items()
    }
    counted = {
        alias: column
        for alias, column in aliased.items()
        if getattr(column, "contains_aggregate", False)
    }
    if list(counted) != list(aliased)[len(aliased) - len(counted) :]:
        raise ValueError("A statement's aggregates are its last columns.")
    rows = queryset.values(**{alias: aliased[alias] for alias in aliased if alias not in counted})
    return compiled(rows.annotate(**counted) if counted else rows, names=columns)


def union_all(parts):
    """One Statement of the rows of every part, a (queryset, columns) pair as selected()
    reads: the same names in the same order and of the same types, each queryset may be
    ordered and sliced (each is read as a subquery, which SQLite, unlike the ORM's
    union(), allows to be). A queryset the ORM knows to be empty (such as one sliced to
    no rows) is left out; with none left, the statement is empty and run() makes no
    query."""
    statements = []
    for queryset, columns in parts:
        try:
            statements.append(selected(queryset, columns))
        except EmptyResultSet:
            continue
    if not statements:
        return Statement("", [], {})
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({part.sql}) AS part_{number}" for number, part in enumerate(statements)
    )
    params = [param for part in statements for param in part.params]
    return Statement(sql, params, statements[0].converters, statements[0].names)


def run(key, build, user, today, now, of=None):
    """The rows of `build(user, today, now)`, a queryset of values, as dicts of what the
    database returned (no field converters: for counts and keys), or a Statement, as
    dicts of the values its converters make. `key` names the shape: everything besides
    the user's id, `today` and `now` (and `of`) that build() reads (the user's time zone
    and the database are added here). With `of`, the pk of the one row the query is about
    (a company), build() takes a stand-in for it as a fourth argument."""
    key = (key, connection.vendor, user.time_zone, of is not None)
    statement = _statements.get(key)
    if statement is None:
        statement = prepare_with_converters(build, user, of is not None)
        if connection.vendor == "sqlite":
            statement = (*sqlite_statement(*statement[:2]), *statement[2:])
        # A union's rows leave empty the columns of the kinds they are not: a column
        # whose converters keep an empty value empty is not converted when empty.
        kept = {position for position, chain in statement[2].items() if none_kept(*chain)}
        statement = _statements[key] = (*statement, kept)
    sql, slots, converters, names, none_stays = statement
    if not sql:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            execute_prepared(cursor, key, sql, slots, fill(slots, user, today, now, of))
        else:  # SQLite keeps the plans of its recent statements itself
            cursor.execute(sql, fill(slots, user, today, now, of))
        names = names or [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    if converters:
        for row_number, row in enumerate(rows):
            row = list(row)
            for position, (functions, expression) in converters.items():
                if row[position] is None and position in none_stays:
                    continue
                for convert in functions:
                    row[position] = convert(row[position], expression, connection)
            rows[row_number] = row
    return [dict(zip(names, row, strict=True)) for row in rows]


def none_kept(functions, expression):
    """Whether these converters make None of None."""
    value = None
    for convert in functions:
        value = convert(value, expression, connection)
    return value is None


# PostgreSQL plans a statement afresh each time it is sent, and for a union of a dozen
# joins that takes several times as long as running it (9 ms against 2 ms for the due
# rows of /reminders/). A statement PREPAREd once on a connection is planned there once
# for all its values (plan_cache_mode = force_generic_plan, config/settings.py): its
# constants (a stage, a status, a kind's name) are written into it, so that partial
# indexes still match, and only the user, the days and the moments are its parameters.
PG_TYPES = {
    "pk": "bigint",
    "of": "bigint",
    "day": "date",
    "local": "timestamptz",
    "now": "timestamptz",
}


def pg_type(slot):
    if slot.source == "month":
        return "date" if slot.at is None else "timestamptz"
    return PG_TYPES[slot.source]


_prepared_on = weakref.WeakKeyDictionary()  # database connection -> {key: statement name}


def execute_prepared(cursor, key, sql, slots, values):
    """Runs the statement `sql` of `slots` with `values` as a statement prepared on this
    connection (once, under a name of its own)."""
    names = _prepared_on.setdefault(connection.connection, {})
    name = names.get(key)
    if name is None:
        name = f"onward_{len(names)}"
        # Straight to the driver: part of setting up the connection, not one of the
        # page's queries (the query-count tests would count it on the first page only).
        cursor.cursor.execute(server_statement(name, sql, slots))
        names[key] = name
    wanted = [value for slot, value in zip(slots, values, strict=True) if slot.source != "constant"]
    arguments = f"({', '.join(['%s'] * len(wanted))})" if wanted else ""
    # Which statement it runs, for whoever reads the queries logged: the shape's name.
    shape = re.sub(r"[^\w.]", "", str(key[0] if isinstance(key[0], str) else key[0][0]))
    cursor.execute(f"/* {shape} */ EXECUTE {name}{arguments}", wanted)


def sqlite_statement(sql, slots):
    """`sql` (the ORM's, with %s where each slot goes) with its text and whole-number
    constants written in as SQLite literals, as PREPARE has them on PostgreSQL: SQLite
    uses a partial index only for a statement whose own terms match its condition, and
    a stage given as a parameter does not. Returns the statement and the slots left
    parameters."""
    parts, kept, slot_iter = [], [], iter(slots)
    for token in re.split(r"(%%|%s)", sql):
        if token != "%s":
            parts.append(token)
            continue
        slot = next(slot_iter)
        literal = sqlite_literal(slot.value) if slot.source == "constant" else None
        if literal is None:
            kept.append(slot)
            parts.append(token)
        else:  # (the statement is still run with parameters: % is written %%)
            parts.append(literal.replace("%", "%%"))
    return "".join(parts), kept


def sqlite_literal(value):
    """An SQLite literal of a text or whole-number constant; None for any other."""
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def server_statement(name, sql, slots):
    """PREPARE `name` for `sql` (the ORM's, with %s where each slot goes): a constant
    written in as a literal, every other slot a typed parameter ($1, $2...)."""
    parts, types, slot_iter = [], [], iter(slots)
    for token in re.split(r"(%%|%s)", sql):
        if token == "%%":
            parts.append("%")
        elif token == "%s":
            slot = next(slot_iter)
            if slot.source == "constant":
                parts.append(connection.ops.compose_sql("%s", [slot.value]))
            else:
                types.append(pg_type(slot))
                parts.append(f"${len(types)}")
        else:
            parts.append(token)
    declared = f" ({', '.join(types)})" if types else ""
    return f"PREPARE {name}{declared} AS {''.join(parts)}"


def stand_in_user(user):
    stand_in = copy.copy(user)
    stand_in.pk = STAND_IN_PK
    return stand_in


def prepare(build, user):
    """The statement of build() for a stand-in user, day and moment, and its slots."""
    sql, slots, _, _ = prepare_with_converters(build, user)
    return sql, slots


def prepare_with_converters(build, user, with_of=False):
    of = (STAND_IN_OF,) if with_of else ()
    built = build(stand_in_user(user), STAND_IN_DAY, STAND_IN_NOW, *of)
    if isinstance(built, Statement):
        sql, params, converters, names = built.sql, built.params, built.converters, built.names
    else:
        (sql, params), converters, names = built.query.sql_with_params(), {}, ()
    return sql, [slot_of(param, user.zone) for param in params], converters, names


def slot_of(param, zone):
    if isinstance(param, int) and not isinstance(param, bool) and param == STAND_IN_PK:
        return Slot("pk")
    if isinstance(param, int) and not isinstance(param, bool) and param == STAND_IN_OF:
        return Slot("of")
    text = isinstance(param, str)
    value = read_moment(param) if text else param
    if isinstance(value, datetime):
        if abs(value - STAND_IN_NOW) < NEAR:
            return Slot("now", value - STAND_IN_NOW, text=text)
        local = value.astimezone(zone)
        if abs(local.date() - STAND_IN_DAY) < NEAR:
            return Slot("local", local.date() - STAND_IN_DAY, local.time(), text)
        if abs(local.date() - STAND_IN_MONTH) < NEAR:
            return Slot("month", months_from_stand_in(local.date()), local.time(), text)
    elif isinstance(value, date) and abs(value - STAND_IN_DAY) < NEAR:
        return Slot("day", value - STAND_IN_DAY, text=text)
    elif isinstance(value, date) and abs(value - STAND_IN_MONTH) < NEAR:
        return Slot("month", months_from_stand_in(value), text=text)
    if isinstance(value, date):
        # A real day baked into the statement would be kept for every later call.
        raise ValueError(f"{param!r} is a day or moment not made from the stand-ins.")
    return Slot("constant", param)


def month_start(today, months=0):
    """The first day of the month `months` after today's (before it, when negative). For
    the stand-in day it counts from STAND_IN_MONTH instead, and a statement holding that
    day (or a local time of it) is filled in with the same month from each call's today:
    build() may bound months, as it may not do arithmetic on the stand-in day itself."""
    start = STAND_IN_MONTH if today == STAND_IN_DAY else today
    number = start.year * 12 + start.month - 1 + months  # months since year 0
    return date(number // 12, number % 12 + 1, 1)


def months_from_stand_in(day):
    if day.day != 1:
        raise ValueError(f"{day!r} is near the stand-in month but not the first of a month.")
    return (day.year - STAND_IN_MONTH.year) * 12 + day.month - STAND_IN_MONTH.month


def read_moment(text):
    """A day or a moment as SQLite is given them (a moment in UTC), or None."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def fill(slots, user, today, now, of=None):
    ops = connection.ops
    params = []
    for slot in slots:
        if slot.source == "constant":
            params.append(slot.value)
            continue
        if slot.source == "pk":
            params.append(user.pk)
            continue
        if slot.source == "of":
            params.append(of)
            continue
        if slot.source == "day":
            value = today + slot.value
        elif slot.source == "local":
            value = datetime.combine(today + slot.value, slot.at, tzinfo=user.zone)
        elif slot.source == "month":
            value = month_start(today, slot.value)
            if slot.at is not None:
                value = datetime.combine(value, slot.at, tzinfo=user.zone)
        else:
            value = now + slot.value
        if slot.text:
            is_day = isinstance(value, date) and not isinstance(value, datetime)
            adapt = ops.adapt_datefield_value if is_day else ops.adapt_datetimefield_value
            value = adapt(value)
        params.append(value)
    return params
