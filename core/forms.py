import secrets

from django import forms
from django.db import transaction
from django.http import Http404

# A calendar day as the browser's date picker sends it.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A moment as the browser's datetime-local input sends it.
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class EditConflict(Exception):
    """Raised by EditConflictMixin.save() when the row changed after the form was
    checked: the form then shows the conflict, as clean() shows one it finds."""


class EditConflictMixin(forms.Form):
    """Refuses to silently overwrite a row that changed since its form was opened.

    The form carries the row's updated_at from when it was opened (`version`, required
    when editing). If the row has been saved since (another tab, another device), the
    form shows what is saved now next to what was typed, and asks: sending it again
    overwrites on purpose.

    The check is made twice: in clean(), against the row as the request loaded it, and
    in save(), as the write itself: an UPDATE of the row only while its updated_at is
    still the version the form was based on. So of two saves racing from one version,
    one saves and the other gets the conflict, whichever worker serves them. The save
    writes exactly the form's fields (and updated_at): never the stage, nor anything
    else that other code keeps on the row.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    conflict_message = (
        "This was changed somewhere else (another tab or device?) after you opened this "
        "page. Check the differences below: send the form again to save your version over "
        "it, or go back to keep what is saved."
    )
    no_version_message = (
        "Onward couldn’t tell when this page was opened, so it saved nothing, in case it "
        "was changed somewhere else since. Check what you typed below and send the form "
        "again to save it."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts = []
        self.editing = not self.instance._state.adding
        if self.editing:
            self.based_on = self.instance.updated_at
            if not self.is_bound:
                self.initial["version"] = self.based_on.isoformat()

    def clean(self):
        cleaned = super().clean()
        if not self.editing:
            return cleaned
        sent = cleaned.get("version")
        if not sent:
            self.offer_overwrite(self.instance)
            raise forms.ValidationError(self.no_version_message, code="no_version")
        if sent != self.based_on.isoformat():
            self.conflicts = self.differences(cleaned, self.instance)
            self.offer_overwrite(self.instance)
            raise forms.ValidationError(self.conflict_message, code="conflict")
        return cleaned

    def offer_overwrite(self, saved):
        """Sending the form again as it is now overwrites `saved`: it asked, they
        answered."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = saved.updated_at.isoformat()

    def fill_in(self, instance):
        """Sets on `instance` what the form's fields do not set by themselves (its owner,
        the company a typed name names): for the forms that need it."""

    def save(self, commit=True):
        with transaction.atomic():
            if commit and self.editing:
                self.claim()
            self.fill_in(self.instance)
            if not (commit and self.editing):
                return super().save(commit)
            instance = super().save(commit=False)
            instance.save(update_fields=self.written_fields())
            self._save_m2m()
            return instance

    def claim(self):
        """Takes the row for this save while it is still the version the form was based
        on (a racing save now waits, then finds it changed); else shows the conflict
        and raises EditConflict."""
        rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        if rows.filter(updated_at=self.based_on).update(updated_at=self.based_on):
            return
        saved = rows.first()
        if saved is None:
            raise Http404("This was deleted somewhere else.")
        self.conflicts = self.differences(self.cleaned_data, saved)
        self.offer_overwrite(saved)
        self.add_error(None, forms.ValidationError(self.conflict_message, code="conflict"))
        raise EditConflict

    def written_fields(self):
        """The model fields this form sets, and updated_at."""
        names = {field.name for field in self.instance._meta.concrete_fields}
        names.discard(self.instance._meta.pk.name)
        return [name for name in self.cleaned_data if name in names] + ["updated_at"]

    def differences(self, cleaned, saved):
        """(label, saved now, typed) for each field whose saved value differs."""
        rows = []
        for name, field in self.fields.items():
            if name == "version" or name not in cleaned or not hasattr(saved, name):
                continue
            now = getattr(saved, name)
            if hasattr(now, "all"):  # many-to-many: leave out
                continue
            typed = cleaned[name]
            if now != typed and str(now or "") != str(typed or ""):
                rows.append((field.label or name, display(now), display(typed)))
        return rows


class SubmitOnceMixin(forms.Form):
    """A form that adds a row carries a key made when the form is shown, so that the
    page saves it once per key (core.pages.create_page): a double click or a resend
    adds one row, not two. A form editing a row has no key."""

    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            del self.fields["submit_key"]
        elif not self.is_bound:
            self.initial["submit_key"] = secrets.token_urlsafe(24)


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
