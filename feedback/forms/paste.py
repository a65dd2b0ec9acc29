"""The forms of a pasted "no": the paste itself (text or a .eml file), then the
confirm page's two forms, posted together: which application it is about (MatchForm)
and the rejection, prefilled from the email (PastedRejectionForm, the reject form with
the sender and the email's subject)."""

import math
import secrets

from django import forms
from django.db.models import Q

from applications.forms import check_company_key_fits
from applications.models import Application, Company, Stage, clean_company_name, company_key
from contacts.models import Contact
from feedback.forms.rejections import RejectionForm
from feedback.pasted.parse import MAX_BYTES, MAX_CHARS, NotAnEmail, parse_paste, parse_upload

NEW = "new"
MAX_CANDIDATES = 10


class PasteForm(forms.Form):
    email = forms.CharField(
        label="The email, as you received it",
        required=False,
        strip=False,
        max_length=MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="Copy it from your mail app and paste it here. The From, Date and "
        "Subject lines help Onward find the application; the text alone works too.",
        error_messages={
            "max_length": "This is longer than one email (over 1 MB of text). Paste just "
            "the email that says “no”."
        },
    )
    file = forms.FileField(
        label="Or upload the email as a .eml file",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".eml,message/rfc822"}),
        help_text="Most mail apps save an email as .eml (“Download message”, “Save as”, "
        "or drag it to your desktop). At most 1 MB.",
        error_messages={"empty": "The file is empty: save the email again and upload it."},
    )
    # The application page the person came from ("Got a no?" on it): proposed first.
    application = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_application(self):
        """The id of the application to propose first, or None (a bad one is ignored:
        it only orders the proposals, and only the user's own are ever proposed)."""
        value = self.cleaned_data["application"].strip()[:20]
        return int(value) if value.isdigit() and len(value) < 19 else None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_BYTES or getattr(upload, "truncated", False):
            size = math.ceil(upload.size * 10 / 1024 / 1024) / 10
            raise forms.ValidationError(
                f"This file is {size:.1f} MB; Onward reads emails of up to 1 MB (one with "
                "large attachments is bigger). Copy the email’s text into the box instead."
            )
        try:
            self.pasted = parse_upload(upload.read())
        except NotAnEmail as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("file") is None:
            try:
                self.pasted = parse_paste(cleaned.get("email") or "")
            except NotAnEmail as problem:
                self.add_error("email", str(problem))
                return cleaned
        if self.pasted.is_empty:
            self.add_error(
                "file" if cleaned.get("file") else "email",
                "Onward found no text in this email. Paste the text of the email itself.",
            )
        return cleaned


class MatchForm(forms.Form):
    """Which application the "no" is about: one of those proposed (their ids travel in
    `candidates`, and only the user's own are offered), or a new one."""

    application = forms.ChoiceField(
        label="Which application is it about?",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "Pick the application this “no” is about, or “None of these”.",
            "invalid_choice": "Pick one of the applications listed, or “None of these”.",
        },
    )
    candidates = forms.CharField(widget=forms.HiddenInput, required=False)
    company = forms.CharField(label="Company", max_length=200, required=False)
    title = forms.CharField(
        label="Job title", max_length=Application._meta.get_field("title").max_length
    )
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, user, candidates=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        if candidates is None:
            candidates = self.candidates_posted()
        else:
            candidates = [candidate.application for candidate in candidates]
        self.applications = {str(application.pk): application for application in candidates}
        self.fields["application"].choices = [
            *((pk, str(application)) for pk, application in self.applications.items()),
            (NEW, "None of these: add it as a new application"),
        ]
        if not self.is_bound:
            self.initial["submit_key"] = secrets.token_urlsafe(24)
            self.initial["candidates"] = ",".join(self.applications)
            self.initial["application"] = next(iter(self.applications), NEW)
        self.application = None

    def candidates_posted(self):
        """The proposed applications, as the confirm page posted their ids: the user's
        own only, whatever the ids say."""
        ids = []
        for part in str(self.data.get("candidates", ""))[:200].split(","):
            part = part.strip()
            if part.isdigit() and len(part) < 19:
                ids.append(int(part))
        if not ids:
            return []
        return list(
            Application.objects.for_user(self.user)
            .filter(pk__in=ids[:MAX_CANDIDATES])
            .select_related("company")
            .order_by("-updated_at", "-pk")
        )

    def options(self, candidates=()):
        """The radio buttons, each with its application (None for "none of these") and
        why it was proposed, for the page to show."""
        reasons = {str(c.application.pk): c.reasons for c in candidates}
        return [
            {
                "radio": radio,
                "application": self.applications.get(str(radio.data["value"])),
                "reasons": reasons.get(str(radio.data["value"]), []),
            }
            for radio in self["application"]
        ]

    def company_ids(self):
        """The companies whose contacts the page offers: the proposed applications'."""
        return {application.company_id for application in self.applications.values()}

    def clean_company(self):
        name = clean_company_name(self.cleaned_data["company"])
        if company_key(name):
            check_company_key_fits(name)
        return name

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("application")
        if chosen and chosen != NEW:
            self.application = self.applications[chosen]
        elif chosen == NEW:
            if not company_key(cleaned.get("company")) and "company" not in self.errors:
                self.add_error("company", "Type the company’s name for the new application.")
            if not cleaned.get("title") and "title" not in self.errors:
                self.add_error("title", "Type the job title for the new application.")
            self.application = Application(owner=self.user, stage=Stage.APPLIED)
        return cleaned

    def new_application(self):
        """The new application this form asks for, saved (its first timeline row
        written by Application.save()); the company matched by name or created."""
        application = self.application
        application.company = Company.for_name(self.user, self.cleaned_data["company"])
        application.title = self.cleaned_data["title"]
        application.save()
        return application


def contact_label(contact):
    company = f" ({contact.company.name})" if contact.company_id else ""
    return f"{contact.name}{company}" + (f" · {contact.email}" if contact.email else "")


class PastedRejectionForm(RejectionForm):
    """The reject form, plus what a pasted email tells: its subject, whether it was sent
    automatically, and who sent it: one of the user's contacts at the company, or a new
    contact (name, address, role from the signature)."""

    contact = forms.ModelChoiceField(
        label="One of your contacts",
        queryset=Contact.objects.none(),
        required=False,
        empty_label="Nobody yet",
        error_messages={"invalid_choice": "Pick one of your contacts at the company, or nobody."},
    )
    contact_name = Contact._meta.get_field("name").formfield(label="Their name", required=False)
    contact_email = forms.EmailField(
        label="Their email",
        required=False,
        max_length=Contact._meta.get_field("email").max_length,
        error_messages={"invalid": "Enter an email address such as jane@example.org."},
    )
    contact_title = Contact._meta.get_field("title").formfield(label="Their role", required=False)
    contact_relation = forms.ChoiceField(
        label="Who they are",
        choices=Contact.Relation.choices,
        initial=Contact.Relation.RECRUITER,
        required=False,
        error_messages={"invalid_choice": "Pick who they are from the list."},
    )

    class Meta(RejectionForm.Meta):
        fields = [*RejectionForm.Meta.fields, "email_subject", "sender_automated", "contact"]
        labels = {"sender_automated": "Sent automatically (a no-reply address or a job portal)"}
        help_texts = {
            **RejectionForm.Meta.help_texts,
            "sender_automated": "Then nobody reads a reply: step 2 helps you find a person to ask.",
        }

    def __init__(self, *args, user, companies=(), contacts=(), **kwargs):
        """Offers the user's contacts at `companies`, and the `contacts` named by id (the
        sender, known by their address, wherever they work)."""
        super().__init__(*args, user=user, **kwargs)
        self.user = user
        self.fields["contact"].queryset = (
            Contact.objects.for_user(user)
            .filter(Q(company_id__in=set(companies)) | Q(pk__in=list(contacts)))
            .select_related("company")
            .order_by("name", "pk")
        )
        self.fields["contact"].label_from_instance = contact_label
        self.fields["reason_given"].widget.attrs["rows"] = 3

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean(self):
        cleaned = super().clean()
        chosen, name = cleaned.get("contact"), cleaned.get("contact_name")
        if chosen and name:
            self.add_error(
                "contact_name",
                f"You picked {chosen.name} above. Clear this name, or pick “Nobody yet” to "
                "add them as a new contact.",
            )
        elif not name and cleaned.get("contact_email"):
            self.add_error("contact_name", "Write their name too, or clear the address.")
        return cleaned

    def new_contact(self, company):
        """The sender as a new contact at `company`, when the form asks for one (saved);
        else None."""
        data = self.cleaned_data
        if data.get("contact") or not data.get("contact_name"):
            return None
        return Contact.objects.create(
            owner=self.user,
            company=company,
            name=data["contact_name"],
            email=data.get("contact_email") or "",
            title=data.get("contact_title") or "",
            relation=data.get("contact_relation") or Contact.Relation.RECRUITER,
            # The person who wrote the "no" is someone to keep in touch with (as a new
            # contact asked for feedback in step 2 is): the person's default cadence.
            keep_in_touch_days=self.user.keep_in_touch_days,
        )
