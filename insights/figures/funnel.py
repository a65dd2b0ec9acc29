"""The funnel and the sources: how far applications got, overall and per source (one
query)."""

import itertools

from django.db.models import Count

from applications.models import RANK as STAGE_RANK
from applications.models import Application, Stage
from insights.charts import Chart, Row, Segment
from insights.figures.words import number, percent, percent_text

FUNNEL = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED]
FUNNEL_KEYS = [f"reached_{stage}" for stage in FUNNEL]
# How far along the pipeline a timeline row's stage is (see applications.models.RANK):
# an application's `reached` is the furthest of its timeline's ranks.
RANK = STAGE_RANK


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
