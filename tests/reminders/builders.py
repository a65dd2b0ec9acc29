"""Reminders at volume, for query-count tests: contacts, sent feedback requests,
follow-ups, quiet applications and interviews, spread over overdue, today, this week,
later and beyond. Later calls add to what is there, so a page can be measured before
and after growing."""

import datetime as dt
import uuid

from django.conf import settings
from django.utils import timezone

from applications.models import Application, Company, Stage
from contacts.models import Contact
from core.cached_counts import GENERATION_KEY
from feedback.models import FeedbackRequest
from tests.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    RejectionFactory,
)


def add_reminders(owner, count):
    """`count` more of each: a contact with a cadence at a company that turned the owner
    down (with a sent feedback request, or else a drafted one to send or a question asked
    after an answer), an application with a
    follow-up date, a quiet application and an interview; every third, a company with a
    day to apply again."""
    now = timezone.now()
    today = owner.today()
    start = Contact.objects.filter(owner=owner).count()
    for number in range(start, start + count):
        company = Company.for_name(owner, f"Reminder Co {number // 3}")
        if number % 3 == 0:  # the day to apply there again, some past, some to come
            company.reapply_from = today + dt.timedelta(days=number % 10 - 5)
            company.save(update_fields=["reapply_from"])
        contact = ContactFactory(
            owner=owner,
            company=company,
            name=f"Contact {number}",
            keep_in_touch_days=30,
            last_contacted_on=today - dt.timedelta(days=30 + 20 - number % 45),
        )
        if number % 2 == 0:
            rejection = RejectionFactory(
                application__owner=owner,
                application__company=company,
                application__title=f"Rejected role {number}",
                received_on=today - dt.timedelta(days=40 + number % 30),
            )
            FeedbackRequestFactory(
                rejection=rejection,
                contact=contact,
                status=FeedbackRequest.Status.SENT,
                sent_on=today - dt.timedelta(days=10),
                follow_up_on=today + dt.timedelta(days=number % 10 - 5),
            )
        else:  # a request to send (after an interview), or a question asked after an answer
            rejection = RejectionFactory(
                application__owner=owner,
                application__company=company,
                application__title=f"Asked role {number}",
                at_stage="interview",
                received_on=today - dt.timedelta(days=30),
            )
            due = today + dt.timedelta(days=number % 10 - 5)
            if number % 4 == 1:
                FeedbackRequestFactory(
                    rejection=rejection,
                    contact=contact,
                    status=FeedbackRequest.Status.DRAFT,
                    send_on=due,
                )
            else:
                FeedbackRequestFactory(
                    rejection=rejection,
                    contact=contact,
                    status=FeedbackRequest.Status.RECEIVED,
                    sent_on=today - dt.timedelta(days=25),
                    received_on=today - dt.timedelta(days=20),
                    response="Other candidates had more experience.",
                    dig_deeper_sent_on=today - dt.timedelta(days=15),
                    dig_deeper_follow_up_on=due,
                )
        follow_up = ApplicationFactory(
            owner=owner,
            company=company,
            title=f"Follow-up role {number}",
            stage=Stage.SCREENING,
            applied_on=today - dt.timedelta(days=20),
            follow_up_on=today + dt.timedelta(days=number % 12 - 4),
        )
        ApplicationFactory(
            owner=owner,
            company=company,
            title=f"Quiet role {number}",
            stage=Stage.APPLIED,
            stage_changed_at=now - dt.timedelta(days=15 + number % 20),
        )
        InterviewFactory(
            application=follow_up,
            starts_at=now + dt.timedelta(days=number % 20, hours=number % 5),
        )
    return Application.objects.filter(owner=owner).count()


def forget_kept_counts(client):
    """Makes the client's next page count afresh, as after a POST (core/cached_counts.py):
    a new generation in its session. Other caches (written calendar feeds) stay, and a
    client that is not signed in has no counts kept."""
    if settings.SESSION_COOKIE_NAME not in client.cookies:
        return
    session = client.session
    session[GENERATION_KEY] = uuid.uuid4().hex
    session.save()
