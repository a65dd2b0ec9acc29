"""The import preview stays small whatever the file: a 220 KB CSV with a bad cell in
every column of every row once stored a 14 MB report and drew a 19.9 MB page.

Now the batch keeps the first KEPT_PROBLEMS problems (and duplicates) with their
totals, the page shows the first SHOWN_PROBLEMS of them, and the list kept can be
downloaded as CSV to fix the file in a spreadsheet."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.csv.parse import KEPT_PROBLEMS
from applications.csv.preview import SHOWN_PROBLEMS
from applications.models import Application, ImportBatch
from tests.factories import ApplicationFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

IMPORT = reverse("applications:import")
HEADER = "Company,Job Title,Status,Date Applied,Follow up,Salary,Currency,Work mode,Source\n"
ROWS = 10_000


def bad_file(rows=ROWS):
    """Every row has a problem in each of its nine columns (two missing, seven bad)."""
    body = "".join(f",,Limbo {n},soon,later,lots,Gold,Moon,Rumour\n" for n in range(rows))
    return (HEADER + body).encode()


def upload(client, content, name="bad.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content, "text/csv")})


def problems_url(batch):
    return reverse("applications:import_problems", args=[batch.pk])


def shown_problems(response):
    section = parse(response).find("section", **{"aria-labelledby": "problems-heading"})
    return section.find("tbody").find_all("tr")


@pytest.fixture
def bad_batch(owner_client, user):
    content = bad_file()
    assert len(content) > 220_000
    response = upload(owner_client, content)
    assert response.status_code == 302
    return ImportBatch.objects.get(owner=user)


def test_the_stored_report_of_a_file_full_of_problems_is_capped(bad_batch):
    report = bad_batch.report

    assert len(json.dumps(bad_batch.report)) < 300_000
    assert len(report["problems"]) == KEPT_PROBLEMS
    assert report["problems"][0][:2] == [2, "Company"]
    assert report["problem_total"] == ROWS * 9
    assert bad_batch.problem_count == ROWS  # rows, counted in full
    assert bad_batch.row_count == ROWS


def test_the_preview_of_a_file_full_of_problems_is_a_small_page(owner_client, bad_batch):
    response = owner_client.get(bad_batch.get_absolute_url())

    assert response.status_code == 200
    assert len(response.content) < 200_000
    assert len(shown_problems(response)) == SHOWN_PROBLEMS
    assertContains(response, "<strong>10000</strong> rows with problems will not be imported")
    assertContains(response, f"The first {SHOWN_PROBLEMS} of 90,000 problems are shown here.")
    link = parse(response).find("a", href=problems_url(bad_batch))
    assert link.text == f"Download the first {KEPT_PROBLEMS:,} problems as a CSV file"
    assertContains(response, "fix those and upload the file again to see the rest")


def test_the_list_of_problems_downloads_as_csv(owner_client, bad_batch):
    response = owner_client.get(problems_url(bad_batch))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bad-problems.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Row", "Column", "Problem"]
    assert len(rows) == KEPT_PROBLEMS + 1
    assert rows[1] == ["2", "Company", "The company is missing: every application needs one."]
    assert rows[3][:2] == ["2", "Status"]
    assert "“Limbo 0” is not a stage Onward knows" in rows[3][2]


def test_a_problem_list_cell_that_looks_like_a_formula_is_escaped(owner_client, user):
    upload(owner_client, b"Company,Title,Status\nGlobex,Engineer,=HYPERLINK(1)\n")
    batch = ImportBatch.objects.get(owner=user)

    rows = list(
        csv.reader(io.StringIO(owner_client.get(problems_url(batch)).content.decode("utf-8-sig")))
    )

    assert rows[1][2].startswith("“=HYPERLINK(1)” is not a stage")
    assert not rows[1][2].startswith("=")


def test_a_short_list_of_problems_is_shown_in_full_without_a_note(owner_client, user):
    upload(owner_client, bad_file(rows=3))
    response = owner_client.get(ImportBatch.objects.get(owner=user).get_absolute_url())

    assert len(shown_problems(response)) == 27
    assertNotContains(response, "are shown here")
    assertContains(response, "Download the problems as a CSV file")


def test_many_duplicates_are_capped_and_shown_in_part(owner_client, user):
    ApplicationFactory(owner=user, company__name="Globex", title="Engineer", applied_on=None)
    rows = "".join("Globex,Engineer\n" for _ in range(3_000))
    upload(owner_client, f"Company,Title\n{rows}".encode())
    batch = ImportBatch.objects.get(owner=user)

    assert batch.duplicate_count == 3_000
    assert len(batch.report["duplicates"]) == KEPT_PROBLEMS
    response = owner_client.get(batch.get_absolute_url())
    section = parse(response).find("section", **{"aria-labelledby": "duplicates-heading"})
    assert len(section.find("tbody").find_all("tr")) == SHOWN_PROBLEMS
    assertContains(response, f"The first {SHOWN_PROBLEMS} of 3,000 duplicates are shown here.")


def test_a_header_of_a_million_unnamed_columns_is_stored_in_a_few_names(owner_client, user):
    content = b"Company,Title" + b"," * 1_000_000 + b"x\nGlobex,Engineer\n"
    upload(owner_client, content)
    batch = ImportBatch.objects.get(owner=user)

    assert len(json.dumps(batch.report)) < 10_000
    assert batch.report["ignored_total"] == 1_000_000
    response = owner_client.get(batch.get_absolute_url())
    assertContains(response, "and 999,970 more.")


def test_a_long_column_name_is_cut_short_everywhere(owner_client, user):
    name = "Com" + " " * 50_000 + "pany"
    upload(owner_client, f'"{name}",Title,Status\nGlobex,Engineer,Sleeping\n'.encode())
    batch = ImportBatch.objects.get(owner=user)

    assert len(json.dumps(batch.report)) < 2_000
    assert len(batch.report["columns"][0][0]) <= 60


# The download's access rules: the owner's own batch, on GET only.


def test_another_users_problem_list_is_not_found(stranger_client, bad_batch):
    assert stranger_client.get(problems_url(bad_batch)).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, bad_batch):
    response = client.get(problems_url(bad_batch))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_problem_list_is_read_only(owner_client, bad_batch):
    assert owner_client.post(problems_url(bad_batch)).status_code == 405
    assert ImportBatch.objects.filter(pk=bad_batch.pk).exists()
    assert not Application.objects.exists()


def test_an_expired_batchs_problem_list_is_gone(owner_client, bad_batch):
    ImportBatch.objects.filter(pk=bad_batch.pk).update(expires_at=bad_batch.created_at)

    response = owner_client.get(problems_url(bad_batch))

    assert response.status_code == 410
    assert not ImportBatch.objects.filter(pk=bad_batch.pk).exists()
