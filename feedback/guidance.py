"""What step 2 advises for this kind of "no", as recruiters do: an automated CV-stage
screen-out needs a human address before anyone can be asked; a person's "no" to a CV
can be answered now; after interviews, ask a day or two after the news."""

from django.db import models

from core.limits import days_later
from feedback.models import Rejection


class RequestKind(models.TextChoices):
    """The three kinds of "no" step 2 tells apart; each has its own advice and its own
    drafted request (templates/feedback/messages/request_<kind>.txt)."""

    AUTOMATED = "automated", "An automated screen-out of the CV"
    CV = "cv", "A person's “no” to the CV"
    INTERVIEW = "interview", "A “no” after interviews"


def request_kind(rejection):
    if rejection.after_interviews:
        return RequestKind.INTERVIEW
    if rejection.sender_automated and rejection.at_stage == Rejection.AtStage.CV:
        return RequestKind.AUTOMATED
    return RequestKind.CV


# Recruiters suggest asking 24 to 48 hours after a "no" at interview.
WAIT_DAYS = 1


def suggested_send_on(rejection, today):
    """After interviews, the day to send the request: the day after the "no" came, or
    today once that day has passed (a "no" from today: tomorrow; from yesterday or
    before: today). None for a CV-stage "no": ask now."""
    if request_kind(rejection) != RequestKind.INTERVIEW:
        return None
    return max(days_later(rejection.received_on, WAIT_DAYS), today)
