"""The import's parsers on hostile cells: every one reads a 100 KB cell in linear time
(well under 50 ms here), and a cell it can't read is a problem in words, never a crash.

The finding this holds: a salary cell of "1", 100,000 spaces and "x" pinned a gunicorn
worker until its 30 s timeout (two regular expressions with adjacent quantifiers over
spaces backtracked quadratically), and cells of 5,000 digits or "9"*400 + "k" raised
ValueError and OverflowError (500s) while being converted.

The time checks are benchmark-style guards, not stopwatches: each parser gets a second
for what takes it milliseconds, so only a gross (quadratic) regression fails, and the
alarm stops a regression after that second instead of hanging the suite.
"""

import contextlib
import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.csv import cells
from applications.csv.cells import (
    STAGE_ALIASES,
    STAGE_NAMES,
    CellProblem,
    choice,
    header_key,
    parse_currency,
    parse_salary,
)
from applications.csv.dates import parse_date
from applications.csv.formulas import escape_formula, unescape_formula
from applications.csv.parse import parse_csv
from applications.models import ImportBatch
from transfer.reader import ImportProblem, read_export

pytestmark = pytest.mark.django_db

SIZE = 100_000
# What each parser may take for one 100 KB cell: about 20 times what it needs.
LIMIT = 1.0

HOSTILE_CELLS = {
    "1, spaces, x": "1" + " " * SIZE + "x",
    "1, spaces": "1" + " " * SIZE + "k",
    "spaces inside digits": "1 " * (SIZE // 2) + "x",
    "digits": "9" * SIZE,
    "digits and k": "9" * 400 + "k",
    "digits, 5000": "9" * 5_000,
    "dashes": "1-" * (SIZE // 2),
    "to": "1 to " * (SIZE // 5),
    "currency codes": "USD " * (SIZE // 4),
    "currency symbols": "£" * SIZE,
    "commas": "1," * (SIZE // 2),
    "dots": "1." * (SIZE // 2),
    "per year": "per " * (SIZE // 4) + "year x",
    "slashes": "/" + " " * SIZE + "x",
    "up to": "up " + " " * SIZE + "to x",
    "plus": "1" + "+" * SIZE,
    "date-ish": "2026-03-14T" + "1" * SIZE,
    "numeric date-ish": "1/" * (SIZE // 2),
    "words and digits": "March 14th " * (SIZE // 11),
    "apostrophes": "'" * SIZE + "=",
    "letters": "a" * SIZE,
    "NUL and controls": "\x00\x01" * (SIZE // 2),
}


@contextlib.contextmanager
def time_limit(seconds):
    """Raises TimeoutError in the block once `seconds` have passed (the regular
    expression engine checks for signals, so a runaway match is stopped too)."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(parse, text):
    """How long `parse(text)` took; a CellProblem is an answer, anything else fails."""
    started = time.perf_counter()
    with time_limit(LIMIT), contextlib.suppress(CellProblem):
        parse(text)
    return time.perf_counter() - started


PARSERS = {
    "salary": parse_salary,
    "currency": parse_currency,
    "date": parse_date,
    "month-first date": lambda text: parse_date(text, day_first=False),
    "stage": lambda text: choice(STAGE_ALIASES, text, "stage", STAGE_NAMES),
    "column name": header_key,
    "formula escape": escape_formula,
    "formula unescape": unescape_formula,
}


@pytest.mark.parametrize("cell", HOSTILE_CELLS.values(), ids=HOSTILE_CELLS.keys())
@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
def test_every_cell_parser_reads_a_100_kb_cell_in_linear_time(parser, cell):
    assert timed(parser, cell) < LIMIT


@pytest.mark.parametrize("cell", HOSTILE_CELLS.values(), ids=HOSTILE_CELLS.keys())
@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
def test_the_parsers_regular_expressions_are_linear_without_the_length_cap(
    monkeypatch, parser, cell
):
    """The cap keeps hostile cells away from the regular expressions; without it they
    must still read 100 KB at once (no nested or adjacent unbounded quantifiers)."""
    monkeypatch.setattr(cells, "LONGEST_READ", 10 * SIZE)

    assert timed(parser, cell) < LIMIT


def test_the_salary_of_the_finding_is_read_at_once_and_refused_in_words():
    with time_limit(LIMIT), pytest.raises(CellProblem, match="This salary is too long to read"):
        parse_salary("1" + " " * SIZE + "x")


@pytest.mark.parametrize(
    "written",
    [
        "1" + " " * 200 + "x",  # long, mostly spaces
        "£" + "5" * 150,
        "50,000 " + "a" * 100,
    ],
)
def test_a_salary_over_100_characters_is_too_long_to_read(written):
    with pytest.raises(CellProblem) as problem:
        parse_salary(written)

    assert str(problem.value).startswith("This salary is too long to read")


@pytest.mark.parametrize(
    "written",
    [
        "9" * 99,  # past any salary, and long past what int() converts quickly
        "9" * 40 + "k",
        "9" * 60 + ".5k",
        "£" + "9" * 90 + "m",
        "1,000,000,000,000,000,000,000",
        "99999999999999999999-99999999999999999999",
    ],
)
def test_a_huge_figure_is_too_large_before_it_is_converted(written):
    with pytest.raises(CellProblem, match="too large to be a salary"):
        parse_salary(written)


def test_a_figure_of_5000_digits_or_400_digits_and_a_k_is_a_problem_not_a_crash():
    for written in ("9" * 5_000, "9" * 400 + "k"):
        with pytest.raises(CellProblem):
            parse_salary(written)


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("14 March " + "2" * 200, "date"),
        ("EUR" + " x" * 100, "currency"),
    ],
)
def test_other_long_cells_are_too_long_to_read(written, what):
    parser = parse_date if what == "date" else parse_currency
    with pytest.raises(CellProblem, match=f"This {what} is too long to read"):
        parser(written)


# Whole files: the rows a preview reads, and the view that shows them.


def hostile_file(cell, column="Salary"):
    return f'Company,Title,{column}\nGlobex,Engineer,"{cell}"\n'.encode()


@pytest.mark.parametrize("column", ["Salary", "Date Applied", "Status", "Currency", "Notes"])
@pytest.mark.parametrize(
    "cell",
    [HOSTILE_CELLS["1, spaces, x"], HOSTILE_CELLS["digits"], HOSTILE_CELLS["to"]],
    ids=["1, spaces, x", "digits", "to"],
)
def test_a_100_kb_file_with_one_hostile_cell_is_read_at_once(user, column, cell):
    started = time.perf_counter()
    with time_limit(LIMIT):
        parsed = parse_csv(hostile_file(cell, column), user)

    assert time.perf_counter() - started < LIMIT
    ((row, name, message),) = parsed.problems
    assert (row, name) == (2, column)
    assert "too long" in message or "at most 20,000 fit" in message


@pytest.mark.parametrize(
    "cell",
    ["1" + " " * SIZE + "x", "9" * 5_000, "9" * 400 + "k"],
    ids=["the finding's spaces", "5000 digits", "400 digits and a k"],
)
def test_the_findings_files_get_a_preview_with_the_problem(owner_client, user, cell):
    with time_limit(5 * LIMIT):
        response = owner_client.post(
            reverse("applications:import"),
            {"file": SimpleUploadedFile("hostile.csv", hostile_file(cell), "text/csv")},
        )

    batch = ImportBatch.objects.get(owner=user)
    assert response.status_code == 302
    assert batch.problem_count == 1
    ((_, column, message),) = batch.report["problems"]
    assert column == "Salary"
    assert "too long to read" in message or "too large to be a salary" in message


def test_a_file_of_many_hostile_rows_is_read_in_linear_time(user):
    rows = "".join(f'Globex,Engineer {n},"1{" " * 40}x",{"9" * 60}k\n' for n in range(2_000))
    started = time.perf_counter()
    with time_limit(5 * LIMIT):
        parsed = parse_csv(f"Company,Title,Salary,Salary min\n{rows}".encode(), user)

    assert time.perf_counter() - started < 5 * LIMIT
    assert parsed.problem_total == 4_000


# The account import's parser: JSON, then each value against its field.


@pytest.mark.parametrize(
    "document",
    [
        b"[" * SIZE + b"]" * SIZE,
        b'{"format": "onward-export", "version": ' + b"9" * SIZE + b"}",
        b'{"format": "onward-export", "version": 1, "profile": {"name": "' + b" " * SIZE + b'x"}}',
        b'{"format": "onward-export", "version": 1, "applications": [{"id": 1, '
        b'"company": 1, "salary_min": ' + b"9" * 5_000 + b"}]}",
        b'{"format": "onward-export", "version": 1, "applications": [{"id": 1, "company": 1, '
        b'"applied_on": "2026-03-14' + b"1" * SIZE + b'"}]}',
    ],
    ids=["deep nesting", "a huge version", "a long name", "5000 digits", "a long date"],
)
def test_the_account_import_reads_a_hostile_file_at_once(document):
    started = time.perf_counter()
    with time_limit(LIMIT), pytest.raises(ImportProblem):
        read_export(document)

    assert time.perf_counter() - started < LIMIT


def test_a_quote_never_closed_around_100_kb_is_read_at_once(user):
    with time_limit(LIMIT):
        parsed = parse_csv(b"Company,Title\n" + b'"' + b"x" * SIZE, user)

    assert {(row, column) for row, column, _ in parsed.problems} == {
        (2, "Company"),
        (2, "Title"),
    }
