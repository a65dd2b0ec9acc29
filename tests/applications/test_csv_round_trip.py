"""Export → import into a fresh account gives the same applications."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application, ImportBatch, StageChange
from tests.factories import ApplicationFactory, build_pipeline

pytestmark = pytest.mark.django_db

FIELDS = [
    "company__name",
    "title",
    "stage",
    "applied_on",
    "follow_up_on",
    "job_url",
    "location",
    "work_mode",
    "source",
    "salary_min",
    "salary_max",
    "currency",
    "notes",
    "salary_period",
    "employment_type",
    "closing_on",
    "excitement",
    "tags",
    "description",
]


def contents(user):
    return sorted(
        Application.objects.filter(owner=user).values_list(*FIELDS), key=lambda row: row[:4]
    )


def test_export_then_import_into_a_fresh_account_gives_the_same_applications(
    owner_client, stranger_client, user, other_user
):
    build_pipeline(user, 27)
    tricky = [
        '=HYPERLINK("http://evil.example","click")',
        "+44 20 7946 0000",
        "-1",
        "@mention",
        "'=already quoted",
        "''=twice",
        "'90s revival",
        "Two  spaces\tand a tab inside",
        'Line one\nLine two, with a comma; and "quotes"',
        "Ünion Bank — Zürich 🚀",
    ]
    for number, text in enumerate(tricky):
        ApplicationFactory(
            owner=user,
            company__name=f"Tricky {number} {text}",
            # One line, as a form's text input gives it.
            title=f"{text} {number}".replace("\n", " "),
            notes=text,
            location=text.splitlines()[0][:200],
            stage="rejected",
            applied_on=dt.date(2025, 12, number + 1),
            salary_min=None,
            salary_max=90_000,
            currency="CHF",
            job_url=f"https://jobs.example/{number}?ref=a,b",
            work_mode="remote",
            source="networking",
            salary_period="hour" if number % 2 else "year",
            employment_type="contract",
            closing_on=dt.date(2026, 1, number + 1),
            excitement=number % 5 + 1,
            tags=f"tricky, {text[:30]}".replace(",", " ", 2).replace("tricky ", "tricky, "),
            description=f"<p>{text}</p><ul><li>{number}</li></ul>",
        )
    # A description longer than the csv module reads in one cell by default.
    ApplicationFactory(
        owner=user, title="Long advert", description="<p>Words and words.</p>" * 7_000
    )

    export = owner_client.get(reverse("applications:export"))
    content = b"".join(export.streaming_content)
    response = stranger_client.post(
        reverse("applications:import"),
        {"file": SimpleUploadedFile("onward.csv", content, "text/csv")},
    )
    batch = ImportBatch.objects.get(owner=other_user)
    assert (batch.valid_count, batch.problem_count, batch.duplicate_count) == (38, 0, 0)
    stranger_client.post(reverse("applications:import_confirm", args=[batch.pk]))

    assert response.status_code == 302
    assert contents(other_user) == contents(user)
    assert StageChange.objects.filter(application__owner=other_user).count() == 38

    # Importing the same file again adds nothing: every row is a duplicate.
    stranger_client.post(
        reverse("applications:import"),
        {"file": SimpleUploadedFile("onward.csv", content, "text/csv")},
    )
    assert ImportBatch.objects.get(owner=other_user).duplicate_count == 38
