"""The import views: upload → preview → confirm (or cancel), and what each refuses."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from applications.csv.upload import CappedUploadHandler
from applications.models import Application, Company, ImportBatch, Stage, StageChange, rank
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import field_errors, page_messages, parse

pytestmark = pytest.mark.django_db

IMPORT = reverse("applications:import")
SPREADSHEET = (
    "Company,Job Title,Status,Date Applied,Location,Salary,Notes\n"
    "Globex,Data engineer,Interviewing,14/03/2026,Berlin,£50k-£60k,Met them at PyCon\n"
    "Initech,Backend developer,Ghosted,2026-02-01,Remote,,\n"
    "Hooli,Product analyst,Wishlist,,London,55000,\n"
)


def upload(client, content, name="applications.csv"):
    if isinstance(content, str):
        content = content.encode()
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content, "text/csv")})


def preview_url(batch):
    return reverse("applications:import_preview", args=[batch.pk])


def confirm_url(batch):
    return reverse("applications:import_confirm", args=[batch.pk])


def cancel_url(batch):
    return reverse("applications:import_cancel", args=[batch.pk])


def problems(response):
    """(row, column, problem) as the preview's table shows them."""
    section = parse(response).find("section", **{"aria-labelledby": "problems-heading"})
    if section is None:
        return []
    return [
        tuple(cell.text for cell in row.find_all("td"))
        for row in section.find("tbody").find_all("tr")
    ]


def rows_to_add(response):
    section = parse(response).find("section", **{"aria-labelledby": "rows-heading"})
    if section is None:
        return []
    return [
        tuple(cell.text for cell in row.find_all("td"))[:5]
        for row in section.find("tbody").find_all("tr")
    ]


@pytest.fixture
def batch(owner_client, user):
    response = upload(owner_client, SPREADSHEET)
    batch = ImportBatch.objects.get(owner=user)
    assertRedirects(response, preview_url(batch))
    return batch


def nothing_imported(user):
    return not Application.objects.filter(owner=user).exists() and not (
        Company.objects.filter(owner=user).exists()
    )


# The upload page


def test_the_upload_page_states_the_caps_and_what_a_file_may_contain(owner_client):
    response = owner_client.get(IMPORT)

    assert response.status_code == 200
    form = parse(response).find("form", enctype="multipart/form-data")
    assert form.find("input", type="file", name="file") is not None
    assert form.find(id="id_file_helptext").text == (
        "At most 10 MB and 10,000 rows per file: split a bigger file and import the parts one "
        "after another."
    )
    assertContains(response, "Job Title, Position, Role, Title")
    assertContains(response, "Ghosted, No reply → no response")


def test_upload_shows_a_preview_and_writes_nothing(owner_client, user, batch):
    response = owner_client.get(preview_url(batch))

    assert response.status_code == 200
    assert nothing_imported(user)
    assert rows_to_add(response) == [
        ("2", "Data engineer", "Globex", "Interviewing", "14 Mar 2026"),
        ("3", "Backend developer", "Initech", "No response", "1 Feb 2026"),
        ("4", "Product analyst", "Hooli", "Saved", "—"),
    ]
    assertContains(response, "<strong>3</strong> applications will be added.", html=True)
    button = parse(response).find("form", action=confirm_url(batch)).find("button")
    assert button.text == "Import 3 applications"
    assertContains(response, "“Date Applied” → Applied on")
    assert batch.expires_at == pytest.approx(
        timezone.now() + dt.timedelta(hours=1), abs=dt.timedelta(seconds=30)
    )


def test_confirm_imports_every_row_with_its_first_timeline_row(owner_client, user, batch):
    existing = CompanyFactory(owner=user, name="GLOBEX")

    response = owner_client.post(confirm_url(batch), follow=True)

    assertRedirects(response, reverse("applications:list"))
    assert page_messages(response) == ["Imported 3 applications from applications.csv."]
    assert not ImportBatch.objects.exists()
    globex = Application.objects.get(owner=user, title="Data engineer")
    assert globex.company == existing  # matched whatever the case
    assert (globex.stage, globex.applied_on, globex.location, globex.notes) == (
        Stage.INTERVIEWING,
        dt.date(2026, 3, 14),
        "Berlin",
        "Met them at PyCon",
    )
    assert (globex.salary_min, globex.salary_max, globex.currency) == (50_000, 60_000, "GBP")
    assert sorted(Company.objects.filter(owner=user).values_list("name", flat=True)) == [
        "GLOBEX",
        "Hooli",
        "Initech",
    ]
    for application in Application.objects.filter(owner=user):
        (change,) = application.stage_changes.all()
        assert (change.from_stage, change.to_stage) == ("", application.stage)
        assert change.changed_at == application.stage_changed_at
        assert application.reached == rank(application.stage)
    assert globex.reached == rank(Stage.INTERVIEWING) > 0


def test_cancel_discards_the_preview_and_imports_nothing(owner_client, user, batch):
    response = owner_client.post(cancel_url(batch), follow=True)

    assertRedirects(response, IMPORT)
    assert page_messages(response) == ["Import cancelled. Nothing was imported."]
    assert not ImportBatch.objects.exists()
    assert nothing_imported(user)


def test_a_second_confirmation_imports_nothing_more(owner_client, user, batch):
    owner_client.post(confirm_url(batch))

    assert owner_client.post(confirm_url(batch)).status_code == 404
    assert Application.objects.filter(owner=user).count() == 3


def test_a_new_upload_replaces_the_pending_one_and_sweeps_expired_ones(
    owner_client, user, other_user, batch
):
    stale = ImportBatch.objects.create(
        owner=other_user, expires_at=timezone.now() - dt.timedelta(minutes=1)
    )

    upload(owner_client, SPREADSHEET)

    assert not ImportBatch.objects.filter(pk__in=[batch.pk, stale.pk]).exists()
    assert ImportBatch.objects.filter(owner=user).count() == 1


# Problems, duplicates and expiry


def test_rows_with_problems_are_listed_in_words_and_not_imported(owner_client, user):
    content = (
        "Company,Position,Status,Date Applied\n"
        "Globex,Data engineer,Applied,next Tuesday\n"
        "Initech,Backend developer,Pending review,2026-02-01\n"
        ",Product analyst,Applied,2026-02-02\n"
        "Hooli,Site reliability engineer,Offer,2026-02-03\n"
    )
    response = owner_client.get(upload(owner_client, content)["Location"])

    assert problems(response) == [
        (
            "2",
            "Date Applied",
            "“next Tuesday” is not a date Onward can read. Write it like 2026-03-14, "
            "14/03/2026, 14 March 2026 or March 14, 2026.",
        ),
        (
            "3",
            "Status",
            "“Pending review” is not a stage Onward knows. Use one of: saved, applied, "
            "screening, interviewing, offer, accepted, rejected, withdrawn, no response.",
        ),
        ("4", "Company", "The company is missing: every application needs one."),
    ]
    assertContains(response, "3</strong> rows with problems will not be imported")
    assertContains(
        response,
        "Rows with problems are not imported. Fix them in your file and upload it again, or "
        "import the rest now.",
    )
    assert nothing_imported(user)

    owner_client.post(confirm_url(ImportBatch.objects.get()))

    assert list(Application.objects.filter(owner=user).values_list("title", flat=True)) == [
        "Site reliability engineer"
    ]


def test_a_file_where_no_row_can_be_imported_offers_no_import_button(owner_client, user):
    response = owner_client.get(
        upload(owner_client, "Company,Title,Stage\nGlobex,Data engineer,Sleeping\n")["Location"]
    )

    assertContains(response, "No row is ready to import. Fix the file and upload it again.")
    assert parse(response).find("form", action=confirm_url(ImportBatch.objects.get())) is None

    response = owner_client.post(confirm_url(ImportBatch.objects.get()), follow=True)
    assert page_messages(response) == ["Nothing was imported: no row was ready to import."]
    assert nothing_imported(user)


def test_duplicates_in_onward_and_in_the_file_are_skipped_and_reported(owner_client, user):
    ApplicationFactory(
        owner=user, company__name="Globex", title="Data Engineer", applied_on=dt.date(2026, 3, 14)
    )
    content = (
        "Company,Title,Applied\n"
        "globex,data engineer,2026-03-14\n"
        "Initech,Backend developer,2026-02-01\n"
        "INITECH,Backend  developer,1 February 2026\n"
        "Initech,Backend developer,2026-02-02\n"
    )

    response = owner_client.get(upload(owner_client, content)["Location"])

    section = parse(response).find("section", **{"aria-labelledby": "duplicates-heading"})
    assert [
        tuple(cell.text for cell in row.find_all("td"))
        for row in section.find("tbody").find_all("tr")
    ] == [
        ("2", "data engineer at globex, applied 2026-03-14", "Already in Onward."),
        ("4", "Backend developer at INITECH, applied 2026-02-01", "Same as row 3."),
    ]
    owner_client.post(confirm_url(ImportBatch.objects.get()))
    assert Application.objects.filter(owner=user).count() == 3


def test_a_row_added_meanwhile_is_skipped_at_confirmation(owner_client, user, batch):
    ApplicationFactory(
        owner=user, company__name="Globex", title="Data engineer", applied_on=dt.date(2026, 3, 14)
    )

    response = owner_client.post(confirm_url(batch), follow=True)

    assert page_messages(response) == [
        "Imported 2 applications from applications.csv. 1 row already in Onward was skipped."
    ]
    assert Application.objects.filter(owner=user).count() == 3


def test_an_expired_preview_is_refused_deleted_and_imports_nothing(owner_client, user, batch):
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        response = owner_client.get(preview_url(batch))
        assert response.status_code == 410
        assertContains(response, "This import preview expired", status_code=410)
        assert not ImportBatch.objects.exists()

    batch.save()  # as if it were still there
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        response = owner_client.post(confirm_url(batch))
        assertContains(response, "Nothing was imported", status_code=410)
    assert nothing_imported(user)
    assert not ImportBatch.objects.exists()


def test_a_failure_during_confirmation_imports_nothing_and_keeps_the_preview(
    owner_client, user, batch
):
    with (
        mock.patch.object(
            StageChange.objects, "bulk_create", side_effect=RuntimeError("database went away")
        ),
        pytest.raises(RuntimeError),
    ):
        owner_client.post(confirm_url(batch))

    assert nothing_imported(user)
    assert ImportBatch.objects.filter(pk=batch.pk).exists()


# Access


def test_another_users_preview_is_not_found_and_nothing_is_imported(
    stranger_client, user, other_user, batch
):
    assert stranger_client.get(preview_url(batch)).status_code == 404
    assert stranger_client.post(confirm_url(batch)).status_code == 404
    assert stranger_client.post(cancel_url(batch)).status_code == 404

    assert ImportBatch.objects.filter(pk=batch.pk, owner=user).exists()
    assert not Application.objects.exists()
    assert not Company.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_written(client, user, batch):
    for url in (IMPORT, preview_url(batch)):
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")
    for url in (IMPORT, confirm_url(batch), cancel_url(batch)):
        assertRedirects(client.post(url), f"{reverse('login')}?next={url}")
    response = client.post(IMPORT, {"file": SimpleUploadedFile("a.csv", SPREADSHEET.encode())})
    assertRedirects(response, f"{reverse('login')}?next={IMPORT}")

    assert ImportBatch.objects.get() == batch
    assert nothing_imported(user)


@pytest.mark.parametrize("make_url", [confirm_url, cancel_url])
def test_get_on_confirm_and_cancel_is_not_allowed(owner_client, user, batch, make_url):
    assert owner_client.get(make_url(batch)).status_code == 405
    assert ImportBatch.objects.filter(pk=batch.pk).exists()
    assert nothing_imported(user)


def test_an_upload_without_the_csrf_token_is_refused(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    response = upload(client, SPREADSHEET)

    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


# Bad files: a clear message, a 422, nothing written


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty: there is nothing to import."),
        (b"\xef\xbb\xbf\r\n \r\n", "The file is empty: there is nothing to import."),
        (
            b"Company,Title\nAcme,Engineer \x81\x8d\x90\n",
            "This file isn’t UTF-8 text: line 2 has bytes",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "This doesn’t look like a CSV"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "This doesn’t look like a CSV"),
        (bytes(range(256)) * 8, "This doesn’t look like a CSV"),
        (
            b"Company,Job Title,Status\n",
            "The file has column names but no rows below them: there is nothing to import.",
        ),
        (
            (
                ",".join(f"Column {n}" for n in range(50)) + "\n" + ",".join("x" * 50) + "\n"
            ).encode(),
            "Onward couldn’t find the company and job title columns in this file.",
        ),
        (
            b"Employer,Stage\nGlobex,applied\n",
            "Onward couldn’t find the job title column in this file.",
        ),
        (
            b'Company,Title,Notes\nGlobex,Engineer,"' + b"x" * 300_000 + b'"\n',
            "Row 2 can’t be read as CSV",
        ),
    ],
    ids=[
        "empty",
        "blank-lines",
        "not-utf8",
        "xlsx",
        "pdf",
        "binary",
        "header-only",
        "50-unknown-columns",
        "no-title-column",
        "huge-cell",
    ],
)
def test_a_file_that_cannot_be_imported_gets_a_clear_message(owner_client, user, content, message):
    response = upload(owner_client, content)

    assert response.status_code == 422
    (error,) = field_errors(response, "file")
    assert error.startswith(message), error
    assert not ImportBatch.objects.exists()
    assert nothing_imported(user)


def test_no_file_at_all(owner_client):
    response = owner_client.post(IMPORT, {})

    assert response.status_code == 422
    assert field_errors(response, "file") == ["Choose a CSV file to upload."]


def test_the_upload_keeps_at_most_5_mb_in_memory_and_says_how_big_it_was():
    handler = CappedUploadHandler(limit=10)
    handler.new_file("file", "big.csv", "text/csv", None)
    for chunk in (b"x" * 6, b"y" * 6, b"z" * 6):
        handler.receive_data_chunk(chunk, 0)

    upload = handler.file_complete(18)

    assert (upload.size, upload.truncated, upload.read()) == (18, True, b"xxxxxxyyyy")


def test_a_file_over_10_mb_is_refused(owner_client, user):
    row = "Globex,Data engineer,applied,2026-03-14," + "n" * 200 + "\n"
    content = "Company,Title,Stage,Applied,Notes\n" + row * (10 * 1024 * 1024 // len(row) + 1)

    response = upload(owner_client, content)

    assert response.status_code == 422
    (error,) = field_errors(response, "file")
    assert error == (
        "This file is 10.1 MB; Onward imports files of up to 10 MB. Split it into smaller "
        "files and import them one after another."
    )
    assert not ImportBatch.objects.exists()
    assert nothing_imported(user)


def test_more_than_10000_rows_are_refused_and_10000_are_fine(owner_client, user):
    header = "Company,Title\n"
    rows = "".join(f"Company {n % 50},Role {n}\n" for n in range(10_001))

    response = upload(owner_client, header + rows)

    assert response.status_code == 422
    assert field_errors(response, "file") == [
        "This file has more than 10,000 rows; Onward imports at most 10,000 at a time. "
        "Split it into smaller files and import them one after another."
    ]
    assert not ImportBatch.objects.exists()

    response = upload(owner_client, header + rows.rsplit("Company", 1)[0])

    assert response.status_code == 302
    assert ImportBatch.objects.get().valid_count == 10_000
    assert nothing_imported(user)


def test_the_rows_to_add_are_shown_fifty_a_page(owner_client, user):
    content = "Company,Title\n" + "".join(f"Globex,Role {n}\n" for n in range(60))
    url = upload(owner_client, content)["Location"]

    first, second = owner_client.get(url), owner_client.get(url + "?page=2")

    assert len(rows_to_add(first)) == 50
    assert rows_to_add(second)[0][:2] == ("52", "Role 50")
    assert len(rows_to_add(second)) == 10
    assertContains(second, "Showing rows 51–60 of 60.")


def test_a_file_in_windows_western_encoding_is_read_with_a_warning(owner_client, user):
    content = "Company,Title\nSociété Générale,Ingénieur données\n".encode("cp1252")

    response = owner_client.get(upload(owner_client, content)["Location"])

    assert rows_to_add(response)[0][1:3] == ("Ingénieur données", "Société Générale")
    assertContains(response, "This file isn’t UTF-8, so it was read as Windows’ Western European")
    assert nothing_imported(user)


def test_fifty_columns_with_the_ones_onward_knows_lists_the_rest(owner_client, user):
    names = ["Company", "Role"] + [f"Extra {n}" for n in range(48)]
    content = ",".join(names) + "\n" + ",".join(["Globex", "Data engineer"] + ["x"] * 48) + "\n"

    response = owner_client.get(upload(owner_client, content)["Location"])

    assert rows_to_add(response)[0][1:3] == ("Data engineer", "Globex")
    assertContains(response, "Not imported: “Extra 0”, “Extra 1”")
    assertContains(response, "and 18 more.")
    assertNotContains(response, "“Extra 47”")
