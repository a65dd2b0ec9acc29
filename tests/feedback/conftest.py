import datetime as dt

import pytest
import time_machine


@pytest.fixture
def frozen_clock():
    """Noon UTC on 10 June 2025, for the modules that mark themselves with it."""
    with time_machine.travel(dt.datetime(2025, 6, 10, 12, 0, tzinfo=dt.UTC), tick=False):
        yield
