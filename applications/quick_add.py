"""Quick add: one line, "Data engineer at Acme", becomes a saved application, made by
the full application form (the same company match, first timeline row and checks)."""

import re
import secrets

from django import forms
from django.utils.http import urlencode

from applications.forms import ApplicationForm
from applications.models import Stage

# " at " (or "@") between the role and the company; the last one counts, so a role
# such as "Head of Data at Scale at Acme" keeps its own "at".
SEPARATOR = re.compile(r"(?:^|\s)at(?:\s+|$)|@", re.IGNORECASE)

EXAMPLE = "“Data engineer at Acme”"
NOTHING_TYPED = f"Type a job title and its company, such as {EXAMPLE}."
NO_COMPANY = (
    "Onward couldn’t tell which company this is. Write the job title, then “at” (or “@”) "
    f"and the company, such as {EXAMPLE}."
)
NO_COMPANY_AFTER = f"Type the company after “at”, such as {EXAMPLE}."
NO_TITLE = f"Type the job title before “at”, such as {EXAMPLE}."
# How the full form's errors read on the one line.
PARTS = {"title": "The job title", "company": "The company"}


def parse(text):
    """(title, company, whether a separator was found) from one line: "<title> at
    <company>" or "<title> @ <company>", split at the last separator."""
    text = " ".join((text or "").split())
    separators = list(SEPARATOR.finditer(text))
    if not separators:
        return text, "", False
    last = separators[-1]
    return text[: last.start()].strip(), text[last.end() :].strip(), True


class QuickAddForm(forms.Form):
    text = forms.CharField(
        label="Quick add a saved job",
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": "Data engineer at Acme", "autocomplete": "off"}
        ),
        help_text=(
            "The job title, then “at” or “@” and the company. It goes to Saved; add the "
            "details later."
        ),
        error_messages={"required": NOTHING_TYPED},
    )
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "quick-add-%s")
        super().__init__(*args, **kwargs)
        self.user = user
        described_by = "quick-add-help"
        if self.is_bound:
            described_by = "quick-add-error quick-add-help"
        self.fields["text"].widget.attrs.update(
            {"class": "form-control", "aria-describedby": described_by}
        )
        self.title = self.company = ""
        self.application_form = None
        if not self.is_bound:
            self.initial["submit_key"] = secrets.token_urlsafe(24)

    def full_clean(self):
        super().full_clean()
        if self.errors.get("text"):
            self.fields["text"].widget.attrs["class"] = "form-control is-invalid"

    def clean_text(self):
        self.title, self.company, separated = parse(self.cleaned_data["text"])
        if not separated:
            raise forms.ValidationError(NO_COMPANY, code="no_company")
        if not self.title and not self.company:
            raise forms.ValidationError(NOTHING_TYPED, code="required")
        if not self.company:
            raise forms.ValidationError(NO_COMPANY_AFTER, code="no_company")
        if not self.title:
            raise forms.ValidationError(NO_TITLE, code="no_title")
        return self.cleaned_data["text"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        form = ApplicationForm(self.application_data(), user=self.user)
        if form.is_valid():
            self.application_form = form
            return cleaned
        for field, errors in form.errors.items():
            part = PARTS.get(field)
            for error in errors:
                self.add_error("text", f"{part}: {error}" if part else error)
        return cleaned

    def application_data(self):
        """What the full form would send for a saved application with this title and
        company: its other fields as the empty form starts them, no applied date."""
        blank = ApplicationForm(user=self.user)
        data = {
            name: blank[name].value()
            for name in blank.fields
            if blank[name].value() not in (None, "", [])
        }
        return data | {
            "title": self.title,
            "company": self.company,
            "stage": Stage.SAVED,
            "applied_on": "",
            "submit_key": "",
        }

    def save(self):
        """The saved application (core.pages.save_once calls this once per key)."""
        return self.application_form.save()

    def full_form_query(self):
        """The full form's query string, starting with what was typed."""
        title, company = self.title, self.company
        if self.is_bound and not (title or company):
            title = " ".join(str(self.data.get("text", "")).split())
        fields = {"title": title[:200], "company": company[:200], "stage": Stage.SAVED}
        return urlencode({name: value for name, value in fields.items() if value})
