"""The forms of step 3: "I sent it" (logs the gracious reply) and "add a contact"."""

from django import forms
from django.db import transaction

from contacts.forms import cadence_field, check_not_future
from contacts.models import Contact, Interaction
from core.forms import DATE_WIDGET
from core.limits import max_length_of
from feedback.bridges import company_contacts, log_reply
from feedback.forms.someone import ContactOrSomeoneNewForm


class ReplyForm(ContactOrSomeoneNewForm):
    """Logs the reply as sent, to one of the company's contacts or to someone new, who
    is then kept with the user's default cadence."""

    field_order = ["message", "contact", "new_name", "new_email", "happened_on"]

    message = forms.CharField(
        label="Your reply",
        max_length=max_length_of(Interaction, "summary"),  # it is logged as one
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Edit it as you like. What you send is what gets logged.",
        error_messages={"required": "Keep the text of your reply, so you can find it later."},
    )
    happened_on = forms.DateField(
        label="Sent on",
        widget=DATE_WIDGET,
        # The reply is logged as an interaction: the same limits as its date.
        validators=Interaction._meta.get_field("happened_on").validators,
        error_messages={"invalid": "Enter a date, such as 2025-06-10."},
    )

    def __init__(self, *args, rejection, user, **kwargs):
        self.rejection = rejection
        self.user = user
        super().__init__(*args, **kwargs)
        self.initial.setdefault("happened_on", user.today)
        company = rejection.application.company
        # Nobody at the company yet: no list, the reply goes to someone new.
        self.offer_contacts(company_contacts(rejection).order_by("name", "pk"), company.name)
        self.company = company

    def clean_happened_on(self):
        return check_not_future(self.cleaned_data["happened_on"], self.user, "sent date")

    def clean(self):
        cleaned = super().clean()
        self.check_person(cleaned)
        self.require_person(cleaned)
        return cleaned

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        contact = data.get("contact") or self.new_contact(
            self.company, keep_in_touch_days=self.user.keep_in_touch_days
        )
        return log_reply(self.rejection, contact, data["happened_on"], data["message"])


class BridgeContactForm(forms.ModelForm):
    """Adds one of the employer's people; the company is the rejection's."""

    keep_in_touch_days = cadence_field()

    class Meta:
        model = Contact
        fields = ["name", "email", "relation", "title", "keep_in_touch_days"]
        error_messages = {
            "name": {"required": "Enter the person’s name."},
            "email": {"invalid": "Enter an email address such as jane@example.org."},
            "relation": {"invalid_choice": "Pick who they are from the list."},
        }

    def __init__(self, *args, rejection, user, **kwargs):
        self.rejection = rejection
        self.user = user
        super().__init__(*args, **kwargs)
        self.initial.setdefault("keep_in_touch_days", user.keep_in_touch_days)
        self.fields["relation"].label = "Who they are"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter the person’s name.")
        return name

    def save(self, commit=True):
        contact = super().save(commit=False)
        contact.owner = self.user
        contact.company = self.rejection.application.company
        if commit:
            contact.save()
        return contact
