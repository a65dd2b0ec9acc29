"""One imported row's cells turned into the values of an application, each checked as
the application form would check it, or into the problems found (RowReader)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from applications.capture.tags import normalise_tags
from applications.csv.cells import (
    CONTROL_CHARACTERS,
    EMPLOYMENT_TYPE_ALIASES,
    EMPLOYMENT_TYPE_NAMES,
    SALARY_PERIOD_ALIASES,
    SALARY_PERIOD_NAMES,
    SOURCE_ALIASES,
    SOURCE_NAMES,
    STAGE_ALIASES,
    STAGE_NAMES,
    WORK_MODE_ALIASES,
    WORK_MODE_NAMES,
    CellProblem,
    choice,
    clip,
    parse_currency,
    parse_salary,
)
from applications.csv.columns import FIELD_LABELS
from applications.csv.dates import parse_date
from applications.csv.formulas import unescape_formula
from applications.models import Application, Company, clean_company_name, company_key
from core import limits
from core.limits import max_length_of

# The longest text each column takes: the model field's max_length, as on the form.
LONGEST = {
    "company": max_length_of(Company, "name"),
    **{
        name: max_length_of(Application, name)
        for name in ("title", "job_url", "location", "notes", "tags", "description")
    },
}
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
        """The file's name of the column, as a problem names it (cut short: a name
        of any length can match once its spaces and punctuation are dropped)."""
        for index, column in self.columns.items():
            if column == key:
                return clip(self.header[index].strip())
        return FIELD_LABELS.get(key, key)

    def text(self, value, key, single_line=True):
        """The cell stripped at both ends, as a form field strips it; control
        characters dropped, and line breaks too where a form has one line."""
        value = CONTROL_CHARACTERS.sub("", value).strip()
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

    def check(self, key, value):
        """The value read, through the application field's own validators (the
        limits the form runs: dates 1970 to 2100, amounts up to 10^12)."""
        problems = limits.problems(Application._meta.get_field(key), value)
        if problems:
            raise CellProblem(" ".join(problems))
        return value

    def read_applied_on(self, value, row):
        applied_on = self.check("applied_on", parse_date(value, self.day_first))
        if applied_on and (applied_on - self.today).days > 1:
            raise CellProblem(
                f"{applied_on.day} {applied_on:%B %Y} is in the future. Leave it empty if you "
                "haven’t applied yet."
            )
        row["applied_on"] = applied_on.isoformat() if applied_on else None

    def read_follow_up_on(self, value, row):
        follow_up_on = self.check("follow_up_on", parse_date(value, self.day_first))
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
            low, high, currency = salary
            row["salary_min"] = self.check("salary_min", low)
            row["salary_max"] = self.check("salary_max", high)
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
        row[key] = self.check(key, low)
        row["currency"] = row.get("currency") or currency

    def read_currency(self, value, row):
        currency = parse_currency(value)
        if currency:
            row["currency"] = currency

    def read_notes(self, value, row):
        row["notes"] = self.text(value, "notes", single_line=False)

    def read_salary_period(self, value, row):
        row["salary_period"] = (
            choice(SALARY_PERIOD_ALIASES, value, "salary period", SALARY_PERIOD_NAMES)
            if value.strip()
            else ""
        )

    def read_employment_type(self, value, row):
        row["employment_type"] = (
            choice(EMPLOYMENT_TYPE_ALIASES, value, "employment type", EMPLOYMENT_TYPE_NAMES)
            if value.strip()
            else ""
        )

    def read_closing_on(self, value, row):
        closing_on = self.check("closing_on", parse_date(value, self.day_first))
        row["closing_on"] = closing_on.isoformat() if closing_on else None

    def read_excitement(self, value, row):
        value = value.strip()
        if value and not (value.isascii() and value.isdigit() and 1 <= int(value) <= 5):
            raise CellProblem(f"“{clip(value)}”: write how excited you are as 1 to 5.")
        row["excitement"] = int(value) if value else None

    def read_tags(self, value, row):
        row["tags"] = normalise_tags(self.text(value, "tags"))

    def read_description(self, value, row):
        row["description"] = self.text(value, "description", single_line=False)


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
    "salary_period",
    "employment_type",
    "closing_on",
    "excitement",
    "tags",
    "notes",
    "description",
]
