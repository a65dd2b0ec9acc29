"""The funnel and the sources: how far applications got, overall and per source (from
the counts of insights/figures/counts.py)."""

import itertools

from applications.models import RANK as STAGE_RANK
from applications.models import Application, Stage
from insights.charts import Chart, Row, Segment
from insights.figures.words import (
    MIN_SAMPLE,
    TOO_FEW,
    and_list,
    count_share,
    leaders,
    number,
    share,
    share_text,
)
from insights.tables import table_rows

FUNNEL = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED]
FUNNEL_KEYS = [f"reached_{stage}" for stage in FUNNEL]
# How far along the pipeline a timeline row's stage is (see applications.models.RANK):
# an application's `reached` is the furthest of its timeline's ranks.
RANK = STAGE_RANK


def stages_from(stage):
    """The timeline stages that show an application got at least as far as `stage`."""
    return [reached for reached, rank in RANK.items() if rank >= RANK[stage]]


def funnel_figures(counted):
    """How many applications reached each stage of the funnel, overall and per source.

    An application reached a stage when any row of its timeline went to that stage or
    a later one (`stages_from`); Application.reached holds the furthest RANK its
    timeline reached. The applications are counted per source and rank (the "funnel"
    rows of counted(), read from the index on (owner, source, reached)): at most a few
    dozen groups. Python adds them up into "at least this far", per source and overall."""
    per_source = {}
    for found in counted["funnel"]:
        source, reached, n = found["name"], found["number"], found["n"]
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
                "of_applied": share_text(count, applied),
                "from_previous": share_text(count, previous) if previous is not None else "",
                "text": count_share(count, applied),
            }
        )
        previous = count
    return {
        "applied": applied,
        "steps": steps,
        "stall": stall(steps),
        "too_few": 0 < applied < MIN_SAMPLE,
        "numbers": table_rows(
            (step["label"], step["count_text"], step["of_applied"], step["from_previous"] or "–")
            for step in steps
        ),
        "chart": Chart.horizontal(
            [Row(step["label"], step["text"], [Segment(step["count"])]) for step in steps],
            scale=applied,
        ),
    }


def stall(steps):
    """The step fewest applications go on to from the one before, judged only where the
    step before holds MIN_SAMPLE or more (the same rule that prints its share in the
    chart and the table); None when no step has that many, or nothing is lost anywhere.
    `most` says whether more than half stop there ("Most stop before…"), else it is only
    the biggest drop. The first of equals is the earlier step: it comes first."""
    moves = [
        {"before": before, "after": after, "rate": after["count"] / before["count"]}
        for before, after in itertools.pairwise(steps)
        if before["count"] >= MIN_SAMPLE
    ]
    found = min(moves, key=lambda move: move["rate"], default=None)
    if found is None or found["rate"] >= 1:
        return None
    return {
        "before": found["before"],
        "after": found["after"],
        "share": found["after"]["from_previous"],
        "most": found["rate"] < 0.5,
    }


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
                    "rate": share(interviewed, sent),  # None below MIN_SAMPLE
                    "rate_text": share_text(interviewed, sent),
                    "telling": sent >= MIN_SAMPLE,
                    "text": f"{number(interviewed)} of {number(sent)}"
                    + (f" ({share_text(interviewed, sent)})" if sent >= MIN_SAMPLE else ""),
                }
            )
    rows.sort(key=lambda item: -item["sent"])
    return {
        "rows": rows,
        **source_sentences(rows),
        "numbers": table_rows(
            (item["label"], item["sent_text"], item["interviewed_text"], item["rate_text"])
            for item in rows
        ),
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


def source_sentences(rows):
    """What the sources' caption says, from the rows its chart draws.

    The leader is the source with the highest rate among those with MIN_SAMPLE or more
    sent: the sources whose rate the chart and the table print. Equal rates are all
    leaders. `among` says whether some recorded source was left out for having too few,
    so the sentence says which sources it speaks of. `most_used` are the recorded sources
    with the most applications (all of them when they tie)."""
    recorded = [item for item in rows if item["source"]]
    telling = [item for item in recorded if item["telling"]]
    best = leaders(telling, key=lambda item: item["rate"])
    if best and not best[0]["interviewed"]:
        best = []
    most_used = leaders(recorded, key=lambda item: item["sent"])
    return {
        "best": best,
        "best_names": and_list(item["label"].lower() for item in best),
        "best_rate": best[0]["rate_text"] if best else "",
        "among": len(telling) < len(recorded),
        "telling_count": len(telling),
        # One source with enough to say: no comparison to make, its own rate is said.
        "single": telling[0] if len(telling) == 1 else None,
        "min_sample": MIN_SAMPLE,
        "too_few": TOO_FEW,
        "most_used": most_used,
        "most_used_names": and_list(item["label"].lower() for item in most_used),
    }
