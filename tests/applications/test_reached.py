"""Application.reached: the furthest stage (its RANK) that any row of the application's
timeline reached, kept on the application so that /insights/ counts the funnel without
reading the timelines. Every writer of timelines keeps it; the migration computes it
for the rows that existed before."""

import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from applications.models import RANK, Application, Stage, reached_rank
from tests.factories import ApplicationFactory, build_pipeline

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
