import itertools
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Company, Interview, Stage, StageChange, company_key
from contacts.models import Contact, Interaction
from demo.names import FIRST_NAMES, SURNAMES
from feedback.models import (
    FeedbackRequest,
    Lesson,
    Reflection,
    Rejection,
    Step,
    StepState,
)
from feedback.stock_answers import is_generic
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DEMO_EMAIL = "demo@example.org"
DEMO_PASSWORD = "demo password 2026"


def seed(applications=40, **options):
    out = StringIO()
    call_command("seed_demo", applications=applications, stdout=out, **options)
    return out.getvalue()


def demo_user():
    return User.objects.get(email=DEMO_EMAIL)


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
    assert "Rejections:     11 (" in output
    assert "Feedback requests: 4 (" in output
    assert "Contacts:       8 (" in output
    for label in ("Reflections:", "Lessons:", "Interactions:"):
        assert label in output


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
    assert Rejection.objects.count() == 11
    assert Contact.objects.count() == 8
    assert FeedbackRequest.objects.count() == 4
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


# The three steps after a "no", contacts and lessons.


def test_one_rejection_per_rejected_application_received_on_the_move():
    seed(applications=100)

    user = demo_user()
    rejections = Rejection.objects.for_user(user).select_related("application")
    rejected = Application.objects.for_user(user).filter(stage=Stage.REJECTED)
    assert rejections.count() == rejected.count() > 0
    assert {rejection.application_id for rejection in rejections} == set(
        rejected.values_list("pk", flat=True)
    )
    rows_by_application = timelines(user)
    for rejection in rejections:
        assert rejection.application.stage in (Stage.REJECTED, Stage.NO_RESPONSE)
        rows = rows_by_application[rejection.application_id]
        moved = rows[-1]
        assert moved.to_stage == Stage.REJECTED
        assert rejection.received_on == timezone.localdate(moved.changed_at, timezone=user.zone)
        reached = {row.to_stage for row in rows}
        if Stage.INTERVIEWING in reached:
            expected = {Rejection.AtStage.INTERVIEW, Rejection.AtStage.FINAL_ROUND}
        elif Stage.SCREENING in reached:
            expected = {Rejection.AtStage.SCREENING}
        else:
            expected = {Rejection.AtStage.CV}
        assert rejection.at_stage in expected
        assert rejection.received_on >= rejection.application.applied_on


def test_some_no_responses_are_treated_as_rejections_through_the_timeline():
    seed(applications=300)

    user = demo_user()
    after_silence = StageChange.objects.for_user(user).filter(
        from_stage=Stage.NO_RESPONSE, to_stage=Stage.REJECTED
    )
    assert after_silence.exists()
    for change in after_silence.select_related("application__rejection"):
        rejection = change.application.rejection
        assert rejection.at_stage == Rejection.AtStage.CV
        assert rejection.reason_given == ""
    assert Application.objects.for_user(user).filter(stage=Stage.NO_RESPONSE).exists()


def test_step_states_are_valid_and_backed_by_their_data():
    seed(applications=100)

    user = demo_user()
    rejections = list(
        Rejection.objects.for_user(user)
        .select_related("application", "reflection")
        .prefetch_related("feedback_requests")
    )
    thanked = set(
        Interaction.objects.for_user(user)
        .filter(kind=Interaction.Kind.THANK_YOU)
        .values_list("application_id", "contact__company_id", "contact__keep_in_touch_days")
    )
    for rejection in rejections:
        for step in Step:
            state = rejection.state_of(step)
            assert state in StepState.values
            assert bool(rejection.skip_reason_of(step)) == (state == StepState.SKIPPED)
        reflection = getattr(rejection, "reflection", None)
        if rejection.reflect_state == StepState.DONE:
            assert reflection is not None and reflection.reframe
        elif rejection.reflect_state == StepState.IN_PROGRESS:
            assert reflection is not None and not reflection.reframe
        else:
            assert reflection is None
        if reflection is not None and reflection.mood is not None:
            assert 1 <= reflection.mood <= 5
        statuses = {request.status for request in rejection.feedback_requests.all()}
        if rejection.feedback_state == StepState.DONE:
            assert statuses - {FeedbackRequest.Status.DRAFT}
        elif rejection.feedback_state == StepState.IN_PROGRESS:
            assert statuses == {FeedbackRequest.Status.DRAFT}
        else:
            assert not statuses
        if rejection.bridges_state == StepState.DONE:
            assert any(
                application == rejection.application_id
                and company == rejection.application.company_id
                and cadence
                for application, company, cadence in thanked
            )
    handled = Rejection.objects.for_user(user).handled().count()
    steps_open = Rejection.objects.for_user(user).steps_open().count()
    assert handled + steps_open == len(rejections)
    assert handled > 0 and steps_open > 0
    assert any(
        rejection.state_of(step) == StepState.SKIPPED for rejection in rejections for step in Step
    )


def test_feedback_requests_dates_statuses_and_answers():
    seed(applications=100)

    user = demo_user()
    today = user.today()
    requests = list(
        FeedbackRequest.objects.for_user(user).select_related("contact", "rejection__application")
    )
    assert requests
    now = timezone.now()
    for request in requests:
        assert request.created_at <= request.updated_at <= now
        if request.status == FeedbackRequest.Status.DRAFT:
            assert request.sent_on is None and request.follow_up_on is None
        else:
            assert request.sent_on <= today
            assert request.follow_up_on >= request.sent_on
            assert request.sent_on >= request.rejection.received_on
        if request.status in (FeedbackRequest.Status.RECEIVED, FeedbackRequest.Status.DECLINED):
            assert request.sent_on <= request.received_on <= today
            assert request.response
        else:
            assert request.received_on is None and not request.response
        assert request.is_generic == is_generic(request.response)
        assert bool(request.dig_deeper) == request.is_generic
        assert request.rejection.application.title in request.message
        if request.contact is not None:
            assert request.contact.owner_id == user.pk
            assert request.contact.company_id == request.rejection.application.company_id
    received = [r for r in requests if r.status == FeedbackRequest.Status.RECEIVED]
    assert any(r.is_generic for r in received) and not all(r.is_generic for r in received)
    assert any(
        r.status == FeedbackRequest.Status.SENT and r.follow_up_on <= today for r in requests
    )


def test_contacts_check_in_dates_follow_their_cadence():
    seed(applications=100)

    user = demo_user()
    contacts = Contact.objects.for_user(user).annotate(
        first=Min("interactions__happened_on"), last=Max("interactions__happened_on")
    )
    assert contacts.exists()
    now = timezone.now()
    for contact in contacts:
        assert contact.created_at <= contact.updated_at <= now
        if contact.first is not None:
            assert timezone.localdate(contact.created_at, timezone=user.zone) <= contact.first
        first, _, last = contact.name.partition(" ")
        assert first in FIRST_NAMES and last.split()[-1] in SURNAMES
        assert contact.email == "" or contact.email.endswith(".example")
        assert contact.last_contacted_on == contact.last
        assert contact.next_check_in_on == contact.compute_next_check_in()
        if contact.keep_in_touch_days is None:
            assert contact.next_check_in_on is None
        else:
            start = contact.last_contacted_on or contact.created_at.date()
            assert contact.next_check_in_on == start + timedelta(days=contact.keep_in_touch_days)
    relations = set(contacts.values_list("relation", flat=True))
    assert {Contact.Relation.RECRUITER, Contact.Relation.HIRING_MANAGER} <= relations
    assert contacts.filter(keep_in_touch_days__isnull=True).exists()
    assert contacts.filter(next_check_in_on__isnull=False).exists()
    assert Interaction.objects.for_user(user).filter(kind=Interaction.Kind.THANK_YOU).exists()


def test_lessons_have_done_dates_and_later_applications():
    seed(applications=300)

    user = demo_user()
    lessons = list(
        Lesson.objects.for_user(user)
        .select_related("rejection__application", "feedback_request")
        .prefetch_related("applications")
    )
    assert lessons
    for lesson in lessons:
        assert (lesson.status == Lesson.Status.DONE) == (lesson.done_on is not None)
        assert lesson.rejection.application.owner_id == user.pk
        if lesson.feedback_request is not None:
            assert lesson.feedback_request.rejection_id == lesson.rejection_id
        started = lesson.rejection.received_on
        if lesson.done_on is not None:
            assert started <= lesson.done_on <= user.today()
        for application in lesson.applications.all():
            assert application.owner_id == user.pk
            assert application.applied_on > started
    assert {lesson.status for lesson in lessons} == set(Lesson.Status.values)
    assert any(lesson.applications.all() for lesson in lessons)


def test_every_new_row_passes_model_validation():
    seed(applications=100)

    user = demo_user()
    querysets = [
        Rejection.objects.for_user(user),
        Reflection.objects.filter(rejection__application__owner=user),
        FeedbackRequest.objects.for_user(user),
        Lesson.objects.for_user(user),
        Contact.objects.for_user(user),
        Interaction.objects.for_user(user),
    ]
    for queryset in querysets:
        assert queryset.exists()
        for row in queryset:
            row.full_clean()


@pytest.mark.parametrize("applications", [100, 250])
def test_counts_scale_with_the_number_of_applications(applications):
    seed(applications=applications)

    user = demo_user()
    assert Contact.objects.for_user(user).count() == applications // 5
    assert FeedbackRequest.objects.for_user(user).count() == applications // 10
    assert Reflection.objects.filter(rejection__application__owner=user).exists()
    assert Lesson.objects.for_user(user).exists()
    per_rejection = Rejection.objects.for_user(user).annotate(n=Count("feedback_requests"))
    assert per_rejection.filter(n__gt=1).count() == 0


def test_zero_applications_seeds_an_empty_account():
    output = seed(applications=0)

    assert "Rejections:     0 (" in output
    assert Contact.objects.count() == FeedbackRequest.objects.count() == 0
