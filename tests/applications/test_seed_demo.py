import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Company, Interview, Stage, StageChange, company_key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DEMO_EMAIL = "demo@example.org"
DEMO_PASSWORD = "demo password 2026"


def seed(**options):
    out = StringIO()
    call_command("seed_demo", applications=40, stdout=out, **options)
    return out.getvalue()


def timelines(user):
    changes = StageChange.objects.filter(application__owner=user).order_by(
        "application_id", "changed_at", "pk"
    )
    return {
        application_id: list(rows)
        for application_id, rows in itertools.groupby(changes, key=lambda row: row.application_id)
    }


def test_creates_a_confirmed_demo_user_who_can_log_in():
    output = seed()

    user = User.objects.get(email=DEMO_EMAIL)
    assert user.check_password(DEMO_PASSWORD)
    assert user.email_confirmed
    assert user.time_zone == "Europe/London"
    assert DEMO_EMAIL in output
    assert DEMO_PASSWORD in output


def test_every_stage_is_present():
    seed()

    user = User.objects.get(email=DEMO_EMAIL)
    stages = set(Application.objects.for_user(user).values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert Application.objects.for_user(user).count() == 40
    assert Company.objects.for_user(user).count() == 10


def test_every_timeline_starts_empty_ends_at_the_stage_and_moves_forward_in_time():
    seed()

    user = User.objects.get(email=DEMO_EMAIL)
    applications = list(Application.objects.for_user(user))
    rows_by_application = timelines(user)
    now = timezone.now()
    for application in applications:
        rows = rows_by_application[application.pk]
        assert rows[0].from_stage == ""
        assert [row.from_stage for row in rows[1:]] == [row.to_stage for row in rows[:-1]]
        assert rows[-1].to_stage == application.stage
        assert all(a.changed_at < b.changed_at for a, b in itertools.pairwise(rows))
        assert rows[-1].changed_at <= now
        assert application.created_at == rows[0].changed_at
        assert application.updated_at == rows[-1].changed_at


def test_dates_salaries_and_company_keys_are_consistent():
    seed()

    user = User.objects.get(email=DEMO_EMAIL)
    today = user.today()
    for application in Application.objects.for_user(user):
        if application.salary_min is not None and application.salary_max is not None:
            assert application.salary_min <= application.salary_max
            assert application.currency in {"EUR", "GBP", "USD"}
        if application.stage == Stage.SAVED:
            assert application.applied_on is None
        else:
            assert application.applied_on is not None
            assert application.applied_on <= today
    for company in Company.objects.for_user(user):
        assert company.name_key == company_key(company.name)


def test_interviews_belong_to_applications_that_reached_interviewing():
    seed()

    user = User.objects.get(email=DEMO_EMAIL)
    interviews = Interview.objects.for_user(user).select_related("application")
    assert interviews.exists()
    reached = set(
        StageChange.objects.for_user(user)
        .filter(to_stage=Stage.INTERVIEWING)
        .values_list("application_id", flat=True)
    )
    assert {interview.application_id for interview in interviews} <= reached
    assert Interview.objects.for_user(user).upcoming().exists()


def test_is_reproducible_and_a_second_run_resets_instead_of_duplicating():
    seed()
    first = list(
        Application.objects.filter(owner__email=DEMO_EMAIL)
        .order_by("pk")
        .values_list("company__name", "title", "stage", "salary_min")
    )

    output = seed()

    assert "Deleted the existing account" in output
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1
    assert Application.objects.count() == 40
    assert Company.objects.count() == 10
    assert StageChange.objects.filter(application__owner__email=DEMO_EMAIL).count() == sum(
        len(rows) for rows in timelines(User.objects.get(email=DEMO_EMAIL)).values()
    )
    second = list(
        Application.objects.filter(owner__email=DEMO_EMAIL)
        .order_by("pk")
        .values_list("company__name", "title", "stage", "salary_min")
    )
    assert second == first


def test_leaves_other_users_alone(user):
    seed()
    seed()

    user.refresh_from_db()
    assert User.objects.filter(pk=user.pk).exists()


def test_refuses_a_weak_password_and_a_staff_account():
    with pytest.raises(CommandError, match="too short"):
        seed(password="short")
    UserFactory(email="admin@example.org", is_staff=True)
    with pytest.raises(CommandError, match="staff account"):
        seed(email="admin@example.org")
    assert User.objects.filter(email="admin@example.org").exists()
