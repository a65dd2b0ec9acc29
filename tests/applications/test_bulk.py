"""applications/bulk.py: many applications written at once keep the rules that
Application.save() and move_to() keep for one."""

from datetime import UTC, datetime

import pytest

from applications.bulk import insert_applications, insert_companies
from applications.models import Application, Company, Stage, StageChange, rank
from tests.factories import ApplicationFactory, StageChangeFactory

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
APRIL = datetime(2026, 4, 7, 14, 0, tzinfo=UTC)


def test_companies_get_their_tidy_name_and_case_fold(user):
    (company,) = insert_companies([Company(owner=user, name="  Ünion   Bank ")])

    company.refresh_from_db()
    assert (company.name, company.name_key) == ("Ünion Bank", "ünion bank")


def test_an_application_without_a_timeline_gets_its_first_row(user):
    company = insert_companies([Company(owner=user, name="Globex")])[0]
    application = Application(
        owner=user, company=company, title="Analyst", stage=Stage.INTERVIEWING,
        stage_changed_at=MARCH,
    )  # fmt: skip

    insert_applications([application], note="Imported")

    application.refresh_from_db()
    (row,) = application.stage_changes.all()
    assert (row.from_stage, row.to_stage, row.changed_at, row.note) == (
        "", Stage.INTERVIEWING, MARCH, "Imported",
    )  # fmt: skip
    assert application.reached == rank(Stage.INTERVIEWING)
    assert application.stage_changed_at == MARCH


def test_a_given_timeline_is_written_and_sets_reached_and_times_are_kept(user):
    company = insert_companies([Company(owner=user, name="Globex")])[0]
    application = Application(
        owner=user, company=company, title="Analyst", stage=Stage.REJECTED,
        stage_changed_at=APRIL, created_at=MARCH, updated_at=APRIL,
    )  # fmt: skip
    timeline = [
        StageChange(from_stage="", to_stage=Stage.APPLIED, changed_at=MARCH),
        StageChange(from_stage=Stage.APPLIED, to_stage=Stage.OFFER, changed_at=MARCH),
        StageChange(from_stage=Stage.OFFER, to_stage=Stage.REJECTED, changed_at=APRIL),
    ]

    insert_applications([application], [timeline])

    application.refresh_from_db()
    assert list(application.stage_changes.values_list("to_stage", flat=True)) == [
        Stage.APPLIED, Stage.OFFER, Stage.REJECTED,
    ]  # fmt: skip
    assert application.reached == rank(Stage.OFFER)
    assert (application.created_at, application.updated_at) == (MARCH, APRIL)


def test_the_stage_change_factory_keeps_the_application_true(user):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)

    change = StageChangeFactory(
        application=application, from_stage=Stage.APPLIED, to_stage=Stage.OFFER
    )

    application.refresh_from_db()
    assert application.stage == Stage.OFFER
    assert application.reached == rank(Stage.OFFER)
    assert application.stage_changed_at == change.changed_at
