"""/rejections/paste/ and its confirm: the per-view checks, nothing written before the
confirm, and a confirm that records exactly what /applications/<id>/reject/ records."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applications.models import Application, Company, Stage, StageChange
from contacts.models import Contact
from core.models import SubmitKey
from core.pages import ALREADY_ADDED
from feedback.models import Rejection
from feedback.views.rejections import RECORDED
from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory
from tests.html import parse
from tests.test_url_walker import forms_on, snapshot

FIXTURES = Path(__file__).parent / "fixtures"
PASTE = reverse("rejections:paste")
CONFIRM = reverse("rejections:paste_confirm")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def june_2025():
    with time_machine.travel(dt.datetime(2025, 6, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def northwind(user):
    return CompanyFactory(owner=user, name="Northwind Analytics")


@pytest.fixture
def analyst(user, northwind):
    application = ApplicationFactory(
        owner=user, company=northwind, title="Data Analyst", applied_on=dt.date(2025, 5, 2)
    )
    application.move_to(Stage.INTERVIEWING)
    return application


def fixture(name):
    return (FIXTURES / name).read_bytes()


def rows():
    """Every row of the project's models, and the submit keys."""
    return snapshot(), SubmitKey.objects.count()


def read(client, text=None, upload=None, **extra):
    data = {"email": text or "", **extra}
    if upload is not None:
        data["file"] = SimpleUploadedFile(upload, fixture(upload), content_type="message/rfc822")
    return client.post(PASTE, data)


def confirm_form(response):
    """What the browser sends when the confirm page's form is submitted as shown."""
    assert response.status_code == 200, response.content.decode()[:2000]
    [form] = [form for form in forms_on(response, PASTE) if form.action == CONFIRM]
    return form.body()


# --- Access and methods ---------------------------------------------------------------


def test_anonymous_visitors_go_to_login(client):
    for url in (PASTE, CONFIRM):
        for response in (client.get(url), client.post(url, {"email": "x"})):
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")


def test_get_shows_the_form(owner_client):
    response = owner_client.get(PASTE)
    assert response.status_code == 200
    page = parse(response)
    [form] = [form for form in page.find_all("form") if form.attrs.get("action") == PASTE]
    assert form.attrs["enctype"] == "multipart/form-data"
    assert form.find("textarea").attrs["name"] == "email"
    assert any(i.attrs.get("type") == "file" for i in form.find_all("input"))
    assert "Got a “no”? Paste the email" in response.content.decode()


def test_the_confirm_is_post_only(owner_client):
    before = rows()
    assert owner_client.get(CONFIRM).status_code == 405
    assert rows() == before


def test_csrf_is_checked_on_both_posts(user, analyst):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    before = rows()
    assert client.post(PASTE, {"email": "Unfortunately no."}).status_code == 403
    upload = SimpleUploadedFile("a.eml", fixture("recruiter.eml"))
    assert client.post(PASTE, {"file": upload}).status_code == 403
    assert client.post(CONFIRM, {"application": analyst.pk}).status_code == 403
    assert rows() == before


# --- Reading the email: nothing written ----------------------------------------------


def test_a_paste_proposes_the_best_match_and_writes_nothing(owner_client, user, analyst):
    ApplicationFactory(owner=user, company=analyst.company, title="Data Engineer")
    before = rows()
    response = read(owner_client, fixture("recruiter.eml").decode())
    assert rows() == before
    data = confirm_form(response)
    assert data["application"] == str(analyst.pk)  # preselected
    page = response.content.decode()
    assert "Data Engineer" in page and "None of these" in page
    assert data["received_on"] == "2025-06-05"
    assert data["at_stage"] == "interview"
    assert data["contact_name"] == "Priya Shah"
    assert data["contact_email"] == "priya.shah@northwind-analytics.com"
    assert data["contact_title"] == "Senior Talent Partner"
    assert data["email_subject"] == "Re: Data Analyst interview - next steps"
    assert "sender_automated" not in data  # unticked
    assert "more experience with dbt and Airflow" in data["reason_given"]
    assert "Thank you again for taking the time" in data["message"]


def test_an_uploaded_eml_from_an_ats(owner_client, user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    before = rows()
    response = read(owner_client, upload="greenhouse.eml")
    assert rows() == before
    data = confirm_form(response)
    assert data["sender_automated"] == "on"
    assert data["contact_name"] == "" and data["contact_email"] == ""
    assert "automated address: nobody reads a reply" in response.content.decode()


def test_an_automated_sender_offers_the_companys_contacts(owner_client, user, northwind):
    ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    priya = ContactFactory(owner=user, company=northwind, name="Priya Shah")
    ContactFactory(owner=user, name="Elsewhere Person")
    response = read(owner_client, upload="greenhouse.eml")
    contact = parse(response).find("select", name="contact")
    options = [option.attrs.get("value") for option in contact.find_all("option")]
    assert options == ["", str(priya.pk)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "Paste the email, or choose a .eml file."),
        ({"email": "   \n  "}, "Paste the email, or choose a .eml file."),
        ({"email": "x" * (1024 * 1024 + 1)}, "longer than one email"),
    ],
)
def test_an_empty_or_huge_paste_is_refused_in_words(owner_client, data, message):
    before = rows()
    response = owner_client.post(PASTE, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert rows() == before


@pytest.mark.parametrize(
    ("name", "message"),
    [("garbage.bin", "not an email Onward can read"), ("empty.eml", "The file is empty")],
)
def test_garbage_and_empty_uploads_are_refused_in_words(owner_client, name, message):
    before = rows()
    response = read(owner_client, upload=name)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert rows() == before


def test_an_upload_over_1_mb_is_refused_and_not_kept(owner_client):
    big = fixture("recruiter.eml") + b"\n" + b"x" * (1024 * 1024)
    before = rows()
    response = owner_client.post(PASTE, {"file": SimpleUploadedFile("big.eml", big)})
    assert response.status_code == 422
    assert "This file is 1.1 MB; Onward reads emails of up to 1 MB" in response.content.decode()
    assert rows() == before


def test_the_error_text_is_tied_to_its_field(owner_client):
    response = owner_client.post(PASTE, {"email": ""})
    page = parse(response)
    textarea = page.find("textarea")
    assert textarea.attrs.get("aria-invalid") == "true"
    described = textarea.attrs.get("aria-describedby", "").split()
    texts = [element.text for element in page.iter() if element.attrs.get("id") in described]
    assert any("Paste the email, or choose a .eml file." in text for text in texts), texts


# --- Confirming ------------------------------------------------------------------------


def test_confirm_records_the_rejection_and_opens_step_1(owner_client, user, analyst):
    data = confirm_form(read(owner_client, fixture("recruiter.eml").decode()))
    response = owner_client.post(CONFIRM, data)
    rejection = Rejection.objects.get(application=analyst)
    assert response.status_code == 302
    assert response["Location"] == reverse("rejections:reflect", args=[rejection.pk])
    assert RECORDED in owner_client.get(response["Location"]).content.decode()
    analyst.refresh_from_db()
    assert analyst.stage == Stage.REJECTED
    assert rejection.received_on == dt.date(2025, 6, 5)
    assert rejection.email_subject == "Re: Data Analyst interview - next steps"
    assert rejection.sender_automated is False
    priya = rejection.contact
    assert (priya.name, priya.email, priya.title, priya.relation, priya.company) == (
        "Priya Shah",
        "priya.shah@northwind-analytics.com",
        "Senior Talent Partner",
        "recruiter",
        analyst.company,
    )
    assert priya.owner == user


def test_confirm_records_exactly_what_the_reject_route_records(owner_client, user, northwind):
    """Two applications alike: one rejected through /applications/<id>/reject/, one
    through a paste; the rows written are the same."""
    by_form, by_paste = (
        ApplicationFactory(owner=user, company=northwind, title=title, stage=Stage.SCREENING)
        for title in ("Data Analyst", "Data Analyst (2)")
    )
    data = confirm_form(read(owner_client, upload="greenhouse.eml"))
    data["application"] = str(by_paste.pk)
    assert str(by_paste.pk) in data["candidates"].split(",")
    fields = ["received_on", "at_stage", "channel", "reason_given", "message"]
    reject_url = reverse("applications:reject", args=[by_form.pk])
    by_form_response = owner_client.post(reject_url, {name: data[name] for name in fields})
    by_paste_response = owner_client.post(CONFIRM, data)

    first, second = (Rejection.objects.get(application=a) for a in (by_form, by_paste))
    left_out = {"id", "application_id", "created_at", "updated_at"}
    pasted_only = {"email_subject", "sender_automated"}
    as_form = {k: v for k, v in vars(first).items() if not k.startswith("_")}
    as_paste = {k: v for k, v in vars(second).items() if not k.startswith("_")}
    for name in left_out | pasted_only:
        as_form.pop(name), as_paste.pop(name)
    assert as_form == as_paste
    assert (second.email_subject, second.sender_automated) == (
        "Your application for Data Analyst at Northwind Analytics",
        True,
    )

    def timeline(application):
        return list(
            StageChange.objects.filter(application=application)
            .order_by("pk")
            .values_list("from_stage", "to_stage", "note")
        )

    assert timeline(by_form) == timeline(by_paste)
    for application in (by_form, by_paste):
        application.refresh_from_db()
    assert (by_form.stage, by_form.reached) == (by_paste.stage, by_paste.reached)
    assert by_form_response["Location"] == reverse("rejections:reflect", args=[first.pk])
    assert by_paste_response["Location"] == reverse("rejections:reflect", args=[second.pk])


def test_none_of_these_adds_the_application(owner_client, user):
    data = confirm_form(read(owner_client, upload="workday.eml"))
    assert data["application"] == "new"
    assert (data["company"], data["title"]) == ("Initech", "Senior Product Designer")
    # The email is from 11 June; the application is added today, the 20th.
    assert data["received_on"] == "2025-06-11"
    response = owner_client.post(CONFIRM, data)
    application = Application.objects.get(owner=user)
    assert (application.company.name, application.title) == ("Initech", "Senior Product Designer")
    assert application.stage == Stage.REJECTED
    assert list(
        StageChange.objects.filter(application=application).values_list("from_stage", "to_stage")
    ) == [("", "applied"), ("applied", "rejected")]
    rejection = application.rejection
    assert rejection.received_on == dt.date(2025, 6, 11)
    assert rejection.sender_automated is True and rejection.contact is None
    assert response["Location"] == reverse("rejections:reflect", args=[rejection.pk])


def test_none_of_these_matches_an_existing_company_by_name(owner_client, user):
    initech = CompanyFactory(owner=user, name="INITECH")
    data = confirm_form(read(owner_client, upload="workday.eml")) | {"company": " initech "}
    owner_client.post(CONFIRM, data)
    assert Company.objects.for_user(user).get() == initech
    assert Application.objects.get(owner=user).company == initech


def test_none_of_these_needs_a_company_and_a_title(owner_client):
    data = confirm_form(read(owner_client, upload="workday.eml")) | {"company": "", "title": ""}
    before = rows()
    response = owner_client.post(CONFIRM, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Type the company’s name for the new application." in page
    assert "Type the job title for the new application." in page
    assert rows() == before


def test_picking_a_known_contact(owner_client, user, analyst):
    priya = ContactFactory(owner=user, company=analyst.company, name="Priya Shah")
    data = confirm_form(read(owner_client, upload="greenhouse.eml"))
    data |= {"application": str(analyst.pk), "contact": str(priya.pk)}
    owner_client.post(CONFIRM, data)
    assert Rejection.objects.get(application=analyst).contact == priya
    assert Contact.objects.filter(owner=user).count() == 1


def test_a_known_sender_is_preselected_not_added_again(owner_client, user, analyst):
    priya = ContactFactory(
        owner=user,
        company=analyst.company,
        name="Priya",
        email="priya.shah@northwind-analytics.com",
    )
    data = confirm_form(read(owner_client, upload="recruiter.eml"))
    assert data["contact"] == str(priya.pk) and data["contact_name"] == ""
    owner_client.post(CONFIRM, data)
    assert Rejection.objects.get(application=analyst).contact == priya
    assert Contact.objects.filter(owner=user).count() == 1


def test_a_contact_picked_and_a_name_typed_is_asked(owner_client, user, analyst):
    priya = ContactFactory(owner=user, company=analyst.company, name="Priya Shah")
    data = confirm_form(read(owner_client, upload="recruiter.eml")) | {"contact": str(priya.pk)}
    before = rows()
    response = owner_client.post(CONFIRM, data)
    assert response.status_code == 422
    assert "You picked Priya Shah above." in response.content.decode()
    assert rows() == before


def test_a_strangers_application_is_refused_and_never_shown(
    owner_client, user, other_user, analyst
):
    theirs = ApplicationFactory(owner=other_user, title="Secret Stranger Role")
    data = confirm_form(read(owner_client, upload="recruiter.eml"))
    before = rows()
    for forged in (
        {"application": str(theirs.pk)},
        {"application": str(theirs.pk), "candidates": f"{analyst.pk},{theirs.pk}"},
        {"application": "99999999999999999999999"},
        {"application": "-1", "candidates": "abc,-1,99999999999999999999"},
    ):
        response = owner_client.post(CONFIRM, data | forged)
        assert response.status_code == 422
        page = response.content.decode()
        assert "Pick one of the applications listed" in page
        assert "Secret Stranger Role" not in page
    assert rows() == before
    assert not Rejection.objects.filter(application=theirs).exists()


def test_a_strangers_contact_is_refused(owner_client, user, other_user, analyst):
    theirs = ContactFactory(owner=other_user, company=CompanyFactory(owner=other_user))
    data = confirm_form(read(owner_client, upload="greenhouse.eml"))
    data |= {"application": str(analyst.pk), "contact": str(theirs.pk)}
    before = rows()
    response = owner_client.post(CONFIRM, data)
    assert response.status_code == 422
    assert "Pick one of your contacts at the company, or nobody." in response.content.decode()
    assert rows() == before


def test_a_double_submit_records_once(owner_client, user, analyst):
    data = confirm_form(read(owner_client, upload="workday.eml"))
    first = owner_client.post(CONFIRM, data)
    second = owner_client.post(CONFIRM, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.filter(owner=user, title="Senior Product Designer").count() == 1
    assert Rejection.objects.filter(application__owner=user).count() == 1
    assert ALREADY_ADDED in owner_client.get(second["Location"]).content.decode()


def test_confirming_again_without_a_key_edits_the_one_rejection(owner_client, analyst):
    data = confirm_form(read(owner_client, upload="greenhouse.eml"))
    data |= {"application": str(analyst.pk), "submit_key": ""}
    owner_client.post(CONFIRM, data)
    response = owner_client.post(CONFIRM, data | {"reason_given": "Changed"})
    rejection = Rejection.objects.get(application=analyst)
    assert rejection.reason_given == "Changed"
    assert response["Location"] == rejection.get_absolute_url()


# --- The received date -------------------------------------------------------------------


def test_an_old_email_for_an_application_added_later_is_accepted(owner_client, user, northwind):
    # Added to Onward today (20 June), no applied date; the "no" came on 3 June.
    application = ApplicationFactory(owner=user, company=northwind, title="Data Analyst")
    data = confirm_form(read(owner_client, upload="greenhouse.eml"))
    assert data["application"] == str(application.pk)
    assert owner_client.post(CONFIRM, data).status_code == 302
    assert Rejection.objects.get(application=application).received_on == dt.date(2025, 6, 3)


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        ("2025-05-01", "The rejection can’t come before you applied (2 May 2025)."),
        ("2025-06-22", "The rejection can’t be dated in the future."),
        ("1969-12-31", "Check the year: this date is too far back."),
    ],
)
def test_the_received_date_is_bounded(owner_client, analyst, received_on, message):
    data = confirm_form(read(owner_client, upload="recruiter.eml"))
    before = rows()
    response = owner_client.post(CONFIRM, data | {"received_on": received_on})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert rows() == before


def test_tomorrow_is_allowed_for_a_time_zone_ahead(owner_client, analyst):
    data = confirm_form(read(owner_client, upload="recruiter.eml"))
    assert owner_client.post(CONFIRM, data | {"received_on": "2025-06-21"}).status_code == 302


# --- Links -------------------------------------------------------------------------------


def test_got_a_no_is_linked_from_the_dashboard_and_open_applications(owner_client, user, analyst):
    assert PASTE in owner_client.get(reverse("insights:dashboard")).content.decode()
    page = owner_client.get(analyst.get_absolute_url()).content.decode()
    assert f"{PASTE}?application={analyst.pk}" in page
    closed = ApplicationFactory(owner=user, stage=Stage.WITHDRAWN)
    assert PASTE not in owner_client.get(closed.get_absolute_url()).content.decode()


def test_the_application_you_came_from_is_proposed_first(owner_client, user, analyst):
    elsewhere = ApplicationFactory(owner=user, title="Cook")
    form = parse(owner_client.get(PASTE, {"application": elsewhere.pk}))
    hidden = form.find("input", name="application")
    assert hidden.attrs["value"] == str(elsewhere.pk)
    response = read(owner_client, upload="recruiter.eml", application=str(elsewhere.pk))
    assert confirm_form(response)["application"] == str(elsewhere.pk)


def test_a_known_sender_without_a_company_is_still_offered(owner_client, user, analyst):
    priya = ContactFactory(
        owner=user, company=None, name="Priya", email="priya.shah@northwind-analytics.com"
    )
    data = confirm_form(read(owner_client, upload="recruiter.eml"))
    assert data["contact"] == str(priya.pk)
    assert owner_client.post(CONFIRM, data).status_code == 302
    assert Rejection.objects.get(application=analyst).contact == priya
