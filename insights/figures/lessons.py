"""Lessons per kind and where they stand (from the counts of insights/figures/counts.py)."""

from django.urls import reverse
from django.utils.html import format_html

from feedback.models import Lesson
from insights.charts import Chart, Row, Segment
from insights.figures.words import number, share, share_text
from insights.tables import table_rows


def lesson_figures(counted):
    """Per kind of lesson, how many were opened and where they stand, from the counts
    per kind and status (the "lesson" rows of counted(), a dozen at most)."""
    Status = Lesson.Status
    found = {}
    for row in counted["lesson"]:
        category, status, n = row["name"], row["other"], row["n"]
        item = found.setdefault(category, {"opened": 0, "in_progress": 0, "done": 0})
        item["opened"] += n
        if status == Status.IN_PROGRESS:
            item["in_progress"] += n
        elif status == Status.DONE:
            item["done"] += n
    rows = []
    for category in Lesson.Category:
        item = found.get(category)
        if not item:
            continue
        opened, done, in_progress = item["opened"], item["done"], item["in_progress"]
        rows.append(
            {
                "category": category,
                "label": category.label,
                "opened": opened,
                "in_progress": in_progress,
                "open": opened - done - in_progress,
                "done": done,
                "text": f"{number(done)} of {number(opened)} done",
                "opened_text": number(opened),
                "open_text": number(opened - done - in_progress),
                "in_progress_text": number(in_progress),
                "done_text": number(done),
            }
        )
    opened = sum(item["opened"] for item in rows)
    done = sum(item["done"] for item in rows)
    in_progress = sum(item["in_progress"] for item in rows)
    return {
        "rows": rows,
        "opened": opened,
        "done": done,
        "in_progress": in_progress,
        "open": opened - done - in_progress,
        "done_share": share_text(done, opened),
        "done_share_known": share(done, opened) is not None,
        "numbers": lesson_numbers(rows),
        "chart": Chart.horizontal(
            [
                Row(
                    item["label"],
                    item["text"],
                    [
                        Segment(item["done"], "chart-bar-success"),
                        Segment(item["in_progress"], "chart-bar-warning"),
                        Segment(item["open"], "chart-bar-open"),
                    ],
                )
                for item in rows
            ],
            scale=max((item["opened"] for item in rows), default=0),
        ),
    }


def lesson_numbers(rows):
    """The table's rows, each kind a link to its lessons."""
    listed = reverse("lessons:list")
    return table_rows(
        (
            format_html('<a href="{}?category={}">{}</a>', listed, item["category"], item["label"]),
            item["opened_text"],
            item["open_text"],
            item["in_progress_text"],
            item["done_text"],
        )
        for item in rows
    )
