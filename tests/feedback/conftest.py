import datetime as dt

import pytest

from feedback.models import Rejection
from tests.factories import contact_at, globex_rejection


@pytest.fixture
def rejection(user):
    """Globex turned down the owner's Data engineer application at the CV stage on 5 June."""
    return globex_rejection(user, at_stage=Rejection.AtStage.CV, received_on=dt.date(2025, 6, 5))


@pytest.fixture
def jane(rejection):
    """A recruiter at Globex."""
    return contact_at(rejection, name="Jane Doe", email="jane@globex.example")
