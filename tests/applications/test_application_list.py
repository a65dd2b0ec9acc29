import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.models import Stage
from core.pages import PAGE_SIZE
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("applications:list")


def titles(response):
    """The job titles in the table, top to bottom, as a person reads them."""
    body = parse(response).find("tbody")
    return [] if body is None else [row.find("td").text for row in body.find_all("tr")]


def test_owner_sees_their_applications_with_company_stage_and_dates(owner_client, user):
    ApplicationFactory(
        owner=user,
        title="Data engineer",
        company__name="Globex",
        stage=Stage.SCREENING,
        applied_on=dt.date(2025, 5, 2),
        location="Berlin",
    )

    response = owner_client.get(URL)

    assert response.status_code == 200
    row = parse(response).find("tbody").find("tr")
    assert [cell.text for cell in row.find_all("td")][:5] == [
        "Data engineer",
        "Globex",
        "Screening",
        "2 May 2025",
        "Berlin",
    ]
    assertContains(response, "1 application<")


def test_another_users_applications_are_not_listed(owner_client, user, other_user):
    ApplicationFactory(owner=user, title="Mine")
    ApplicationFactory(owner=other_user, title="Theirs", company__name="Their company")

    response = owner_client.get(URL)

    assert titles(response) == ["Mine"]
    assertNotContains(response, "Their company")


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert_sent_to_log_in(client, URL)


def test_a_new_user_is_told_what_to_do(owner_client):
    response = owner_client.get(URL)

    assertContains(response, "No applications yet")
    assertContains(response, "Add your first application")


# Filters


@pytest.fixture
def pipeline(user):
    return {
        stage: ApplicationFactory(owner=user, stage=stage, title=f"{stage.label} role")
        for stage in Stage
    }


def test_filter_by_one_stage(owner_client, pipeline):
    response = owner_client.get(URL, {"stage": Stage.INTERVIEWING})

    assert titles(response) == ["Interviewing role"]


def test_filter_active_applications(owner_client, pipeline):
    response = owner_client.get(URL, {"stage": "active"})

    assert set(titles(response)) == {
        "Saved role",
        "Applied role",
        "Screening role",
        "Interviewing role",
        "Offer role",
    }


def test_filter_closed_applications(owner_client, pipeline):
    response = owner_client.get(URL, {"stage": "closed"})

    assert set(titles(response)) == {
        "Accepted role",
        "Rejected role",
        "Withdrawn role",
        "No response role",
    }


def test_the_chosen_filter_stays_selected(owner_client, pipeline):
    response = owner_client.get(URL, {"stage": "closed", "q": "role", "sort": "company"})

    page = parse(response)
    assert "selected" in page.find("option", value="closed").attrs
    assert "selected" in page.find("option", value="company").attrs
    assert page.find("input", id="id_q").attrs["value"] == "role"


def test_no_match_says_so_and_offers_the_full_list(owner_client, pipeline):
    response = owner_client.get(URL, {"q": "astronaut"})

    assert titles(response) == []
    assertContains(response, "No applications match these filters.")


# Search


@pytest.fixture
def searchable(user):
    ApplicationFactory(owner=user, title="Platform engineer", company__name="Globex")
    ApplicationFactory(owner=user, title="Analyst", company__name="Ünion Bank")
    ApplicationFactory(owner=user, title="Designer", location="Lisbon")
    ApplicationFactory(owner=user, title="Writer", notes="Met the editor at PyCon")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("platform", ["Platform engineer"]),
        ("GLOBEX", ["Platform engineer"]),
        ("bank", ["Analyst"]),
        ("lisbon", ["Designer"]),
        ("pycon", ["Writer"]),
        ("  pycon  ", ["Writer"]),
    ],
    ids=["title", "company", "company-part", "location", "notes", "padded"],
)
def test_search_over_title_company_location_and_notes(owner_client, searchable, text, found):
    response = owner_client.get(URL, {"q": text})

    assert titles(response) == found


@pytest.mark.parametrize("text", ["Ünion", "ünion", "ÜNION BANK"])
def test_search_finds_a_company_whatever_the_case_of_its_accents(owner_client, searchable, text):
    response = owner_client.get(URL, {"q": text})

    assert titles(response) == ["Analyst"]


def test_search_never_finds_another_users_applications(owner_client, other_user, searchable):
    ApplicationFactory(owner=other_user, title="Platform engineer two")

    response = owner_client.get(URL, {"q": "platform"})

    assert titles(response) == ["Platform engineer"]


# Sorting


@pytest.fixture
def sortable(user):
    with time_machine.travel(dt.datetime(2025, 6, 1, tzinfo=dt.UTC), tick=False):
        ApplicationFactory(
            owner=user, title="B", company__name="zeta", applied_on=dt.date(2025, 5, 1)
        )
    with time_machine.travel(dt.datetime(2025, 6, 3, tzinfo=dt.UTC), tick=False):
        ApplicationFactory(
            owner=user, title="C", company__name="Alpha", applied_on=dt.date(2025, 4, 1)
        )
    with time_machine.travel(dt.datetime(2025, 6, 2, tzinfo=dt.UTC), tick=False):
        ApplicationFactory(
            owner=user, title="A", company__name="Beta", applied_on=None, stage=Stage.SAVED
        )
    with time_machine.travel(dt.datetime(2025, 6, 4, tzinfo=dt.UTC), tick=False):
        ApplicationFactory(
            owner=user, title="D", company__name="mid", applied_on=dt.date(2025, 5, 20)
        )


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        (None, ["D", "C", "A", "B"]),
        ("updated", ["D", "C", "A", "B"]),
        # Latest applied first; one never applied for goes last on every database.
        ("applied", ["D", "B", "C", "A"]),
        ("company", ["C", "A", "D", "B"]),
    ],
)
def test_sort_orders(owner_client, sortable, sort, order):
    response = owner_client.get(URL, {"sort": sort} if sort else {})

    assert titles(response) == order


# Pagination


def test_the_second_page_shows_the_rest(owner_client, user):
    company = CompanyFactory(owner=user)
    for number in range(PAGE_SIZE + 5):
        with time_machine.travel(dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(number)):
            ApplicationFactory(owner=user, company=company, title=f"Role {number:02}")

    first = owner_client.get(URL)
    second = owner_client.get(URL, {"page": 2})

    assert len(titles(first)) == PAGE_SIZE
    assert titles(second) == ["Role 04", "Role 03", "Role 02", "Role 01", "Role 00"]
    assertContains(first, f"{PAGE_SIZE + 5} applications")
    assertContains(first, "Page 1 of 2")
    assertContains(second, "Page 2 of 2")


def test_the_page_links_keep_the_filters(owner_client, user):
    ApplicationFactory.create_batch(PAGE_SIZE + 1, owner=user, stage=Stage.SCREENING)

    response = owner_client.get(URL, {"stage": "screening", "q": "role"})

    next_link = parse(response).find("a", **{"class": "page-link"})
    assert next_link.text == "Next"
    assert next_link.attrs["href"] == "?stage=screening&q=role&page=2"


# Bad query strings never break the page


def test_an_unknown_stage_shows_everything_and_says_why(owner_client, pipeline):
    response = owner_client.get(URL, {"stage": "bogus"})

    assert response.status_code == 200
    assert len(titles(response)) == len(Stage)
    assertContains(response, "“bogus” is not a stage. Showing all stages.")


def test_an_unknown_sort_falls_back_to_recently_updated(owner_client, sortable):
    response = owner_client.get(URL, {"sort": "x"})

    assert response.status_code == 200
    assert titles(response) == ["D", "C", "A", "B"]
    assertContains(response, "Unknown sort order. Showing recently updated first.")


def test_an_unknown_filter_keeps_the_valid_ones(owner_client, pipeline):
    response = owner_client.get(URL, {"stage": "bogus", "q": "offer"})

    assert titles(response) == ["Offer role"]


@pytest.mark.parametrize(
    ("page", "shown"),
    [("-1", "Page 2 of 2"), ("abc", "Page 1 of 2"), ("99999", "Page 2 of 2"), ("", "Page 1 of 2")],
)
def test_a_bad_page_number_shows_a_real_page(owner_client, user, page, shown):
    ApplicationFactory.create_batch(PAGE_SIZE + 1, owner=user)

    response = owner_client.get(URL, {"page": page})

    assert response.status_code == 200
    assertContains(response, shown)


def test_an_overlong_search_is_ignored_not_an_error(owner_client, pipeline):
    response = owner_client.get(URL, {"q": "x" * 1000})

    assert response.status_code == 200
    assert len(titles(response)) == len(Stage)
