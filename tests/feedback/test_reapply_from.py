"""When to try again: a rejection sets the company's reapply_from 6 months on (never
earlier than it was), the company page says so, and the new-application form and an
application's page carry a gentle note while that day is to come. Nothing is blocked."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from applications.models import Application, Company, Stage
from core.days import months_after
from feedback.services import reapply_day
from tests.factories import ApplicationFactory, CompanyFactory
from tests.test_no_lost_update import rejection_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def june_2025():
    with time_machine.travel(dt.datetime(2025, 6, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def reject(client, application, received_on):
    url = reverse("applications:reject", args=[application.pk])
    response = client.post(url, rejection_form(received_on=received_on))
    assert response.status_code == 302
    application.company.refresh_from_db()
    return application.company.reapply_from


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 6, 3), dt.date(2025, 12, 3)),
        (dt.date(2025, 8, 31), dt.date(2026, 2, 28)),
        (dt.date(2023, 8, 31), dt.date(2024, 2, 29)),  # a leap year
        (dt.date(2025, 9, 30), dt.date(2026, 3, 30)),
        (dt.date(2100, 12, 1), dt.date(2100, 12, 31)),  # the calendar's last day
    ],
)
def test_six_months_on(day, expected):
    assert reapply_day(day) == expected


def test_months_after_keeps_the_day_or_takes_the_months_last():
    assert months_after(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert months_after(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)


def test_a_rejection_sets_it(owner_client, user):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)
    assert reject(owner_client, application, "2025-06-03") == dt.date(2025, 12, 3)


def test_it_never_moves_earlier(owner_client, user):
    company = CompanyFactory(owner=user, reapply_from=dt.date(2026, 5, 1))
    older = ApplicationFactory(owner=user, company=company, stage=Stage.APPLIED)
    assert reject(owner_client, older, "2025-06-03") == dt.date(2026, 5, 1)
    newer = ApplicationFactory(owner=user, company=company, stage=Stage.APPLIED)
    company.reapply_from = dt.date(2025, 7, 1)
    company.save()
    assert reject(owner_client, newer, "2025-06-19") == dt.date(2025, 12, 19)


def test_editing_the_rejection_to_an_earlier_day_keeps_the_later_date(owner_client, user):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)
    assert reject(owner_client, application, "2025-06-19") == dt.date(2025, 12, 19)
    assert reject(owner_client, application, "2025-06-01") == dt.date(2025, 12, 19)


def test_only_the_applications_company_changes(owner_client, user, other_user):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)
    theirs = CompanyFactory(owner=other_user, name=application.company.name)
    mine_elsewhere = CompanyFactory(owner=user)
    reject(owner_client, application, "2025-06-03")
    theirs.refresh_from_db()
    mine_elsewhere.refresh_from_db()
    assert theirs.reapply_from is None and mine_elsewhere.reapply_from is None


def test_the_company_form_edits_and_clears_it(owner_client, user):
    company = CompanyFactory(owner=user, name="Acme", reapply_from=dt.date(2025, 12, 3))
    url = reverse("companies:edit", args=[company.pk])
    page = owner_client.get(url).content.decode()
    assert "Leave it blank for no wait" in page
    assert 'value="2025-12-03"' in page
    data = {"name": "Acme", "website": "", "notes": "", "reapply_from": ""}
    data["version"] = owner_client.get(url).context["form"]["version"].value()
    response = owner_client.post(url, data)
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.reapply_from is None
    data["reapply_from"] = "2026-01-09"
    data["version"] = owner_client.get(url).context["form"]["version"].value()
    assert owner_client.post(url, data).status_code == 302
    company.refresh_from_db()
    assert company.reapply_from == dt.date(2026, 1, 9)


def test_the_company_form_refuses_a_bad_date(owner_client, user):
    company = CompanyFactory(owner=user, name="Acme")
    url = reverse("companies:edit", args=[company.pk])
    data = {"name": "Acme", "website": "", "notes": "", "reapply_from": "1066-10-14"}
    data["version"] = owner_client.get(url).context["form"]["version"].value()
    response = owner_client.post(url, data)
    assert response.status_code == 422
    company.refresh_from_db()
    assert company.reapply_from is None


def test_the_company_page_says_when(owner_client, user):
    company = CompanyFactory(owner=user, reapply_from=dt.date(2025, 12, 20))
    page = owner_client.get(company.get_absolute_url()).content.decode()
    assert "You can apply again from 20 December 2025 (in 6 months)" in page


def test_the_company_page_is_quiet_once_the_day_has_come(owner_client, user):
    company = CompanyFactory(owner=user, reapply_from=dt.date(2025, 6, 20))
    page = owner_client.get(company.get_absolute_url()).content.decode()
    assert "You can apply again" not in page


def test_the_new_application_form_notes_it(owner_client, user):
    CompanyFactory(owner=user, name="Acme Ltd", reapply_from=dt.date(2025, 7, 4))
    page = owner_client.get(reverse("applications:create") + "?company=acme ltd").content
    assert "You can apply again at Acme Ltd from 4 July 2025 (in 2 weeks)" in page.decode()
    plain = owner_client.get(reverse("applications:create")).content.decode()
    assert "You can apply again" not in plain


def test_the_note_after_a_failed_submit_and_saving_is_not_blocked(owner_client, user):
    company = CompanyFactory(owner=user, name="Acme", reapply_from=dt.date(2025, 7, 4))
    url = reverse("applications:create")
    data = {"company": "Acme", "title": "", "stage": Stage.SAVED}
    response = owner_client.post(url, data)
    assert response.status_code == 422
    assert "You can apply again at Acme from 4 July 2025" in response.content.decode()
    data["title"] = "Engineer"
    response = owner_client.post(url, data)
    assert response.status_code == 302
    application = Application.objects.get(title="Engineer")
    assert application.company == company
    page = owner_client.get(application.get_absolute_url()).content.decode()
    assert "You can apply again at Acme from 4 July 2025" in page


def test_a_strangers_company_gives_no_note(owner_client, user, other_user):
    CompanyFactory(owner=other_user, name="Acme", reapply_from=dt.date(2025, 7, 4))
    page = owner_client.get(reverse("applications:create") + "?company=Acme").content.decode()
    assert "You can apply again" not in page


def test_the_htmx_panel_notes_it(owner_client, user):
    CompanyFactory(owner=user, name="Acme", reapply_from=dt.date(2025, 7, 4))
    url = reverse("applications:reengagement") + "?company=Acme"
    assert "You can apply again at Acme" in owner_client.get(url).content.decode()
    assert Company.objects.get(name="Acme").reapply_waiting
