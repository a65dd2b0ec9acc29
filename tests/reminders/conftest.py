"""One of each kind of reminder for the owner, on a frozen clock.

The clock stands at 23:30 UTC on Tuesday 10 June 2025: still the 10th in UTC and in
Los Angeles (16:30), already Wednesday the 11th in Auckland (11:30) and Kolkata (05:00).
"""

import datetime as dt

import pytest
import time_machine

from applications.models import Interview, Stage
from feedback.models import FeedbackRequest
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    RejectionFactory,
)

NOW = dt.datetime(2025, 6, 10, 23, 30, tzinfo=dt.UTC)
TODAY = dt.date(2025, 6, 10)  # in UTC, the users' zone unless a test changes it


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def in_zone(person, zone):
    person.time_zone = zone
    person.save(update_fields=["time_zone"])
    return person


@pytest.fixture
def acme(user):
    return CompanyFactory(owner=user, name="Acme")


@pytest.fixture
def turned_down(user, acme):
    """Acme said no to the owner's Data Analyst application in March."""
    return RejectionFactory(
        application__owner=user,
        application__company=acme,
        application__title="Data Analyst",
        received_on=dt.date(2025, 3, 14),
        at_stage="interview",
    )


@pytest.fixture
def jane(user, acme):
    """Last spoken to 92 days ago, every three months: the check-in was due 8 June."""
    return ContactFactory(
        owner=user,
        company=acme,
        name="Jane Doe",
        relation="hiring_manager",
        email="jane@acme.example",
        keep_in_touch_days=90,
        last_contacted_on=TODAY - dt.timedelta(days=92),
    )


@pytest.fixture
def feedback_request(turned_down, jane):
    """Sent to Jane on 1 June; the follow-up was due yesterday."""
    return FeedbackRequestFactory(
        rejection=turned_down,
        contact=jane,
        status=FeedbackRequest.Status.SENT,
        sent_on=dt.date(2025, 6, 1),
        follow_up_on=dt.date(2025, 6, 9),
    )


@pytest.fixture
def to_send(user):
    """A drafted request after an interview at Northwind ("no" on 8 June), to send today."""
    rejection = RejectionFactory(
        application__owner=user,
        application__company__owner=user,
        application__company__name="Northwind",
        application__title="Data engineer",
        at_stage="interview",
        received_on=dt.date(2025, 6, 8),
    )
    return FeedbackRequestFactory(
        rejection=rejection,
        contact=None,
        status=FeedbackRequest.Status.DRAFT,
        send_on=TODAY,
        message="Dear hiring team at Northwind,\n\nCould you tell me one thing?\n\nOlive Owner",
    )


@pytest.fixture
def question_asked(user):
    """A stock answer from Umbrella, and the question asked about it on 2 June, to follow
    up in two days."""
    return FeedbackRequestFactory(
        rejection__application__owner=user,
        rejection__application__company__owner=user,
        rejection__application__company__name="Umbrella",
        rejection__application__title="Analyst",
        rejection__received_on=dt.date(2025, 5, 20),
        contact=None,
        status=FeedbackRequest.Status.RECEIVED,
        sent_on=dt.date(2025, 5, 22),
        received_on=dt.date(2025, 5, 29),
        response="Other candidates had more experience.",
        is_generic=True,
        dig_deeper="Dear hiring team at Umbrella,\n\nWhich experience?\n\nOlive Owner",
        dig_deeper_sent_on=dt.date(2025, 6, 2),
        dig_deeper_follow_up_on=TODAY + dt.timedelta(days=2),
    )


@pytest.fixture
def follow_up(user, acme):
    """An application in screening whose follow-up date is today."""
    return ApplicationFactory(
        owner=user,
        company=acme,
        title="Backend developer",
        stage=Stage.SCREENING,
        applied_on=dt.date(2025, 5, 20),
        follow_up_on=TODAY,
    )


@pytest.fixture
def quiet(user):
    """Applied 14 days ago (the default threshold after applying) and not a word since."""
    return ApplicationFactory(
        owner=user,
        company__owner=user,
        company__name="Globex",
        title="Product analyst",
        stage=Stage.APPLIED,
        applied_on=dt.date(2025, 5, 20),
        stage_changed_at=NOW - dt.timedelta(days=14),
    )


@pytest.fixture
def interview(user):
    """A video call on Thursday 12 June at 09:00 UTC."""
    return InterviewFactory(
        application=ApplicationFactory(
            owner=user,
            company__owner=user,
            company__name="Initech",
            title="Data engineer",
            stage=Stage.INTERVIEWING,
        ),
        starts_at=dt.datetime(2025, 6, 12, 9, 0, tzinfo=dt.UTC),
        kind=Interview.Kind.VIDEO,
        with_whom="Priya",
    )


@pytest.fixture
def strangers_things(other_user):
    """One of each kind for another user, all due, with names that must never leak."""
    secret = CompanyFactory(owner=other_user, name="Secret Corp")
    contact = ContactFactory(
        owner=other_user,
        company=secret,
        name="Mallory Hidden",
        keep_in_touch_days=30,
        last_contacted_on=TODAY - dt.timedelta(days=40),
    )
    rejection = RejectionFactory(
        application__owner=other_user, application__company=secret, application__title="Spy"
    )
    request = FeedbackRequestFactory(
        rejection=rejection,
        contact=contact,
        status=FeedbackRequest.Status.SENT,
        sent_on=TODAY - dt.timedelta(days=10),
        follow_up_on=TODAY - dt.timedelta(days=1),
    )
    follow_up = ApplicationFactory(
        owner=other_user, company=secret, title="Hidden role", follow_up_on=TODAY
    )
    quiet = ApplicationFactory(
        owner=other_user,
        company=secret,
        title="Hidden quiet role",
        stage_changed_at=NOW - dt.timedelta(days=40),
    )
    interview = InterviewFactory(
        application=ApplicationFactory(owner=other_user, company=secret, title="Hidden interview"),
        starts_at=NOW + dt.timedelta(days=1),
    )
    return {
        "check-in": contact,
        "feedback": request,
        "follow-up": follow_up,
        "quiet": quiet,
        "interview": interview,
    }


@pytest.fixture
def reapply(user):
    """Turned down on 3 December 2024: the day to apply again is Tuesday 3 June."""
    application = ApplicationFactory(
        owner=user,
        company__owner=user,
        company__name="Pied Piper",
        company__reapply_from=dt.date(2025, 6, 3),
        title="Compression engineer",
        stage=Stage.REJECTED,
    )
    RejectionFactory(application=application, received_on=dt.date(2024, 12, 3))
    return application.company


@pytest.fixture
def closing(user):
    """Saved, not applied for, and the advert closes on Sunday 15 June: a reminder
    three days before, on Thursday 12 June."""
    return ApplicationFactory(
        owner=user,
        company__owner=user,
        company__name="Hooli",
        title="Platform engineer",
        stage=Stage.SAVED,
        closing_on=dt.date(2025, 6, 15),
    )
