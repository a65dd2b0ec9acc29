"""The dashboard makes the same number of queries with N applications, contacts,
feedback requests and reminders of every kind as with 10 times N; django-zeal (on in the
test settings) raises on any query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact
from feedback.models import FeedbackRequest
from tests.factories import build_pipeline
from tests.html import parse
from tests.reminders.builders import add_reminders, forget_kept_counts

pytestmark = pytest.mark.django_db

URL = reverse("insights:dashboard")
# The session, the user, what is due and the pipeline per stage (one query), the due
# rows of every kind (one query), upcoming interviews, open rejections, recent
# applications: 7 with the counts made afresh.
BUDGET = 7
N = 5


def grow(user, count):
    build_pipeline(user, count)
    add_reminders(user, count)


def due_listed(response):
    return parse(response).find("section", **{"aria-labelledby": "due-heading"}).find_all("li")


def test_dashboard(owner_client, user, django_assert_num_queries):
    grow(user, N)
    owner_client.get(URL)
    forget_kept_counts(owner_client)  # measure the page with its counts made afresh
    with CaptureQueriesContext(connection) as captured:
        response = owner_client.get(URL)
    assert response.status_code == 200
    expected = len(captured)
    assert due_listed(response)

    grow(user, 9 * N)
    assert Contact.objects.filter(owner=user).count() == 10 * N
    assert FeedbackRequest.objects.for_user(user).count() == 10 * N

    forget_kept_counts(owner_client)
    with django_assert_num_queries(expected):
        response = owner_client.get(URL)
    assert response.status_code == 200
    assert expected <= BUDGET
