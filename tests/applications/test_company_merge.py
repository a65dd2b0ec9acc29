import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from applications.models import Application, Company, Interview, StageChange
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory, InterviewFactory
from tests.html import field_errors, page_messages, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(user):
    company = CompanyFactory(owner=user, name="Globex Ltd", notes="Met them at a fair.")
    for title in ["Analyst", "Data engineer"]:
        application = ApplicationFactory(owner=user, company=company, title=title)
        application.move_to("screening")
        InterviewFactory(application=application)
    return company


@pytest.fixture
def target(user):
    company = CompanyFactory(owner=user, name="Globex", notes="Hiring in Q3.")
    ApplicationFactory(owner=user, company=company, title="Platform engineer")
    return company


def url(company):
    return reverse("companies:merge", args=[company.pk])


def untouched(duplicate, target):
    assert Company.objects.filter(pk=duplicate.pk).exists()
    assert sorted(duplicate.applications.values_list("title", flat=True)) == [
        "Analyst",
        "Data engineer",
    ]
    assert list(target.applications.values_list("title", flat=True)) == ["Platform engineer"]
    target.refresh_from_db()
    assert target.notes == "Hiring in Q3."
    return True


def test_owner_picks_from_their_other_companies_only(owner_client, other_user, duplicate, target):
    CompanyFactory(owner=other_user, name="Secret Corp")

    response = owner_client.get(url(duplicate))

    assert response.status_code == 200
    options = parse(response).find("select", name="target").find_all("option")
    assert [option.text for option in options] == ["Pick a company", "Globex"]


def test_merging_moves_every_application_and_keeps_the_notes(owner_client, duplicate, target):
    response = owner_client.post(url(duplicate), {"target": target.pk}, follow=True)

    assertRedirects(response, target.get_absolute_url())
    assert page_messages(response) == ["Merged Globex Ltd into Globex. Nothing was lost."]
    assert not Company.objects.filter(pk=duplicate.pk).exists()
    assert sorted(target.applications.values_list("title", flat=True)) == [
        "Analyst",
        "Data engineer",
        "Platform engineer",
    ]
    assert Application.objects.count() == 3
    assert StageChange.objects.count() == 5
    assert Interview.objects.count() == 2
    target.refresh_from_db()
    assert target.notes == "Hiring in Q3.\n\nMet them at a fair."


def test_merging_into_another_users_company_is_refused(owner_client, other_user, duplicate, target):
    theirs = CompanyFactory(owner=other_user, name="Globex")

    response = owner_client.post(url(duplicate), {"target": theirs.pk})

    assert response.status_code == 422
    assert field_errors(response, "target") == ["Pick one of your other companies."]
    assert untouched(duplicate, target)
    assert not theirs.applications.exists()


@pytest.mark.parametrize("choice", ["self", "", "abc", "999999"])
def test_a_bad_choice_is_refused(owner_client, duplicate, target, choice):
    value = duplicate.pk if choice == "self" else choice

    response = owner_client.post(url(duplicate), {"target": value})

    assert response.status_code == 422
    assert field_errors(response, "target") in (
        ["Pick one of your other companies."],
        ["This field is required."],
    )
    assert untouched(duplicate, target)


def test_with_no_other_company_there_is_nothing_to_pick(owner_client, duplicate):
    response = owner_client.get(url(duplicate))

    assertContains(response, "You have no other company to merge into.")


def test_another_users_company_is_not_found_and_unchanged(
    stranger_client, other_user, duplicate, target
):
    theirs = CompanyFactory(owner=other_user)

    assert stranger_client.get(url(duplicate)).status_code == 404
    assert stranger_client.post(url(duplicate), {"target": theirs.pk}).status_code == 404
    assert stranger_client.post(url(duplicate), {"target": target.pk}).status_code == 404

    assert untouched(duplicate, target)


def test_anonymous_visitor_is_sent_to_log_in(client, duplicate, target):
    assert_sent_to_log_in(client, url(duplicate), {"target": target.pk})
    assert untouched(duplicate, target)
