"""/applications/<id>/reject/: the received date's bounds. Only the day they applied
bounds it; an application added to Onward after the "no" (imported, or pasted from an
old email) takes the real date."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from applications.models import Stage
from feedback.models import Rejection
from tests.factories import ApplicationFactory
from tests.test_no_lost_update import rejection_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def june_2025():
    with time_machine.travel(dt.datetime(2025, 6, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def post(client, application, received_on):
    url = reverse("applications:reject", args=[application.pk])
    return client.post(url, rejection_form(received_on=received_on))


def test_a_date_before_the_application_was_added_is_accepted(owner_client, user):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)  # added today
    response = post(owner_client, application, "2024-11-03")
    assert response.status_code == 302
    assert Rejection.objects.get(application=application).received_on == dt.date(2024, 11, 3)


@pytest.mark.parametrize(
    ("applied_on", "received_on", "message"),
    [
        (
            dt.date(2025, 5, 2),
            "2025-05-01",
            "The rejection can’t come before you applied (2 May 2025).",
        ),
        (None, "2025-06-22", "The rejection can’t be dated in the future. Use the day it arrived."),
        (None, "1969-12-31", "Check the year: this date is too far back."),
    ],
)
def test_the_bounds(owner_client, user, applied_on, received_on, message):
    application = ApplicationFactory(owner=user, applied_on=applied_on)
    response = post(owner_client, application, received_on)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Rejection.objects.filter(application=application).exists()


@pytest.mark.parametrize("received_on", ["2025-05-02", "2025-06-21", "1970-01-01"])
def test_the_edges_are_allowed(owner_client, user, received_on):
    application = ApplicationFactory(owner=user, applied_on=dt.date(1970, 1, 1))
    if received_on == "2025-05-02":
        application.applied_on = dt.date(2025, 5, 2)
        application.save()
    assert post(owner_client, application, received_on).status_code == 302
