"""Feedback yield: requests sent, answered, specific or generic, and the median wait,
from the counts rejection_row makes (see insights/figures/rejections.py)."""

from feedback.models import FeedbackRequest
from insights.charts import Chart, Row, Segment
from insights.figures.words import count_share, number, share_text
from insights.tables import table_rows

# A request that has left the drafts folder.
SENT_STATUSES = [
    FeedbackRequest.Status.SENT,
    FeedbackRequest.Status.RECEIVED,
    FeedbackRequest.Status.DECLINED,
    FeedbackRequest.Status.NO_RESPONSE,
]


FEEDBACK_COUNTS = [
    "drafts",
    "sent",
    "waiting",
    "answered",
    "specific",
    "generic",
    "declined",
    "no_response",
    "timed",
    "median_days",
]


def feedback_figures(row):
    """Feedback requests sent, answered, specific or generic, and the median wait for
    an answer (all found in rejection_row)."""
    row = {name: row[name] for name in FEEDBACK_COUNTS}
    sent = row["sent"]
    steps = [
        ("Sent", sent, ""),
        ("Answered", row["answered"], ""),
        ("Specific answer", row["specific"], "chart-bar-success"),
        ("Generic answer", row["generic"], "chart-bar-warning"),
        ("Declined to say", row["declined"], "chart-bar-muted"),
    ]
    rows = []
    for label, count, tone in steps:
        share = share_text(count, sent)
        text = count_share(count, sent, of="of sent") if rows else number(count)
        rows.append(
            {
                "label": label,
                "count": count,
                "count_text": number(count),
                "share": share,
                "tone": tone,
                "text": text,
            }
        )
    median = row["median_days"]
    return {
        **row,
        "answer_rate": share_text(row["answered"], sent),
        "answered_text": count_share(row["answered"], sent),
        "rows": rows,
        "median_text": days_text(median),
        "numbers": table_rows((item["label"], item["count_text"], item["share"]) for item in rows),
        "chart": Chart.horizontal(
            [
                Row(item["label"], item["text"], [Segment(item["count"], item["tone"])])
                for item in rows
            ],
            scale=sent,
        ),
    }


def median_days(waits):
    """The median number of days from sending a request to its answer, or None.

    No database has a median aggregate that Django offers on both SQLite and
    PostgreSQL, so the requests with both dates are counted per wait, a whole number of
    days (see DaysBetween): one group per number of days waited, however many requests
    there are. The middle wait (odd count) or the two middle ones (even count) are then found
    by walking those counts in order."""
    count = sum(waits.values())
    if not count:
        return None
    middle = [(count - 1) // 2, count // 2]  # positions in the sorted waits, from 0
    found = []
    seen = 0
    for wait, n in sorted(waits.items()):
        seen += n
        while middle and middle[0] < seen:
            found.append(wait)
            middle.pop(0)
        if not middle:
            break
    return sum(found) / len(found)


def days_text(days):
    if days is None:
        return ""
    shown = f"{days:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"
