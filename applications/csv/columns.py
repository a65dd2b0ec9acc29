"""An imported file's column names mapped to Onward's columns, by the names other
trackers and spreadsheets give them (COLUMN_ALIASES)."""

from applications.csv.cells import alias_table, header_key
from applications.csv.formulas import unescape_formula

# Onward's column (or "salary": a figure or a range) ← the names people give it.
COLUMN_ALIASES = alias_table(
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
        "salary_period": "salary period | salary per | pay period | per",
        "employment_type": "employment type | job type | contract type | type of employment",
        "closing_on": "closing on | closing date | deadline | apply by | valid through",
        "excitement": "excitement | interest | rating | how excited",
        "tags": "tags | tag | labels | label",
        "notes": "notes | note | comments | comment",
        "description": "description | job description | advert text",
        # Onward's own export: these are set anew when the rows are imported.
        "": "created at | updated at",
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
    "salary_period": "Salary period",
    "employment_type": "Employment type",
    "closing_on": "Closing date",
    "excitement": "Excitement",
    "tags": "Tags",
    "notes": "Notes",
    "description": "Job description",
}
# Columns of the header that are looked at; a wider file has its other columns ignored.
MAX_COLUMNS = 200


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
