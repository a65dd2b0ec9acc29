"""The figures behind /insights/: the search as a whole.

Every number comes from an aggregate query over the owner's rows, never from a loop
over the rows in Python, so the page makes the same few queries at 10 or 10,000
applications:

1. the applications, grouped by source and the furthest stage their timeline reached
   (kept on the application as `reached`): the funnel, overall and per source
   (funnel.py);
2. applications per day applied, over the last 12 weeks (folded into weeks; weeks.py);
3. rejections by the stage they came at, with their reflections' moods per month
   (rejections.py);
4. their feedback requests by status, kind of answer (specific or generic) and wait
   in days (for those with both dates), from which Python finds the median wait
   (counted in rejections.py, shaped in feedback.py);
5. lessons per kind and status (lessons.py).

The reflections' moods per month come with the rejections (3.), each rejection having
one reflection at most; mood.py shapes them.

Python then shapes the few dozen numbers that come back into rows, sentences and the
geometry of the server-rendered SVG charts (see insights/charts.py). The words of the
page live in templates/insights/.
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
