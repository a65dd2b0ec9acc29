"""The account import reads its upload through the CSV import's capped handler: a body
of any size costs at most MAX_BYTES of memory and nothing on disk (before, a 200 MB
body was written to a temporary file before the form refused it)."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.csv.upload import CappedUploadHandler
from applications.models import Company
from tests.html import field_errors
from transfer import reader

pytestmark = pytest.mark.django_db

URL = reverse("accounts:import")


def no_temporary_files(*args, **kwargs):
    raise AssertionError("the upload was written to a temporary file")


def test_a_body_over_the_cap_is_refused_and_nothing_past_the_cap_is_kept(owner_client, user):
    kept = []
    complete = CappedUploadHandler.file_complete

    def spy(handler, file_size):
        kept.append(handler.kept)
        return complete(handler, file_size)

    body = b" " * (reader.MAX_BYTES + 5 * 1024 * 1024)
    with (
        mock.patch(
            "django.core.files.uploadhandler.TemporaryUploadedFile",
            side_effect=no_temporary_files,
        ),
        mock.patch.object(CappedUploadHandler, "file_complete", spy),
    ):
        response = owner_client.post(URL, {"file": SimpleUploadedFile("big.json", body)})

    assert response.status_code == 422
    assert field_errors(response, "file") == [
        "This file is 25.0 MB; the import reads files of up to 20 MB."
    ]
    assert kept == [reader.MAX_BYTES]
    assert not Company.objects.filter(owner=user).exists()


def test_a_file_under_the_cap_is_read_in_memory_too(owner_client):
    with mock.patch(
        "django.core.files.uploadhandler.TemporaryUploadedFile", side_effect=no_temporary_files
    ):
        response = owner_client.post(
            URL, {"file": SimpleUploadedFile("export.json", b" " * (3 * 1024 * 1024))}
        )

    assert response.status_code == 422
    assert "isn’t valid JSON" in " ".join(field_errors(response, "file"))


def test_the_capped_upload_still_checks_the_csrf_token(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post(URL, {"file": SimpleUploadedFile("export.json", b"{}")})

    assert response.status_code == 403
