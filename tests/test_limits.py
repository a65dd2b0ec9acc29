"""One set of limits per field (core/limits.py, on the model fields), and the same answer
from the form, the CSV import and the account import: the findings of issue 16 item 1."""

import copy
import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from applications.csv.parse import parse_csv
from applications.models import Application, Interview
from contacts.models import Contact
from core import limits
from core.fields import AmountField
from tests.factories import ApplicationFactory, ContactFactory, InterviewFactory
from tests.html import field_errors
from tests.transfer.test_import import document
from transfer import reader
from transfer.export import dumps, export_account

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
IDR = 2_500_000_000  # a yearly salary in rupiah, past PostgreSQL's integer
TOO_MUCH = 10**12 + 1


def application_form(**changes):
    data = {
        "company": "Globex",
        "title": "Data engineer",
        "stage": "applied",
        "salary_min": str(IDR),
        "salary_max": str(IDR * 2),
        "currency": "IDR",
        "applied_on": "2026-03-01",
    }
    data.update(changes)
    return data


def import_errors(client, doc):
    response = client.post(
        reverse("accounts:import"),
        {"file": SimpleUploadedFile("export.json", json.dumps(doc).encode())},
    )
    return response.status_code, field_errors(response, "file")


# Amounts: a salary in rupiah, won or yen fits everywhere, on every database.


@time_machine.travel(NOW, tick=False)
def test_a_salary_in_rupiah_from_the_form_comes_back_from_the_export(
    owner_client, user, client_for, django_user_model
):
    response = owner_client.post(reverse("applications:create"), application_form())
    assert response.status_code == 302
    application = Application.objects.get(owner=user)
    assert (application.salary_min, application.salary_max) == (IDR, IDR * 2)

    raw = dumps(export_account(user)).encode()
    user.delete()
    newcomer = django_user_model.objects.create_user("again@example.org", "x" * 20)
    status, errors = import_errors(client_for(newcomer), json.loads(raw))

    assert status == 302, errors
    assert Application.objects.get(owner=newcomer).salary_max == IDR * 2


def test_the_csv_import_reads_a_salary_in_rupiah(user):
    parsed = parse_csv(b"Company,Title,Salary\nGlobex,Engineer,IDR 2500000000\n", user)

    assert parsed.problems == []
    assert (parsed.rows[0]["salary_min"], parsed.rows[0]["salary_max"]) == (IDR, IDR)


def test_a_salary_past_the_limit_is_refused_by_form_csv_and_import_alike(owner_client, user):
    response = owner_client.post(
        reverse("applications:create"), application_form(salary_max=str(TOO_MUCH))
    )
    assert response.status_code == 422
    assert field_errors(response, "salary_max") == [limits.AMOUNT_MESSAGE]

    parsed = parse_csv(f"Company,Title,Salary to\nGlobex,Engineer,{TOO_MUCH}\n".encode(), user)
    assert [message for _, _, message in parsed.problems] == [limits.AMOUNT_MESSAGE]

    doc = document()
    doc["applications"][0]["salary_max"] = TOO_MUCH
    status, errors = import_errors(owner_client, doc)
    assert status == 422
    assert (
        "Application 1: “salary_max” should be a whole number from 0 to 1,000,000,000,000, "
        "not 1,000,000,000,001."
    ) in errors
    assert not Application.objects.exists()


# Dates: 1970 to 2100 for anything a person enters, whatever came in.


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("applications", 0, "interviews", 0, "starts_at"), "9999-12-31T23:00:00Z", "interview 1"),
        (("contacts", 0, "next_check_in_on"), "9999-12-31", "Contact 1"),
        (("applications", 1, "follow_up_on"), "2101-01-01", "Application 2"),
        (("applications", 0, "applied_on"), "1969-12-31", "Application 1"),
        (("lessons", 0, "target_on"), "9999-12-31", "Lesson 1"),
        (("rejections", 0, "received_on"), "0001-01-01", "Rejection 1"),
        (("companies", 0, "created_at"), "9999-12-31T23:59:59Z", "Company 1"),
    ],
)
def test_the_import_refuses_a_date_the_forms_refuse(owner_client, user, path, value, where):
    doc = document()
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    status, errors = import_errors(owner_client, doc)

    assert status == 422
    assert any(where in error and limits.DATE_MESSAGE in error for error in errors), errors
    assert not Application.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_interview_in_kiritimati_at_the_end_of_time_is_refused_by_the_form(owner_client, user):
    user.time_zone = "Pacific/Kiritimati"
    user.save()
    application = ApplicationFactory(owner=user)

    response = owner_client.post(
        reverse("applications:interview_create", args=[application.pk]),
        {"starts_at": "9999-12-31T23:00", "kind": "video", "outcome": "pending"},
    )

    assert response.status_code == 422
    assert not Interview.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("field", ["applied_on", "follow_up_on"])
def test_the_application_form_refuses_a_day_outside_1970_to_2100(owner_client, field):
    response = owner_client.post(
        reverse("applications:create"), application_form(**{field: "1969-12-31"})
    )

    assert response.status_code == 422
    assert field_errors(response, field) == [limits.DATE_MESSAGE]


def test_the_csv_import_refuses_a_day_outside_1970_to_2100(user):
    parsed = parse_csv(b"Company,Title,Follow up on\nGlobex,Engineer,2101-01-01\n", user)

    assert [message for _, _, message in parsed.problems] == [limits.DATE_MESSAGE]


def test_the_pages_that_answered_500_answer_after_the_limits(owner_client, user):
    """The finding: after importing these, the dashboard, board and application page
    answered 500. Now the import refuses them, and the pages answer for the last days
    a person may enter."""
    user.time_zone = "Pacific/Kiritimati"
    user.save()
    application = ApplicationFactory(owner=user, follow_up_on=limits.LATEST_DAY)
    InterviewFactory(application=application, starts_at=limits.LATEST_MOMENT)
    ContactFactory(owner=user, keep_in_touch_days=365, last_contacted_on=limits.LATEST_DAY)

    for url in [
        reverse("insights:dashboard"),
        reverse("applications:board"),
        application.get_absolute_url(),
        reverse("reminders:list"),
    ]:
        assert owner_client.get(url).status_code == 200, url

    doc = copy.deepcopy(export_account(user))
    assert reader.read_export(dumps(doc).encode())


def test_a_check_in_computed_past_2100_stays_within_the_limit(user):
    contact = ContactFactory(owner=user, keep_in_touch_days=365, last_contacted_on=date(2100, 6, 1))

    assert contact.next_check_in_on == limits.LATEST_DAY
    Contact.objects.get(pk=contact.pk).full_clean()


# Time zones: any IANA zone, nothing else.


def test_a_time_zone_is_one_of_the_iana_zones():
    with pytest.raises(limits.ValidationError):
        limits.validate_time_zone("Mars/Olympus_Mons")
    limits.validate_time_zone("Pacific/Kiritimati")


# Every field a person enters, or a file brings back, carries its limit.

OWNED_MODELS = [
    "applications.Company",
    "applications.Application",
    "applications.StageChange",
    "applications.Interview",
    "contacts.Contact",
    "contacts.Interaction",
    "feedback.Rejection",
    "feedback.Reflection",
    "feedback.FeedbackRequest",
    "feedback.Lesson",
]


def owned_fields():
    from django.apps import apps

    for label in OWNED_MODELS:
        for field in apps.get_model(label)._meta.concrete_fields:
            yield f"{label}.{field.name}", field


@pytest.mark.parametrize(
    ("name", "field"),
    [
        (name, field)
        for name, field in owned_fields()
        if isinstance(field, models.DateField | models.IntegerField)
        and not field.primary_key
        and not field.is_relation
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_date_and_amount_of_an_owned_model_has_its_limit(name, field):
    if isinstance(field, models.DateTimeField):
        assert limits.validate_moment in field.validators, name
    elif isinstance(field, models.DateField):
        assert limits.validate_day in field.validators, name
    elif "salary" in field.name:
        assert isinstance(field, AmountField), name
    else:  # small numbers: choices or their own range
        assert field.choices or isinstance(field, models.PositiveSmallIntegerField), name


def test_the_profile_fields_have_their_limits():
    from accounts.models import User

    assert limits.validate_time_zone in User._meta.get_field("time_zone").validators
    for name, bounds in [
        ("quiet_applied_days", {1, 365}),
        ("quiet_screening_days", {1, 365}),
        ("quiet_interview_workdays", {1, 260}),
    ]:
        quiet = User._meta.get_field(name)
        assert {validator.limit_value for validator in quiet.validators} >= bounds
