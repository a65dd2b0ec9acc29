"""Where rejections happen, and the counts of them, of their reflections' moods per
month and of the feedback requests made about them."""

from feedback.models import FeedbackRequest, Rejection
from insights.charts import Chart, Row, Segment
from insights.figures.feedback import SENT_STATUSES, median_days
from insights.figures.mood import MONTH_KEYS
from insights.figures.words import MIN_SAMPLE, and_list, count_share, leaders, number, share_text
from insights.tables import table_rows

# Fewer rejections than this and no suggestion is made: two is not a pattern. The same
# minimum as every share on the page (words.MIN_SAMPLE).
PATTERN_MIN = MIN_SAMPLE

AtStage = Rejection.AtStage
# Where rejections cluster, for the suggestion: before anyone spoke to the person, at
# the first call, or after interviews. Ties go to the earlier group: it comes first.
REJECTION_GROUPS = {
    "cv": [AtStage.CV],
    "screening": [AtStage.SCREENING],
    "interviews": [AtStage.INTERVIEW, AtStage.FINAL_ROUND, AtStage.OFFER],
}

# How a sentence says where a rejection came.
AT_STAGE_WORDS = {
    AtStage.CV: "at the CV stage",
    AtStage.SCREENING: "after a screening call",
    AtStage.INTERVIEW: "after an interview",
    AtStage.FINAL_ROUND: "after the final round",
    AtStage.OFFER: "at the offer stage",
}


def rejection_row(counted):
    """Rejections by the stage they came at, the moods of their reflections per month
    (see mood_figures), and what came of the feedback requests made about them, from
    the "rejection", "mood" and "request" rows of counted() (insights/figures/counts.py):
    the rejections per stage, the reflections per mood and month of the last
    MOOD_MONTHS (by a CASE over the months' bounds in the user's zone, see MonthIndex),
    and the requests per status, kind of answer and whole days waited for it (NULL
    without both dates, see median_days). Python adds the few groups up into the counts
    the page shows. Returns (the counts, {mood: {month_<index>: count}})."""
    Status = FeedbackRequest.Status
    row = {f"rejected_{at_stage}": 0 for at_stage in AtStage.values}
    for found in counted["rejection"]:
        key = f"rejected_{found['name']}"
        row[key] = row.get(key, 0) + found["n"]
    per_mood = {}
    for found in counted["mood"]:
        mood, index = found["number"], found["other_number"]
        if index is not None:
            if mood not in per_mood:
                per_mood[mood] = dict.fromkeys(MONTH_KEYS, 0)
            per_mood[mood][MONTH_KEYS[index]] += found["n"]
    requests = {}  # (status, is_generic): count
    waits = {}  # days from sending to the answer: how many requests waited that long
    for found in counted["request"]:
        status, is_generic, wait, n = (
            found["name"],
            bool(found["number"]),
            found["other_number"],
            found["n"],
        )
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
        item["share"] = share_text(item["count"], total)
        item["count_text"] = number(item["count"])
        item["text"] = count_share(item["count"], total)
    return {
        "rows": rows,
        "found": [item for item in rows if item["count"]],
        "total": total,
        "suggestion": suggestion(row, total),
        "numbers": table_rows((item["label"], item["count_text"], item["share"]) for item in rows),
        "chart": Chart.horizontal(
            [
                Row(item["label"], item["text"], [Segment(item["count"], "chart-bar-danger")])
                for item in rows
            ],
            scale=max((item["count"] for item in rows), default=0),
        ),
    }


# How the suggestion names each group in a sentence.
GROUP_WORDS = {
    "cv": "at the CV stage",
    "screening": "after a screening call",
    "interviews": "after interviews",
}


def suggestion(row, total):
    """Where most rejections came, as one of REJECTION_GROUPS' names with its count and
    share; None while there are too few to speak of a pattern. `most` says whether the
    group holds more than half (else it only holds more than any other); when groups
    tie for the most, the group is "tie" and `tied` names them, as the chart shows them
    equal. The advice itself is worded in templates/insights/_rejections.html."""
    if total < PATTERN_MIN:
        return None
    counts = {
        group: sum(row[f"rejected_{at_stage}"] for at_stage in stages)
        for group, stages in REJECTION_GROUPS.items()
    }
    top = leaders(list(counts), key=counts.get)
    found = counts[top[0]]
    return {
        "group": top[0] if len(top) == 1 else "tie",
        "tied": and_list(GROUP_WORDS[group] for group in top) if len(top) > 1 else "",
        "most": found * 2 > total,
        "count": found,
        "total": total,
        "share": share_text(found, total),
    }
