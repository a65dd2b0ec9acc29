import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Application, Company, Interview, Stage, StageChange
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    InterviewFactory,
)

pytestmark = pytest.mark.django_db


def timeline(application):
    return [
        (change.from_stage, change.to_stage, change.note)
        for change in application.stage_changes.order_by("changed_at", "pk")
    ]


# The stage timeline


def test_creating_an_application_writes_the_first_timeline_row(user):
    application = ApplicationFactory(owner=user, stage=Stage.SAVED)

    assert timeline(application) == [("", Stage.SAVED, "")]
    assert application.stage_changes.get().is_initial


def test_saving_an_application_again_writes_no_timeline_row(user):
    application = ApplicationFactory(owner=user)

    application.title = "Renamed role"
    application.save()

    assert application.stage_changes.count() == 1


def test_a_stage_move_writes_the_timeline(user):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)

    change = application.move_to(Stage.SCREENING, note="Recruiter called")
    application.move_to(Stage.INTERVIEWING)

    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWING
    assert change.from_stage == Stage.APPLIED and change.to_stage == Stage.SCREENING
    assert timeline(application) == [
        ("", Stage.APPLIED, ""),
        (Stage.APPLIED, Stage.SCREENING, "Recruiter called"),
        (Stage.SCREENING, Stage.INTERVIEWING, ""),
    ]


def test_a_stage_move_touches_updated_at(user):
    with time_machine.travel(dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        application = ApplicationFactory(owner=user)
    with time_machine.travel(dt.datetime(2025, 3, 5, 9, tzinfo=dt.UTC), tick=False):
        application.move_to(Stage.SCREENING)

    application.refresh_from_db()
    assert application.updated_at == dt.datetime(2025, 3, 5, 9, tzinfo=dt.UTC)


def test_the_current_stage_start_is_kept_with_the_timeline(user):
    with time_machine.travel(dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        application = ApplicationFactory(owner=user)
    assert application.stage_changed_at == application.stage_changes.get().changed_at

    with time_machine.travel(dt.datetime(2025, 3, 5, 9, tzinfo=dt.UTC), tick=False):
        change = application.move_to(Stage.SCREENING)
    with time_machine.travel(dt.datetime(2025, 3, 9, 9, tzinfo=dt.UTC), tick=False):
        application.move_to(Stage.SCREENING)
        application.title = "Edited later"
        application.save()

    application.refresh_from_db()
    assert application.stage_changed_at == change.changed_at
    assert application.stage_changed_at == dt.datetime(2025, 3, 5, 9, tzinfo=dt.UTC)


def test_moving_to_the_current_stage_writes_nothing(user):
    application = ApplicationFactory(owner=user, stage=Stage.SCREENING)

    assert application.move_to(Stage.SCREENING) is None

    assert timeline(application) == [("", Stage.SCREENING, "")]


def test_moving_to_an_unknown_stage_is_refused_and_writes_nothing(user):
    application = ApplicationFactory(owner=user)

    with pytest.raises(ValueError):
        application.move_to("bogus")

    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert application.stage_changes.count() == 1


def test_moving_to_applied_sets_the_applied_date_when_empty(user):
    application = ApplicationFactory(owner=user, stage=Stage.SAVED, applied_on=None)

    application.move_to(Stage.APPLIED, today=dt.date(2025, 4, 2))

    application.refresh_from_db()
    assert application.applied_on == dt.date(2025, 4, 2)


@time_machine.travel(dt.datetime(2025, 4, 2, 23, 30, tzinfo=dt.UTC), tick=False)
def test_moving_to_applied_without_a_day_uses_the_current_zones_today(user):
    application = ApplicationFactory(owner=user, stage=Stage.SAVED, applied_on=None)

    with timezone.override("Asia/Tokyo"):
        application.move_to(Stage.APPLIED)

    application.refresh_from_db()
    assert application.applied_on == dt.date(2025, 4, 3)


def test_moving_to_applied_keeps_an_applied_date_already_set(user):
    application = ApplicationFactory(owner=user, stage=Stage.SAVED, applied_on=dt.date(2025, 1, 10))

    application.move_to(Stage.APPLIED, today=dt.date(2025, 4, 2))

    application.refresh_from_db()
    assert application.applied_on == dt.date(2025, 1, 10)


def test_moving_elsewhere_leaves_an_empty_applied_date_empty(user):
    application = ApplicationFactory(owner=user, stage=Stage.SAVED, applied_on=None)

    application.move_to(Stage.WITHDRAWN, today=dt.date(2025, 4, 2))

    application.refresh_from_db()
    assert application.applied_on is None


@pytest.mark.parametrize(
    ("moves", "furthest"),
    [
        ([], Stage.APPLIED),
        ([Stage.SCREENING, Stage.INTERVIEWING, Stage.REJECTED], Stage.INTERVIEWING),
        ([Stage.SCREENING, Stage.APPLIED], Stage.SCREENING),
        ([Stage.OFFER, Stage.ACCEPTED], Stage.ACCEPTED),
        ([Stage.NO_RESPONSE], Stage.APPLIED),
    ],
    ids=["new", "rejected-after-interviews", "moved-back", "accepted", "no-response"],
)
def test_furthest_stage_comes_from_the_timeline(user, moves, furthest):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)
    for stage in moves:
        application.move_to(stage)

    assert application.furthest_stage(application.stage_changes.all()) == furthest


def test_furthest_stage_is_unknown_when_only_closed_stages_were_recorded(user):
    application = ApplicationFactory(owner=user, stage=Stage.WITHDRAWN)

    assert application.furthest_stage(application.stage_changes.all()) is None


# Companies


def test_a_company_stores_its_name_tidied_and_case_folded(user):
    company = CompanyFactory(owner=user, name="  Ünion   Bank ")

    company.refresh_from_db()
    assert company.name == "Ünion Bank"
    assert company.name_key == "ünion bank"


def test_for_name_creates_a_company_the_owner_does_not_have(user):
    company = Company.for_name(user, "  Globex   Corporation ")

    assert company.owner == user
    assert company.name == "Globex Corporation"
    assert Company.objects.count() == 1


@pytest.mark.parametrize("typed", ["Ünion Bank", "ünion bank", "ÜNION BANK", "  ünion   Bank  "])
def test_for_name_matches_case_insensitively_with_spaces_folded(user, typed):
    existing = CompanyFactory(owner=user, name="Ünion Bank")

    assert Company.for_name(user, typed) == existing
    assert Company.objects.count() == 1


def test_for_name_matches_german_sharp_s_as_its_case_fold(user):
    existing = CompanyFactory(owner=user, name="Straße AG")

    assert Company.for_name(user, "STRASSE AG") == existing


def test_for_name_never_matches_another_users_company(user, other_user):
    theirs = CompanyFactory(owner=other_user, name="Initech")

    mine = Company.for_name(user, "Initech")

    assert mine != theirs
    assert mine.owner == user
    assert Company.objects.filter(name_key="initech").count() == 2


def test_one_owner_cannot_have_two_companies_with_the_same_name(user):
    CompanyFactory(owner=user, name="Initech")

    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFactory(owner=user, name="INITECH ")


def test_the_company_name_rule_explains_itself(user):
    CompanyFactory(owner=user, name="Initech")
    duplicate = Company(owner=user, name="initech", name_key="initech")

    with pytest.raises(ValidationError) as raised:
        duplicate.validate_constraints()

    assert raised.value.messages == ["You already have a company with this name."]


def test_merge_keeps_every_application_and_the_notes(user):
    duplicate = CompanyFactory(
        owner=user, name="Initech Ltd", website="https://initech.example", notes="Met at a fair."
    )
    target = CompanyFactory(owner=user, name="Initech", notes="Hiring in Q3.")
    moved = ApplicationFactory.create_batch(3, owner=user, company=duplicate)
    kept = ApplicationFactory(owner=user, company=target)
    interview = InterviewFactory(application=moved[0])

    duplicate.merge_into(target)

    assert not Company.objects.filter(pk=duplicate.pk).exists()
    assert set(target.applications.all()) == {*moved, kept}
    assert Application.objects.count() == 4
    assert StageChange.objects.count() == 4
    assert Interview.objects.get() == interview
    target.refresh_from_db()
    assert target.notes == "Hiring in Q3.\n\nMet at a fair."
    assert target.website == "https://initech.example"


def test_merge_keeps_the_targets_own_website(user):
    duplicate = CompanyFactory(owner=user, website="https://old.example")
    target = CompanyFactory(owner=user, website="https://new.example")

    duplicate.merge_into(target)

    target.refresh_from_db()
    assert target.website == "https://new.example"
    assert target.notes == ""


def test_merge_into_another_owners_company_is_refused(user, other_user):
    mine = CompanyFactory(owner=user)
    ApplicationFactory(owner=user, company=mine)
    theirs = CompanyFactory(owner=other_user)

    with pytest.raises(ValueError):
        mine.merge_into(theirs)
    with pytest.raises(ValueError):
        mine.merge_into(mine)

    assert mine.applications.count() == 1
    assert not theirs.applications.exists()


def test_a_company_with_applications_cannot_be_deleted(user):
    company = CompanyFactory(owner=user)
    ApplicationFactory(owner=user, company=company)

    with pytest.raises(IntegrityError), transaction.atomic():
        company.delete()

    assert Company.objects.filter(pk=company.pk).exists()


def test_deleting_a_user_deletes_everything_they_own(user, other_user):
    application = ApplicationFactory(owner=user)
    application.move_to(Stage.SCREENING)
    InterviewFactory(application=application)
    CompanyFactory(owner=user)
    others = ApplicationFactory(owner=other_user)

    user.delete()

    assert list(Application.objects.all()) == [others]
    assert list(Company.objects.all()) == [others.company]
    assert StageChange.objects.filter(application__owner=other_user).count() == 1
    assert StageChange.objects.count() == 1
    assert not Interview.objects.exists()


# The salary rule


def test_the_database_refuses_a_salary_minimum_above_the_maximum(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(owner=user, salary_min=90_000, salary_max=60_000)

    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("low", "high"), [(60_000, 90_000), (70_000, 70_000), (None, 90_000), (60_000, None)]
)
def test_the_salary_rule_allows_a_range_or_one_end(user, low, high):
    application = ApplicationFactory(owner=user, salary_min=low, salary_max=high)

    application.refresh_from_db()
    assert (application.salary_min, application.salary_max) == (low, high)


def test_the_salary_rule_explains_itself(user):
    application = Application(
        owner=user, company=CompanyFactory(owner=user), title="x", salary_min=2, salary_max=1
    )

    with pytest.raises(ValidationError) as raised:
        application.validate_constraints()

    assert raised.value.messages == ["The salary minimum can’t be above the maximum."]


# Querysets


def test_for_user_narrows_to_the_owner_and_gives_anonymous_nothing(user, other_user):
    from django.contrib.auth.models import AnonymousUser

    mine = ApplicationFactory(owner=user)
    ApplicationFactory(owner=other_user)
    InterviewFactory(application=mine)
    InterviewFactory(application__owner=other_user)

    assert list(Application.objects.for_user(user)) == [mine]
    assert list(Interview.objects.for_user(user).values_list("application", flat=True)) == [mine.pk]
    assert list(StageChange.objects.for_user(user).values_list("application", flat=True)) == [
        mine.pk
    ]
    assert not Application.objects.for_user(AnonymousUser()).exists()


def test_active_and_closed_split_the_stages(user):
    for stage in Stage:
        ApplicationFactory(owner=user, stage=stage)

    assert {a.stage for a in Application.objects.active()} == {
        Stage.SAVED,
        Stage.APPLIED,
        Stage.SCREENING,
        Stage.INTERVIEWING,
        Stage.OFFER,
    }
    assert {a.stage for a in Application.objects.closed()} == {
        Stage.ACCEPTED,
        Stage.REJECTED,
        Stage.WITHDRAWN,
        Stage.NO_RESPONSE,
    }


def test_follow_up_due_is_active_applications_whose_day_has_come(user):
    today = dt.date(2025, 6, 10)
    due = ApplicationFactory(owner=user, follow_up_on=today)
    overdue = ApplicationFactory(owner=user, follow_up_on=today - dt.timedelta(days=5))
    ApplicationFactory(owner=user, follow_up_on=today + dt.timedelta(days=1))
    ApplicationFactory(owner=user, follow_up_on=today, stage=Stage.REJECTED)
    ApplicationFactory(owner=user, follow_up_on=None)

    assert set(Application.objects.follow_up_due(today)) == {due, overdue}


def test_card_facts_give_the_next_interview(user):
    now = dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC)
    application = ApplicationFactory(owner=user)
    InterviewFactory(application=application, starts_at=now - dt.timedelta(days=1))
    InterviewFactory(application=application, starts_at=now + dt.timedelta(days=9))
    InterviewFactory(application=application, starts_at=now + dt.timedelta(days=2))
    quiet = ApplicationFactory(owner=user)

    cards = Application.objects.with_card_facts(now=now).in_bulk()

    assert cards[application.pk].next_interview_at == now + dt.timedelta(days=2)
    assert cards[quiet.pk].next_interview_at is None


def test_upcoming_interviews_are_future_ones_soonest_first(user):
    now = timezone.now()
    later = InterviewFactory(application__owner=user, starts_at=now + dt.timedelta(days=5))
    sooner = InterviewFactory(application__owner=user, starts_at=now + dt.timedelta(hours=2))
    InterviewFactory(application__owner=user, starts_at=now - dt.timedelta(hours=2))

    assert list(Interview.objects.for_user(user).upcoming()) == [sooner, later]


def test_string_forms_read_naturally(user):
    application = ApplicationFactory(owner=user, title="Data engineer", company__name="Globex")
    interview = InterviewFactory(application=application, kind=Interview.Kind.PHONE)

    assert str(application) == "Data engineer at Globex"
    assert str(application.stage_changes.get()) == "new → applied"
    assert str(interview) == "Phone call interview for Data engineer at Globex"
