from django import forms
from django.utils.formats import date_format

from core.forms import DATE_WIDGET, EditConflictMixin, SubmitOnceMixin
from feedback.models import FeedbackRequest, Lesson, Rejection


class RejectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, rejection):
        application = rejection.application
        when = date_format(rejection.received_on, "j M Y")
        return f"{application.title} at {application.company.name} ({when})"


class FeedbackRequestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, feedback_request):
        application = feedback_request.rejection.application
        who = feedback_request.contact.name if feedback_request.contact else "Feedback"
        return f"{who} · {application.title} at {application.company.name}"


class LessonForm(EditConflictMixin, SubmitOnceMixin, forms.ModelForm):
    """A lesson and, optionally, the rejection or the feedback answer it came from; both
    pickers list the user's own rows only."""

    rejection = RejectionChoiceField(
        label="From the rejection",
        queryset=Rejection.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Pick one of your rejections, or none."},
    )
    feedback_request = FeedbackRequestChoiceField(
        label="From the feedback",
        queryset=FeedbackRequest.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Pick one of your feedback requests, or none."},
    )

    class Meta:
        model = Lesson
        fields = ["category", "title", "detail", "target_on", "rejection", "feedback_request"]
        widgets = {
            "detail": forms.Textarea(attrs={"rows": 4}),
            "target_on": DATE_WIDGET,
            "title": forms.TextInput(
                attrs={"placeholder": "e.g. Show the size of the data I worked with on my CV"}
            ),
        }
        labels = {"category": "What kind of lesson"}
        help_texts = {
            "detail": "What exactly, and how you will work on it.",
            "target_on": "Optional. A date makes it real.",
        }
        error_messages = {
            "title": {"required": "Give the lesson a short title."},
            "category": {
                "required": "Pick what kind of lesson this is.",
                "invalid_choice": "Pick a kind of lesson from the list.",
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rejection"].queryset = Rejection.objects.for_user(user).select_related(
            "application__company"
        )
        self.fields["feedback_request"].queryset = FeedbackRequest.objects.for_user(
            user
        ).select_related("contact", "rejection__application__company")

    def clean(self):
        cleaned = super().clean()
        rejection, feedback_request = cleaned.get("rejection"), cleaned.get("feedback_request")
        if feedback_request and rejection is None and "rejection" not in self.errors:
            cleaned["rejection"] = feedback_request.rejection
        elif feedback_request and rejection and feedback_request.rejection_id != rejection.pk:
            self.add_error(
                "feedback_request",
                "This feedback is about another rejection. Pick the matching one, or leave "
                "one of them empty.",
            )
        return cleaned


class LessonStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Lesson.Status.choices,
        error_messages={
            "required": "Pick where this lesson stands.",
            "invalid_choice": "“%(value)s” is not a lesson status: open, in progress or done.",
        },
    )


class LessonFilterForm(forms.Form):
    category = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "All kinds"), *Lesson.Category.choices],
        error_messages={"invalid_choice": "“%(value)s” is not a kind of lesson. Showing all."},
    )

    def filter(self, queryset):
        self.is_valid()
        category = self.cleaned_data.get("category")
        return queryset.filter(category=category) if category else queryset
