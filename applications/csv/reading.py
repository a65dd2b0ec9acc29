"""Reading an uploaded file into rows of cells: decoding it (UTF-8, UTF-16 or Windows'
Western European), refusing binary data, choosing the delimiter and finding the row
that names the columns. A file that can't be imported raises FileProblem."""

import csv
import io

from applications.csv.cells import CONTROL_CHARACTERS, clip
from applications.csv.columns import map_columns

MAX_ROWS = 10_000
# A cell may hold a job description (up to 200,000 characters); the csv module's own cap
# on a cell is 131,072. The module keeps one cap for the process: raised, never lowered.
CELL_LIMIT = 250_000
if csv.field_size_limit() < CELL_LIMIT:
    csv.field_size_limit(CELL_LIMIT)


class FileProblem(Exception):
    """The file as a whole can't be imported; the message says why, in words."""


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


def check_text(text):
    """Refuses text with more than a stray control character or two: binary data that
    happened to decode."""
    sample = text[:65536]
    if len(CONTROL_CHARACTERS.findall(sample)) > max(2, len(sample) // 1000):
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
