"""The indexes the reminders' queries read (reminders/sources.py), kept out of
models.py (which they would push past its size)."""

from django.db import models

# Applications: follow-ups by date; saved applications by closing date; quiet
# applications (reminders.sources.quiet_applications: applied, screening or
# interviewing, no follow-up date) by stage and last news (news_at, applications/news.py),
# oldest first, read in order and counted from the index alone, without reading past
# the user's closed ones.
APPLICATION_REMINDER_INDEXES = [
    models.Index(fields=["owner", "follow_up_on", "stage_changed_at", "stage"]),
    models.Index(fields=["owner", "stage", "closing_on"]),
    models.Index(
        fields=["owner", "stage", "news_at"],
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
