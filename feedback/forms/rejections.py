from datetime import date, timedelta

from django import forms
from django.utils.formats import date_format

from core.forms import DATE_WIDGET
from core.limits import max_length_of
from feedback.models import Reflection, Rejection, Step


class RejectionForm(forms.ModelForm):
    class Meta:
        model = Rejection
        fields = ["received_on", "at_stage", "channel", "reason_given", "message"]
        widgets = {
            "received_on": DATE_WIDGET,
            "reason_given": forms.Textarea(attrs={"rows": 2}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "reason_given": "In their words, if they gave one.",
            "at_stage": "How far the process went before the “no”.",
        }

    # No "no" is older than this; one dated later than tomorrow is a typo.
    EARLIEST = date(1970, 1, 1)

    def __init__(self, *args, application, user, **kwargs):
        self.application = application
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("received_on", user.today)
            self.initial.setdefault("at_stage", Rejection.at_stage_for(application.stage))

    def clean_received_on(self):
        """Not before the day they applied, when it is known. The day the application
        was added to Onward is no bound: an application added or imported after the
        "no" (a pasted old email) is still dated right."""
        received_on = self.cleaned_data["received_on"]
        applied_on = self.application.applied_on
        if received_on < self.EARLIEST:
            raise forms.ValidationError("Check the year: this date is too far back.")
        if applied_on and received_on < applied_on:
            day = date_format(applied_on, "j F Y")
            raise forms.ValidationError(f"The rejection can’t come before you applied ({day}).")
        if received_on > self.user.today() + timedelta(days=1):
            raise forms.ValidationError(
                "The rejection can’t be dated in the future. Use the day it arrived."
            )
        return received_on


MOOD_CHOICES = [
    (1, "1 · very low"),
    (2, "2 · low"),
    (3, "3 · so-so"),
    (4, "4 · all right"),
    (5, "5 · fine"),
]


class ReflectionForm(forms.ModelForm):
    """Step 1. "Save" keeps what is written; "Save and finish" also needs a reframe."""

    mood = forms.TypedChoiceField(
        label="Mood",
        choices=MOOD_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Pick a mood from 1 to 5."},
    )

    class Meta:
        model = Reflection
        fields = ["feelings", "mood", "reframe"]
        widgets = {
            "feelings": forms.Textarea(attrs={"rows": 4}),
            "reframe": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "feelings": "Just for you. Disappointed, angry, relieved: all of it is fine.",
            "reframe": "A sentence you can believe, e.g. “They needed someone with more X "
            "this time; my Y is what the next team needs.”",
        }

    def __init__(self, *args, finish=False, **kwargs):
        self.finish = finish
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.finish and not (cleaned.get("reframe") or "").strip():
            self.add_error(
                "reframe",
                "Write a reframe to finish this step, or choose “Save for later”.",
            )
        return cleaned


class SkipForm(forms.Form):
    step = forms.ChoiceField(choices=Step.choices)
    reason = forms.CharField(
        label="Why skip this step?",
        max_length=max_length_of(Rejection, "reflect_skip_reason"),
        error_messages={"required": "Say in a few words why you are skipping this step."},
    )


class RejectionFilterForm(forms.Form):
    FILTERS = {"open": "steps_open", "handled": "handled"}

    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "All rejections"), ("open", "Steps open"), ("handled", "Handled")],
    )

    def filter(self, queryset):
        self.is_valid()
        name = self.FILTERS.get(self.cleaned_data.get("show") or "")
        return getattr(queryset, name)() if name else queryset
