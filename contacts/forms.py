from django import forms
from django.db.models import F

from applications.forms import check_company_key_fits
from applications.models import Application, Company, clean_company_name, company_key
from contacts.models import Contact, Interaction
from core.forms import DATE_WIDGET, EditConflictMixin, SubmitOnceMixin
from core.limits import max_length_of

NO_REMINDERS = "No reminders"


def cadence_field():
    """The keep-in-touch cadence as a select whose empty choice reads "No reminders"."""
    return forms.TypedChoiceField(
        label="Keep in touch",
        choices=[("", NO_REMINDERS), *Contact.Cadence.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="How often Onward reminds you to check in.",
        error_messages={"invalid_choice": "Pick how often to keep in touch from the list."},
    )


def check_not_future(day, user, what):
    if day and day > user.today():
        raise forms.ValidationError(
            f"The {what} can’t be in the future. Log it on the day it happens."
        )
    return day


class ContactForm(EditConflictMixin, SubmitOnceMixin, forms.ModelForm):
    """Add or edit a contact. The company is typed as text and matched against the
    user's companies (case-insensitively) or created, as on the application form; left
    empty, the contact has no company."""

    company = forms.CharField(
        label="Company",
        max_length=max_length_of(Company, "name"),
        required=False,
        widget=forms.TextInput(attrs={"list": "company-suggestions", "autocomplete": "off"}),
        help_text="Pick one of yours or type a new name. Leave empty if none.",
    )
    keep_in_touch_days = cadence_field()

    field_order = ["name", "company", "title", "relation"]

    class Meta:
        model = Contact
        # `company` is declared above as text, not the model's foreign key.
        fields = [
            "name",
            "title",
            "relation",
            "email",
            "phone",
            "linkedin_url",
            "keep_in_touch_days",
            "last_contacted_on",
            "notes",
        ]
        widgets = {
            "last_contacted_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "linkedin_url": forms.URLInput(attrs={"placeholder": "https://www.linkedin.com/in/"}),
        }
        labels = {"relation": "Who they are"}
        help_texts = {
            "last_contacted_on": "Logging an interaction moves this on by itself.",
        }
        error_messages = {
            "name": {"required": "Enter the person’s name."},
            "email": {"invalid": "Enter an email address such as jane@example.org."},
            "linkedin_url": {"invalid": "Enter the full address of the profile, starting https://"},
            "relation": {"invalid_choice": "Pick who they are from the list."},
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            if self.instance.company_id:
                self.initial.setdefault("company", self.instance.company.name)
        else:
            self.initial.setdefault("keep_in_touch_days", user.keep_in_touch_days)

    def company_suggestions(self):
        return Company.objects.for_user(self.user).values_list("name", flat=True)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter the person’s name.")
        return name

    def clean_company(self):
        name = clean_company_name(self.cleaned_data["company"])
        if company_key(name):
            check_company_key_fits(name)
        return name

    def clean_last_contacted_on(self):
        return check_not_future(self.cleaned_data["last_contacted_on"], self.user, "last contact")

    def _get_validation_exclusions(self):
        # The model's company is only set in save(), from the typed name.
        exclude = super()._get_validation_exclusions()
        exclude.add("company")
        return exclude

    def fill_in(self, contact):
        # Saving recomputes the next check-in when the cadence or the last contact changed.
        contact.owner = self.user
        name = self.cleaned_data["company"]
        contact.company = Company.for_name(self.user, name) if company_key(name) else None


class ContactFilterForm(forms.Form):
    SORTS = {
        # Contacts without a cadence go last on every database (PostgreSQL puts NULLs
        # last in an ascending sort, but say so rather than rely on it).
        "check_in": (F("next_check_in_on").asc(nulls_last=True), "name", "pk"),
        "name": ("name", "pk"),
    }

    q = forms.CharField(label="Search", max_length=200, required=False)
    # Typed, not a list: an account can have thousands of companies.
    company = forms.CharField(label="Company", max_length=200, required=False)
    relation = forms.ChoiceField(
        label="Who",
        required=False,
        choices=[("", "Anyone"), *Contact.Relation.choices],
        error_messages={"invalid_choice": "Unknown relation. Showing everyone."},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("check_in", "Next check-in"), ("name", "Name")],
        error_messages={"invalid_choice": "Unknown sort order. Showing the next check-in first."},
    )

    def filter(self, queryset):
        """The queryset narrowed by whatever parts of the form are valid."""
        self.is_valid()
        data = self.cleaned_data  # the valid parts; an invalid one is left out
        if company_key(data.get("company")):
            queryset = queryset.filter(company__name_key__contains=company_key(data["company"]))
        if data.get("relation"):
            queryset = queryset.filter(relation=data["relation"])
        queryset = queryset.search(data.get("q"))
        return queryset.order_by(*self.SORTS.get(data.get("sort") or "check_in"))

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in ("q", "company", "relation"))


class InteractionForm(forms.ModelForm):
    """Logs an interaction with a contact through Contact.log_interaction(), which also
    moves the last contact and the next check-in on."""

    class Meta:
        model = Interaction
        fields = ["kind", "happened_on", "summary", "application"]
        widgets = {
            "happened_on": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"kind": "What was it?", "summary": "What was said"}
        help_texts = {
            "application": "The application it was about, if any.",
            "summary": "A line or two to remind you next time.",
        }
        error_messages = {
            "kind": {"invalid_choice": "Pick what kind of contact it was from the list."},
            "happened_on": {"invalid": "Enter a date, such as 2025-06-10."},
            "application": {"invalid_choice": "Pick one of your applications from the list."},
        }

    def __init__(self, *args, contact, user, **kwargs):
        self.contact = contact
        self.user = user
        super().__init__(*args, **kwargs)
        self.initial.setdefault("happened_on", user.today)
        field = self.fields["application"]
        field.queryset = self.application_choices()
        field.empty_label = "Not about one application"

    def application_choices(self):
        """The owner's applications at the contact's company; all of theirs when the
        contact has no company or none of its applications are theirs yet."""
        mine = Application.objects.for_user(self.user).select_related("company")
        mine = mine.defer("description")
        mine = mine.order_by("-updated_at", "-pk")
        if self.contact.company_id:
            at_company = mine.filter(company_id=self.contact.company_id)
            if at_company.exists():
                return at_company
        return mine

    def clean_happened_on(self):
        return check_not_future(self.cleaned_data["happened_on"], self.user, "date")

    def save(self, commit=True):
        data = self.cleaned_data
        return self.contact.log_interaction(
            happened_on=data["happened_on"],
            kind=data["kind"],
            summary=data["summary"],
            application=data["application"],
        )
