"""Weekly activity: applications per week by the day applied (from the counts per day
of insights/figures/counts.py)."""

import datetime as dt

from insights.charts import Chart, Column
from insights.figures.words import and_list, leaders, number, short_number
from insights.tables import table_rows

WEEKS = 12


def day_month(day):
    """3 March: as the date filter writes "j F" in English."""
    return f"{day.day} {day:%B}"


def week_starts(today):
    """The Mondays of the last WEEKS weeks, oldest first; the last is this week's."""
    this_monday = today - dt.timedelta(days=today.weekday())
    return [this_monday - dt.timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]


def week_figures(counted, today):
    """Applications per week by the day applied, over the last WEEKS weeks of the
    user's calendar (`today` is their today), from the counts per day around them (the
    "day" rows of counted(), read from the index on (owner, applied_on)): Python folds
    those (at most 7 * WEEKS + 6) days into weeks, leaving out the days of none."""
    mondays = week_starts(today)
    counts = dict.fromkeys(mondays, 0)
    for row in counted["day"]:
        monday = row["day"] - dt.timedelta(days=row["day"].weekday())
        if monday in counts:
            counts[monday] += row["n"]
    weeks = [
        {
            "monday": monday,
            "count": counts[monday],
            "count_text": number(counts[monday]),
            "is_current": index == WEEKS - 1,
            # As the date filter writes "D j M Y" in English, without its lookups.
            "monday_text": f"{monday:%a} {monday.day} {monday:%b} {monday.year}",
        }
        for index, monday in enumerate(mondays)
    ]
    total = sum(week["count"] for week in weeks)
    # Every week with the most: a tie is said as one, as the chart shows it.
    busiest = leaders(weeks, key=lambda week: week["count"])
    return {
        "weeks": weeks,
        "total": total,
        "busiest": busiest if busiest[0]["count"] else [],
        "busiest_count": busiest[0]["count"],
        "this_week": weeks[-1]["count"],
        "first_monday": mondays[0],
        "first_monday_text": day_month(mondays[0]),
        "busiest_text": and_list(day_month(week["monday"]) for week in busiest),
        "numbers": table_rows(
            (
                week["monday_text"] + (" (this week)" if week["is_current"] else ""),
                week["count_text"],
            )
            for week in weeks
        ),
        "chart": Chart.vertical(
            [
                Column(
                    f"{week['monday'].day} {week['monday']:%b}",
                    short_number(week["count"]) if week["count"] else "",
                    week["count"],
                    tone="chart-bar-current" if week["is_current"] else "",
                    show_label=(WEEKS - 1 - index) % 2 == 0,
                )
                for index, week in enumerate(weeks)
            ]
        ),
    }
