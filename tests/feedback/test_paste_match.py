"""Which applications a pasted "no" is about (feedback/pasted/match.py and prefill.py)."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.bulk import insert_companies
from applications.models import Application, Company, Stage
from feedback.pasted.match import aliases, propose, role_of
from feedback.pasted.parse import PastedEmail, parse_paste, parse_upload
from feedback.pasted.prefill import guess_stage, propose_from
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    RejectionFactory,
    UserFactory,
)

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def june_2025():
    with time_machine.travel(dt.datetime(2025, 6, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def upload(name):
    return parse_upload((FIXTURES / name).read_bytes())


def titles(candidates):
    return [candidate.application.title for candidate in candidates]


@pytest.fixture
def northwind(user):
    return CompanyFactory(owner=user, name="Northwind Analytics")


def test_same_company_two_roles_the_named_role_first(user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Engineer")
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    candidates, _ = propose(user, upload("greenhouse.eml"))
    assert titles(candidates) == ["Data Analyst", "Data Engineer"]
    assert "the role it names" in candidates[0].reasons
    assert "the company" in candidates[0].reasons


def test_the_other_role_wins_when_the_email_names_it(user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    ApplicationFactory(owner=user, company=northwind, title="Data Engineer")
    pasted = parse_paste((FIXTURES / "pasted_no_headers.txt").read_text())
    candidates, _ = propose(user, pasted)
    assert titles(candidates) == ["Data Engineer", "Data Analyst"]


@pytest.mark.parametrize(
    ("name", "website"),
    [
        ("Northwind Analytics Ltd", ""),  # a legal suffix the email leaves out
        ("NORTHWIND   analytics", ""),  # case and spacing
        ("NWA", "https://www.northwind-analytics.com/careers"),  # the website's domain
        ("Northwind", ""),  # the first word alone
    ],
)
def test_company_aliases_and_domains(user, name, website):
    company = CompanyFactory(owner=user, name=name, website=website)
    application = ApplicationFactory(owner=user, company=company, title="Data Analyst")
    ApplicationFactory(owner=user, title="Data Analyst")  # at another company
    candidates, _ = propose(user, upload("recruiter.eml"))
    assert candidates[0].application == application


def test_a_domain_run_together_matches_the_name(user):
    company = CompanyFactory(owner=user, name="Northwind Analytics GmbH")
    application = ApplicationFactory(owner=user, company=company, title="Analyst")
    pasted = PastedEmail(
        sender_name="Talent", sender_address="talent@northwindanalytics.de", body="No, sorry."
    )
    assert titles(propose(user, pasted)[0]) == [application.title]
    assert "northwindanalytics" in aliases("northwind analytics gmbh")


def test_an_automated_sender_named_for_the_employer(user):
    globex = CompanyFactory(owner=user, name="Globex")
    ApplicationFactory(owner=user, company=globex, title="Backend Engineer")
    ApplicationFactory(owner=user, company=globex, title="Frontend Engineer")
    candidates, _ = propose(user, upload("lever.eml"))
    assert titles(candidates) == ["Backend Engineer", "Frontend Engineer"]


def test_on_behalf_of_names_the_company(user):
    initech = CompanyFactory(owner=user, name="Initech")
    ApplicationFactory(owner=user, company=initech, title="Designer")
    ApplicationFactory(owner=user, title="Designer")
    pasted = PastedEmail(
        sender_name="Greenhouse",
        sender_address="no-reply@greenhouse.io",
        body="Sent on behalf of Initech.\n\nWe will not move forward.",
    )
    candidates, _ = propose(user, pasted)
    assert [c.application.company for c in candidates] == [initech]


def test_a_company_with_twenty_applications_finds_the_role(user, northwind):
    roles = [f"{level} {field}" for level in ("Junior", "Senior") for field in range(10)]
    for title in roles:
        ApplicationFactory(owner=user, company=northwind, title=f"Engineer {title}")
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    candidates, _ = propose(user, upload("greenhouse.eml"))
    assert len(candidates) == 5  # a handful, not all 21
    assert candidates[0].application.title == "Data Analyst"


def test_open_applications_first_and_dates_count(user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Analyst", stage=Stage.WITHDRAWN)
    later = ApplicationFactory(
        owner=user, company=northwind, title="Analyst", applied_on=dt.date(2025, 6, 10)
    )
    ApplicationFactory(owner=user, company=northwind, title="Analyst", stage=Stage.APPLIED)
    email = upload("greenhouse.eml")  # sent 3 June 2025
    candidates, _ = propose(user, email, sent_on=dt.date(2025, 6, 3))
    # Applied after the email was sent: unlikely, so last; withdrawn before it.
    assert candidates[-1].application == later
    assert candidates[0].application.stage == Stage.APPLIED


def test_applications_with_a_rejection_and_other_users_are_left_out(user, northwind):
    rejected = ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    RejectionFactory(application=rejected)
    imported = ApplicationFactory(
        owner=user, company=northwind, title="Data Analyst", stage=Stage.REJECTED
    )
    stranger = UserFactory()
    theirs = CompanyFactory(owner=stranger, name="Northwind Analytics")
    ApplicationFactory(owner=stranger, company=theirs, title="Data Analyst")
    candidates, _ = propose(user, upload("greenhouse.eml"))
    # An application imported as rejected, with no rejection recorded, is proposed.
    assert [c.application for c in candidates] == [imported]


def test_no_match(user):
    ApplicationFactory(owner=user, company=CompanyFactory(owner=user, name="Acme"), title="Cook")
    proposal = propose_from(user, upload("workday.eml"))
    assert proposal.candidates == []
    assert proposal.new_application == {"company": "Initech", "title": "Senior Product Designer"}


def test_without_a_company_the_role_words_find_open_applications(user):
    application = ApplicationFactory(owner=user, title="Senior Product Designer")
    ApplicationFactory(owner=user, title="Accountant")
    pasted = PastedEmail(body="Thank you for your application for the Product Designer role.")
    candidates, _ = propose(user, pasted)
    assert [c.application for c in candidates] == [application]


def test_the_page_you_came_from_comes_first(user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    elsewhere = ApplicationFactory(owner=user, title="Cook")
    candidates, _ = propose(user, upload("greenhouse.eml"), preferred=elsewhere.pk)
    assert candidates[0].application == elsewhere
    stranger_app = ApplicationFactory(title="Cook")
    candidates, _ = propose(user, upload("greenhouse.eml"), preferred=stranger_app.pk)
    assert stranger_app not in [c.application for c in candidates]


@pytest.mark.parametrize(
    ("subject", "role"),
    [
        ("Your application for Data Analyst at Northwind Analytics", "Data Analyst"),
        ("Re: Data Analyst interview - next steps", "Data Analyst"),
        ("Update on your application for the Senior Engineer position", "Senior Engineer"),
        ("Thank you for your interest in the Head of Data role", "Head of Data"),
        ("Ihre Bewerbung als Geschäftsführer", "Geschäftsführer"),
        ("Your application", ""),
        ("Update on your Globex application", ""),
    ],
)
def test_role_of_a_subject(subject, role):
    assert role_of(subject, "") == role


def test_stage_from_the_furthest_stage_and_the_wording(user):
    application = ApplicationFactory(owner=user, stage=Stage.APPLIED)
    assert guess_stage(application, "We reviewed your CV.") == "cv"
    assert guess_stage(application, "Thank you for interviewing with us.") == "interview"
    assert guess_stage(application, "After the final round we chose…") == "final_round"
    application.move_to(Stage.INTERVIEWING)
    application.move_to(Stage.REJECTED)
    application.refresh_from_db()
    # Moved on to rejected, it still got as far as interviews.
    assert guess_stage(application, "We reviewed your application.") == "interview"
    assert guess_stage(None, "") == "cv"


def test_the_prefill_of_a_human_sender(user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    proposal = propose_from(user, upload("recruiter.eml"))
    assert proposal.automated is False
    assert proposal.sender == {
        "name": "Priya Shah",
        "email": "priya.shah@northwind-analytics.com",
        "title": "Senior Talent Partner",
        "relation": "recruiter",
    }
    assert proposal.rejection["received_on"] == dt.date(2025, 6, 5)
    assert proposal.rejection["email_subject"] == "Re: Data Analyst interview - next steps"
    assert proposal.rejection["at_stage"] == "interview"  # "taking the time to interview"
    assert "more experience with dbt and Airflow" in proposal.rejection["reason_given"]


def test_a_known_sender_is_their_contact(user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    priya = ContactFactory(
        owner=user, company=northwind, name="Priya", email="PRIYA.SHAH@northwind-analytics.com"
    )
    proposal = propose_from(user, upload("recruiter.eml"))
    assert proposal.existing_contact == priya
    assert proposal.rejection["contact"] == priya.pk
    assert proposal.sender == {}


def test_an_automated_sender_is_no_contact(user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    proposal = propose_from(user, upload("greenhouse.eml"))
    assert proposal.automated is True
    assert proposal.sender == {} and proposal.rejection["contact"] is None
    assert proposal.rejection["sender_automated"] is True


def test_a_date_in_the_future_is_not_used(user):
    pasted = PastedEmail(body="No.", sent_on=dt.date(2031, 1, 1))
    proposal = propose_from(user, pasted)
    assert proposal.rejection["received_on"] == user.today()
    assert proposal.notes


def seed(user, count):
    """`count` applications over count/5 companies, and Northwind with its roles."""
    companies = insert_companies(
        [Company(owner=user, name=f"Company {n}") for n in range(count // 5)]
    )
    Application.objects.bulk_create(
        [
            Application(owner=user, company=companies[n % len(companies)], title=f"Role {n}")
            for n in range(count)
        ],
        batch_size=1000,
    )
    northwind = CompanyFactory(owner=user, name="Northwind Analytics")
    for title in ("Data Analyst", "Data Engineer"):
        ApplicationFactory(owner=user, company=northwind, title=title)


def paste_queries(client):
    body = (FIXTURES / "greenhouse.eml").read_text()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("rejections:paste"), {"email": body})
    assert response.status_code == 200
    assert b"Data Analyst" in response.content
    return len(queries)


def test_the_paste_page_reads_a_flat_number_of_queries(client_for, django_assert_num_queries):
    small, large = UserFactory(), UserFactory()
    seed(small, 1_000)
    seed(large, 10_000)
    expected = paste_queries(client_for(small))
    client = client_for(large)
    with django_assert_num_queries(expected):
        paste_queries(client)
