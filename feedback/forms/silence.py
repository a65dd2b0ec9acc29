"""The light version of the steps after a silence (/applications/<id>/no-response/):
the last note (logged once sent), the contact kept with a cadence, and a lesson. Every
part may be left empty."""

from django import forms

from contacts.forms import cadence_field, check_not_future
from contacts.models import Contact, Interaction
from core.forms import DATE_WIDGET
from core.limits import max_length_of
from feedback.models import Lesson


class NoResponseForm(forms.Form):
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
    contact = forms.ModelChoiceField(
        label="Your contact there",
        queryset=Contact.objects.none(),
        required=False,
        empty_label="Someone new (write their name below)",
    )
    new_name = forms.CharField(
        label="Their name", max_length=max_length_of(Contact, "name"), required=False
    )
    new_email = forms.EmailField(
        label="Their email",
        required=False,
        error_messages={"invalid": "Enter an email address such as jane@example.org."},
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
        if contacts.exists():
            self.fields["contact"].queryset = contacts
            self.fields["contact"].error_messages["invalid_choice"] = (
                f"Pick one of your contacts at {company}, or someone new."
            )
            self.fields["new_name"].help_text = "Only if they are not in the list above."
        else:
            del self.fields["contact"]
        self.fields["keep_in_touch_days"].help_text = (
            f"How often Onward reminds you to check in with them: managers at {company} "
            "may come back with the role that fits."
        )

    def clean_new_name(self):
        return " ".join(self.cleaned_data["new_name"].split())

    def clean_lesson_title(self):
        return " ".join(self.cleaned_data["lesson_title"].split())

    def clean_lesson_category(self):
        return self.cleaned_data["lesson_category"] or Lesson.Category.OTHER

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        return check_not_future(day, self.user, "sent date") if day else day

    def clean(self):
        cleaned = super().clean()
        chosen, new_name = cleaned.get("contact"), cleaned.get("new_name")
        if chosen and new_name:
            self.add_error(
                "new_name",
                f"You picked {chosen.name} above. Leave this empty, or pick “Someone new”.",
            )
        if cleaned.get("sent"):
            if not cleaned.get("message"):
                self.add_error("message", "Keep the text of your note, so you can find it later.")
            if not chosen and not new_name and "contact" not in self.errors:
                self.add_error("new_name", "Write who you sent it to.")
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
        return Contact.objects.create(
            owner=self.user,
            company=self.application.company,
            name=data["new_name"],
            email=data["new_email"],
        )
