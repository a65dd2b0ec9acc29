from django import forms

# A calendar day as the browser's date picker sends it.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A moment as the browser's datetime-local input sends it.
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class EditConflictMixin(forms.Form):
    """Refuses to silently overwrite a row that changed since its form was opened.

    The form carries the row's updated_at from when it was opened. If the row has been
    saved since (another tab, another device), the form shows what is saved now next to
    what was typed, and asks: sending it again overwrites on purpose.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    conflict_message = (
        "This was changed somewhere else (another tab or device?) after you opened this "
        "page. Check the differences below: send the form again to save your version over "
        "it, or go back to keep what is saved."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts = []
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        sent = cleaned.get("version")
        if not (self.instance.pk and sent):
            return cleaned
        current = self.instance.updated_at.isoformat()
        if sent != current:
            self.conflicts = self.differences(cleaned)
            # Sending the form again as it is now overwrites: it asked, they answered.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = current
            raise forms.ValidationError(self.conflict_message, code="conflict")
        return cleaned

    def differences(self, cleaned):
        """(label, saved now, typed) for each field whose saved value differs."""
        rows = []
        for name, field in self.fields.items():
            if name == "version" or name not in cleaned or not hasattr(self.instance, name):
                continue
            saved = getattr(self.instance, name)
            if hasattr(saved, "all"):  # many-to-many: leave out
                continue
            typed = cleaned[name]
            if saved != typed and str(saved or "") != str(typed or ""):
                rows.append((field.label or name, display(saved), display(typed)))
        return rows


def display(value):
    if value in (None, ""):
        return "(empty)"
    return str(value)


# The range of a database id (a 64-bit integer on SQLite and PostgreSQL alike).
ID_RANGE = range(-(2**63), 2**63)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids the database cannot hold as invalid choices before
    they reach a query: Django checks each id alone, but asks for them all with one
    `pk__in`, which a number past 64 bits breaks on both databases."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # Django's own check calls it "not a valid value"
            if number not in ID_RANGE:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
