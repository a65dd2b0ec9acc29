"""/feedback/: the user's feedback requests, filtered by status and paginated."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.pages import PAGE_SIZE
from feedback.models import FeedbackRequest
from tests.checks import count_queries
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    RejectionFactory,
    contact_at,
    globex_rejection,
)
from tests.html import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

URL = reverse("feedback:list")
Status = FeedbackRequest.Status


def rows(response):
    body = parse(response).find("tbody")
    return (
        []
        if body is None
        else [[cell.text for cell in row.find_all("td")] for row in body.find_all("tr")]
    )


def make_requests(user, count, start=0):
    """`count` requests over as many rejections, companies and contacts, every status."""
    statuses = list(Status)
    for number in range(start, start + count):
        rejection = RejectionFactory(
            application__owner=user,
            application__title=f"Role {number}",
        )
        contact = ContactFactory(owner=user, company=rejection.application.company)
        status = statuses[number % len(statuses)]
        FeedbackRequestFactory(
            rejection=rejection,
            contact=contact if number % 3 else None,
            status=status,
            sent_on=None if status == Status.DRAFT else dt.date(2025, 6, 1),
            follow_up_on=None if status == Status.DRAFT else dt.date(2025, 6, 8),
            response="A better fit" if status == Status.RECEIVED else "",
            is_generic=status == Status.RECEIVED,
        )


def test_owner_sees_their_requests(owner_client, user):
    rejection = globex_rejection(user)
    jane = contact_at(rejection, name="Jane Doe")
    FeedbackRequestFactory(
        rejection=rejection,
        contact=jane,
        status=Status.SENT,
        sent_on=dt.date(2025, 6, 2),
        follow_up_on=dt.date(2025, 6, 9),
    )

    response = owner_client.get(URL)

    assert response.status_code == 200
    assert rows(response) == [
        ["Jane Doe", "Data engineer at Globex", "Sent, waiting", "2 Jun 2025", "9 Jun 2025"]
    ]
    assertContains(response, "1 request<")


def test_another_users_requests_are_not_listed(owner_client, user, other_user):
    FeedbackRequestFactory(rejection__application__owner=user, rejection__application__title="Mine")
    FeedbackRequestFactory(
        rejection__application__owner=other_user, rejection__application__title="Theirs"
    )

    response = owner_client.get(URL)

    assert [row[1].split(" at ")[0] for row in rows(response)] == ["Mine"]
    assertNotContains(response, "Theirs")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("sent", ["Later", "Waiting"]),
        ("received", ["Answered"]),
        ("draft", ["Drafted"]),
        ("due", ["Waiting"]),
        ("", ["Answered", "Later", "Waiting", "Drafted"]),
    ],
)
def test_the_list_filters_by_status(owner_client, user, status, expected):
    for title, state, follow_up_on in [
        ("Drafted", Status.DRAFT, None),
        ("Waiting", Status.SENT, dt.date(2025, 6, 10)),
        ("Later", Status.SENT, dt.date(2025, 6, 11)),
        ("Answered", Status.RECEIVED, dt.date(2025, 6, 3)),
    ]:
        FeedbackRequestFactory(
            rejection__application__owner=user,
            rejection__application__title=title,
            status=state,
            sent_on=follow_up_on and dt.date(2025, 6, 1),
            follow_up_on=follow_up_on,
        )

    response = owner_client.get(URL, {"status": status})

    assert [row[1].split(" at ")[0] for row in rows(response)] == expected


def test_an_unknown_status_is_explained_and_everything_shown(owner_client, user):
    FeedbackRequestFactory(rejection__application__owner=user)

    response = owner_client.get(URL, {"status": "lost"})

    assert response.status_code == 200
    assertContains(response, "“lost” is not a status. Showing all requests.")
    assert len(rows(response)) == 1


def test_the_list_paginates(owner_client, user):
    make_requests(user, PAGE_SIZE + 2)

    first = owner_client.get(URL)
    second = owner_client.get(URL, {"page": 2})

    assert len(rows(first)) == PAGE_SIZE
    assert len(rows(second)) == 2
    assertContains(first, "Page 1 of 2")


def test_a_new_user_is_told_where_requests_come_from(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "No feedback asked for yet")


def test_anonymous_visitor_is_sent_to_log_in(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")


@pytest.mark.parametrize("query", ["", "?status=received", "?status=due"])
def test_the_query_count_is_the_same_at_n_and_10n(
    owner_client, user, django_assert_num_queries, query
):
    make_requests(user, 5)
    expected = count_queries(owner_client, URL + query)

    make_requests(user, 45, start=5)

    with django_assert_num_queries(expected):
        response = owner_client.get(URL + query)
    assert response.status_code == 200
    assert rows(response)
    assert expected <= 10
