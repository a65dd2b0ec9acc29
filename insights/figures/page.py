"""The figures behind /insights/: the search as a whole.

Every number comes from one statement of grouped counts over the owner's rows
(counts.py: a UNION ALL, built once per process and zone, each part read from an index
that holds all it needs), never from a loop over the rows in Python, so the page makes
the same one query at 10 or 10,000 applications. Its parts count:

1. the applications, grouped by source and the furthest stage their timeline reached
   (kept on the application as `reached`): the funnel, overall and per source
   (funnel.py);
2. applications per day applied, around the last 12 weeks (folded into weeks; weeks.py);
3. rejections by the stage they came at (rejections.py);
4. the reflections' moods per month of the last 12 (mood.py);
5. feedback requests by status, kind of answer (specific or generic) and wait in days
   (for those with both dates), from which Python finds the median wait (added up in
   rejections.py, shaped in feedback.py);
6. lessons per kind and status (lessons.py).

Python then shapes the few dozen numbers that come back into rows, sentences, the
geometry of the server-rendered SVG charts (see insights/charts.py) and the rows of the
tables of numbers (insights/tables.py). The words of the page live in
templates/insights/.
"""

from insights.figures.counts import counted
from insights.figures.feedback import feedback_figures
from insights.figures.funnel import funnel_figures
from insights.figures.lessons import lesson_figures
from insights.figures.mood import mood_figures
from insights.figures.rejections import rejection_figures, rejection_row
from insights.figures.weeks import week_figures


def insights(user, today):
    """Everything /insights/ shows, for `user` on their `today`."""
    counts = counted(user, today)
    rejections_row, per_mood = rejection_row(counts)
    return {
        **funnel_figures(counts),
        "weeks": week_figures(counts, today),
        "rejections": rejection_figures(rejections_row),
        "feedback": feedback_figures(rejections_row),
        "lessons": lesson_figures(counts),
        "mood": mood_figures(per_mood, today),
    }
