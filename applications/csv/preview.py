"""The preview of an import: its rows to create as the page shows them, the part of its
problems and duplicates the page shows, and the problems as a CSV download."""

import csv
import io
import re
from pathlib import PurePath

from applications.csv.confirm import as_date
from applications.csv.formulas import escape_formula
from applications.models import Stage

# Rows of the preview's "will be added" table per page.
PREVIEW_PAGE = 50
# Problems (and duplicates) the page lists; the batch keeps more (KEPT_PROBLEMS in
# parse.py), which the CSV download holds.
SHOWN_PROBLEMS = 200


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


def shown_report(batch):
    """What the preview shows of the batch's report: at most SHOWN_PROBLEMS problems
    and duplicates, with how many there are and how many the download holds."""
    report = batch.report
    problems, duplicates = report.get("problems", []), report.get("duplicates", [])
    ignored = report.get("ignored_columns", [])
    return {
        **report,
        "problems": problems[:SHOWN_PROBLEMS],
        "problems_kept": len(problems),
        "problem_total": report.get("problem_total", len(problems)),
        "duplicates": duplicates[:SHOWN_PROBLEMS],
        "duplicate_total": batch.duplicate_count,
        "ignored_more": report.get("ignored_total", len(ignored)) - len(ignored),
        "shown": SHOWN_PROBLEMS,
    }


def problems_csv(batch):
    """The problems the batch keeps, as CSV text a spreadsheet opens (a byte-order mark
    for Excel; cells that would start a formula escaped)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(["Row", "Column", "Problem"])
    for row, column, message in batch.report.get("problems", []):
        writer.writerow([row, escape_formula(column or "whole row"), escape_formula(message)])
    return buffer.getvalue()


def problems_filename(batch):
    """ "applications-problems.csv" for applications.csv: ASCII letters, digits, dots
    and dashes only, so any upload's name makes a safe header."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", PurePath(batch.file_name or "").stem)
    return f"{stem.strip('-.')[:60] or 'import'}-problems.csv"
