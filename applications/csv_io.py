"""CSV out and CSV in for applications.

Export: one row per application, columns named like the model fields (EXPORT_COLUMNS),
streamed from a single query.

Import: a CSV from Onward or from a spreadsheet or another tracker is read, checked row
by row and kept in an ImportBatch until its owner confirms it; confirming creates the
valid rows in one transaction. Column names and stage names from other trackers are
mapped (COLUMN_ALIASES, STAGE_ALIASES).

Formula injection: a spreadsheet runs a cell that starts with =, +, -, @, a tab or a
carriage return as a formula. The export puts an apostrophe in front of such a cell,
and of one that already starts with apostrophes followed by such a character; the
import takes one apostrophe off a cell that starts with apostrophes followed by such
a character. So every text survives a round trip unchanged, a formula never reaches a
spreadsheet, and an apostrophe in front of other text ("'90s") is left alone.
"""

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import CharField, F, Func
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from django.utils import timezone

from applications.bulk import insert_applications, insert_companies
from applications.models import (
    Application,
    Company,
    ImportBatch,
    Stage,
    clean_company_name,
    company_key,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# Rows of the preview's "will be added" table per page.
PREVIEW_PAGE = 50

# --- Formula injection ---------------------------------------------------------------

FORMULA_CHARACTERS = "=+-@\t\r"
_NEEDS_APOSTROPHE = re.compile(f"'*[{re.escape(FORMULA_CHARACTERS)}]")
_HAS_APOSTROPHE = re.compile(f"'+[{re.escape(FORMULA_CHARACTERS)}]")


def escape_formula(text):
    """The text as a spreadsheet should get it: never the start of a formula."""
    return "'" + text if _NEEDS_APOSTROPHE.match(text) else text


def unescape_formula(text):
    """escape_formula undone: one apostrophe off a cell that starts with apostrophes
    followed by a formula character. Any other apostrophe is the user's own."""
    return text[1:] if text[:1] == "'" and _HAS_APOSTROPHE.match(text) else text


# --- Export --------------------------------------------------------------------------


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
    ("notes", F("notes"), True),
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


# --- Import: the upload --------------------------------------------------------------


class CappedUploadHandler(FileUploadHandler):
    """Keeps uploaded files in memory, at most MAX_BYTES of them in all: past that it
    reads on but keeps nothing and marks the file truncated. An upload of any size
    costs at most 5 MB of memory and nothing on disk, and the form can say how big
    it was."""

    def __init__(self, request=None, limit=MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        self.kept = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.size = 0
        self.truncated = False

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        room = self.limit - self.kept
        if len(raw_data) > room:
            self.truncated = True
            raw_data = raw_data[: max(room, 0)]
        self.buffer.write(raw_data)
        self.kept += len(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        upload = InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            self.size,
            self.charset,
            self.content_type_extra,
        )
        upload.truncated = self.truncated
        return upload


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="At most 5 MB and 10,000 rows per file: split a bigger file and import "
        "the parts one after another.",
        widget=forms.FileInput(attrs={"accept": ".csv,.tsv,.txt,text/csv"}),
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty: there is nothing to import.",
            "invalid": "Choose a CSV file to upload.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES or getattr(upload, "truncated", False):
            # Rounded up, so that a file just over the cap doesn't read as "5.0 MB".
            size = math.ceil(upload.size * 10 / 1024 / 1024) / 10
            raise ValidationError(
                f"This file is {size:.1f} MB; Onward imports files of up to 5 MB. Split it "
                "into smaller files and import them one after another."
            )
        try:
            self.parsed = parse_csv(upload.read(), self.user)
        except FileProblem as problem:
            raise ValidationError(str(problem)) from None
        return upload

    def save(self):
        """Stores the checked rows as the user's one pending import (a new upload
        replaces an earlier one) and sweeps away everyone's expired batches."""
        ImportBatch.objects.expired().delete()
        ImportBatch.objects.for_user(self.user).delete()
        parsed = self.parsed
        return ImportBatch.objects.create(
            owner=self.user,
            file_name=(self.cleaned_data["file"].name or "")[:255],
            rows=parsed.rows,
            report=parsed.report(),
            row_count=parsed.row_count,
            valid_count=len(parsed.rows),
            problem_count=len({row for row, _, _ in parsed.problems}),
            duplicate_count=len(parsed.duplicates),
        )


# --- Import: reading the file --------------------------------------------------------


class FileProblem(Exception):
    """The file as a whole can't be imported; the message says why, in words."""


class CellProblem(Exception):
    """One cell can't be read; the message says why, in words."""


def header_key(name):
    """The form a column or stage name is matched in: letters and digits only,
    case-folded, so "Date Applied", "date_applied" and "DATE-APPLIED" are one name."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", name).casefold())


def _aliases(table):
    """{header_key(name): value} from {value: "name | name | ..."}."""
    return {
        header_key(name): str(value) for value, names in table.items() for name in names.split("|")
    }


# Onward's column (or "salary": a figure or a range) ← the names people give it.
COLUMN_ALIASES = _aliases(
    {
        "company": "company | company name | employer | organization | organisation",
        "title": "title | job title | position | role | job | position title | job role",
        "stage": "stage | status | application status",
        "applied_on": "applied on | applied | date applied | application date | applied date",
        "follow_up_on": "follow up on | follow up | follow-up date | next follow up",
        "job_url": "job url | url | link | job link | job advert link | posting | job posting",
        "location": "location | city",
        "work_mode": "work mode | remote | work type | workplace | remote or onsite",
        "source": "source | found via | found on",
        "salary": "salary | salary range | pay | compensation",
        "salary_min": "salary min | salary from | min salary | minimum salary",
        "salary_max": "salary max | salary to | max salary | maximum salary",
        "currency": "currency",
        "notes": "notes | note | comments | comment",
        # Onward's own export: these are set anew when the rows are imported.
        "": "created at | updated at",
    }
)
# Each choice's value and label are known too ("no_response", "No response").
STAGE_ALIASES = _aliases(
    {
        **{value: f"{value} | {label}" for value, label in Stage.choices},
        Stage.SAVED: "saved | wishlist | wish list | bookmarked | bookmark | interested",
        Stage.APPLIED: "applied | submitted | application submitted | application sent",
        Stage.SCREENING: "screening | phone screen | screen | recruiter screen",
        Stage.INTERVIEWING: "interviewing | interview | interviews | interviewed | onsite",
        Stage.OFFER: "offer | offered | offer received",
        Stage.ACCEPTED: "accepted | hired | offer accepted",
        Stage.REJECTED: "rejected | declined by employer | not selected | unsuccessful",
        Stage.WITHDRAWN: "withdrawn | withdrew | declined | offer declined",
        Stage.NO_RESPONSE: "no response | no_response | ghosted | no reply | no answer",
    }
)
WORK_MODE_ALIASES = _aliases(
    {
        Application.WorkMode.ONSITE: "onsite | on site | office | in office | in person",
        Application.WorkMode.HYBRID: "hybrid",
        # Yes or no: a "Remote" column.
        Application.WorkMode.REMOTE: "remote | fully remote | wfh | yes | y | true",
        "": "no | n | false",
    }
)
SOURCE_ALIASES = _aliases(
    {
        **{value: f"{value} | {label}" for value, label in Application.Source.choices},
        Application.Source.JOB_BOARD: (
            "job_board | job board | job site | linkedin | indeed | glassdoor | monster | "
            "stepstone | reed | totaljobs | ziprecruiter | wellfound | otta"
        ),
        Application.Source.COMPANY_SITE: (
            "company_site | company site | company website | careers page | careers site | "
            "website | direct"
        ),
        Application.Source.REFERRAL: "referral | referred",
        Application.Source.RECRUITER: "recruiter | recruiter approached me | headhunter",
        Application.Source.AGENCY: "agency | recruitment agency | staffing agency",
        Application.Source.NETWORKING: "networking | network | event | meetup",
    }
)

# What the preview calls each of Onward's columns.
FIELD_LABELS = {
    "company": "Company",
    "title": "Job title",
    "stage": "Stage",
    "applied_on": "Applied on",
    "follow_up_on": "Follow up on",
    "job_url": "Job advert link",
    "location": "Location",
    "work_mode": "Work mode",
    "source": "Source",
    "salary": "Salary (a figure or a range)",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "currency": "Currency",
    "notes": "Notes",
}

CURRENCY_SYMBOLS = [
    ("CA$", "CAD"),
    ("C$", "CAD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("US$", "USD"),
    ("R$", "BRL"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("$", "USD"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("zł", "PLN"),
]
CURRENCY_CODES = set(
    re.findall(
        r"\w+",
        "AED AUD BGN BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF ILS INR JPY KRW MXN NOK NZD PLN "
        "RON SEK SGD TRY UAH USD ZAR",
    )
)
LONGEST = {
    "company": 200,
    "title": 200,
    "job_url": 500,
    "location": 200,
    "notes": 20_000,
}
# Salaries are whole numbers; anything above this is a typo, not a salary.
SALARY_CEILING = 1_000_000_000


@dataclass
class ParsedImport:
    rows: list = field(default_factory=list)  # ready to create
    problems: list = field(default_factory=list)  # [row, column, message]
    duplicates: list = field(default_factory=list)  # [row, "title at company", reason]
    notices: list = field(default_factory=list)  # [level, text]
    columns: list = field(default_factory=list)  # [the file's name, Onward's label]
    ignored_columns: list = field(default_factory=list)
    row_count: int = 0

    def report(self):
        return {
            "problems": self.problems,
            "duplicates": self.duplicates,
            "notices": self.notices,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
        }


def parse_csv(data, user):
    """Reads and checks a whole upload. Returns a ParsedImport, or raises FileProblem
    when the file as a whole can't be imported. Writes nothing."""
    text, notices = decode(data)
    records, delimiter = read_records(text)
    header_at, columns = find_header(records)
    header = records[header_at][1]
    body = records[header_at + 1 :]
    if not body:
        raise FileProblem(
            "The file has column names but no rows below them: there is nothing to import."
        )
    if len(body) > MAX_ROWS:
        raise FileProblem(TOO_MANY_ROWS)
    parsed = ParsedImport(notices=notices, row_count=len(body))
    used = {index: key for index, key in columns.items() if key}
    parsed.columns = [[header[index].strip(), FIELD_LABELS[key]] for index, key in used.items()]
    parsed.ignored_columns = [
        header[index].strip() or f"column {index + 1} (no name)"
        for index in range(len(header))
        if index not in columns
    ]
    if delimiter != ",":
        parsed.notices.append(
            ["info", f"Cells are separated by {'semicolons' if delimiter == ';' else 'tabs'}."]
        )
    day_first = read_date_order(body, used, parsed.notices)
    reader = RowReader(header, used, day_first, user.today())
    existing = existing_keys(user)
    seen = {}
    for number, cells in body:
        row, problems = reader.read(cells)
        if problems:
            parsed.problems += [[number, column, message] for column, message in problems]
            continue
        key = duplicate_key(row)
        if key in existing:
            parsed.duplicates.append([number, describe(row), "Already in Onward."])
        elif key in seen:
            parsed.duplicates.append([number, describe(row), f"Same as row {seen[key]}."])
        else:
            seen[key] = number
            parsed.rows.append({"row": number, **row})
    return parsed


def decode(data):
    """The upload as text, and notices about how it was read."""
    if not data.strip():
        raise FileProblem("The file is empty: there is nothing to import.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 with a byte-order mark: Excel's "Unicode text".
        try:
            return check_text(data.decode("utf-16")), []
        except UnicodeDecodeError:
            raise FileProblem(NOT_TEXT) from None
    if b"\x00" in data or data.startswith(BINARY_SIGNATURES):
        raise FileProblem(NOT_TEXT)
    try:
        return check_text(data.decode("utf-8-sig")), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    try:
        text = check_text(data.decode("cp1252"))
    except UnicodeDecodeError:
        raise FileProblem(
            f"This file isn’t UTF-8 text: line {line} has bytes that are not letters in "
            "UTF-8 or in Windows’ Western European encoding. Save it again as “CSV UTF-8” "
            "(Excel: File › Save As › CSV UTF-8; LibreOffice: tick “Edit filter settings” "
            "and choose Unicode (UTF-8)) and upload that."
        ) from None
    warning = (
        "This file isn’t UTF-8, so it was read as Windows’ Western European encoding "
        f"(the first other character is on line {line}). Check that accented letters look "
        "right below; if they don’t, save the file as “CSV UTF-8” and upload it again."
    )
    return text, [["warning", warning]]


NOT_TEXT = (
    "This doesn’t look like a CSV file: it contains binary data (perhaps it is an Excel "
    "workbook, a PDF or an image). In your spreadsheet, choose File › Save As (or "
    "Download) › CSV, and upload that file."
)
# Zip (xlsx, ods, numbers), old Excel, PDF, PNG, JPEG, GIF.
BINARY_SIGNATURES = (
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_text(text):
    """Refuses text with more than a stray control character or two: binary data that
    happened to decode."""
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 1000):
        raise FileProblem(NOT_TEXT)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FileProblem("The file is empty: there is nothing to import.")
    return text


def read_records(text):
    """[(row number, cells)] of the file's rows that have something in them, trailing
    empty cells dropped, and the delimiter that makes sense of the header: a comma, a
    semicolon or a tab, whichever yields the most columns Onward knows. Row numbers
    are those a spreadsheet shows (blank rows count). Stops reading once there are
    more rows than an import takes."""
    delimiter = max(",;\t", key=lambda candidate: delimiter_score(text, candidate))
    records = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                records.append((number, cells))
                if len(records) > MAX_ROWS + HEADER_SEARCH:
                    raise FileProblem(TOO_MANY_ROWS)
    except csv.Error:
        raise FileProblem(
            f"Row {number + 1} can’t be read as CSV: a cell is too long (more than "
            f"{csv.field_size_limit():,} characters) or a quote is never closed."
        ) from None
    return records, delimiter


TOO_MANY_ROWS = (
    f"This file has more than {MAX_ROWS:,} rows; Onward imports at most {MAX_ROWS:,} at a "
    "time. Split it into smaller files and import them one after another."
)
# How many rows with something in them may come before the column names (a title).
HEADER_SEARCH = 10
# Columns of the header that are looked at; a wider file has its other columns ignored.
MAX_COLUMNS = 200


def delimiter_score(text, delimiter):
    head = io.StringIO(text[:65536], newline="")
    try:
        rows = [
            cells
            for _, cells in zip(
                range(HEADER_SEARCH), csv.reader(head, delimiter=delimiter), strict=False
            )
        ]
    except csv.Error:
        return (0, 0, False)
    best = max((len(map_columns(cells)) for cells in rows), default=0)
    widest = max((len(cells) for cells in rows), default=0)
    # Known columns first; then, of two unknown layouts, the one with more cells;
    # a comma when nothing tells them apart.
    return (best, widest, delimiter == ",")


def map_columns(header):
    """{index: Onward's column} for the header's cells Onward knows; "" for columns it
    knows and leaves out. The first of two columns with the same meaning wins."""
    columns, taken = {}, set()
    for index, name in enumerate(header[:MAX_COLUMNS]):
        key = COLUMN_ALIASES.get(header_key(unescape_formula(name)))
        if key is None or (key and key in taken):
            continue
        columns[index] = key
        taken.add(key)
    return columns


def find_header(records):
    """(index in records, columns) of the first row near the top that names a company
    and a job title column."""
    if not records:
        raise FileProblem("The file is empty: there is nothing to import.")
    for index, (_, cells) in enumerate(records[:HEADER_SEARCH]):
        columns = map_columns(cells)
        if {"company", "title"} <= set(columns.values()):
            return index, columns
    first = records[0][1]
    found = set(map_columns(first).values())
    missing = " and ".join(
        name for key, name in [("company", "company"), ("title", "job title")] if key not in found
    )
    shown = ", ".join(f"“{clip(cell.strip(), 40)}”" for cell in first[:8] if cell.strip())
    more = f" and {len(first) - 8} more" if len(first) > 8 else ""
    plural = "s" if " and " in missing else ""
    raise FileProblem(
        f"Onward couldn’t find the {missing} column{plural} in this file. The first row "
        "should name the columns, for example: Company, Job Title, Status, Date Applied. "
        f"The first row here has {shown or 'nothing readable'}{more}."
    )


def clip(text, length=60):
    return text if len(text) <= length else text[: length - 1] + "…"


# --- Import: reading one row ---------------------------------------------------------

_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_ISO_DATE = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ["jan", "january"],
            ["feb", "february"],
            ["mar", "march"],
            ["apr", "april"],
            ["may"],
            ["jun", "june"],
            ["jul", "july"],
            ["aug", "august"],
            ["sep", "sept", "september"],
            ["oct", "october"],
            ["nov", "november"],
            ["dec", "december"],
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = set(
    re.findall(
        r"\w+",
        "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday "
        "sat saturday sun sunday",
    )
)
DATE_FIELDS = ("applied_on", "follow_up_on")


def read_date_order(body, columns, notices):
    """True when dates like 03/04/2026 are day first. They are, unless the file has
    dates only a month-first reading makes sense of (03/14/2026) and none only a
    day-first reading does (14/03/2026). A notice says which was chosen when it
    mattered."""
    indexes = [index for index, key in columns.items() if key in DATE_FIELDS]
    day_first = month_first = ambiguous = False
    for _, cells in body:
        for index in indexes:
            match = _NUMERIC_DATE.fullmatch(cells[index].strip()) if index < len(cells) else None
            if not match:
                continue
            first, second = int(match[1]), int(match[2])
            day_first |= first > 12 >= second
            month_first |= second > 12 >= first
            ambiguous |= first <= 12 and second <= 12 and first != second
    if month_first and not day_first:
        if ambiguous:
            notices.append(
                [
                    "info",
                    "Dates such as 03/04/2026 were read as month/day/year (March 4), because "
                    "the file has dates like 03/14/2026.",
                ]
            )
        return False
    if ambiguous:
        notices.append(
            ["info", "Dates such as 03/04/2026 were read as day/month/year (3 April 2026)."]
        )
    return True


def parse_date(text, day_first=True):
    """A calendar day from the ways people write one: 2026-03-14, 14/03/2026 (or
    03/14/2026 in a month-first file), 14 March 2026, March 14, 2026."""
    text = text.strip()
    if not text:
        return None
    try:
        if match := _ISO_DATE.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC_DATE.fullmatch(text):
            day, month = int(match[1]), int(match[2])
            if not day_first:
                day, month = month, day
            return date(full_year(match[3]), month, day)
        words = re.findall(r"[^\W\d_]+|\d+", re.sub(r"(?i)(\d)(st|nd|rd|th)\b", r"\1", text))
        words = [word.casefold() for word in words]
        words = [word for word in words if word not in WEEKDAYS]
        if len(words) == 3 and "".join(words[1:]).isdigit() and words[0] in MONTHS:
            return date(full_year(words[2]), MONTHS[words[0]], int(words[1]))
        if len(words) == 3 and (words[0] + words[2]).isdigit() and words[1] in MONTHS:
            return date(full_year(words[2]), MONTHS[words[1]], int(words[0]))
    except ValueError:
        raise CellProblem(f"“{clip(text)}” is not a real date.") from None
    raise CellProblem(
        f"“{clip(text)}” is not a date Onward can read. Write it like 2026-03-14, "
        "14/03/2026, 14 March 2026 or March 14, 2026."
    )


def full_year(digits):
    year = int(digits)
    if len(digits) == 2:
        return 2000 + year
    if len(digits) != 4 or year < 1900:
        raise ValueError
    return year


def parse_salary(text):
    """(low, high, currency code) from a salary as people write it: "50000", "£50k",
    "50,000-60,000", "EUR 45.000 - 55.000", "$120k+", "up to 60k". A single figure
    is both ends; "+" is a floor, "up to" a ceiling. None for an empty cell."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        value = int(text)
        if value > SALARY_CEILING:
            raise CellProblem(f"“{clip(text)}” is too large to be a salary.")
        return value, value, ""
    rest, currency = text, ""
    for symbol, code in CURRENCY_SYMBOLS:
        if symbol.casefold() in rest.casefold():
            currency = code
            rest = re.sub(re.escape(symbol), " ", rest, flags=re.IGNORECASE)
            break
    for code in re.findall(r"(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])", rest):
        if code.upper() in CURRENCY_CODES:
            currency = currency or code.upper()
            rest = re.sub(rf"(?<![A-Za-z]){code}(?![A-Za-z])", " ", rest)
    rest = re.sub(
        r"(?i)\b(per\s+(year|annum)|a\s+year|p\.?\s?a\.?|yearly|annual(ly)?|gross|base)(?!\w)"
        r"|/\s*(year|yr|y|annum)\b|[~≈]|\b(approx\.?|about|around)",
        " ",
        rest,
    )
    floor = rest.rstrip().endswith("+")
    ceiling = bool(re.match(r"(?i)\s*(up\s+to|max\.?|maximum)\b", rest))
    rest = re.sub(r"(?i)^\s*(up\s+to|max\.?|maximum)\b", " ", rest).strip().rstrip("+")
    parts = re.split(r"\s*(?:[-–—−‑]|\bto\b)\s*", rest.strip())
    if not 1 <= len(parts) <= 2 or (len(parts) == 2 and (floor or ceiling)):
        raise CellProblem(SALARY_HELP.format(clip(text)))
    amounts = [parse_amount(part, text) for part in parts]
    if len(amounts) == 2:
        (low, low_k), (high, high_k) = amounts
        # "50-60k": the k belongs to both figures.
        if high_k and not low_k and low < 1000:
            low *= 1000
        if low_k and not high_k and high < 1000:
            high *= 1000
    else:
        low = high = amounts[0][0]
        if floor:
            high = None
        if ceiling:
            low = None
    if low is not None and high is not None and low > high:
        raise CellProblem(f"In “{clip(text)}” the first figure is above the second.")
    return low, high, currency


SALARY_HELP = (
    "“{}” is not a salary Onward can read. Write a figure or a range, like 50000, "
    "£50k or 50,000–60,000."
)


def parse_amount(part, text):
    """(whole number, whether it had a k) from "50,000", "50.000", "50 000", "52.5k"."""
    match = re.fullmatch(r"(\d[\d,.'\s\u00a0\u202f]*?)\s*([kKmM]?)", part.strip())
    if not match:
        raise CellProblem(SALARY_HELP.format(clip(text)))
    number, suffix = re.sub(r"['\s\u00a0\u202f]", "", match[1]), match[2].lower()
    if "," in number and "." in number:
        # The later one marks the decimals: 50,000.00 or 50.000,00.
        decimal = "." if number.rfind(".") > number.rfind(",") else ","
        number = number.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif re.fullmatch(r"\d{1,3}([,.]\d{3})+", number) and not suffix:
        number = re.sub(r"[,.]", "", number)
    elif re.fullmatch(r"\d+([,.]\d+)?", number):
        number = number.replace(",", ".")
    else:
        raise CellProblem(SALARY_HELP.format(clip(text)))
    value = round(float(number) * {"": 1, "k": 1000, "m": 1_000_000}[suffix])
    if value > SALARY_CEILING:
        raise CellProblem(f"“{clip(text)}” is too large to be a salary.")
    return value, bool(suffix)


def parse_currency(text):
    text = text.strip()
    if not text:
        return ""
    for symbol, code in CURRENCY_SYMBOLS:
        if text.casefold() == symbol.casefold():
            return code
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    raise CellProblem(
        f"“{clip(text)}” is not a currency. Use a three-letter code, like EUR or USD."
    )


def choice(aliases, text, what, allowed):
    value = aliases.get(header_key(text))
    if value is None:
        raise CellProblem(
            f"“{clip(text)}” is not a {what} Onward knows. Use one of: {', '.join(allowed)}."
        )
    return value


STAGE_NAMES = [label.lower() for _, label in Stage.choices]
WORK_MODE_NAMES = [label.lower() for _, label in Application.WorkMode.choices]
SOURCE_NAMES = [label.lower() for _, label in Application.Source.choices]
_validate_url = URLValidator(schemes=["http", "https"])


class RowReader:
    """Turns one row's cells into the values of an application, or into problems
    [(the file's column name, message)]."""

    def __init__(self, header, columns, day_first, today):
        self.header = header
        self.columns = columns  # {index: Onward's column}
        self.day_first = day_first
        self.today = today

    def read(self, cells):
        problems = []
        if len(cells) > len(self.header) and any(
            cell.strip() for cell in cells[len(self.header) :]
        ):
            problems.append(
                (
                    "",
                    f"This row has {len(cells)} cells but there are {len(self.header)} column "
                    "names. A comma inside a cell that has no quotes around it often does this.",
                )
            )
        raw = {}
        for index, key in self.columns.items():
            raw[key] = unescape_formula(cells[index]) if index < len(cells) else ""
        row = {}
        for key in FIELD_ORDER:
            if key not in raw and key not in ("company", "title", "stage"):
                continue
            try:
                getattr(self, f"read_{key}")(raw.get(key, ""), row)
            except CellProblem as problem:
                problems.append((self.column_name(key), str(problem)))
        low, high = row.get("salary_min"), row.get("salary_max")
        if not problems and low is not None and high is not None and low > high:
            problems.append(
                (self.column_name("salary_max"), "The salary maximum is below the minimum.")
            )
        return row, problems

    def column_name(self, key):
        for index, column in self.columns.items():
            if column == key:
                return self.header[index].strip()
        return FIELD_LABELS.get(key, key)

    def text(self, value, key, single_line=True):
        """The cell stripped at both ends, as a form field strips it; control
        characters dropped, and line breaks too where a form has one line."""
        value = _CONTROL.sub("", value).strip()
        if single_line:
            value = re.sub(r"[\r\n]+", " ", value)
        if len(value) > LONGEST[key]:
            raise CellProblem(
                f"This is {len(value):,} characters long; at most {LONGEST[key]:,} fit."
            )
        return value

    def read_company(self, value, row):
        name = clean_company_name(self.text(value, "company"))
        if not name:
            raise CellProblem("The company is missing: every application needs one.")
        if len(company_key(name)) > LONGEST["company"]:
            raise CellProblem("This name is too long. Shorten it a little.")
        row["company"] = name

    def read_title(self, value, row):
        row["title"] = self.text(value, "title")
        if not row["title"]:
            raise CellProblem("The job title is missing: every application needs one.")

    def read_stage(self, value, row):
        row["stage"] = (
            choice(STAGE_ALIASES, value, "stage", STAGE_NAMES) if value.strip() else "applied"
        )

    def read_applied_on(self, value, row):
        applied_on = parse_date(value, self.day_first)
        if applied_on and (applied_on - self.today).days > 1:
            raise CellProblem(
                f"{applied_on.day} {applied_on:%B %Y} is in the future. Leave it empty if you "
                "haven’t applied yet."
            )
        row["applied_on"] = applied_on.isoformat() if applied_on else None

    def read_follow_up_on(self, value, row):
        follow_up_on = parse_date(value, self.day_first)
        row["follow_up_on"] = follow_up_on.isoformat() if follow_up_on else None

    def read_job_url(self, value, row):
        url = self.text(value, "job_url")
        if url and not re.match(r"(?i)https?://", url):
            url = "https://" + url
        if url:
            try:
                _validate_url(url)
            except ValidationError:
                raise CellProblem(
                    f"“{clip(value.strip())}” is not a web address. Use the full address of "
                    "the job advert, starting https://, or leave it empty."
                ) from None
            if len(url) > LONGEST["job_url"]:
                raise CellProblem(f"This address is longer than {LONGEST['job_url']} characters.")
        row["job_url"] = url

    def read_location(self, value, row):
        row["location"] = self.text(value, "location")

    def read_work_mode(self, value, row):
        row["work_mode"] = (
            choice(WORK_MODE_ALIASES, value, "work mode", WORK_MODE_NAMES) if value.strip() else ""
        )

    def read_source(self, value, row):
        row["source"] = (
            choice(SOURCE_ALIASES, value, "source", SOURCE_NAMES) if value.strip() else ""
        )

    def read_salary(self, value, row):
        salary = parse_salary(value)
        if salary:
            row["salary_min"], row["salary_max"], currency = salary
            row["currency"] = row.get("currency") or currency

    def read_salary_min(self, value, row):
        self.read_one_figure(value, row, "salary_min")

    def read_salary_max(self, value, row):
        self.read_one_figure(value, row, "salary_max")

    def read_one_figure(self, value, row, key):
        salary = parse_salary(value)
        if not salary:
            return
        low, high, currency = salary
        if low != high:
            raise CellProblem(f"“{clip(value.strip())}”: write one figure in this column.")
        row[key] = low
        row["currency"] = row.get("currency") or currency

    def read_currency(self, value, row):
        currency = parse_currency(value)
        if currency:
            row["currency"] = currency

    def read_notes(self, value, row):
        row["notes"] = self.text(value, "notes", single_line=False)


# The order cells are read in: the salary columns after "salary", so that a file with
# both uses the separate figures; the currency column last, so that it wins.
FIELD_ORDER = [
    "company",
    "title",
    "stage",
    "applied_on",
    "follow_up_on",
    "job_url",
    "location",
    "work_mode",
    "source",
    "salary",
    "salary_min",
    "salary_max",
    "currency",
    "notes",
]


def duplicate_key(row):
    return (
        company_key(row["company"]),
        " ".join(row["title"].split()).casefold(),
        row.get("applied_on") or None,
    )


def existing_keys(user):
    """The duplicate keys of the user's applications, in one query."""
    return {
        (
            name_key,
            " ".join(title.split()).casefold(),
            applied_on.isoformat() if applied_on else None,
        )
        for name_key, title, applied_on in Application.objects.for_user(user).values_list(
            "company__name_key", "title", "applied_on"
        )
    }


def describe(row):
    applied = f", applied {row['applied_on']}" if row.get("applied_on") else ""
    return f"{row['title']} at {row['company']}{applied}"


# --- Import: confirming --------------------------------------------------------------


@dataclass
class ImportResult:
    created: int
    skipped: int


def import_batch(batch):
    """Creates the batch's applications, each with its first timeline row, in one
    transaction: all of them or none. The batch is deleted in the same transaction,
    so a second confirmation (a double click, another server) finds nothing to do and
    returns None. Rows that became duplicates since the preview are skipped."""
    owner = batch.owner
    with transaction.atomic():
        if not ImportBatch.objects.filter(pk=batch.pk, owner=owner).delete()[0]:
            return None
        existing = existing_keys(owner)
        rows = []
        for row in batch.rows:
            key = duplicate_key(row)
            if key not in existing:
                existing.add(key)
                rows.append(row)
        companies = company_ids(owner, [row["company"] for row in rows])
        now = timezone.now()
        applications = insert_applications(
            [new_application(owner, companies, row, now) for row in rows],
            note="Imported from a CSV file",
        )
    return ImportResult(created=len(applications), skipped=len(batch.rows) - len(rows))


def company_ids(owner, names):
    """{name_key: id} of the owner's companies with these names, creating those that
    don't exist yet (the first spelling in the file names a new company)."""
    wanted = {}
    for name in names:
        wanted.setdefault(company_key(name), clean_company_name(name))
    known = dict(Company.objects.for_user(owner).values_list("name_key", "pk"))
    missing = [Company(owner=owner, name=name) for key, name in wanted.items() if key not in known]
    if missing:
        # A company created meanwhile in another tab is simply matched.
        insert_companies(missing, ignore_conflicts=True)
        known = dict(Company.objects.for_user(owner).values_list("name_key", "pk"))
    return known


def new_application(owner, companies, row, now):
    stage = row.get("stage") or Stage.APPLIED
    return Application(
        owner=owner,
        company_id=companies[company_key(row["company"])],
        title=row["title"],
        stage=stage,
        applied_on=as_date(row.get("applied_on")),
        follow_up_on=as_date(row.get("follow_up_on")),
        job_url=row.get("job_url", ""),
        location=row.get("location", ""),
        work_mode=row.get("work_mode", ""),
        source=row.get("source", ""),
        salary_min=row.get("salary_min"),
        salary_max=row.get("salary_max"),
        currency=row.get("currency", ""),
        notes=row.get("notes", ""),
        stage_changed_at=now,
    )


def as_date(value):
    return date.fromisoformat(value) if value else None


def preview_rows(rows):
    """The rows to create as the preview shows them: labels, not codes."""
    stages = dict(Stage.choices)
    for row in rows:
        yield {
            **row,
            "stage_label": stages.get(row.get("stage"), ""),
            "applied_on_date": as_date(row.get("applied_on")),
            "salary_text": salary_text(row),
        }


def salary_text(row):
    low, high = row.get("salary_min"), row.get("salary_max")
    if low is None and high is None:
        return ""
    if low is None:
        figures = f"up to {high:,}"
    elif high is None:
        figures = f"from {low:,}"
    else:
        figures = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    return f"{row.get('currency', '')} {figures}".strip()
