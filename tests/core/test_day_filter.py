"""The `day` filter writes what Django's date filter writes, for every format the pages
use and the ones it leaves to the date filter, in any zone."""

import datetime as dt
import zoneinfo

import pytest
from django.template import engines
from django.utils import timezone

FORMATS = [
    *("j F Y", "j M Y", "j F", "l j F", "j M", "F Y", "D j M, H:i", "D j M", "l j F Y"),
    *("j M, H:i", "j M Y, H:i", "Y-m", "D j M Y, H:i", "D j F Y", "d/m/Y", "c", "Y-m-d"),
    # Left to the date filter: letters `day` does not write, an escape.
    *("N j", r"\a\t j M", "jS F"),
]
VALUES = [
    *(dt.date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)),
    dt.date(5, 3, 1),
    # Either side of a daylight-saving change, as an instant.
    *(dt.datetime(2026, 3, 29, hour, 5, tzinfo=dt.UTC) for hour in (0, 1, 2, 23)),
    None,
    "",
]


def rendered(source, value, format_text):
    template = engines["django"].from_string("{% load onward %}" + source)
    try:
        return template.render({"value": value, "format": format_text})
    except TypeError as error:  # a time letter for a date: the date filter refuses it
        return type(error)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "Pacific/Auckland"])
@pytest.mark.parametrize("format_text", FORMATS)
def test_day_writes_what_the_date_filter_writes(zone, format_text):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        for value in VALUES:
            assert rendered("{{ value|day:format }}", value, format_text) == rendered(
                "{{ value|date:format }}", value, format_text
            ), (value, format_text)


def test_a_datetime_is_shown_in_the_active_zone():
    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Pacific/Auckland")):
        assert rendered("{{ value|day:format }}", moment, "D j M Y, H:i") == "Fri 1 Jan 2027, 12:30"
