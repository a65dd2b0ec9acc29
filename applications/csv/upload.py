"""The upload of a CSV to import: an upload handler that keeps at most MAX_BYTES in
memory, and the form that checks the file and keeps its rows as an ImportBatch."""

import io
import math

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from applications.csv.parse import parse_csv
from applications.csv.reading import FileProblem
from applications.models import ImportBatch

# Onward's own CSV export of 10,000 applications (the rows an import takes), each with
# a job description, comes to about 5.3 MB: the cap leaves it room.
MAX_MEGABYTES = 10
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024


class CappedUploadHandler(FileUploadHandler):
    """Keeps uploaded files in memory, at most MAX_BYTES of them in all: past that it
    reads on but keeps nothing and marks the file truncated. An upload of any size
    costs at most MAX_BYTES of memory and nothing on disk, and the form can say how big
    it was."""

    def __init__(self, request=None, limit=MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        self.kept = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.size = 0
        self.truncated = False

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        room = self.limit - self.kept
        if len(raw_data) > room:
            self.truncated = True
            raw_data = raw_data[: max(room, 0)]
        self.buffer.write(raw_data)
        self.kept += len(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        upload = InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            self.size,
            self.charset,
            self.content_type_extra,
        )
        upload.truncated = self.truncated
        return upload


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"At most {MAX_MEGABYTES} MB and 10,000 rows per file: split a bigger file and "
        "import the parts one after another.",
        widget=forms.FileInput(attrs={"accept": ".csv,.tsv,.txt,text/csv"}),
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty: there is nothing to import.",
            "invalid": "Choose a CSV file to upload.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES or getattr(upload, "truncated", False):
            # Rounded up, so that a file just over the cap doesn't read as "5.0 MB".
            size = math.ceil(upload.size * 10 / 1024 / 1024) / 10
            raise ValidationError(
                f"This file is {size:.1f} MB; Onward imports files of up to {MAX_MEGABYTES} MB. "
                "Split it "
                "into smaller files and import them one after another."
            )
        try:
            self.parsed = parse_csv(upload.read(), self.user)
        except FileProblem as problem:
            raise ValidationError(str(problem)) from None
        return upload

    def save(self):
        """Stores the checked rows as the user's one pending import (a new upload
        replaces an earlier one) and sweeps away everyone's expired batches."""
        ImportBatch.objects.expired().delete()
        ImportBatch.objects.for_user(self.user).delete()
        parsed = self.parsed
        return ImportBatch.objects.create(
            owner=self.user,
            file_name=(self.cleaned_data["file"].name or "")[:255],
            rows=parsed.rows,
            report=parsed.report(),
            row_count=parsed.row_count,
            valid_count=len(parsed.rows),
            problem_count=parsed.problem_rows,
            duplicate_count=parsed.duplicate_total,
        )
