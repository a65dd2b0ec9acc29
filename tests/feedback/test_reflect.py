"""/rejections/<id>/reflect/: step 1, and its perspective panel.

A newcomer's own numbers are mostly zeros, and a zero is no comfort: the panel shows a
number of theirs only once it says something kind and true (the SHOW_* thresholds in
feedback/services.py), and always what is true for most job seekers, with its source."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from applications.models import Stage
from feedback import services
from feedback.base_rates import BASE_RATES
from feedback.models import Lesson
from tests.factories import (
    ApplicationFactory,
    InterviewFactory,
    LessonFactory,
    RejectionFactory,
    globex_rejection,
)
from tests.html import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def url(rejection):
    return reverse("rejections:reflect", args=[rejection.pk])


def panel(response):
    return parse(response).find("aside", **{"aria-labelledby": "perspective-heading"})


def words(element):
    return re.sub(r"\s+", " ", element.text).strip()


# The facts themselves


def test_every_base_rate_names_its_source_and_links_to_it():
    assert len(BASE_RATES) >= 3
    assert len({rate.key for rate in BASE_RATES}) == len(BASE_RATES)
    for rate in BASE_RATES:
        assert re.fullmatch(r"\d{1,3}%", rate.headline), rate.key
        assert rate.source and rate.text.endswith("."), rate.key
        address = urlparse(rate.url)
        assert address.scheme == "https" and address.netloc, rate.key


# A newcomer


def test_a_newcomer_sees_base_rates_not_their_zeros(owner_client, user):
    rejection = globex_rejection(user)  # their first rejection, nothing else

    response = owner_client.get(url(rejection))

    assert response.status_code == 200
    aside = panel(response)
    text = words(aside)
    assert "0 applications" not in text
    assert "0 of them" not in text
    assert "1 rejection so far" not in text
    assert "still open" not in text
    assert aside.find(id="own-numbers") is None
    for rate in BASE_RATES:
        item = aside.find(id=f"rate-{rate.key}")
        assert item is not None, rate.key
        assert rate.headline in item.text
        link = item.find("a", href=rate.url)
        assert link is not None and link.text == rate.source
    assert "60% of rejected candidates got no feedback at all" in text


def test_two_open_applications_and_no_interview_show_nothing_of_their_own(owner_client, user):
    rejection = globex_rejection(user)
    ApplicationFactory.create_batch(2, owner=user, stage=Stage.APPLIED)

    response = owner_client.get(url(rejection))

    assert panel(response).find(id="own-numbers") is None
    assertNotContains(response, "still open")


# Own numbers, once they say something


def test_open_applications_show_from_three(owner_client, user):
    rejection = globex_rejection(user)
    ApplicationFactory.create_batch(services.SHOW_ACTIVE_FROM, owner=user, stage=Stage.APPLIED)

    response = owner_client.get(url(rejection))

    item = panel(response).find(id="own-active")
    assert words(item).startswith("3 applications still open")


def test_an_interview_in_the_last_30_days_shows(owner_client, user):
    rejection = globex_rejection(user)
    InterviewFactory(application__owner=user, starts_at=timezone.now() - dt.timedelta(days=4))

    response = owner_client.get(url(rejection))

    item = panel(response).find(id="own-interviews")
    assert words(item).startswith("1 interview in the last 30 days")


def test_rejections_followed_by_an_interview_show_from_five_with_one_followed(owner_client, user):
    today = timezone.localdate()
    rejections = [
        RejectionFactory(
            application__owner=user, received_on=today - dt.timedelta(days=40 * (n + 1))
        )
        for n in range(services.SHOW_REJECTIONS_FROM)
    ]
    rejection = rejections[0]

    response = owner_client.get(url(rejection))
    assert panel(response).find(id="own-followed") is None  # five, none followed

    InterviewFactory(
        application__owner=user,
        starts_at=timezone.now() - dt.timedelta(days=35),  # within 30 days of the first
    )
    response = owner_client.get(url(rejection))

    assert words(panel(response).find(id="own-followed")) == (
        "Of your 5 rejections so far, 1 was followed within 30 days by an interview somewhere else."
    )


def test_four_rejections_with_one_followed_are_too_few(owner_client, user):
    today = timezone.localdate()
    for n in range(services.SHOW_REJECTIONS_FROM - 1):
        rejection = RejectionFactory(
            application__owner=user, received_on=today - dt.timedelta(days=40 * (n + 1))
        )
    InterviewFactory(application__owner=user, starts_at=timezone.now() - dt.timedelta(days=35))

    response = owner_client.get(url(rejection))

    assert panel(response).find(id="own-followed") is None
    assertNotContains(response, "rejections so far")


def test_lessons_done_show_from_one(owner_client, user):
    rejection = globex_rejection(user)
    LessonFactory(owner=user, status=Lesson.Status.OPEN)
    response = owner_client.get(url(rejection))
    assert panel(response).find(id="own-lessons") is None

    LessonFactory(owner=user, status=Lesson.Status.DONE)
    response = owner_client.get(url(rejection))

    assert words(panel(response).find(id="own-lessons")).startswith("1 lesson from earlier")


def test_another_users_numbers_never_count(owner_client, user, other_user):
    rejection = globex_rejection(user)
    ApplicationFactory.create_batch(5, owner=other_user, stage=Stage.APPLIED)
    LessonFactory(owner=other_user, status=Lesson.Status.DONE)

    response = owner_client.get(url(rejection))

    assert panel(response).find(id="own-numbers") is None


# Access and the form


def test_a_stranger_gets_404(stranger_client, user):
    rejection = globex_rejection(user)

    assert stranger_client.get(url(rejection)).status_code == 404
    assert stranger_client.post(url(rejection), {"action": "finish"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client, user):
    rejection = globex_rejection(user)

    assertRedirects(client.get(url(rejection)), f"{reverse('login')}?next={url(rejection)}")


def test_finishing_needs_a_reframe(owner_client, user):
    rejection = globex_rejection(user)

    response = owner_client.post(url(rejection), {"action": "finish", "feelings": "Flat."})

    assert response.status_code == 422
    assertContains(response, "Some perspective", status_code=422)
