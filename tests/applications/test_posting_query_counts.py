"""An application page with a 100 KB job description keeps its query count flat as the
user's data grows (N, then ten times N applications, each with its own long description); the
list, which searches descriptions, too."""

import pytest
from django.urls import reverse

from applications.models import Application, Stage
from tests.checks import count_queries
from tests.factories import ApplicationFactory, build_pipeline

pytestmark = pytest.mark.django_db

BUDGET = 10
PARAGRAPH = "<p>Build and run our <strong>data platform</strong> with Python &amp; SQL.</p>\n"


def long_description(kilobytes=100):
    text = PARAGRAPH * (kilobytes * 1024 // len(PARAGRAPH) + 1)
    return "<h2>About the role</h2><ul><li>Hybrid</li><li>Leeds</li></ul>" + text


def with_descriptions(user, count):
    for application in build_pipeline(user, count):
        Application.objects.filter(pk=application.pk).update(description=long_description(10))


def test_the_application_page_with_a_100_kb_description(
    owner_client, user, django_assert_num_queries
):
    application = ApplicationFactory(
        owner=user, stage=Stage.SAVED, description=long_description(), tags="python, leeds"
    )
    assert len(application.description) >= 100 * 1024
    url = reverse("applications:detail", args=[application.pk])
    with_descriptions(user, 5)
    expected = count_queries(owner_client, url)

    with_descriptions(user, 45)

    with django_assert_num_queries(expected):
        response = owner_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("data platform") >= 1000
    assert expected <= BUDGET


@pytest.mark.parametrize("query", ["?q=platform", "?tag=python", ""])
def test_the_list_searching_descriptions(owner_client, user, django_assert_num_queries, query):
    url = reverse("applications:list") + query
    with_descriptions(user, 5)
    Application.objects.filter(owner=user).update(tags="python")
    expected = count_queries(owner_client, url)

    with_descriptions(user, 45)
    Application.objects.filter(owner=user).update(tags="python")

    with django_assert_num_queries(expected):
        response = owner_client.get(url)
    assert response.status_code == 200
    assert expected <= BUDGET
