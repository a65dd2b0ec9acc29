"""The preview of an import: its rows to create as the page shows them."""

from applications.csv.confirm import as_date
from applications.models import Stage

# Rows of the preview's "will be added" table per page.
PREVIEW_PAGE = 50


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
