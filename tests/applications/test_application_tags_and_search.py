"""Tags (one normalised line of text) and the list's search over descriptions."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from applications.capture.tags import normalise_tags
from applications.models import Application, format_salary
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("applications:list")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Remote,  python ,remote", "remote, python"),
        (" , ,", ""),
        ("Data   Science, DATA science", "data science"),
        (",".join(f"t{n}" for n in range(30)), ", ".join(f"t{n}" for n in range(20))),
        ("x" * 60, "x" * 40),
    ],
)
def test_tags_are_normalised(typed, kept):
    assert normalise_tags(typed) == kept


def test_the_model_keeps_tags_normalised(user):
    application = ApplicationFactory(owner=user, tags="Python,  Leeds ,python")

    application.refresh_from_db()

    assert application.tags == "python, leeds"
    assert application.tag_list == ["python", "leeds"]


def test_the_tag_filter_matches_whole_tags_only(owner_client, user, other_user):
    ApplicationFactory(owner=user, title="First", tags="python")
    ApplicationFactory(owner=user, title="Middle", tags="go, python, sql")
    ApplicationFactory(owner=user, title="Last", tags="go, python")
    ApplicationFactory(owner=user, title="Lookalike", tags="pythonic, cpython")
    ApplicationFactory(owner=other_user, title="Stranger", tags="python")

    found = Application.objects.for_user(user).tagged("Python")
    response = owner_client.get(LIST, {"tag": "python"})

    assert sorted(found.values_list("title", flat=True)) == ["First", "Last", "Middle"]
    assertContains(response, "3 applications")
    assertNotContains(response, "Lookalike")
    assertNotContains(response, "Stranger")
    assertContains(response, 'href="/applications/?tag=python"')


def test_the_search_reads_descriptions_and_tags(owner_client, user):
    ApplicationFactory(owner=user, title="One", description="<p>Our R&amp;D lab in Leeds</p>")
    ApplicationFactory(owner=user, title="Two", tags="kubernetes")
    ApplicationFactory(owner=user, title="Three", description="<p>Nothing here</p>")

    def titles(text):
        return sorted(
            Application.objects.for_user(user).search(text).values_list("title", flat=True)
        )

    assert titles("r&d") == ["One"]
    assert titles("leeds") == ["One"]
    assert titles("Kubernetes") == ["Two"]
    assertContains(owner_client.get(LIST, {"q": "R&D"}), "1 application")


@pytest.mark.parametrize(
    ("low", "high", "currency", "period", "shown"),
    [
        (48_000, 55_000, "GBP", "year", "£48,000–55,000 a year"),
        (60_000, None, "EUR", "", "from €60,000"),
        (None, 500, "CHF", "day", "up to 500 CHF a day"),
        (40, 40, "USD", "hour", "$40 an hour"),
        (3_800, 4_400, "", "month", "3,800–4,400 a month"),
        (None, None, "GBP", "year", ""),
    ],
)
def test_salaries_are_shown_as_people_write_them(low, high, currency, period, shown):
    assert format_salary(low, high, currency, period) == shown
