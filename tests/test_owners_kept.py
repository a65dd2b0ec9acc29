"""save() keeps the owner of an interview, a rejection, its reflection and a feedback
request: the reminder counts and lists, and the moods on /insights/, read them from
(owner, ...) indexes. The bulk writers (account
import, seed_demo) are checked in tests/transfer/test_round_trip.py."""

import pytest
from django.urls import reverse

from feedback.models import Reflection
from tests.factories import FeedbackRequestFactory, InterviewFactory, build_pipeline

pytestmark = pytest.mark.django_db


def test_rows_saved_one_by_one_carry_their_parents_owner(user, other_user):
    build_pipeline(other_user, 3)
    request = FeedbackRequestFactory(rejection__application__owner=user)
    interview = InterviewFactory(application=request.rejection.application)
    assert request.owner == request.rejection.owner == user
    assert interview.owner == user
    reflection = Reflection.objects.create(rejection=request.rejection, mood=3)
    assert reflection.owner == user


def test_a_reflection_edited_on_its_page_carries_its_owner(client, user, other_user):
    build_pipeline(other_user, 2)
    rejection = FeedbackRequestFactory(rejection__application__owner=user).rejection
    client.force_login(user)
    client.post(
        reverse("rejections:reflect", args=[rejection.pk]),
        {"feelings": "Flat.", "mood": "2", "reframe": "One team's call."},
    )
    assert Reflection.objects.get(rejection=rejection).owner == user
