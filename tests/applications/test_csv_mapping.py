"""How an import reads other trackers' files: column names, stage names, dates, salaries,
delimiters, encodings and the formula apostrophe. Checked on parse_csv, which writes
nothing; the views are tested in test_csv_import."""

import datetime as dt

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from applications.csv.cells import parse_salary
from applications.csv.formulas import escape_formula, unescape_formula
from applications.csv.parse import parse_csv
from applications.models import Application, Stage
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def read(user, text, encoding="utf-8"):
    return parse_csv(text.encode(encoding), user)


def only_row(parsed):
    assert parsed.problems == []
    (row,) = parsed.rows
    return row


def problems(parsed):
    return [(column, message) for _, column, message in parsed.problems]


@pytest.mark.parametrize(
    ("header", "key", "cell", "value"),
    [
        ("Employer", "company", "Globex", "Globex"),
        ("ORGANIZATION", "company", "Globex", "Globex"),
        ("company_name", "company", "Globex", "Globex"),
        ("Job Title", "title", "Engineer", "Engineer"),
        ("position", "title", "Engineer", "Engineer"),
        ("Role", "title", "Engineer", "Engineer"),
        ("Status", "stage", "Offer", "offer"),
        ("Date Applied", "applied_on", "2026-03-14", "2026-03-14"),
        ("applied", "applied_on", "2026-03-14", "2026-03-14"),
        ("Applied On", "applied_on", "2026-03-14", "2026-03-14"),
        ("Application Date", "applied_on", "2026-03-14", "2026-03-14"),
        ("URL", "job_url", "https://x.example/1", "https://x.example/1"),
        ("Link", "job_url", "x.example/1", "https://x.example/1"),
        ("Job Link", "job_url", "http://x.example/1", "http://x.example/1"),
        ("Job URL", "job_url", "https://x.example/1", "https://x.example/1"),
        ("Follow up", "follow_up_on", "1 April 2026", "2026-04-01"),
        ("Follow-up date", "follow_up_on", "2026-04-01", "2026-04-01"),
        ("Location", "location", "  Berlin ", "Berlin"),
        ("Notes", "notes", "Line one", "Line one"),
        ("Work mode", "work_mode", "On-site", "onsite"),
        ("Remote", "work_mode", "Yes", "remote"),
        ("Remote", "work_mode", "no", ""),
        ("Source", "source", "LinkedIn", "job_board"),
        ("Source", "source", "Company website", "company_site"),
        ("currency", "currency", "€", "EUR"),
        ("salary_min", "salary_min", "50,000", 50_000),
    ],
)
def test_column_names_from_spreadsheets_and_other_trackers(user, header, key, cell, value):
    row = only_row(read(user, f'Company,Title,{header}\nGlobex,Engineer,"{cell}"\n'))

    assert row[key] == value


def test_the_column_names_onward_used_are_listed_and_the_rest_ignored(user):
    parsed = read(user, "Employer,Position,Priority,,Status\nGlobex,Engineer,High,x,Applied\n")

    assert parsed.columns == [
        ["Employer", "Company"],
        ["Position", "Job title"],
        ["Status", "Stage"],
    ]
    assert parsed.ignored_columns == ["Priority", "column 4 (no name)"]


def test_onwards_own_timestamps_are_neither_read_nor_reported(user):
    parsed = read(user, "company,title,created_at,updated_at\nGlobex,Engineer,x,y\n")

    assert only_row(parsed)["title"] == "Engineer"
    assert parsed.ignored_columns == []


def test_of_two_columns_with_one_meaning_the_first_is_read(user):
    parsed = read(user, "Company,Title,Role\nGlobex,Engineer,Developer\n")

    assert only_row(parsed)["title"] == "Engineer"
    assert parsed.ignored_columns == ["Role"]


@pytest.mark.parametrize(
    ("name", "stage"),
    [
        ("Wishlist", Stage.SAVED),
        ("Bookmarked", Stage.SAVED),
        ("saved", Stage.SAVED),
        ("Applied", Stage.APPLIED),
        ("Submitted", Stage.APPLIED),
        ("", Stage.APPLIED),
        ("Phone screen", Stage.SCREENING),
        ("Screening", Stage.SCREENING),
        ("Interview", Stage.INTERVIEWING),
        ("INTERVIEWING", Stage.INTERVIEWING),
        ("Onsite", Stage.INTERVIEWING),
        ("Offer", Stage.OFFER),
        ("Offered", Stage.OFFER),
        ("Accepted", Stage.ACCEPTED),
        ("Hired", Stage.ACCEPTED),
        ("Rejected", Stage.REJECTED),
        ("Declined by employer", Stage.REJECTED),
        ("Not selected", Stage.REJECTED),
        ("Withdrawn", Stage.WITHDRAWN),
        ("Declined", Stage.WITHDRAWN),
        ("Ghosted", Stage.NO_RESPONSE),
        ("No response", Stage.NO_RESPONSE),
        ("no_response", Stage.NO_RESPONSE),
        ("No reply", Stage.NO_RESPONSE),
    ],
)
def test_stage_names_from_other_trackers_are_mapped(user, name, stage):
    assert only_row(read(user, f"Company,Title,Status\nGlobex,Engineer,{name}\n"))["stage"] == stage


def test_an_unknown_stage_is_a_problem_in_words(user):
    parsed = read(user, "Company,Title,Status\nGlobex,Engineer,Pending review\n")

    assert problems(parsed) == [
        (
            "Status",
            "“Pending review” is not a stage Onward knows. Use one of: saved, applied, "
            "screening, interviewing, offer, accepted, rejected, withdrawn, no response.",
        )
    ]
    assert parsed.rows == []


@pytest.mark.parametrize(
    "written",
    [
        "2026-03-14",
        "2026/03/14",
        "2026-03-14T09:30:00Z",
        "2026-03-14 00:00:00",
        "14/03/2026",
        "14.03.2026",
        "14/3/26",
        "14 March 2026",
        "14 Mar 2026",
        "14th March 2026",
        "14-Mar-2026",
        "Saturday, 14 March 2026",
        "March 14, 2026",
        "Mar 14 2026",
    ],
)
def test_dates_as_people_write_them(user, written):
    with time_machine.travel(dt.datetime(2026, 4, 1, tzinfo=dt.UTC)):
        row = only_row(read(user, f'Company,Title,Date Applied\nGlobex,Engineer,"{written}"\n'))

    assert row["applied_on"] == "2026-03-14"


def test_day_first_unless_the_file_only_makes_sense_month_first(user):
    day_first = read(user, "Company,Title,Applied\nA,B,03/04/2026\nC,D,14/03/2026\n")
    month_first = read(user, "Company,Title,Applied\nA,B,03/04/2026\nC,D,03/14/2026\n")

    assert [row["applied_on"] for row in day_first.rows] == ["2026-04-03", "2026-03-14"]
    assert ["info", "Dates such as 03/04/2026 were read as day/month/year (3 April 2026)."] in (
        day_first.notices
    )
    assert [row["applied_on"] for row in month_first.rows] == ["2026-03-04", "2026-03-14"]
    assert month_first.notices == [
        [
            "info",
            "Dates such as 03/04/2026 were read as month/day/year (March 4), because the file "
            "has dates like 03/14/2026.",
        ]
    ]


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            "next Tuesday",
            "“next Tuesday” is not a date Onward can read. Write it like 2026-03-14, "
            "14/03/2026, 14 March 2026 or March 14, 2026.",
        ),
        ("31/02/2026", "“31/02/2026” is not a real date."),
        ("soon", "“soon” is not a date Onward can read."),
        ("2026-13-01", "“2026-13-01” is not a real date."),
        ("2099-01-01", "1 January 2099 is in the future."),
        ("3000-01-01", "Enter a date between 1970 and 2100."),
    ],
)
def test_a_date_nobody_can_read_is_a_problem_in_words(user, written, problem):
    parsed = read(user, f"Company,Title,Date Applied\nGlobex,Engineer,{written}\n")

    ((column, message),) = problems(parsed)
    assert column == "Date Applied"
    assert message.startswith(problem)


@pytest.mark.parametrize(
    ("written", "salary"),
    [
        ("50000", (50_000, 50_000, "")),
        ("50,000", (50_000, 50_000, "")),
        ("50,000–60,000", (50_000, 60_000, "")),
        ("£50k-£60k", (50_000, 60_000, "GBP")),
        ("£50k - 60k per annum", (50_000, 60_000, "GBP")),
        ("50-60k", (50_000, 60_000, "")),
        ("EUR 45.000 - 55.000", (45_000, 55_000, "EUR")),
        ("45 000 to 55 000 SEK", (45_000, 55_000, "SEK")),
        ("$120k+", (120_000, None, "USD")),
        ("up to 60k", (None, 60_000, "")),
        ("52.5k", (52_500, 52_500, "")),
        ("CA$90,000.00", (90_000, 90_000, "CAD")),
        ("", None),
    ],
)
def test_salaries_as_people_write_them(written, salary):
    assert parse_salary(written) == salary


@pytest.mark.parametrize("written", ["competitive", "60k-50k", "50k-60k-70k", "9" * 16])
def test_a_salary_nobody_can_read_is_a_problem(user, written):
    parsed = read(user, f"Company,Title,Salary\nGlobex,Engineer,{written}\n")

    ((column, message),) = problems(parsed)
    assert column == "Salary"
    assert written[:5] in message


def test_a_salary_column_and_a_currency_column(user):
    row = only_row(read(user, "Company,Title,Salary,Currency\nGlobex,Engineer,£50k,eur\n"))

    assert (row["salary_min"], row["salary_max"], row["currency"]) == (50_000, 50_000, "EUR")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Company;Job Title;Status\nGlobex;Data engineer, Berlin;Applied\n", ";"),
        ("Company\tJob Title\tStatus\nGlobex\tData engineer, Berlin\tApplied\n", "\t"),
        ('Company,Job Title,Status\nGlobex,"Data engineer, Berlin",Applied\n', ","),
    ],
)
def test_commas_semicolons_or_tabs_between_cells(user, text, delimiter):
    parsed = read(user, text)

    assert only_row(parsed)["title"] == "Data engineer, Berlin"
    assert (["info", "Cells are separated by semicolons."] in parsed.notices) == (delimiter == ";")


def test_the_column_names_may_come_after_a_title_row(user):
    parsed = read(user, "My job search 2026,,\n\nCompany,Title,Stage\nGlobex,Engineer,offer\n")

    assert only_row(parsed)["row"] == 4


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-8"])
def test_utf8_with_or_without_a_byte_order_mark_and_utf16(user, encoding):
    row = only_row(read(user, "Company,Title\nÜnion Bank,Ingénieur\n", encoding))

    assert (row["company"], row["title"]) == ("Ünion Bank", "Ingénieur")


def test_a_row_with_more_cells_than_column_names_is_a_problem(user):
    parsed = read(user, "Company,Title,Notes\nGlobex,Engineer,Good team, nice office\n")

    assert problems(parsed) == [
        (
            "",
            "This row has 4 cells but there are 3 column names. A comma inside a cell that "
            "has no quotes around it often does this.",
        )
    ]


def test_blank_rows_and_trailing_empty_cells_are_not_problems(user):
    parsed = read(user, "Company,Title,,,\r\n\r\nGlobex,Engineer,,,\r\n,,,,\r\nHooli,Analyst\r\n")

    assert [(row["row"], row["company"]) for row in parsed.rows] == [(3, "Globex"), (5, "Hooli")]
    assert parsed.problems == []
    assert parsed.row_count == 2


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("'=SUM(A1:A9)", "=SUM(A1:A9)"),
        ("'+44 20 7946 0000", "+44 20 7946 0000"),
        ("'-5", "-5"),
        ("'@home", "@home"),
        ("''=x", "'=x"),
        ("'90s revival", "'90s revival"),
        ("'quoted'", "'quoted'"),
        ("=x", "=x"),
    ],
)
def test_the_import_strips_the_formula_apostrophe_and_only_that(user, cell, value):
    row = only_row(read(user, f'Company,Title,Notes\nGlobex,Engineer,"{cell}"\n'))

    assert row["notes"] == value


@given(st.text())
def test_escaping_a_formula_and_undoing_it_gives_the_text_back(text):
    escaped = escape_formula(text)

    assert unescape_formula(escaped) == text
    assert not escaped or escaped[0] not in "=+-@\t\r"


def test_duplicates_count_the_same_company_title_and_date(user):
    ApplicationFactory(
        owner=user, company__name="Globex", title="Engineer", applied_on=dt.date(2026, 3, 14)
    )

    parsed = read(
        user,
        "Company,Title,Applied\n"
        "GLOBEX,engineer,14/03/2026\n"  # in Onward
        "Globex,Engineer,15/03/2026\n"  # another date: new
        "Hooli,Analyst,\n"
        "hooli,analyst,\n",  # same as the row above, both undated
    )

    assert [row["row"] for row in parsed.rows] == [3, 4]
    assert [(row, reason) for row, _, reason in parsed.duplicates] == [
        (2, "Already in Onward."),
        (5, "Same as row 4."),
    ]
    assert Application.objects.count() == 1
