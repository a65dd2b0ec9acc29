"""Application.news_at, an application's last news (applications/news.py): the later of
its stage change and its latest interview, kept on the row by every writer. Each test
writes through one path and checks the stored value against the one worked out from
the rows (tests/news.py)."""

import datetime as dt
import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.models import User
from applications.bulk import insert_applications, insert_companies, move_many
from applications.models import Application, Company, Interview, Stage
from bench import crowd
from tests.applications.moves import latest_change, stage_url, undo_url
from tests.conftest import NOON
from tests.factories import ApplicationFactory, InterviewFactory
from tests.news import assert_news_kept, worked_out_news

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

DAY = dt.timedelta(days=1)


def upload(name, content):
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


def news_of(application):
    return Application.objects.values_list("news_at", flat=True).get(pk=application.pk)


def interview_data(interview=None, starts_at="2025-06-20T10:00"):
    data = {
        "starts_at": starts_at,
        "kind": Interview.Kind.VIDEO,
        "with_whom": "Dana Lee",
        "outcome": Interview.Outcome.PENDING,
        "notes": "",
    }
    if interview is not None:
        data["version"] = interview.updated_at.isoformat()
    return data


@pytest.fixture
def waiting(user):
    """Applied for 20 days ago, with an interview 5 days ago."""
    user.time_zone = "UTC"
    user.save()
    application = ApplicationFactory(
        owner=user, title="Data engineer", stage_changed_at=NOON - 20 * DAY
    )
    InterviewFactory(application=application, starts_at=NOON - 5 * DAY)
    return application


def test_a_new_application_s_news_is_its_stage_change(owner_client, user):
    response = owner_client.post(
        reverse("applications:create"),
        {"company": "Globex", "title": "Data engineer", "stage": Stage.APPLIED},
    )

    assert response.status_code == 302
    application = Application.objects.get(owner=user)
    assert news_of(application) == application.stage_changed_at == NOON
    assert_news_kept()


def test_an_interview_is_the_news_when_later_than_the_stage_change(waiting):
    assert news_of(waiting) == NOON - 5 * DAY
    assert_news_kept()


def test_interviews_added_edited_and_deleted_through_the_pages(owner_client, waiting):
    create = reverse("applications:interview_create", args=[waiting.pk])
    assert owner_client.post(create, interview_data()).status_code == 302
    coming = Interview.objects.get(application=waiting, starts_at__gt=NOON)
    assert news_of(waiting) == dt.datetime(2025, 6, 20, 10, tzinfo=dt.UTC)  # still to come
    assert_news_kept()

    edit = reverse("interviews:edit", args=[coming.pk])
    assert owner_client.post(edit, interview_data(coming, "2025-06-08T10:00")).status_code == 302
    assert news_of(waiting) == dt.datetime(2025, 6, 8, 10, tzinfo=dt.UTC)
    assert_news_kept()

    assert owner_client.post(reverse("interviews:delete", args=[coming.pk])).status_code == 302
    assert news_of(waiting) == NOON - 5 * DAY  # the one before
    assert_news_kept()

    [last] = Interview.objects.filter(application=waiting)
    assert owner_client.post(reverse("interviews:delete", args=[last.pk])).status_code == 302
    assert news_of(waiting) == NOON - 20 * DAY  # the stage change alone
    assert_news_kept()


def test_moves_and_undo_through_the_pages(owner_client, frozen_clock, waiting):
    assert owner_client.post(stage_url(waiting), {"stage": Stage.SCREENING}).status_code == 302
    assert news_of(waiting) == NOON  # the move is later than the interview
    assert_news_kept()

    InterviewFactory(application=waiting, starts_at=NOON + 7 * DAY)
    frozen_clock.shift(DAY)
    owner_client.post(stage_url(waiting), {"stage": Stage.INTERVIEWING})
    assert news_of(waiting) == NOON + 7 * DAY  # the interview to come is later
    assert_news_kept()

    frozen_clock.shift(DAY)
    change = latest_change(waiting)
    assert owner_client.post(undo_url(waiting), {"change": change.pk}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.stage == Stage.SCREENING
    assert news_of(waiting) == NOON + 7 * DAY
    assert_news_kept()


def test_move_to_reads_the_news_afresh_after_the_move(waiting):
    waiting.move_to(Stage.SCREENING)

    assert waiting.news_at == NOON == worked_out_news(Application.objects.all())[waiting.pk]


def test_a_move_of_many_keeps_each_ones_news(user, waiting):
    later = ApplicationFactory(owner=user, stage_changed_at=NOON - 30 * DAY)
    InterviewFactory(application=later, starts_at=NOON + 3 * DAY)
    plain = ApplicationFactory(owner=user, stage_changed_at=NOON - 30 * DAY)

    moved = move_many(Application.objects.filter(owner=user), Stage.NO_RESPONSE)

    assert len(moved) == 3
    assert news_of(waiting) == news_of(plain) == NOON
    assert news_of(later) == NOON + 3 * DAY
    assert_news_kept()


def test_an_interview_moved_to_another_application_moves_their_news(user, waiting):
    other = ApplicationFactory(owner=user, stage_changed_at=NOON - 40 * DAY)
    interview = Interview.objects.get(application=waiting)

    interview.application = other
    interview.save()

    assert news_of(waiting) == NOON - 20 * DAY
    assert news_of(other) == NOON - 5 * DAY
    assert_news_kept()


def test_the_bulk_writer_sets_the_first_news(user):
    [company] = insert_companies([Company(owner=user, name="Globex")])
    insert_applications(
        [
            Application(owner=user, company=company, title=f"Role {n}", stage_changed_at=at)
            for n, at in enumerate([NOON - 3 * DAY, NOON - DAY])
        ]
    )

    assert assert_news_kept() == 2


def test_the_csv_import(owner_client, user):
    csv = "company,title,stage\nGlobex,Data engineer,applied\nInitech,Analyst,interviewing\n"
    owner_client.post(reverse("applications:import"), {"file": upload("applications.csv", csv)})
    batch = user.import_batches.get()

    response = owner_client.post(reverse("applications:import_confirm", args=[batch.pk]))

    assert response.status_code == 302
    assert assert_news_kept(Application.objects.filter(owner=user)) == 2


def test_seed_demo_and_the_account_import(client_for):
    call_command("seed_demo", applications=60, email="demo@example.org", stdout=StringIO())
    seeded = User.objects.get(email="demo@example.org")
    assert Interview.objects.filter(owner=seeded, starts_at__gt=NOON).exists()
    assert Interview.objects.filter(owner=seeded, starts_at__lt=NOON).exists()
    assert assert_news_kept(Application.objects.filter(owner=seeded)) == 60

    exported = client_for(seeded).get(reverse("accounts:export") + "?download=1").content
    newcomer = User.objects.create_user(email="new@example.org", password="a long passphrase 1")
    response = client_for(newcomer).post(
        reverse("accounts:import"), {"file": upload("export.json", exported)}
    )

    assert response.status_code == 302
    imported = Application.objects.filter(owner=newcomer)
    assert assert_news_kept(imported) == 60
    assert sorted(imported.values_list("news_at", flat=True)) == sorted(
        Application.objects.filter(owner=seeded).values_list("news_at", flat=True)
    )


def test_the_benchmarks_crowd_copies(user):
    call_command("seed_demo", applications=30, email="bench@example.org", stdout=StringIO())
    source = User.objects.get(email="bench@example.org")

    [copy] = crowd.add_users(source, 1, StringIO())

    assert assert_news_kept(Application.objects.filter(owner=copy)) == 30


def test_the_migration_fills_it_in(user, waiting):
    plain = ApplicationFactory(owner=user, stage_changed_at=NOON - 9 * DAY)
    Application.objects.update(news_at=NOON + 100 * DAY)  # as the new column came
    migration = importlib.import_module("applications.migrations.0012_i_quiet_news_at")

    migration.fill_news(apps, SimpleNamespace(connection=connection))  # its schema editor

    assert news_of(waiting) == NOON - 5 * DAY
    assert news_of(plain) == NOON - 9 * DAY
    assert_news_kept()
