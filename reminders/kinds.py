"""The kinds of reminder and the reminder itself: what the rest of reminders speaks of."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models


class ReminderKind(models.TextChoices):
    """A reminder's kind, as it appears in URLs: /reminders/<kind>/<id>/done/."""

    CHECK_IN = "check-in", "Keep in touch"
    SEND_REQUEST = "send-request", "Send a feedback request"
    FEEDBACK = "feedback", "Feedback follow-up"
    QUESTION = "question", "Question follow-up"
    FOLLOW_UP = "follow-up", "Application follow-up"
    QUIET = "quiet", "No news"
    INTERVIEW = "interview", "Interview"
    CLOSING = "closing", "Closing date"
    REAPPLY = "reapply", "Apply again"


ACTIONABLE = [
    ReminderKind.CHECK_IN,
    ReminderKind.SEND_REQUEST,
    ReminderKind.FEEDBACK,
    ReminderKind.QUESTION,
    ReminderKind.FOLLOW_UP,
    ReminderKind.QUIET,
    ReminderKind.CLOSING,
    ReminderKind.REAPPLY,
]
# A closing date is the employer's: it can't be moved on, only acted on.
SNOOZABLE = [kind for kind in ACTIONABLE if kind != ReminderKind.CLOSING]
KIND_ORDER = list(ReminderKind.values)
# What /reminders/?show=later lists: what is set for after the due list's days, up to a
# year ahead (building.LaterList). Quiet applications are left out: their day is a
# forecast (nothing happened for a while), not a date anyone set, and it moves with
# every change; within the list's days they show. A closing date is days away at most.
LATER_KINDS = [
    ReminderKind.CHECK_IN,
    ReminderKind.SEND_REQUEST,
    ReminderKind.FEEDBACK,
    ReminderKind.QUESTION,
    ReminderKind.FOLLOW_UP,
    ReminderKind.INTERVIEW,
    ReminderKind.REAPPLY,
]


@dataclass
class Reminder:
    kind: ReminderKind
    due: date
    title: str
    detail: str
    pk: int  # of what it concerns: a Contact, FeedbackRequest, Application, Interview, Company
    url: str  # the page of the object it concerns
    at: datetime | None = None  # interviews: when it starts
    done_url: str = ""  # actionable kinds: where its actions post (set by building.collect)
    snooze_url: str = ""

    @property
    def uid(self):
        return f"{self.kind}-{self.pk}"

    @property
    def actionable(self):
        return self.kind in ACTIONABLE

    @property
    def snoozable(self):
        return self.kind in SNOOZABLE
