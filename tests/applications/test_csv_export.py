import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.csv.export import EXPORT_COLUMNS
from applications.models import Application, Stage
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, build_pipeline
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("applications:export")


def download(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def read(content):
    """The rows of a download as dicts, the way a spreadsheet reads the file."""
    assert content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_owner_downloads_every_application_with_columns_named_like_the_fields(owner_client, user):
    with time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False):
        ApplicationFactory(
            owner=user,
            company__name="Globex",
            title="Data engineer",
            stage=Stage.SCREENING,
            applied_on=dt.date(2026, 3, 14),
            follow_up_on=dt.date(2026, 3, 28),
            job_url="https://globex.example/jobs/1",
            location="Berlin",
            work_mode="hybrid",
            source="referral",
            salary_min=50_000,
            salary_max=60_000,
            currency="EUR",
            notes="Met them at PyCon.\nSecond line.",
            salary_period="year",
            employment_type="full_time",
            closing_on=dt.date(2026, 4, 1),
            excitement=4,
            tags="Python, berlin",
            description="<p>Pipelines &amp; <strong>dashboards</strong>.</p>",
        )

    with time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)):
        response, content = download(owner_client)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="onward-applications-2026-03-20.csv"'
    )
    (row,) = read(content)
    assert list(row) == EXPORT_COLUMNS
    assert {key: value for key, value in row.items() if not key.endswith("_at")} == {
        "company": "Globex",
        "title": "Data engineer",
        "stage": "screening",
        "applied_on": "2026-03-14",
        "follow_up_on": "2026-03-28",
        "job_url": "https://globex.example/jobs/1",
        "location": "Berlin",
        "work_mode": "hybrid",
        "source": "referral",
        "salary_min": "50000",
        "salary_max": "60000",
        "currency": "EUR",
        "notes": "Met them at PyCon.\nSecond line.",
        "salary_period": "year",
        "employment_type": "full_time",
        "closing_on": "2026-04-01",
        "excitement": "4",
        "tags": "python, berlin",
        "description": "<p>Pipelines &amp; <strong>dashboards</strong>.</p>",
    }
    assert dt.datetime.fromisoformat(row["created_at"]) == dt.datetime(
        2026, 3, 20, 12, tzinfo=dt.UTC
    )


def test_times_are_in_utc_and_empty_values_are_empty(owner_client, user):
    user.time_zone = "Europe/Berlin"
    user.save()
    with time_machine.travel(dt.datetime(2026, 1, 10, 9, 30, 15, 123456, tzinfo=dt.UTC)):
        ApplicationFactory(owner=user, company__name="Globex", title="Data engineer")

    (row,) = read(download(owner_client)[1])

    assert row["created_at"] == row["updated_at"] == "2026-01-10T09:30:15Z"
    assert [row[key] for key in ("applied_on", "salary_min", "work_mode", "notes")] == [""] * 4


def test_the_lists_filters_search_and_sort_apply(owner_client, user):
    ApplicationFactory(owner=user, company__name="Initech", title="Data engineer")
    ApplicationFactory(owner=user, company__name="Globex", title="Data analyst")
    ApplicationFactory(owner=user, company__name="Hooli", title="Backend developer")
    ApplicationFactory(owner=user, company__name="Acme", title="Data scientist", stage="rejected")

    rows = read(download(owner_client, "?q=data&stage=active&sort=company")[1])

    assert [(row["company"], row["title"]) for row in rows] == [
        ("Globex", "Data analyst"),
        ("Initech", "Data engineer"),
    ]


def test_an_invalid_filter_is_left_out_as_on_the_list(owner_client, user):
    ApplicationFactory.create_batch(2, owner=user)

    assert len(read(download(owner_client, "?stage=nonsense&sort=sideways")[1])) == 2


def test_the_list_links_to_the_export_with_its_filters(owner_client, user):
    ApplicationFactory(owner=user)

    response = owner_client.get(reverse("applications:list") + "?q=data&stage=active&page=1")

    links = {a.text: a.attrs["href"] for a in parse(response).find("main").find_all("a")}
    assert links["Export CSV"] == URL + "?q=data&stage=active"
    assert links["Import"] == reverse("applications:import")


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=1+2"],
)
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(owner_client, user, text):
    ApplicationFactory(owner=user, company__name=f"{text}Co", title=text, notes=text, location=text)

    (row,) = read(download(owner_client)[1])

    for key in ("title", "notes", "location"):
        assert row[key] == "'" + text
    # A company name is stored with its spaces folded: a leading tab is gone.
    company = f"{text}Co" if text.strip() == text else f"{text.strip()}Co"
    assert row["company"] == ("'" + company if text.strip() == text else company)


@pytest.mark.parametrize("text", ["'90s revival", "Data engineer", "O'Brien & Co", "5 - 7 days"])
def test_other_text_is_written_as_it_is(owner_client, user, text):
    ApplicationFactory(owner=user, title=text, notes=text)

    (row,) = read(download(owner_client)[1])

    assert (row["title"], row["notes"]) == (text, text)


def test_another_users_applications_are_not_exported(owner_client, user, other_user):
    ApplicationFactory(owner=user, title="Mine")
    ApplicationFactory(owner=other_user, title="Theirs", company__name="Their company")

    _, content = download(owner_client)

    assert [row["title"] for row in read(content)] == ["Mine"]
    assert b"Their company" not in content


def test_an_empty_account_gets_the_header_only(owner_client):
    assert read(download(owner_client)[1]) == []


def test_anonymous_visitor_is_sent_to_log_in(client, user):
    ApplicationFactory(owner=user)

    assert_sent_to_log_in(client, URL)


@pytest.mark.parametrize("query", ["", "?q=engineer&stage=active&sort=company"])
def test_the_same_number_of_queries_at_n_and_ten_times_n(
    owner_client, user, django_assert_num_queries, query
):
    build_pipeline(user, 20)
    download(owner_client, query)  # warm-up: per-process caches are not the export's cost
    with CaptureQueriesContext(connection) as captured:
        b"".join(owner_client.get(URL + query).streaming_content)
    expected = len(captured)

    build_pipeline(user, 180)
    assert Application.objects.filter(owner=user).count() == 200

    with django_assert_num_queries(expected):
        response = owner_client.get(URL + query)
        rows = read(b"".join(response.streaming_content))
    assert len(rows) > 20
    assert expected <= 4
