"""Acting on the object itself when its reminder is done or snoozed: reminders keep no
dates of their own."""

from datetime import timedelta

from django.utils.formats import date_format

from applications.models import Stage
from contacts.models import Interaction
from reminders.kinds import SNOOZABLE, ReminderKind

NUDGE_AFTER_DAYS = 7  # a nudge or a follow-up is chased again a week later
SNOOZES = {"1d": (1, "1 day"), "1w": (7, "1 week"), "1m": (30, "1 month")}


class TooLate(ValueError):
    """The date can't move on: it is within `days` of the last day a date can be."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"{current} can't be moved on")


def snooze(kind, obj, days, today):
    """Moves the date on the object on by `days`, counted from today or from the date
    it is due, whichever is later: a snooze never brings a reminder forward. TooLate,
    changing nothing, when that is past 31 December 9999. A closing date is the
    employer's and is never snoozed (SNOOZABLE): ValueError."""
    if kind not in SNOOZABLE:
        raise ValueError(f"{kind} reminders can't be snoozed.")
    current = obj.next_check_in_on if kind == ReminderKind.CHECK_IN else obj.follow_up_on
    start = max(today, current or today)
    try:
        until = start + timedelta(days=days)
    except OverflowError:
        raise TooLate(start) from None
    if kind == ReminderKind.CHECK_IN:
        obj.snooze_check_in(until)
    elif kind in (ReminderKind.FEEDBACK, ReminderKind.FOLLOW_UP, ReminderKind.QUIET):
        obj.follow_up_on = until
        obj.save(update_fields=["follow_up_on", "updated_at"])
    return until


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
    if kind == ReminderKind.FEEDBACK:
        obj.follow_up_on = today + timedelta(days=NUDGE_AFTER_DAYS)
        obj.save(update_fields=["follow_up_on", "updated_at"])
        return "Noted. If no answer comes, Onward reminds you again in a week."
    if kind == ReminderKind.FOLLOW_UP:
        obj.follow_up_on = data["follow_up_on"] if data["outcome"] == "move" else None
        obj.save(update_fields=["follow_up_on", "updated_at"])
        if obj.follow_up_on:
            return f"Next follow-up on {date_format(obj.follow_up_on, 'j F Y')}."
        return "Follow-up done."
    if kind == ReminderKind.QUIET:
        if data["outcome"] == "no_response":
            obj.move_to(Stage.NO_RESPONSE, note="No news; marked as no response", today=today)
            return f"Marked {obj} as no response."
        obj.follow_up_on = today + timedelta(days=NUDGE_AFTER_DAYS)
        obj.save(update_fields=["follow_up_on", "updated_at"])
        return "Nudge noted. If nothing comes back, Onward reminds you in a week."
    if kind == ReminderKind.CLOSING:
        if data["outcome"] == "applied":
            obj.move_to(Stage.APPLIED, today=today)
            return f"Moved {obj} to applied. Good luck!"
        obj.move_to(Stage.WITHDRAWN, note="Not applying: let the closing date pass", today=today)
        return f"Marked {obj} as withdrawn: you are not applying."
    raise ValueError(f"No action for {kind}.")
