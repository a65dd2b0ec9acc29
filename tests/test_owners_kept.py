"""save() keeps the owner of an interview, a rejection and a feedback request: the
reminder counts and lists read them from (owner, ...) indexes. The bulk writers (account
import, seed_demo) are checked in tests/transfer/test_round_trip.py."""

import pytest

from tests.factories import FeedbackRequestFactory, InterviewFactory, build_pipeline

pytestmark = pytest.mark.django_db


def test_rows_saved_one_by_one_carry_their_parents_owner(user, other_user):
    build_pipeline(other_user, 3)
    request = FeedbackRequestFactory(rejection__application__owner=user)
    interview = InterviewFactory(application=request.rejection.application)
    assert request.owner == request.rejection.owner == user
    assert interview.owner == user
