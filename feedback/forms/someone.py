"""The person a message went to, as the forms of step 3 and of a silence ask for it:
one of the user's contacts at the company, picked from a list, or someone new, whose
name (and email) is typed in and who becomes a contact when the form is saved."""

from django import forms

from contacts.models import Contact
from core.limits import max_length_of


class ContactOrSomeoneNewForm(forms.Form):
    """The `contact`, `new_name` and `new_email` fields and their checks. A subclass
    names the contact field's label (`contact_label`), calls `offer_contacts` from its
    `__init__`, and `check_person` (and `require_person` where someone is needed) from
    its `clean`; `self.user` is the owner of any new contact."""

    contact_label = "Sent to"

    contact = forms.ModelChoiceField(
        label=contact_label,
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

    def offer_contacts(self, contacts, company_name):
        """The list to pick from is `contacts` (the user's, at the company); with none
        there is no list, and the message goes to someone new."""
        if contacts.exists():
            field = self.fields["contact"]
            field.label = self.contact_label
            field.queryset = contacts
            field.error_messages["invalid_choice"] = (
                f"Pick one of your contacts at {company_name}, or someone new."
            )
            self.fields["new_name"].help_text = "Only if they are not in the list above."
        else:
            del self.fields["contact"]

    def clean_new_name(self):
        return " ".join(self.cleaned_data["new_name"].split())

    def check_person(self, cleaned):
        """A contact picked and a new name typed as well is one person too many."""
        chosen, new_name = cleaned.get("contact"), cleaned.get("new_name")
        if chosen and new_name:
            self.add_error(
                "new_name",
                f"You picked {chosen.name} above. Leave this empty, or pick “Someone new”.",
            )

    def require_person(self, cleaned):
        """Nobody picked and no name typed (the list itself being valid) is nobody."""
        nobody = not cleaned.get("contact") and not cleaned.get("new_name")
        if nobody and "contact" not in self.errors:
            self.add_error("new_name", "Write who you sent it to.")

    def new_contact(self, company, **fields):
        """The contact made from the name and email typed, at `company`."""
        data = self.cleaned_data
        return Contact.objects.create(
            owner=self.user,
            company=company,
            name=data["new_name"],
            email=data["new_email"],
            **fields,
        )
