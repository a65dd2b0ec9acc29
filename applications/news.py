"""An application's last news, stored on it (Application.news_at) so that the "no news"
reminders (reminders/sources.py) are read and counted from an index, not worked out
row by row.

The rule, written once here: an application's last news is its stage change, or its
latest interview when that is later (an interview still to come is news to wait for).
Every writer keeps it:

- a new application has no interviews yet: its news is its stage change (first_news,
  from Application.save() and applications.bulk.insert_applications);
- a stage move sets it with the new stage change (Application.move_to,
  applications.bulk.move_many), in the same UPDATE;
- an interview added, edited or deleted sets it afresh for its application
  (Interview.save() and delete(); applications.bulk.insert_interviews for the bulk
  writers: the account import, seed_demo);
- the migration that added the field filled it in the same way.

last_news() is an SQL expression, so that it reads the interviews the database holds at
the time of the write, in the write itself.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest


def last_news(interview_model, changed_at=None):
    """The expression of an application's last news, for an UPDATE of applications: the
    later of `changed_at` (its stage_changed_at, unless a move gives the new one: an
    UPDATE reads a column's value from before it) and its latest interview's starts_at.
    `interview_model` is Interview (a migration passes its historical one)."""
    changed_at = F("stage_changed_at") if changed_at is None else changed_at
    latest_interview = (
        interview_model._base_manager.filter(application=OuterRef("pk"))
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    return Greatest(changed_at, Coalesce(Subquery(latest_interview), changed_at))


def first_news(application):
    """Sets a new (unsaved) application's last news: with no interviews yet, its stage
    change (what last_news() makes of it)."""
    application.news_at = application.stage_changed_at
    return application
