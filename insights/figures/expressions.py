"""The database functions the figures' queries use: which month a datetime falls in,
and the days between two dates."""

from django.db.models import Func, IntegerField


class MonthIndex(Func):
    """Which of the spans between consecutive `bounds` (aware datetimes, oldest first)
    a datetime falls in: 0 for the first, NULL before the first bound, after the last,
    or for NULL. One CASE over the column, written directly: built from When()s, the
    ORM would resolve a dozen lookups at every request for the same SQL. Inside the
    bounds the span is found by halving (four comparisons for twelve months rather
    than up to thirteen in a row), as the database evaluates it once per row."""

    output_field = IntegerField()

    def __init__(self, expression, bounds):
        super().__init__(expression)
        self.bounds = bounds

    def as_sql(self, compiler, connection, column_template="%s", **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        column = column_template % column
        bounds = [connection.ops.adapt_datetimefield_value(bound) for bound in self.bounds]

        def span(low, high):
            """The index of the span, for a value known to be in bounds[low:high + 1]."""
            if high - low == 1:
                return str(low), []
            middle = (low + high) // 2
            before, before_params = span(low, middle)
            after, after_params = span(middle, high)
            return (
                f"CASE WHEN {column} < %s THEN {before} ELSE {after} END",
                [*column_params, bounds[middle], *before_params, *after_params],
            )

        inside, inside_params = span(0, len(bounds) - 1)
        return (
            f"CASE WHEN {column} < %s THEN NULL WHEN {column} < %s THEN {inside} END",
            [*column_params, bounds[0], *column_params, bounds[-1], *inside_params],
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite gives a datetime column NUMERIC affinity, so each comparison with a
        # text bound would first try to read the bound as a number; "+column" has no
        # affinity and compares the text as it is (the same order: ISO 8601 text).
        return self.as_sql(compiler, connection, column_template="+%s", **extra_context)


class DaysBetween(Func):
    """The number of days from one date to a later one, as an integer, computed by the
    database itself: PostgreSQL subtracts dates into days; on SQLite, Django's date
    subtraction calls a Python function per row, so julianday() is used instead."""

    output_field = IntegerField()

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
        )
