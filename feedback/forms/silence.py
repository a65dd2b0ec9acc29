"""The light version of the steps after a silence (/applications/<id>/no-response/):
the last note (logged once sent), the contact kept with a cadence, and a lesson. Every
part may be left empty."""

from django import forms

from contacts.forms import cadence_field, check_not_future
from contacts.models import Interaction
from core.forms import DATE_WIDGET
from core.limits import max_length_of
from feedback.forms.someone import ContactOrSomeoneNewForm
from feedback.models import Lesson


class NoResponseForm(ContactOrSomeoneNewForm):
    contact_label = "Your contact there"
    field_order = [
        "message",
        "sent",
        "happened_on",
        "contact",
        "new_name",
        "new_email",
        "keep_in_touch_days",
        "lesson_title",
        "lesson_category",
    ]

    message = forms.CharField(
        label="Your last note",
        required=False,
        max_length=max_length_of(Interaction, "summary"),  # it is logged as one
        widget=forms.Textarea(attrs={"rows": 11}),
        help_text="Edit it as you like. What you send is what gets logged.",
    )
    sent = forms.BooleanField(label="I sent this note", required=False)
    happened_on = forms.DateField(
        label="Sent on",
        widget=DATE_WIDGET,
        required=False,
        validators=Interaction._meta.get_field("happened_on").validators,
        error_messages={"invalid": "Enter a date, such as 2025-06-10."},
    )
    keep_in_touch_days = cadence_field()
    lesson_title = forms.CharField(
        label="A lesson, if there is one",
        max_length=max_length_of(Lesson, "title"),
        required=False,
        help_text="Optional. E.g. “Follow up a week after applying”, or a skill the advert "
        "asked for.",
    )
    lesson_category = forms.ChoiceField(
        label="What kind of lesson",
        choices=Lesson.Category.choices,
        initial=Lesson.Category.OTHER,
        required=False,
        error_messages={"invalid_choice": "Pick a kind of lesson from the list."},
    )

    def __init__(self, *args, application, contacts, user, **kwargs):
        self.application = application
        self.user = user
        super().__init__(*args, **kwargs)
        self.initial.setdefault("happened_on", user.today)
        self.initial.setdefault("keep_in_touch_days", user.keep_in_touch_days)
        company = application.company.name
        self.offer_contacts(contacts, company)
        self.fields["keep_in_touch_days"].help_text = (
            f"How often Onward reminds you to check in with them: managers at {company} "
            "may come back with the role that fits."
        )

    def clean_lesson_title(self):
        return " ".join(self.cleaned_data["lesson_title"].split())

    def clean_lesson_category(self):
        return self.cleaned_data["lesson_category"] or Lesson.Category.OTHER

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        return check_not_future(day, self.user, "sent date") if day else day

    def clean(self):
        cleaned = super().clean()
        self.check_person(cleaned)
        if cleaned.get("sent"):
            if not cleaned.get("message"):
                self.add_error("message", "Keep the text of your note, so you can find it later.")
            self.require_person(cleaned)
            if not cleaned.get("happened_on") and "happened_on" not in self.errors:
                self.add_error("happened_on", "Enter the day you sent it.")
        return cleaned

    def person(self):
        """The contact chosen, or a new one made from the name typed; None for nobody."""
        data = self.cleaned_data
        if data.get("contact"):
            return data["contact"]
        if not data.get("new_name"):
            return None
        return self.new_contact(self.application.company)
