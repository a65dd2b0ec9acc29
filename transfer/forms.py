"""The import form (an export file, read and checked in full) and the delete form (the
password, to make sure it is you)."""

from django import forms

from transfer import reader, writer
from transfer.holdings import has_data


class AccountImportForm(forms.Form):
    """An export file, read and checked in full before anything is written: after
    is_valid(), `plan` holds the rows to write."""

    file = forms.FileField(
        label="Export file",
        help_text="The .json file that “Export your data” downloaded, "
        f"up to {reader.MAX_BYTES // 1024 // 1024} MB.",
        widget=forms.FileInput(attrs={"accept": ".json,application/json"}),
        error_messages={
            "required": "Choose the .json file that “Export your data” downloaded.",
            "empty": "This file is empty. Choose the .json file that “Export your data” "
            "downloaded.",
        },
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.plan = None
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if has_data(self.user):
            raise forms.ValidationError(writer.NOT_EMPTY)
        if upload.size > reader.MAX_BYTES or getattr(upload, "truncated", False):
            raise forms.ValidationError(
                f"This file is {upload.size / 1024 / 1024:.1f} MB; the import reads files "
                f"of up to {reader.MAX_BYTES // 1024 // 1024} MB."
            )
        try:
            self.plan = reader.read_export(upload.read())
        except reader.ImportProblem as problem:
            raise forms.ValidationError(problem.messages) from None
        return upload

    def save(self):
        """Writes the rows; ImportProblem if the account filled up in the meantime."""
        return writer.import_account(self.user, self.plan)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you.",
    )

    delete_anyway = forms.BooleanField(
        label="Delete my account anyway, knowing that what is listed above would not "
        "come back from my export",
        required=True,
        error_messages={
            "required": "Your export would not bring everything back (see above). Tick "
            "this to delete your account anyway, or keep it and fix what is listed first."
        },
    )

    def __init__(self, user, *args, export_problems=(), **kwargs):
        """`export_problems`: what the dry run of the import found in the person's
        export. Only when there are some does deleting ask to be sure, as well."""
        self.user = user
        super().__init__(*args, **kwargs)
        if not export_problems:
            del self.fields["delete_anyway"]

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That is not your password. Nothing was deleted; try again."
            )
        return password
