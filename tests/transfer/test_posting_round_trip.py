"""Export → delete → import keeps what a captured posting brought: the description as
sanitised HTML, byte for byte, and the posting's fields. A version 1 file (made before
them) is still read."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application
from tests.factories import PASSWORD, ApplicationFactory, UserFactory
from tests.transfer.test_round_trip import comparable, download, round_trip

pytestmark = pytest.mark.django_db

EMAIL = "posting@example.org"
DESCRIPTION = (
    "<h2>Über die Rolle</h2><p>R&amp;D at <strong>Smith &amp; Søn</strong>&nbsp;— "
    '<a href="https://example.org/apply?a=1&amp;b=2" rel="nofollow noopener">apply</a>, '
    '<a href="mailto:jobs@example.org" rel="nofollow noopener">mail</a>.</p>'
    "<ul><li>5 &lt; 6</li><li><em>一</em> <i>two</i> <b>three</b></li></ul>"
    "<ol><li>x</li></ol><h3>h3</h3><h4>h4</h4><p>line<br>break</p>" + "<p>Long.</p>" * 10_000
)
FIELDS = [
    "description",
    "salary_min",
    "salary_max",
    "currency",
    "salary_period",
    "employment_type",
    "closing_on",
    "excitement",
    "tags",
    "location",
    "work_mode",
]


def posting_fields(user):
    return list(Application.objects.filter(owner=user).order_by("pk").values_list("title", *FIELDS))


def test_descriptions_and_the_posting_fields_come_back_identical():
    owner = UserFactory(email=EMAIL)
    ApplicationFactory(
        owner=owner,
        title="Captured",
        stage="saved",
        description=DESCRIPTION,
        salary_min=48_000,
        salary_max=55_000,
        currency="GBP",
        salary_period="year",
        employment_type="full_time",
        closing_on=dt.date(2026, 12, 31),
        excitement=5,
        tags="python, leeds, 王",
        location="Leeds",
        work_mode="hybrid",
    )
    ApplicationFactory(owner=owner, title="Typed by hand")
    before = posting_fields(owner)
    assert before[0][1] == DESCRIPTION  # already as sanitised as it gets

    exported, restored, client = round_trip(EMAIL, PASSWORD)

    assert json.loads(exported)["version"] == 2
    assert posting_fields(restored) == before
    assert comparable(download(client)) == comparable(exported)


def test_a_version_1_export_is_still_read(client_for):
    made = {
        "format": "onward-export",
        "version": 1,
        "companies": [{"id": 1, "name": "Initech"}],
        "applications": [{"id": 1, "company": 1, "title": "Analyst", "stage": "applied"}],
    }
    newcomer = client_for(UserFactory(email=EMAIL))

    response = newcomer.post(
        reverse("accounts:import"),
        {"file": SimpleUploadedFile("export.json", json.dumps(made).encode())},
    )

    assert response.status_code == 302
    application = Application.objects.get(owner__email=EMAIL)
    assert (application.title, application.description, application.tags) == ("Analyst", "", "")
    assert (application.salary_period, application.closing_on, application.excitement) == (
        "",
        None,
        None,
    )


def test_a_description_with_a_script_is_sanitised_on_import(client_for):
    made = {
        "format": "onward-export",
        "version": 2,
        "companies": [{"id": 1, "name": "Initech"}],
        "applications": [
            {
                "id": 1,
                "company": 1,
                "title": "Analyst",
                "stage": "applied",
                "description": '<p onclick="x()">Hi</p><script>alert(1)</script>',
                "tags": "  Remote,remote , SQL ",
                "excitement": 4,
            }
        ],
    }
    newcomer = client_for(UserFactory(email=EMAIL))

    newcomer.post(
        reverse("accounts:import"),
        {"file": SimpleUploadedFile("export.json", json.dumps(made).encode())},
    )

    application = Application.objects.get(owner__email=EMAIL)
    assert (application.description, application.tags) == ("<p>Hi</p>", "remote, sql")
    assert application.excitement == 4


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"excitement": 6}, "“excitement”"),
        ({"salary_period": "fortnight"}, "“salary_period”"),
        ({"employment_type": "gig"}, "“employment_type”"),
        ({"closing_on": "2101-01-01"}, "Enter a date between 1970 and 2100."),
        ({"description": "x" * 200_001}, "“description”"),
    ],
)
def test_bad_posting_values_are_refused_in_words(client_for, values, problem):
    made = {
        "format": "onward-export",
        "version": 2,
        "companies": [{"id": 1, "name": "Initech"}],
        "applications": [{"id": 1, "company": 1, "title": "Analyst", "stage": "applied"} | values],
    }
    newcomer = client_for(UserFactory(email=EMAIL))

    response = newcomer.post(
        reverse("accounts:import"),
        {"file": SimpleUploadedFile("export.json", json.dumps(made).encode())},
    )

    assert response.status_code == 422
    assert problem in response.content.decode()
    assert not Application.objects.filter(owner__email=EMAIL).exists()
