"""Application.reached: the furthest stage (its RANK) that any row of the application's
timeline reached, kept on the application so that /insights/ counts the funnel without
reading the timelines. Every writer of timelines keeps it; the migration computes it
for the rows that existed before."""

import importlib
import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.models import User
from applications.bulk import insert_applications, insert_companies
from applications.models import (
    RANK,
    Application,
    Company,
    ImportBatch,
    Stage,
    StageChange,
    reached_rank,
)
from insights.figures.counts import counted
from insights.figures.funnel import funnel_figures
from tests.factories import ApplicationFactory, build_pipeline
from transfer import reader, writer

pytestmark = pytest.mark.django_db


def from_timelines(user):
    """{pk: (reached, the furthest rank of its timeline)} for the user's applications."""
    return {
        application.pk: (
            application.reached,
            reached_rank(change.to_stage for change in application.stage_changes.all()),
        )
        for application in Application.objects.filter(owner=user).prefetch_related("stage_changes")
    }


def assert_kept(user):
    found = from_timelines(user)
    assert found
    assert all(kept == computed for kept, computed in found.values()), found


def test_a_rejection_or_silence_counts_as_applied_and_a_withdrawal_as_nothing():
    assert RANK[Stage.REJECTED] == RANK[Stage.NO_RESPONSE] == RANK[Stage.APPLIED] == 1
    assert reached_rank([Stage.SAVED, Stage.WITHDRAWN]) == 0
    assert reached_rank([]) == 0
    assert reached_rank([Stage.APPLIED, Stage.INTERVIEWING, Stage.REJECTED]) == 3


def test_save_and_move_to_keep_the_furthest_stage(user):
    application = ApplicationFactory(owner=user, stage=Stage.SAVED)
    assert application.reached == 0

    steps = [
        (Stage.APPLIED, 1),
        (Stage.INTERVIEWING, 3),
        (Stage.SCREENING, 3),  # going back does not undo having got further
        (Stage.REJECTED, 3),
        (Stage.WITHDRAWN, 3),
        (Stage.ACCEPTED, 5),
    ]
    for stage, expected in steps:
        application.move_to(stage)
        application.refresh_from_db()
        assert application.reached == expected, stage
    assert ApplicationFactory(owner=user, stage=Stage.NO_RESPONSE).reached == 1
    assert_kept(user)


def test_the_bulk_writers_keep_it(user):
    build_pipeline(user, 18)
    assert_kept(user)

    call_command("seed_demo", applications=60, email="seeded@example.org", stdout=StringIO())
    seeded = User.objects.get(email="seeded@example.org")
    assert_kept(seeded)
    assert len(set(Application.objects.filter(owner=seeded).values_list("reached"))) > 2


def test_the_migration_computes_it_from_the_timeline(user):
    build_pipeline(user, 27)
    expected = {pk: computed for pk, (_, computed) in from_timelines(user).items()}
    Application.objects.update(reached=0)

    migration = importlib.import_module(
        "applications.migrations.0005_application_reached_from_timeline"
    )
    # RunPython's function reads only the editor's connection (a real SQLite schema
    # editor may not be opened inside the test's transaction).
    migration.compute_reached(apps, SimpleNamespace(connection=connection))

    found = dict(Application.objects.filter(owner=user).values_list("pk", "reached"))
    assert found == expected
    assert set(found.values()) == {0, 1, 2, 3, 4, 5}


# An application imported as rejected counts in the funnel as sent, whatever timeline
# came with it: its own stage counts, as Application.save() counts it.


def funnel_applied(user):
    return funnel_figures(counted(user, user.today()))["funnel"]["applied"]


def test_the_bulk_writer_counts_the_applications_own_stage(user):
    company = insert_companies([Company(owner=user, name="Globex")])[0]
    application = Application(owner=user, company=company, title="Analyst", stage=Stage.REJECTED)
    # A timeline that never says the application was sent (a hand-edited file).
    timeline = [StageChange(from_stage="", to_stage=Stage.SAVED)]

    insert_applications([application], [timeline])

    application.refresh_from_db()
    assert application.reached == RANK[Stage.APPLIED]
    assert funnel_applied(user) == 1


def test_an_account_import_of_a_rejected_application_counts_it_as_sent(user):
    document = {
        "format": "onward-export",
        "version": 1,
        "companies": [{"id": 1, "name": "Globex"}],
        "applications": [
            {
                "id": 1,
                "company": 1,
                "title": "Analyst",
                "stage": "rejected",
                "stage_changes": [
                    {
                        "from_stage": "",
                        "to_stage": "saved",
                        "changed_at": "2026-01-05T09:00:00.000000Z",
                        "note": "",
                    }
                ],
            }
        ],
    }

    writer.import_account(user, reader.read_export(json.dumps(document).encode()))

    assert funnel_applied(user) == 1


def test_a_csv_import_of_rejected_applications_counts_them_as_sent(owner_client, user):
    content = b"Company,Job Title,Status\nGlobex,Analyst,Rejected\nHooli,Engineer,Not selected\n"
    owner_client.post(
        reverse("applications:import"), {"file": SimpleUploadedFile("a.csv", content)}
    )
    owner_client.post(reverse("applications:import_confirm", args=[ImportBatch.objects.get().pk]))

    assert set(Application.objects.filter(owner=user).values_list("stage", "reached")) == {
        (Stage.REJECTED, RANK[Stage.APPLIED])
    }
    assert funnel_applied(user) == 2
