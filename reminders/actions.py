"""Acting on the object itself when its reminder is done or snoozed: reminders keep no
dates of their own."""

from datetime import timedelta

from django.utils.formats import date_format

from applications.models import Stage
from contacts.models import Interaction
from core import limits
from feedback.models import Step, StepState
from reminders.kinds import SNOOZABLE, ReminderKind

NUDGE_AFTER_DAYS = 7  # a nudge or a follow-up is chased again a week later
SNOOZES = {"1d": (1, "1 day"), "1w": (7, "1 week"), "1m": (30, "1 month")}
# The date on the object each kind is a view of: what snooze moves on.
DATE_FIELDS = {
    ReminderKind.CHECK_IN: "next_check_in_on",
    ReminderKind.SEND_REQUEST: "send_on",
    ReminderKind.FEEDBACK: "follow_up_on",
    ReminderKind.QUESTION: "dig_deeper_follow_up_on",
    ReminderKind.FOLLOW_UP: "follow_up_on",
    ReminderKind.QUIET: "follow_up_on",
    ReminderKind.REAPPLY: "reapply_from",
}


class TooLate(ValueError):
    """The date can't move on: it is within `days` of the last day a date can be."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"{current} can't be moved on")


def snooze(kind, obj, days, today):
    """Moves the date on the object on by `days`, counted from today or from the date
    it is due, whichever is later: a snooze never brings a reminder forward. TooLate,
    changing nothing, when that is past the last day a date may be (core/limits.py). A
    closing date is the employer's and is never snoozed (SNOOZABLE): ValueError."""
    if kind not in SNOOZABLE:
        raise ValueError(f"{kind} reminders can't be snoozed.")
    field = DATE_FIELDS[kind]
    current = getattr(obj, field)
    start = max(today, current or today)
    if (limits.LATEST_DAY - start).days < days:
        raise TooLate(start)
    until = start + timedelta(days=days)
    if kind == ReminderKind.CHECK_IN:
        obj.snooze_check_in(until)
    else:
        setattr(obj, field, until)
        obj.save(update_fields=[field, "updated_at"])
    return until


def mark_request_sent(feedback_request, sent_on):
    """ "I sent it" from the reminder: the request is sent, its follow-up a week later,
    and step 2 done (a request already sent keeps its dates)."""
    if not feedback_request.mark_sent(sent_on):
        return "That request was already marked as sent."
    feedback_request.rejection.advance(Step.FEEDBACK, StepState.DONE)
    follow_up = date_format(feedback_request.follow_up_on, "j F")
    return f"Marked as sent. Onward reminds you to follow up on {follow_up} if no answer comes."


def answer_page(kind, feedback_request):
    """Where the answer to a request (or to the question after it) is recorded."""
    anchor = "question-heading" if kind == ReminderKind.QUESTION else "answer-heading"
    return f"{feedback_request.get_absolute_url()}#{anchor}"


def log_check_in(contact, today, note=""):
    return contact.log_interaction(happened_on=today, kind=Interaction.Kind.CHECK_IN, summary=note)


def complete(kind, obj, form, today):
    """Acts on the object when its reminder is done. Returns what to tell the person."""
    data = form.cleaned_data
    if kind == ReminderKind.CHECK_IN:
        log_check_in(obj, today, data["note"])
        obj.refresh_from_db(fields=["next_check_in_on"])
        if obj.next_check_in_on:
            when = date_format(obj.next_check_in_on, "j F Y")
            return f"Logged. Next check-in with {obj.name}: {when}."
        return f"Logged your check-in with {obj.name}."
    if kind == ReminderKind.SEND_REQUEST:
        return mark_request_sent(obj, data["sent_on"])
    if kind in (ReminderKind.FEEDBACK, ReminderKind.QUESTION):
        field = DATE_FIELDS[kind]
        setattr(obj, field, limits.days_later(today, NUDGE_AFTER_DAYS))
        obj.save(update_fields=[field, "updated_at"])
        return "Noted. If no answer comes, Onward reminds you again in a week."
    if kind == ReminderKind.FOLLOW_UP:
        obj.follow_up_on = data["follow_up_on"] if data["outcome"] == "move" else None
        obj.save(update_fields=["follow_up_on", "updated_at"])
        if obj.follow_up_on:
            return f"Next follow-up on {date_format(obj.follow_up_on, 'j F Y')}."
        return "Follow-up done."
    if kind == ReminderKind.QUIET:  # "no response" goes to its page (views.done)
        obj.follow_up_on = limits.days_later(today, NUDGE_AFTER_DAYS)
        obj.save(update_fields=["follow_up_on", "updated_at"])
        return "Nudge noted. If nothing comes back, Onward reminds you in a week."
    if kind == ReminderKind.CLOSING:
        if data["outcome"] == "applied":
            obj.move_to(Stage.APPLIED, today=today)
            return f"Moved {obj} to applied. Good luck!"
        obj.move_to(Stage.WITHDRAWN, note="Not applying: let the closing date pass", today=today)
        return f"Marked {obj} as withdrawn: you are not applying."
    if kind == ReminderKind.REAPPLY:
        obj.reapply_from = None
        obj.save(update_fields=["reapply_from", "updated_at"])
        return f"Done. Onward won’t remind you about {obj} again until another “no”."
    raise ValueError(f"No action for {kind}.")
