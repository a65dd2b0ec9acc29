"""Each page makes the same number of queries however many rows the user has: the
count measured with 5 applications must hold with 50 (and 200 on the board). django-zeal
(on in the test settings) also raises on any query per row inside a request."""

import pytest
from django.urls import reverse

from applications.models import Application, Interview, Stage, StageChange
from tests.checks import count_queries
from tests.factories import ApplicationFactory, InterviewFactory, StageChangeFactory, build_pipeline

pytestmark = pytest.mark.django_db

# The budget at 10,000 applications.
BUDGET = 10


def assert_same_count(client, url, expected, django_assert_num_queries):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("applications:list", ""),
        ("applications:list", "?stage=active&sort=company"),
        ("applications:list", "?q=engineer&sort=applied"),
        ("applications:list", "?stage=interviewing"),
        ("companies:list", ""),
    ],
    ids=["plain", "active-by-company", "search-by-applied", "one-stage", "companies"],
)
def test_list(owner_client, user, django_assert_num_queries, page, query):
    url = reverse(page) + query
    build_pipeline(user, 5)
    expected = count_queries(owner_client, url)

    build_pipeline(user, 45)

    assert_same_count(owner_client, url, expected, django_assert_num_queries)
    assert expected <= BUDGET


def test_board(owner_client, user, django_assert_num_queries):
    url = reverse("applications:board")
    build_pipeline(user, 5)
    expected = count_queries(owner_client, url)

    build_pipeline(user, 45)
    assert_same_count(owner_client, url, expected, django_assert_num_queries)

    build_pipeline(user, 150)
    assert Application.objects.filter(owner=user, stage=Stage.SAVED).count() > 20
    assert_same_count(owner_client, url, expected, django_assert_num_queries)
    assert expected <= BUDGET


def test_detail(owner_client, user, django_assert_num_queries):
    (application,) = [a for a in build_pipeline(user, 5) if a.stage == Stage.INTERVIEWING]
    url = reverse("applications:detail", args=[application.pk])
    expected = count_queries(owner_client, url)

    build_pipeline(user, 45)
    # A longer history on the page itself.
    StageChangeFactory.create_batch(20, application=application)
    InterviewFactory.create_batch(20, application=application)
    assert application.stage_changes.count() > 20

    assert_same_count(owner_client, url, expected, django_assert_num_queries)
    assert expected <= BUDGET


def test_company_detail(owner_client, user, django_assert_num_queries):
    company = build_pipeline(user, 5)[0].company
    url = reverse("companies:detail", args=[company.pk])
    expected = count_queries(owner_client, url)

    build_pipeline(user, 45)
    ApplicationFactory.create_batch(45, owner=user, company=company)

    assert_same_count(owner_client, url, expected, django_assert_num_queries)
    assert expected <= BUDGET


def test_the_data_is_realistic(user):
    """Guards the measurements above: every stage, histories and interviews present."""
    build_pipeline(user, 50)

    assert set(Application.objects.values_list("stage", flat=True)) == set(Stage)
    assert StageChange.objects.count() > 2 * Application.objects.count()
    assert Interview.objects.count() > 10
    assert Application.objects.values("company").distinct().count() > 10
