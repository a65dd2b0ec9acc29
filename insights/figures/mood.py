"""Mood: the reflections' average mood per month and how often each mood was given,
from the counts per mood and month (see insights/figures/counts.py and rejections.py)."""

import itertools

from core.prepared import month_start
from insights.charts import Chart, Column, Row, Segment
from insights.figures.words import (
    and_list,
    count_share,
    leaders,
    number,
    one_decimal,
    share,
    share_text,
)
from insights.tables import table_rows

MOOD_MONTHS = 12
MONTH_KEYS = [f"month_{index}" for index in range(MOOD_MONTHS)]


def month_starts(today):
    """The first days of the last MOOD_MONTHS months, oldest first, and the first day
    of the month after: MOOD_MONTHS + 1 dates."""
    return [month_start(today, months) for months in range(1 - MOOD_MONTHS, 2)]


def mood_figures(per_mood, today):
    """The average mood of step 1's reflections per month and how often each mood was
    given, over the last MOOD_MONTHS months (a month runs from midnight to midnight in
    the user's zone), from the counts per mood and month that rejection_row found.
    Python adds them up into averages and the distribution."""
    starts = month_starts(today)
    spans = list(itertools.pairwise(starts))
    monthly = []
    for index, month in enumerate(starts[:-1]):
        given = {mood: row[f"month_{index}"] for mood, row in per_mood.items()}
        count = sum(given.values())
        average = sum(mood * n for mood, n in given.items()) / count if count else None
        monthly.append(
            {
                "month": month,
                "count": count,
                "count_text": number(count),
                "average": average,
                "name": f"{month:%B}",  # the date filter's "F"
                "name_year": f"{month:%B} {month.year}",  # "F Y"
                "average_text": one_decimal(average) if count else "",
            }
        )
    # From the first month with a mood given: an account a few months old shows those.
    first = next((index for index, item in enumerate(monthly) if item["count"]), len(monthly))
    monthly = monthly[first:]
    moods = [0] * 6  # index: the mood
    for mood, row in per_mood.items():
        moods[mood] = sum(row[f"month_{index}"] for index in range(len(spans)))
    total = sum(moods)
    overall = sum(mood * n for mood, n in enumerate(moods)) / total if total else None
    distribution = [
        {
            "mood": mood,
            "count": moods[mood],
            "count_text": number(moods[mood]),
            "share": share_text(moods[mood], total),
            "text": count_share(moods[mood], total),
            "share_known": share(moods[mood], total) is not None,
        }
        for mood in range(1, 6)
    ]
    return {
        "total": total,
        "average": overall,
        "average_text": f"{overall:.1f}" if overall is not None else "",
        "monthly": monthly,
        "distribution": distribution,
        # Every mood given most often: equals are equal, in the chart and the sentence.
        "most_given": leaders(distribution, key=lambda item: item["count"]) if total else [],
        "most_given_names": and_list(
            item["mood"] for item in leaders(distribution, key=lambda item: item["count"])
        ),
        "monthly_numbers": table_rows(
            (item["name_year"], item["count_text"], item["average_text"] or "–") for item in monthly
        ),
        "distribution_numbers": table_rows(
            (
                f"{item['mood']}{MOOD_WORDS.get(item['mood'], '')}",
                item["count_text"],
                item["share"],
            )
            for item in distribution
        ),
        "monthly_chart": Chart.vertical(
            [
                Column(
                    item["month"].strftime("%b"),
                    f"{item['average']:.1f}" if item["average"] is not None else "",
                    item["average"] or 0,
                )
                for item in monthly
            ],
            scale=5,
        ),
        "distribution_chart": Chart.horizontal(
            [
                Row(
                    MOOD_LABELS[item["mood"]],
                    item["text"],
                    [Segment(item["count"])],
                )
                for item in distribution
            ],
            scale=max(moods),
        ),
    }


MOOD_LABELS = {1: "1 · low", 2: "2", 3: "3", 4: "4", 5: "5 · fine"}
MOOD_WORDS = {1: " (low)", 5: " (fine)"}  # after the mood, in the table
