"""Any bytes, any columns: the import never fails with a 500, writes nothing before the
confirmation, and then writes every ready row or none."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from applications.models import Application, Company, ImportBatch, StageChange
from tests.factories import UserFactory

KNOWN_COLUMNS = [
    "Company",
    "Job Title",
    "title",
    "Status",
    "stage",
    "Date Applied",
    "applied_on",
    "Follow up",
    "URL",
    "Location",
    "Notes",
    "Salary",
    "salary_min",
    "salary_max",
    "currency",
    "Source",
    "Remote",
    "Work mode",
]
CELLS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "Globex",
            "Wishlist",
            "Ghosted",
            "next Tuesday",
            "14/03/2026",
            "03/14/2026",
            "2026-02-30",
            "£50k-£60k",
            "60k-50k",
            "=SUM(A1)",
            "'=SUM(A1)",
            "https://jobs.example/1",
            "not a url",
            "yes",
            "LinkedIn",
            "x" * 300,
        ]
    ),
)


@st.composite
def csv_files(draw):
    columns = draw(st.lists(st.one_of(st.sampled_from(KNOWN_COLUMNS), st.text(max_size=15))))
    if draw(st.booleans()):
        columns = ["Company", "Job Title", *columns]
    width = max(len(columns), 1)
    rows = draw(st.lists(st.lists(CELLS, max_size=width + 2), max_size=12))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(columns)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return buffer.getvalue().encode(encoding, errors="replace")


class ImportFuzzTests(TestCase):
    def upload_and_confirm(self, content):
        user = UserFactory()
        self.client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

        response = self.client.post(
            reverse("applications:import"),
            {"file": SimpleUploadedFile("fuzz.csv", content, "text/csv")},
        )

        assert response.status_code in (302, 422), response.status_code
        assert not Application.objects.exists()
        assert not Company.objects.exists()
        event(f"upload answered {response.status_code}")
        if response.status_code == 422:
            assert not ImportBatch.objects.exists()
            return
        batch = ImportBatch.objects.get(owner=user)
        event(f"preview with {min(batch.valid_count, 1)}+ valid rows")
        assert self.client.get(response["Location"]).status_code == 200
        assert self.client.get(response["Location"] + "?page=2").status_code == 200
        assert not Application.objects.exists()

        response = self.client.post(reverse("applications:import_confirm", args=[batch.pk]))

        assert response.status_code == 302
        assert Application.objects.filter(owner=user).count() == batch.valid_count
        assert StageChange.objects.filter(application__owner=user).count() == batch.valid_count
        assert not ImportBatch.objects.exists()

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.binary(max_size=3000))
    def test_any_bytes(self, content):
        self.upload_and_confirm(content)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(csv_files())
    def test_any_columns_and_cells(self, content):
        self.upload_and_confirm(content)
