"""CSV out: one row per application, columns named like the model fields
(EXPORT_COLUMNS), streamed from a single query, free text escaped against formulas."""

import csv
import io

from django.db.models import CharField, F, Func
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse

from applications.csv.formulas import FORMULA_CHARACTERS, escape_formula


class UTCTimestamp(Func):
    """An instant as ISO 8601 text in UTC, "2026-03-14T09:30:00Z", written by the
    database: turning 20,000 datetimes into text in Python would cost a third of an
    export of 10,000 rows."""

    arity = 1
    output_field = CharField()
    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

    def as_sqlite(self, compiler, connection, **extra_context):
        # Stored as text in UTC: "2026-03-14 09:30:00.123456".
        template = "substr(replace(%(expressions)s, ' ', 'T'), 1, 19) || 'Z'"
        return self.as_sql(compiler, connection, template=template, **extra_context)


# (column, what the database returns for it, whether it is free text to escape)
EXPORT_FIELDS = [
    ("company", F("company__name"), True),
    ("title", F("title"), True),
    ("stage", F("stage"), False),
    ("applied_on", Cast("applied_on", CharField()), False),
    ("follow_up_on", Cast("follow_up_on", CharField()), False),
    ("job_url", F("job_url"), True),
    ("location", F("location"), True),
    ("work_mode", F("work_mode"), False),
    ("source", F("source"), False),
    ("salary_min", F("salary_min"), False),
    ("salary_max", F("salary_max"), False),
    ("currency", F("currency"), True),
    ("salary_period", F("salary_period"), False),
    ("employment_type", F("employment_type"), False),
    ("closing_on", Cast("closing_on", CharField()), False),
    ("excitement", F("excitement"), False),
    ("tags", F("tags"), True),
    ("notes", F("notes"), True),
    ("description", F("description"), True),
    ("created_at", UTCTimestamp("created_at"), False),
    ("updated_at", UTCTimestamp("updated_at"), False),
]
EXPORT_COLUMNS = [column for column, _, _ in EXPORT_FIELDS]
# Rows written to the response per chunk.
EXPORT_CHUNK = 500


def export_response(applications, user):
    """A streamed CSV download of `applications` (a queryset, already filtered and
    ordered), one query however many rows. The file starts with a byte-order mark, so
    that Excel reads it as UTF-8."""
    response = StreamingHttpResponse(
        export_lines(applications), content_type="text/csv; charset=utf-8"
    )
    filename = f"onward-applications-{user.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def export_lines(applications):
    """The CSV text of `applications`, in chunks: values as the database gives them
    (None is written as an empty cell), free text escaped against formulas."""
    escaped = [index for index, (_, _, free_text) in enumerate(EXPORT_FIELDS) if free_text]
    starts = set(FORMULA_CHARACTERS + "'")
    rows = applications.values_list(*[expression for _, expression, _ in EXPORT_FIELDS])

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(EXPORT_COLUMNS)
    for count, values in enumerate(rows.iterator(chunk_size=2000), start=1):
        row = list(values)
        for index in escaped:
            if row[index][:1] in starts:
                row[index] = escape_formula(row[index])
        writer.writerow(row)
        if count % EXPORT_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
