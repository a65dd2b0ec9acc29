import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Application, Interview, Stage
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
