import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Stage
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(user):
    return CompanyFactory(
        owner=user, name="Globex", website="https://globex.example", notes="Great culture."
    )


def url(company):
    return reverse("companies:detail", args=[company.pk])


def test_owner_sees_the_company_and_its_applications(owner_client, user, company):
    with time_machine.travel(dt.datetime(2025, 6, 1, tzinfo=dt.UTC)):
        older = ApplicationFactory(
            owner=user, company=company, title="Analyst", stage=Stage.REJECTED
        )
    with time_machine.travel(dt.datetime(2025, 6, 5, tzinfo=dt.UTC)):
        newer = ApplicationFactory(
            owner=user,
            company=company,
            title="Data engineer",
            stage=Stage.SCREENING,
            applied_on=dt.date(2025, 6, 4),
        )
    ApplicationFactory(owner=user, title="Elsewhere")

    response = owner_client.get(url(company))

    assert response.status_code == 200
    assert parse(response).find("h1").text == "Globex"
    assertContains(response, "https://globex.example")
    assertContains(response, "Great culture.")
    items = parse(response).find("ul", **{"class": "list-group mb-3"}).find_all("li")
    assert [item.text for item in items] == [
        "Data engineer Screening 4 Jun 2025",
        "Analyst Rejected",
    ]
    assert items[0].find("a").attrs["href"] == newer.get_absolute_url()
    assert items[1].find("a").attrs["href"] == older.get_absolute_url()
    assertNotContains(response, "Elsewhere")


def test_a_company_without_applications_says_so(owner_client, company):
    response = owner_client.get(url(company))

    assertContains(response, "No applications at Globex.")


def test_another_users_company_is_not_found(stranger_client, company):
    response = stranger_client.get(url(company))

    assert response.status_code == 404
    assertNotContains(response, "Globex", status_code=404)


def test_anonymous_visitor_is_sent_to_log_in(client, company):
    assert_sent_to_log_in(client, url(company))


def history_texts(response, heading):
    """The items' texts of the company page's list under `heading` (its id)."""
    section = parse(response).find("section", **{"aria-labelledby": heading})
    return [item.text for item in section.find_all("li")]


def test_the_rejections_feedback_and_lessons_from_there_newest_first(owner_client, user, company):
    from feedback.models import FeedbackRequest, Rejection
    from tests.factories import (
        ContactFactory,
        FeedbackRequestFactory,
        LessonFactory,
        RejectionFactory,
    )

    day = dt.date(2025, 3, 1)
    rejections = [
        RejectionFactory(
            application__owner=user,
            application__company=company,
            application__title=f"Role {n}",
            received_on=day + dt.timedelta(days=n),
            at_stage=Rejection.AtStage.SCREENING if n % 2 else Rejection.AtStage.CV,
        )
        for n in range(12)
    ]
    elsewhere = RejectionFactory(application__owner=user, application__title="Elsewhere")
    someone = ContactFactory(owner=user, company=company, name="Dana Diaz")
    answered = FeedbackRequestFactory(
        rejection=rejections[3],
        contact=someone,
        status=FeedbackRequest.Status.RECEIVED,
        sent_on=day,
        received_on=day,
        response="Your portfolio was thin on data work.",
    )
    drafted = FeedbackRequestFactory(rejection=rejections[5])
    FeedbackRequestFactory(rejection=elsewhere)
    from_rejection = LessonFactory(owner=user, title="Practise SQL", rejection=rejections[0])
    from_request = LessonFactory(owner=user, title="Show data work", feedback_request=answered)
    LessonFactory(owner=user, title="From elsewhere", rejection=elsewhere)
    LessonFactory(title="Someone else's")

    response = owner_client.get(url(company))

    shown = history_texts(response, "company-rejections-heading")
    assert len(shown) == 10  # the newest ten
    assert shown[0] == "Role 11 · screening call · 12 Mar 2025"
    assert shown[-1] == "Role 2 · cv / application · 3 Mar 2025"
    assert history_texts(response, "company-feedback-heading") == [
        "Role 5 · draft",
        "Role 3: Dana Diaz · answer received “Your portfolio was thin on data work.”",
    ]
    assert history_texts(response, "company-lessons-heading") == [
        "Show data work · open",
        "Practise SQL · open",
    ]
    page = parse(response)
    for target in (rejections[11], drafted, answered, from_rejection, from_request):
        assert page.find("a", href=target.get_absolute_url()) is not None
