"""The feed's events are written line by line (reminders/calendar.py), not through an
icalendar object each: the lines must be what icalendar itself would write."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, vText
from icalendar.parser.string import _foldline

from reminders.calendar import FOLD_AT, fold, text
from tests.reminders.builders import add_reminders

pytestmark = pytest.mark.django_db


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n")))
def test_lines_fold_as_icalendar_folds_them(line):
    assert fold(line) == _foldline(line)


@pytest.mark.parametrize(
    "line",
    [
        "DESCRIPTION:" + "a" * 61 + "\\n" + "b" * 80,  # an escape at the fold
        "SUMMARY:" + "é" * 50,  # two octets a character
        "SUMMARY:" + "🏦" * 30,
        "URL:https://onward.example.org/" + "x" * 200,
        "X" * 74,
        "X" * 75,
    ],
)
def test_awkward_lines_fold_as_icalendar_folds_them(line):
    assert fold(line) == _foldline(line)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_text_is_escaped_as_icalendar_escapes_it(value):
    assert text(value) == vText(value).to_ical().decode()


@pytest.mark.parametrize(
    "value", ["a;b,c", "back\\slash", "\\N and \\n", "one\r\ntwo\nthree\rfour", "Ünïcode; ok"]
)
def test_awkward_text_is_escaped_as_icalendar_escapes_it(value):
    assert text(value) == vText(value).to_ical().decode()


@pytest.mark.parametrize("line", ["BEGIN:VEVENT", "X" * (FOLD_AT - 1), "SUMMARY:" + "é" * 40])
def test_what_the_feed_leaves_unfolded_is_what_folding_leaves(line):
    """The feed writes a short ASCII line as it is, without fold(): so does fold()."""
    if len(line) < FOLD_AT and line.isascii():
        assert fold(line) == _foldline(line) == line
    else:
        assert fold(line) == _foldline(line) != line


def test_the_feed_reads_back_with_every_event(client, user):
    add_reminders(user, 5)
    body = client.get(reverse("reminders:calendar", args=[user.calendar_token])).content

    parsed = Calendar.from_ical(body)
    events = parsed.walk("VEVENT")
    assert len(events) == body.count(b"BEGIN:VEVENT") > 0
    assert all(event.get("summary") and event.get("url") for event in events)
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
