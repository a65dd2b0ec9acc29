import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Application, Interview, Stage, rank
from tests.checks import assert_changelist_finds, assert_changelist_shows
from tests.factories import ApplicationFactory, CompanyFactory, InterviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(user, other_user):
    mine = ApplicationFactory(
        owner=user, title="Data engineer", company__name="Globex", location="Berlin"
    )
    mine.move_to(Stage.SCREENING)
    InterviewFactory(application=mine, with_whom="Dana Lee")
    theirs = ApplicationFactory(owner=other_user, title="Designer", company__name="Initech")
    return mine, theirs


@pytest.mark.parametrize("model", ["company", "application", "stagechange", "interview"])
def test_every_model_has_a_changelist(admin_client, rows, model, django_assert_max_num_queries):
    shown = "Globex" if model == "company" else "Data engineer"
    assert_changelist_shows(
        admin_client, "applications", model, shown, django_assert_max_num_queries
    )


@pytest.mark.parametrize(
    ("model", "query", "found", "hidden"),
    [
        ("company", "stranger@", "Initech", "Globex"),
        ("application", "globex", "Data engineer", "Designer"),
        ("application", "berlin", "Data engineer", "Designer"),
        ("stagechange", "initech", "Designer", "Data engineer"),
        ("interview", "dana", "Data engineer", "Designer"),
    ],
)
def test_the_changelists_search(admin_client, rows, model, query, found, hidden):
    assert_changelist_finds(admin_client, "applications", model, query, found, hidden)


def test_applications_filter_by_stage(admin_client, rows):
    url = reverse("admin:applications_application_changelist")

    response = admin_client.get(url, {"stage__exact": Stage.SCREENING})

    assertContains(response, "Data engineer")
    assertNotContains(response, "Designer")


def test_an_application_shows_its_timeline_and_interviews(admin_client, rows):
    mine, _ = rows
    # Django caches content types per process; with a cold cache the admin's "view on
    # site" links look them up once per model, which django-zeal would take for an N+1.
    ContentType.objects.get_for_models(Application, Interview)

    response = admin_client.get(reverse("admin:applications_application_change", args=[mine.pk]))

    assert response.status_code == 200
    assertContains(response, "Stage changes")
    assertContains(response, "Dana Lee")


def test_a_company_page_opens(admin_client):
    company = CompanyFactory(name="Hooli")

    response = admin_client.get(reverse("admin:applications_company_change", args=[company.pk]))

    assertContains(response, "Hooli")


def test_the_timeline_is_read_only_in_the_admin(admin_client, rows):
    """Rows are written by move_to(), which keeps `reached` and `stage_changed_at`: the
    admin may not add or delete one."""
    mine, _ = rows
    change = mine.stage_changes.last()

    assert admin_client.get(reverse("admin:applications_stagechange_add")).status_code == 403
    delete = reverse("admin:applications_stagechange_delete", args=[change.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert mine.stage_changes.count() == 2


def test_a_stage_changed_in_the_admin_is_a_move(rf, admin_user, rows):
    mine, _ = rows
    model_admin = admin.site._registry[Application]
    request = rf.post("/")
    request.user = admin_user
    form_class = model_admin.get_form(request, mine, change=True)
    data = {**model_to_dict(mine), "stage": Stage.OFFER}
    form = form_class({k: v for k, v in data.items() if v is not None}, instance=mine)
    assert form.is_valid(), form.errors

    model_admin.save_model(request, form.save(commit=False), form, change=True)

    mine.refresh_from_db()
    newest = mine.stage_changes.last()
    assert (newest.from_stage, newest.to_stage) == (Stage.SCREENING, Stage.OFFER)
    assert mine.stage == Stage.OFFER
    assert mine.reached == rank(Stage.OFFER)
    assert mine.stage_changed_at == newest.changed_at
