"""The dashboard makes the same number of queries with 5 applications as with 50;
django-zeal (on in the test settings) raises on any query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import build_pipeline

pytestmark = pytest.mark.django_db

URL = reverse("insights:dashboard")
BUDGET = 10


def test_dashboard(owner_client, user, django_assert_num_queries):
    build_pipeline(user, 5)
    owner_client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        response = owner_client.get(URL)
    assert response.status_code == 200
    expected = len(captured)

    build_pipeline(user, 45)

    with django_assert_num_queries(expected):
        response = owner_client.get(URL)
    assert response.status_code == 200
    assert expected <= BUDGET
