"""A whole upload read and checked, writing nothing: the rows ready to create, the
problems, the duplicates and the notices a preview shows (ParsedImport)."""

from dataclasses import dataclass, field

from applications.csv.cells import clip
from applications.csv.columns import FIELD_LABELS
from applications.csv.dates import read_date_order
from applications.csv.duplicates import describe, duplicate_key, existing_keys
from applications.csv.reading import (
    MAX_ROWS,
    TOO_MANY_ROWS,
    FileProblem,
    decode,
    find_header,
    read_records,
)
from applications.csv.rows import RowReader

# What a batch keeps of the problems and of the duplicates: the first ones, with their
# totals. A file with a bad cell in every column of 10,000 rows has 90,000 problems;
# kept in full they made a 14 MB report and a 20 MB preview page.
KEPT_PROBLEMS = 1_000
# What it keeps of the names of the columns it leaves out (the preview shows these).
KEPT_IGNORED_COLUMNS = 30


@dataclass
class ParsedImport:
    rows: list = field(default_factory=list)  # ready to create
    problems: list = field(default_factory=list)  # [row, column, message], the first ones
    duplicates: list = field(default_factory=list)  # [row, "title at company", reason]
    notices: list = field(default_factory=list)  # [level, text]
    columns: list = field(default_factory=list)  # [the file's name, Onward's label]
    ignored_columns: list = field(default_factory=list)  # the first ones
    row_count: int = 0
    problem_rows: int = 0  # rows with at least one problem
    problem_total: int = 0
    duplicate_total: int = 0
    ignored_total: int = 0

    def add_problems(self, number, problems):
        self.problem_rows += 1
        self.problem_total += len(problems)
        room = KEPT_PROBLEMS - len(self.problems)
        self.problems += [[number, column, message] for column, message in problems[:room]]

    def add_duplicate(self, number, row, reason):
        self.duplicate_total += 1
        if len(self.duplicates) < KEPT_PROBLEMS:
            self.duplicates.append([number, describe(row), reason])

    def report(self):
        return {
            "problems": self.problems,
            "problem_total": self.problem_total,
            "duplicates": self.duplicates,
            "notices": self.notices,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "ignored_total": self.ignored_total,
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
    parsed.columns = [
        [clip(header[index].strip()), FIELD_LABELS[key]] for index, key in used.items()
    ]
    ignored = [index for index in range(len(header)) if index not in columns]
    parsed.ignored_total = len(ignored)
    parsed.ignored_columns = [
        clip(header[index].strip()) or f"column {index + 1} (no name)"
        for index in ignored[:KEPT_IGNORED_COLUMNS]
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
            parsed.add_problems(number, problems)
            continue
        key = duplicate_key(row)
        if key in existing:
            parsed.add_duplicate(number, row, "Already in Onward.")
        elif key in seen:
            parsed.add_duplicate(number, row, f"Same as row {seen[key]}.")
        else:
            seen[key] = number
            parsed.rows.append({"row": number, **row})
    return parsed
