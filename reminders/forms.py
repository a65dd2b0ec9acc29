from datetime import timedelta

from django import forms
from django.utils.html import format_html_join

from applications.models import Application
from contacts.models import Interaction
from core.forms import DATE_WIDGET
from core.limits import max_length_of
from reminders.actions import SNOOZES
from reminders.kinds import ReminderKind


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), *ReminderKind.choices],
        error_messages={"invalid_choice": "“%(value)s” is not a kind of reminder."},
    )


class SnoozeForm(forms.Form):
    length = forms.ChoiceField(
        label="Snooze for",
        choices=[(key, label) for key, (_, label) in SNOOZES.items()],
        error_messages={
            "required": "Pick how long to snooze: 1 day, 1 week or 1 month.",
            "invalid_choice": "Pick how long to snooze: 1 day, 1 week or 1 month.",
        },
    )

    @property
    def days(self):
        return SNOOZES[self.cleaned_data["length"]][0]

    @classmethod
    def options_html(cls):
        """The picker's <option>s, written once for a page with one picker per row."""
        return format_html_join(
            "", '<option value="{}">{}</option>', cls.base_fields["length"].choices
        )


class CheckInDoneForm(forms.Form):
    """Done with a check-in: logs an interaction, so the next one moves on by the cadence."""

    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=max_length_of(Interaction, "summary"),  # it is logged as one
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you talked about, for next time.",
    )


def outcome_field(label, choices, missing):
    """What came of a reminder: one of `choices` as radio buttons, the first picked at
    first; `missing` is the message when none (or an unknown one) is sent."""
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=choices,
        initial=choices[0][0],
        error_messages={"required": missing, "invalid_choice": missing},
    )


class FeedbackDoneForm(forms.Form):
    FOLLOWED_UP = "followed_up"
    ANSWERED = "answered"

    outcome = outcome_field(
        "What happened?",
        [
            (FOLLOWED_UP, "I sent a friendly follow-up (remind me again in a week)"),
            (ANSWERED, "They answered (record what they said)"),
        ],
        "Pick what happened.",
    )


class SendRequestDoneForm(forms.Form):
    """Done with "send your feedback request": it was sent, on this day (today unless
    changed; the user's today, given by the view)."""

    sent_on = forms.DateField(
        label="Sent on",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the day you sent it.", "invalid": "Enter a date."},
    )

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].initial = today

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on > self.today + timedelta(days=1):
            raise forms.ValidationError("The sent date can’t be in the future.")
        return sent_on


class FollowUpDoneForm(forms.Form):
    CLEAR = "clear"
    MOVE = "move"
    NO_RESPONSE = "no_response"
    CHOICES = [(CLEAR, "Done: clear the follow-up date"), (MOVE, "Follow up again on a date")]
    # A follow-up (or a nudge) that met silence: the second silence.
    CLOSE = (NO_RESPONSE, "Still no news: mark it as no response")

    outcome = outcome_field("What next?", CHOICES, "Pick what next.")
    follow_up_on = forms.DateField(
        label="Next follow-up on",
        required=False,
        widget=DATE_WIDGET,
        # The application's own limits for the date it sets.
        validators=Application._meta.get_field("follow_up_on").validators,
    )

    def __init__(self, *args, today, can_close=False, **kwargs):
        """`can_close`: the application waits on the employer, so it can be marked as
        no response."""
        self.today = today
        super().__init__(*args, **kwargs)
        if can_close:
            self.fields["outcome"].choices = [*self.CHOICES, self.CLOSE]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == self.MOVE:
            day = cleaned.get("follow_up_on")
            if day is None:
                self.add_error("follow_up_on", "Pick the day to follow up again.")
            elif day <= self.today:
                self.add_error("follow_up_on", "Pick a day after today.")
        return cleaned


class QuietDoneForm(forms.Form):
    NUDGED = "nudged"
    NO_RESPONSE = "no_response"

    outcome = outcome_field(
        "What did you do?",
        [
            (NUDGED, "I sent a polite nudge (remind me in a week if there’s still no news)"),
            (NO_RESPONSE, "It’s been long enough: mark it as no response"),
        ],
        "Pick what you did.",
    )


class ClosingDoneForm(forms.Form):
    APPLIED = "applied"
    NOT_APPLYING = "not_applying"

    outcome = outcome_field(
        "What did you do?",
        [(APPLIED, "I applied (move it to applied)"), (NOT_APPLYING, "I’m not applying")],
        "Pick what you did.",
    )


class ReapplyDoneForm(forms.Form):
    """Nothing to choose: done clears the company's day to apply again."""


DONE_FORMS = {
    ReminderKind.CHECK_IN: CheckInDoneForm,
    ReminderKind.SEND_REQUEST: SendRequestDoneForm,
    ReminderKind.FEEDBACK: FeedbackDoneForm,
    ReminderKind.QUESTION: FeedbackDoneForm,
    ReminderKind.FOLLOW_UP: FollowUpDoneForm,
    ReminderKind.QUIET: QuietDoneForm,
    ReminderKind.CLOSING: ClosingDoneForm,
    ReminderKind.REAPPLY: ReapplyDoneForm,
}
