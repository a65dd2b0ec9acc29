"""The figures behind /insights/: the search as a whole.

Every number comes from an aggregate query over the owner's rows, never from a loop
over the rows in Python, so the page makes the same few queries at 10 or 10,000
applications:

1. the applications, grouped by source and the furthest stage their timeline reached
   (kept on the application as `reached`): the funnel, overall and per source;
2. applications per day applied, over the last 12 weeks (folded into weeks);
3. rejections by the stage they came at, with their reflections' moods per month;
4. their feedback requests by status, kind of answer (specific or generic) and wait
   in days (for those with both dates), from which Python finds the median wait;
5. lessons per kind and status.

The reflections' moods per month come with the rejections (3.), each rejection having
one reflection at most.

Python then shapes the few dozen numbers that come back into rows, sentences and the
geometry of the server-rendered SVG charts (see `Chart`). The words of the page live
in templates/insights/.
"""

import datetime as dt
import html
import itertools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Func, IntegerField
from django.utils.safestring import mark_safe

from applications.models import RANK as STAGE_RANK
from applications.models import Application, Stage
from feedback.models import FeedbackRequest, Lesson, Rejection

WEEKS = 12
MOOD_MONTHS = 12
MONTH_KEYS = [f"month_{index}" for index in range(MOOD_MONTHS)]
# Fewer rejections than this and no suggestion is made: two is not a pattern.
PATTERN_MIN = 3

FUNNEL = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED]
FUNNEL_KEYS = [f"reached_{stage}" for stage in FUNNEL]
# How far along the pipeline a timeline row's stage is (see applications.models.RANK):
# an application's `reached` is the furthest of its timeline's ranks.
RANK = STAGE_RANK

AtStage = Rejection.AtStage
# Where rejections cluster, for the suggestion: before anyone spoke to the person, at
# the first call, or after interviews. Ties go to the earlier group: it comes first.
REJECTION_GROUPS = {
    "cv": [AtStage.CV],
    "screening": [AtStage.SCREENING],
    "interviews": [AtStage.INTERVIEW, AtStage.FINAL_ROUND, AtStage.OFFER],
}
# A request that has left the drafts folder.
SENT_STATUSES = [
    FeedbackRequest.Status.SENT,
    FeedbackRequest.Status.RECEIVED,
    FeedbackRequest.Status.DECLINED,
    FeedbackRequest.Status.NO_RESPONSE,
]


def insights(user, today):
    """Everything /insights/ shows, for `user` on their `today`."""
    rejections_row, per_mood = rejection_row(user, today)
    return {
        **funnel_figures(user),
        "weeks": week_figures(user, today),
        "rejections": rejection_figures(rejections_row),
        "feedback": feedback_figures(rejections_row),
        "lessons": lesson_figures(user),
        "mood": mood_figures(per_mood, today),
    }


# Numbers and words


def number(value):
    """12,345: a count as people write it."""
    return f"{value:,}"


def short_number(value):
    """A count that fits above a narrow column: 950, 1.3k, 12k."""
    if value < 1000:
        return str(value)
    if value < 10_000:
        return f"{value / 1000:.1f}k".replace(".0k", "k")
    return f"{round(value / 1000)}k"


def percent(part, whole):
    """A whole percentage, or None when there is nothing to divide by. A share that is
    not zero never shows as 0%, nor one short of all as 100%."""
    if not whole:
        return None
    share = 100 * part / whole
    if 0 < share < 1:
        return 1
    if 99 < share < 100:
        return 99
    return round(share)


def one_decimal(value):
    """3.5: as floatformat:1 writes a number (its text read as a decimal, halves
    rounded up), without the template filter's localisation lookups."""
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent_text(part, whole):
    share = percent(part, whole)
    return "–" if share is None else f"{share}%"


# The funnel and the sources: one query


def stages_from(stage):
    """The timeline stages that show an application got at least as far as `stage`."""
    return [reached for reached, rank in RANK.items() if rank >= RANK[stage]]


def funnel_figures(user):
    """How many applications reached each stage of the funnel, overall and per source.

    An application reached a stage when any row of its timeline went to that stage or
    a later one (`stages_from`); Application.reached holds the furthest RANK its
    timeline reached. One query counts the applications per source and rank, read in
    order from the index on (owner, source, reached): at most a few dozen groups.
    Python adds them up into "at least this far", per source and overall."""
    per_source = {}
    for source, reached, n in (
        Application.objects.for_user(user)
        .order_by()
        .values_list("source", "reached")
        .annotate(n=Count("*"))
    ):
        row = per_source.setdefault(source, dict.fromkeys(FUNNEL_KEYS, 0))
        for stage, key in zip(FUNNEL, FUNNEL_KEYS, strict=True):
            if reached >= RANK[stage]:
                row[key] += n
    totals = {key: sum(row[key] for row in per_source.values()) for key in FUNNEL_KEYS}
    return {"funnel": funnel(totals), "sources": source_rows(per_source)}


def funnel(row):
    steps = []
    applied = row[f"reached_{Stage.APPLIED}"]
    previous = None
    for stage in FUNNEL:
        count = row[f"reached_{stage}"]
        steps.append(
            {
                "stage": stage,
                "label": stage.label,
                "count": count,
                "count_text": number(count),
                "of_applied": percent_text(count, applied),
                "from_previous": percent_text(count, previous) if previous is not None else "",
                "text": f"{number(count)} ({percent_text(count, applied)})",
            }
        )
        previous = count
    return {
        "applied": applied,
        "steps": steps,
        "stall": stall(steps),
        "chart": Chart.horizontal(
            [Row(step["label"], step["text"], [Segment(step["count"])]) for step in steps],
            scale=applied,
        ),
    }


def stall(steps):
    """The step fewest applications go on to, from the one before; None without data.
    The first of equals is the earlier step."""
    moves = [
        {"before": before, "after": after, "rate": after["count"] / before["count"]}
        for before, after in itertools.pairwise(steps)
        if before["count"]
    ]
    found = min(moves, key=lambda move: move["rate"], default=None)
    return {"before": found["before"], "after": found["after"]} if found else None


def source_rows(per_source):
    """Per source, how many applications were sent and how many reached interviews;
    most used first. Sources never used are left out."""
    rows = []
    for source in [*Application.Source.values, ""]:
        row = per_source.get(source)
        sent = row[f"reached_{Stage.APPLIED}"] if row else 0
        if sent:
            interviewed = row[f"reached_{Stage.INTERVIEWING}"]
            label = Application.Source(source).label if source else "Not recorded"
            rows.append(
                {
                    "source": source,
                    "label": label,
                    "sent": sent,
                    "interviewed": interviewed,
                    "sent_text": number(sent),
                    "interviewed_text": number(interviewed),
                    "rate": percent(interviewed, sent),
                    "text": f"{number(interviewed)} of {number(sent)} "
                    f"({percent_text(interviewed, sent)})",
                }
            )
    rows.sort(key=lambda item: -item["sent"])
    # The best rate among sources used often enough for the rate to mean something.
    recorded = [item for item in rows if item["source"]]
    telling = [item for item in recorded if item["sent"] >= 5] or recorded
    best = max(telling, key=lambda item: item["rate"], default=None)
    return {
        "rows": rows,
        "best": best if best and best["interviewed"] else None,
        "chart": Chart.horizontal(
            [
                Row(
                    item["label"],
                    item["text"],
                    [
                        Segment(item["sent"], "chart-bar-muted"),
                        Segment(item["interviewed"], overlay=True),
                    ],
                )
                for item in rows
            ],
            scale=max((item["sent"] for item in rows), default=0),
        ),
    }


def day_month(day):
    """3 March: as the date filter writes "j F" in English."""
    return f"{day.day} {day:%B}"


def week_starts(today):
    """The Mondays of the last WEEKS weeks, oldest first; the last is this week's."""
    this_monday = today - dt.timedelta(days=today.weekday())
    return [this_monday - dt.timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]


def week_figures(user, today):
    """Applications per week by the day applied, over the last WEEKS weeks of the
    user's calendar (`today` is their today). One query counts per day over the index
    on (owner, applied_on); Python folds those (at most 7 * WEEKS) days into weeks."""
    mondays = week_starts(today)
    per_day = (
        Application.objects.for_user(user)
        .filter(applied_on__gte=mondays[0], applied_on__lt=mondays[-1] + dt.timedelta(weeks=1))
        .order_by()
        .values_list("applied_on")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(mondays, 0)
    for day, n in per_day:
        counts[day - dt.timedelta(days=day.weekday())] += n
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
    busiest = max(weeks, key=lambda week: week["count"])
    return {
        "weeks": weeks,
        "total": total,
        "busiest": busiest if busiest["count"] else None,
        "this_week": weeks[-1]["count"],
        "first_monday": mondays[0],
        "first_monday_text": day_month(mondays[0]),
        "busiest_text": day_month(busiest["monday"]),
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


# How a sentence says where a rejection came.
AT_STAGE_WORDS = {
    AtStage.CV: "at the CV stage",
    AtStage.SCREENING: "after a screening call",
    AtStage.INTERVIEW: "after an interview",
    AtStage.FINAL_ROUND: "after the final round",
    AtStage.OFFER: "at the offer stage",
}


class MonthIndex(Func):
    """Which of the spans between consecutive `bounds` (aware datetimes, oldest first)
    a datetime falls in: 0 for the first, NULL before the first bound, after the last,
    or for NULL. One CASE over the column, written directly: built from When()s, the
    ORM would resolve a dozen lookups at every request for the same SQL. Inside the
    bounds the span is found by halving (four comparisons for twelve months rather
    than up to thirteen in a row), as the database evaluates it once per row."""

    output_field = IntegerField()

    def __init__(self, expression, bounds):
        super().__init__(expression)
        self.bounds = bounds

    def as_sql(self, compiler, connection, column_template="%s", **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        column = column_template % column
        bounds = [connection.ops.adapt_datetimefield_value(bound) for bound in self.bounds]

        def span(low, high):
            """The index of the span, for a value known to be in bounds[low:high + 1]."""
            if high - low == 1:
                return str(low), []
            middle = (low + high) // 2
            before, before_params = span(low, middle)
            after, after_params = span(middle, high)
            return (
                f"CASE WHEN {column} < %s THEN {before} ELSE {after} END",
                [*column_params, bounds[middle], *before_params, *after_params],
            )

        inside, inside_params = span(0, len(bounds) - 1)
        return (
            f"CASE WHEN {column} < %s THEN NULL WHEN {column} < %s THEN {inside} END",
            [*column_params, bounds[0], *column_params, bounds[-1], *inside_params],
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite gives a datetime column NUMERIC affinity, so each comparison with a
        # text bound would first try to read the bound as a number; "+column" has no
        # affinity and compares the text as it is (the same order: ISO 8601 text).
        return self.as_sql(compiler, connection, column_template="+%s", **extra_context)


def rejection_row(user, today):
    """Rejections by the stage they came at, the moods of their reflections per month
    (see mood_figures), and what came of the feedback requests made about them.

    Two small grouped queries. The rejections, each joined to its reflection (one at
    most), counted per stage, mood and month of the reflection: the month is found by
    a CASE over the months' bounds in the user's zone (see MonthIndex), NULL for a
    reflection outside the last MOOD_MONTHS months (or no reflection). Then the requests,
    per status, kind of answer and whole days waited for it, NULL without both dates
    (see median_days); joining them to the rejections and counting rejections distinct
    would cost more than both. Python adds the few groups up into the counts the page
    shows. Returns (the counts, {mood: {month_<index>: count}})."""
    Status = FeedbackRequest.Status
    starts = month_starts(today)
    bounds = [dt.datetime.combine(day, dt.time(), tzinfo=user.zone) for day in starts]
    month = MonthIndex(F("reflection__created_at"), bounds)
    row = {f"rejected_{at_stage}": 0 for at_stage in AtStage.values}
    per_mood = {}
    for at_stage, mood, index, n in (
        Rejection.objects.for_user(user)
        .order_by()
        .annotate(month=month)
        .values_list("at_stage", "reflection__mood", "month")
        .annotate(n=Count("*"))
    ):
        key = f"rejected_{at_stage}"
        row[key] = row.get(key, 0) + n
        if index is not None and mood is not None:
            if mood not in per_mood:
                per_mood[mood] = dict.fromkeys(MONTH_KEYS, 0)
            per_mood[mood][MONTH_KEYS[index]] += n
    requests = {}  # (status, is_generic): count
    waits = {}  # days from sending to the answer: how many requests waited that long
    for status, is_generic, wait, n in (
        FeedbackRequest.objects.for_user(user)
        .order_by()
        .annotate(wait=DaysBetween("received_on", "sent_on"))
        .values_list("status", "is_generic", "wait")
        .annotate(n=Count("*"))
    ):
        requests[status, is_generic] = requests.get((status, is_generic), 0) + n
        if wait is not None:
            waits[wait] = waits.get(wait, 0) + n

    def requests_with(statuses, is_generic=None):
        return sum(
            n
            for (status, generic), n in requests.items()
            if status in statuses and (is_generic is None or generic == is_generic)
        )

    counts = row | {
        "drafts": requests_with([Status.DRAFT]),
        "sent": requests_with(SENT_STATUSES),
        "waiting": requests_with([Status.SENT]),
        "answered": requests_with([Status.RECEIVED, Status.DECLINED]),
        "specific": requests_with([Status.RECEIVED], is_generic=False),
        "generic": requests_with([Status.RECEIVED], is_generic=True),
        "declined": requests_with([Status.DECLINED]),
        "no_response": requests_with([Status.NO_RESPONSE]),
        "timed": sum(waits.values()),
        "median_days": median_days(waits),
    }
    return counts, per_mood


def rejection_figures(row):
    rows = [
        {
            "at_stage": at_stage,
            "label": at_stage.label,
            "where": AT_STAGE_WORDS[at_stage],
            "count": row[f"rejected_{at_stage}"],
        }
        for at_stage in AtStage
    ]
    total = sum(item["count"] for item in rows)
    for item in rows:
        item["share"] = percent_text(item["count"], total)
        item["count_text"] = number(item["count"])
        item["text"] = f"{number(item['count'])} ({item['share']})"
    return {
        "rows": rows,
        "found": [item for item in rows if item["count"]],
        "total": total,
        "suggestion": suggestion(row, total),
        "chart": Chart.horizontal(
            [
                Row(item["label"], item["text"], [Segment(item["count"], "chart-bar-danger")])
                for item in rows
            ],
            scale=max((item["count"] for item in rows), default=0),
        ),
    }


def suggestion(row, total):
    """Where most rejections came, as one of REJECTION_GROUPS' names with its count and
    share; None while there are too few to speak of a pattern. The advice itself is
    worded in templates/insights/_rejections.html."""
    if total < PATTERN_MIN:
        return None
    counts = {
        group: sum(row[f"rejected_{at_stage}"] for at_stage in stages)
        for group, stages in REJECTION_GROUPS.items()
    }
    group = max(counts, key=counts.get)  # the first of equals: the earlier stage
    return {
        "group": group,
        "count": counts[group],
        "total": total,
        "share": percent_text(counts[group], total),
    }


# Feedback: counted with the rejections, the median from the counts per wait


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
        share = percent_text(count, sent)
        text = f"{number(count)} ({share} of sent)" if rows else number(count)
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
        "answer_rate": percent_text(row["answered"], sent),
        "rows": rows,
        "median_text": days_text(median),
        "chart": Chart.horizontal(
            [
                Row(item["label"], item["text"], [Segment(item["count"], item["tone"])])
                for item in rows
            ],
            scale=sent,
        ),
    }


class DaysBetween(Func):
    """The number of days from one date to a later one, as an integer, computed by the
    database itself: PostgreSQL subtracts dates into days; on SQLite, Django's date
    subtraction calls a Python function per row, so julianday() is used instead."""

    output_field = IntegerField()

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
        )


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


# Lessons: one query


def lesson_figures(user):
    """Per kind of lesson, how many were opened and where they stand: one query counts
    them per kind and status (a dozen groups at most), Python adds those up."""
    Status = Lesson.Status
    found = {}
    for category, status, n in (
        Lesson.objects.for_user(user)
        .order_by()
        .values_list("category", "status")
        .annotate(n=Count("*"))
    ):
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
        "done_share": percent_text(done, opened),
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


# Mood: one query


def month_starts(today):
    """The first days of the last MOOD_MONTHS months, oldest first, and the first day
    of the month after: MOOD_MONTHS + 1 dates."""
    this_month = today.year * 12 + today.month - 1  # months since year 0
    return [
        dt.date(number // 12, number % 12 + 1, 1)
        for number in range(this_month - MOOD_MONTHS + 1, this_month + 2)
    ]


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
            "share": percent_text(moods[mood], total),
        }
        for mood in range(1, 6)
    ]
    return {
        "total": total,
        "average": overall,
        "average_text": f"{overall:.1f}" if overall is not None else "",
        "monthly": monthly,
        "distribution": distribution,
        "most_given": max(distribution, key=lambda item: item["count"]) if total else None,
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
                    f"{number(item['count'])} ({item['share']})",
                    [Segment(item["count"])],
                )
                for item in distribution
            ],
            scale=max(moods),
        ),
    }


MOOD_LABELS = {1: "1 · low", 2: "2", 3: "3", 4: "4", 5: "5 · fine"}


# Chart geometry, in the units of the SVG's viewBox. The SVG scales to its box with
# CSS; all drawing is done by SVG attributes and classes (no inline style: CSP).

# The width suits a phone (about 1:1 there) and a desktop column (CSS caps the size).
CHART_WIDTH = 360
BAR_AREA = 220  # horizontal bars: the rest of the width holds the value's text
ROW_HEIGHT = 44
BAR_HEIGHT = 16
COLUMN_AREA = 120  # vertical bars: the tallest bar
COLUMN_TOP = 20  # room for the value above the tallest bar


@dataclass
class Segment:
    value: float
    tone: str = ""
    overlay: bool = False  # drawn from the start of the bar, over the ones before
    x: int = 0
    width: int = 0


@dataclass
class Row:
    label: str
    text: str
    segments: list
    label_y: int = 0
    bar_y: int = 0
    text_x: int = 0
    text_y: int = 0


@dataclass
class Column:
    label: str
    text: str
    value: float
    tone: str = ""
    show_label: bool = True
    x: int = 0
    y: int = 0
    height: int = 0
    center: int = 0
    text_y: int = 0


@dataclass
class Chart:
    rows: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    width: int = CHART_WIDTH
    height: int = 0
    bar_height: int = BAR_HEIGHT
    bar_area: int = BAR_AREA
    column_width: int = 0
    baseline: int = 0
    label_y: int = 0
    standing: bool = False  # columns (vertical) rather than rows

    @classmethod
    def horizontal(cls, rows, scale):
        """Bars left to right, a label above each and the value's text after it.
        Segments follow one another (stacked) unless marked as an overlay."""
        for index, row in enumerate(rows):
            top = index * ROW_HEIGHT
            row.label_y = top + 15
            row.bar_y = top + 22
            row.text_y = row.bar_y + BAR_HEIGHT - 3
            end = 0
            for segment in row.segments:
                segment.width = bar_length(segment.value, scale, BAR_AREA)
                segment.x = 0 if segment.overlay else end
                end = max(end, segment.x + segment.width)
            row.text_x = end + 8
        return cls(rows=rows, height=len(rows) * ROW_HEIGHT)

    @classmethod
    def vertical(cls, columns, scale=None):
        """Bars bottom to top, the value above each and a label below."""
        scale = scale if scale is not None else max((c.value for c in columns), default=0)
        step = CHART_WIDTH // max(len(columns), 1)
        width = round(step * 0.65)
        baseline = COLUMN_TOP + COLUMN_AREA
        for index, column in enumerate(columns):
            column.height = bar_length(column.value, scale, COLUMN_AREA)
            column.x = index * step + (step - width) // 2
            column.center = index * step + step // 2
            column.y = baseline - column.height
            column.text_y = column.y - 6
        return cls(
            columns=columns,
            standing=True,
            height=baseline + 24,
            column_width=width,
            baseline=baseline,
            label_y=baseline + 18,
        )

    def svg(self):
        """The drawing, as the <svg> element the insights partials put in the page
        ({{ chart.svg }}). Written here rather than in template tags: a page
        draws hundreds of shapes, and the template engine would spend longer on them
        than the database on all the figures. Numbers are plain integers (coordinates,
        never localised); words are escaped."""
        parts = [
            f'<svg class="chart" viewBox="0 0 {self.width} {self.height}" width="{self.width}" '
            f'height="{self.height}" aria-hidden="true" focusable="false">'
        ]
        if self.standing:
            parts.append(
                f'<line class="chart-axis" x1="0" y1="{self.baseline}" x2="{self.width}" '
                f'y2="{self.baseline}"></line>'
            )
            for column in self.columns:
                if column.height:
                    parts.append(
                        f'<rect class="chart-bar {escape(column.tone)}" x="{column.x}" '
                        f'y="{column.y}" width="{self.column_width}" height="{column.height}" '
                        'rx="2"></rect>'
                    )
                if column.text:
                    parts.append(
                        f'<text class="chart-value chart-column-value" x="{column.center}" '
                        f'y="{column.text_y}" text-anchor="middle">{escape(column.text)}</text>'
                    )
                if column.show_label:
                    parts.append(
                        f'<text class="chart-label chart-label-small" x="{column.center}" '
                        f'y="{self.label_y}" text-anchor="middle">{escape(column.label)}</text>'
                    )
        else:
            for row in self.rows:
                parts.append(
                    f'<text class="chart-label" x="0" y="{row.label_y}">{escape(row.label)}</text>'
                    f'<rect class="chart-track" x="0" y="{row.bar_y}" width="{self.bar_area}" '
                    f'height="{self.bar_height}" rx="2"></rect>'
                )
                parts.extend(
                    f'<rect class="chart-bar {escape(segment.tone)}" x="{segment.x}" '
                    f'y="{row.bar_y}" width="{segment.width}" height="{self.bar_height}" '
                    'rx="2"></rect>'
                    for segment in row.segments
                    if segment.width
                )
                parts.append(
                    f'<text class="chart-value" x="{row.text_x}" y="{row.text_y}">'
                    f"{escape(row.text)}</text>"
                )
        parts.append("</svg>")
        return mark_safe("\n".join(parts))  # every word above is escaped


def escape(text):
    """Text made safe for the SVG, as django.utils.html.escape does it (html.escape of
    str), without its lazy-string wrapper: a page escapes a few hundred words."""
    return html.escape(str(text))


def bar_length(value, scale, area):
    """A bar's length: in proportion, and never invisible for a value above zero."""
    if not scale or not value:
        return 0
    return max(2, round(area * value / scale))
