import datetime as dt

import pytest

from tests.factories import ContactFactory


@pytest.fixture(autouse=True)
def frozen_clock(frozen_clock):
    """Contacts are dated: every test here runs at noon UTC on 10 June 2025."""
    return frozen_clock


@pytest.fixture
def make_dana(user):
    """Dana Lee at Globex, the owner's contact; `fields` change what the test needs."""

    def make(**fields):
        defaults = {
            "name": "Dana Lee",
            "company__name": "Globex",
            "email": "dana@globex.example",
            "keep_in_touch_days": 90,
            "last_contacted_on": dt.date(2025, 6, 1),
        }
        return ContactFactory(owner=user, **(defaults | fields))

    return make
