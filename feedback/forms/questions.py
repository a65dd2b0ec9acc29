"""The follow-ups of a feedback request: the dig-deeper question (its text, the day it was
sent and when to follow it up, and the answer to it) and the push-back (the person's
evidence first, then the drafted message)."""

from datetime import timedelta

from django import forms

from core.forms import DATE_WIDGET
from feedback.models import FOLLOW_UP_AFTER_DAYS, FeedbackRequest


def not_in_future(day, user, what):
    if day and day > user.today() + timedelta(days=1):
        raise forms.ValidationError(f"The {what} date can’t be in the future.")
    return day


class QuestionForm(forms.ModelForm):
    """The dig-deeper question as edited, kept on the request."""

    class Meta:
        model = FeedbackRequest
        fields = ["dig_deeper"]
        widgets = {"dig_deeper": forms.Textarea(attrs={"rows": 13})}
        labels = {"dig_deeper": "Your question (edit it as you like)"}
        error_messages = {"dig_deeper": {"required": "Write the question, or copy the draft."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dig_deeper"].required = True


class QuestionSentForm(QuestionForm):
    """ "I sent it": the question as sent, the day, and when to follow it up (a week
    later unless changed)."""

    class Meta(QuestionForm.Meta):
        fields = ["dig_deeper", "dig_deeper_sent_on", "dig_deeper_follow_up_on"]
        widgets = {
            **QuestionForm.Meta.widgets,
            "dig_deeper_sent_on": DATE_WIDGET,
            "dig_deeper_follow_up_on": DATE_WIDGET,
        }
        labels = {
            **QuestionForm.Meta.labels,
            "dig_deeper_sent_on": "Sent on",
            "dig_deeper_follow_up_on": "Follow up on",
        }
        help_texts = {
            "dig_deeper_follow_up_on": f"Left empty, {FOLLOW_UP_AFTER_DAYS} days after sending.",
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["dig_deeper_sent_on"].required = True
        self.fields["dig_deeper_sent_on"].error_messages["required"] = "Enter the day you sent it."
        if self.instance.dig_deeper_sent_on is None:
            today = user.today()
            self.initial["dig_deeper_sent_on"] = today
            self.initial["dig_deeper_follow_up_on"] = today + timedelta(days=FOLLOW_UP_AFTER_DAYS)

    def clean_dig_deeper_sent_on(self):
        day = not_in_future(self.cleaned_data["dig_deeper_sent_on"], self.user, "sent")
        answered = self.instance.received_on
        if answered and day < answered:
            raise forms.ValidationError("The question can’t go out before their answer came.")
        return day

    def clean(self):
        cleaned = super().clean()
        if self.instance.status != FeedbackRequest.Status.RECEIVED:
            raise forms.ValidationError("Record their answer before sending a question about it.")
        sent_on, follow_up_on = (
            cleaned.get("dig_deeper_sent_on"),
            cleaned.get("dig_deeper_follow_up_on"),
        )
        if sent_on and follow_up_on is None and "dig_deeper_follow_up_on" not in self.errors:
            cleaned["dig_deeper_follow_up_on"] = sent_on + timedelta(days=FOLLOW_UP_AFTER_DAYS)
        elif sent_on and follow_up_on and follow_up_on < sent_on:
            self.add_error(
                "dig_deeper_follow_up_on", "The follow-up date can’t be before the sent date."
            )
        return cleaned


class QuestionAnswerForm(forms.ModelForm):
    """What came back to the question."""

    class Meta:
        model = FeedbackRequest
        fields = ["dig_deeper_answered_on", "dig_deeper_answer"]
        widgets = {
            "dig_deeper_answered_on": DATE_WIDGET,
            "dig_deeper_answer": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "dig_deeper_answered_on": "Answered on",
            "dig_deeper_answer": "What they said",
        }
        help_texts = {"dig_deeper_answer": "Paste their reply, or note what they said."}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["dig_deeper_answered_on"].required = True
        self.fields["dig_deeper_answered_on"].error_messages["required"] = (
            "Enter the day their answer came."
        )
        self.fields["dig_deeper_answer"].required = True
        self.fields["dig_deeper_answer"].error_messages["required"] = "Write down what they said."
        if self.instance.dig_deeper_answered_on is None:
            self.initial["dig_deeper_answered_on"] = user.today()

    def clean_dig_deeper_answered_on(self):
        day = not_in_future(self.cleaned_data["dig_deeper_answered_on"], self.user, "answer")
        sent_on = self.instance.dig_deeper_sent_on
        if sent_on and day < sent_on:
            raise forms.ValidationError("The answer can’t come before the question was sent.")
        return day

    def clean_dig_deeper_answer(self):
        return self.cleaned_data["dig_deeper_answer"].strip()

    def clean(self):
        cleaned = super().clean()
        if self.instance.dig_deeper_sent_on is None:
            raise forms.ValidationError("Mark the question as sent before recording the answer.")
        return cleaned


class EvidenceForm(forms.ModelForm):
    """Where the person shows what the answer said was missing: the push-back is
    drafted from it, never with a gap to fill."""

    class Meta:
        model = FeedbackRequest
        fields = ["evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}
        labels = {"evidence": "Where does it show? A project or a result, in a line or two"}
        help_texts = {
            "evidence": "e.g. “I led the move of our billing service to Kubernetes, with no "
            "downtime”. It goes into the message as you write it."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].required = True
        self.fields["evidence"].error_messages["required"] = (
            "Write the project or the result that shows it: the push-back is built on it."
        )

    def clean_evidence(self):
        return " ".join(self.cleaned_data["evidence"].split())


class PushBackForm(forms.ModelForm):
    """The push-back as edited, kept on the request."""

    class Meta:
        model = FeedbackRequest
        fields = ["push_back"]
        widgets = {"push_back": forms.Textarea(attrs={"rows": 13})}
        labels = {"push_back": "Your push-back (edit it as you like)"}
