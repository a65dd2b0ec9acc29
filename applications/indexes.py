"""The indexes the reminders' queries read (reminders/sources.py), kept out of
models.py (which they would push past its size)."""

from django.db import models

# Applications: follow-ups by date (active ones, from the index alone); saved
# applications by closing date; quiet applications (reminders.sources.quiet_applications:
# applied, screening or interviewing, no follow-up date) by their last news (news_at,
# applications/news.py), oldest first, read in order (a page of them stops after a page
# of rows) and counted from the partial index, which holds only them. Its condition
# matches the statements of core/prepared.py, which write the stages in as literals on
# both databases.
APPLICATION_REMINDER_INDEXES = [
    models.Index(fields=["owner", "follow_up_on", "stage"]),
    models.Index(fields=["owner", "stage", "closing_on"]),
    models.Index(
        # (follow_up_on, always empty here, lets SQLite count from the index alone)
        fields=["owner", "news_at", "stage", "follow_up_on"],
        condition=models.Q(
            stage__in=["applied", "screening", "interviewing"], follow_up_on__isnull=True
        ),
        name="application_quiet_news",
    ),
]
# Companies whose day to apply again has come, by that day (the few that have one, not
# every company of the user).
COMPANY_REMINDER_INDEXES = [
    models.Index(
        fields=["owner", "reapply_from"],
        condition=models.Q(reapply_from__isnull=False),
        name="company_reapply_from",
    ),
]
