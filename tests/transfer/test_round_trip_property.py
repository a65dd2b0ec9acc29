"""What the export writes, the import reads back: hypothesis builds accounts from values
the forms accept (every field drawn within its model field's limits, each row passing
the model validation the forms run), exports them, checks the delete page's dry run
agrees, deletes the account, imports the file into a new one and compares every table,
field by field. Runs on SQLite and PostgreSQL alike."""

import json
from datetime import UTC

from django.db import models
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.models import QUIET_FIELDS, User
from applications.models import (
    Application,
    Company,
    Interview,
    StageChange,
    clean_company_name,
    company_key,
    reached_rank,
)
from contacts.models import Contact, Interaction
from core import limits
from core.fields import AmountField
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from transfer import delete, export, reader, writer

# Text as a form field gives it: no NUL (Django's form fields refuse it), no lone
# surrogate (not UTF-8), stripped at both ends (a form field strips it).
CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
DAYS = st.dates(limits.EARLIEST_DAY, limits.LATEST_DAY)
MOMENTS = st.datetimes(
    limits.EARLIEST_MOMENT.replace(tzinfo=None),
    limits.LATEST_MOMENT.replace(tzinfo=None),
    timezones=st.just(UTC),
)
EMAILS = st.from_regex(
    r"[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,5})?@[a-z]{1,10}\.(org|example)", fullmatch=True
)
URLS = st.from_regex(r"https://[a-z]{1,12}\.example(/[a-z0-9-]{0,12})?", fullmatch=True)
SPECIAL = {"email": EMAILS, "website": URLS, "job_url": URLS, "linkedin_url": URLS}


def text(max_length, blank=True):
    size = min(max_length or 60, 60)
    values = st.text(CHARACTERS, max_size=size).map(str.strip)
    return values if blank else values.filter(bool)


def value_for(field):
    """A value the field's form accepts: within its limits (core/limits.py), its length,
    its choices; None where it may be empty."""
    if field.name in SPECIAL:
        values = SPECIAL[field.name]
        return st.just("") | values if field.blank else values
    if field.choices:
        choices = [value for value, _ in field.flatchoices]
        if field.blank and not field.null:
            choices.append("")
        values = st.sampled_from(choices)
    elif isinstance(field, AmountField):
        values = st.integers(0, limits.AMOUNT_MAX)
    elif isinstance(field, models.DateTimeField):
        values = MOMENTS
    elif isinstance(field, models.DateField):
        values = DAYS
    elif isinstance(field, models.BooleanField):
        values = st.booleans()
    elif isinstance(field, models.IntegerField):
        low, high = -(2**31), 2**31 - 1
        for validator in field.validators:
            if validator.code == "min_value":
                low = max(low, validator.limit_value)
            elif validator.code == "max_value":
                high = min(high, validator.limit_value)
        values = st.integers(low, high)
    else:
        return text(field.max_length, blank=field.blank)
    return st.none() | values if field.null else values


def entered(model, *more):
    """The fields a person sets on a model's rows: every editable field but links and
    timestamps, read from the model (so a field added later is drawn too, and the test
    fails if the export forgets it), and `more` that code sets (a snoozed check-in)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.editable
        and not field.is_relation
        and not field.primary_key
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ] + list(more)


def draw_fields(data, model, names, **fixed):
    values = {}
    for name in names:
        field = model._meta.get_field(name)
        if (
            name in fixed
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        ):
            continue
        values[name] = data.draw(value_for(field), label=f"{model.__name__}.{name}")
    return {**values, **fixed}


def ordered_pair(field_low, field_high, values):
    """Two optional days or amounts with the first not after the second (the model's
    constraint, which the forms check)."""
    low, high = values.get(field_low), values.get(field_high)
    if low is not None and high is not None and low > high:
        values[field_low], values[field_high] = high, low


def checked(obj, exclude=()):
    """The row passes the model validation a ModelForm runs (field validators, the
    limits, constraints): the generated values are ones a form takes."""
    obj.full_clean(exclude=["owner", *exclude], validate_unique=False)
    return obj


def build_account(data, user):
    profile = draw_fields(data, User, ["name", "keep_in_touch_days", *QUIET_FIELDS])
    profile["time_zone"] = data.draw(st.sampled_from(sorted(limits.available_time_zones())))
    profile["digest_enabled"] = data.draw(st.booleans())
    for name, value in profile.items():
        setattr(user, name, value)
    user.save()

    names = data.draw(
        st.lists(
            text(200, blank=False).map(clean_company_name).filter(bool),
            min_size=1,
            max_size=3,
            unique_by=company_key,
        ),
        label="company names",
    )
    companies = []
    for name in names:
        fields = draw_fields(data, Company, entered(Company), name=name)
        companies.append(checked(Company(owner=user, **fields), ["name_key"]))
        companies[-1].save()

    applications = []
    for _ in range(data.draw(st.integers(0, 3), label="applications")):
        fields = draw_fields(data, Application, entered(Application, "stage_changed_at"))
        ordered_pair("salary_min", "salary_max", fields)
        fields["currency"] = data.draw(st.just("") | st.from_regex(r"[A-Z]{3}", fullmatch=True))
        application = Application(owner=user, company=data.draw(st.sampled_from(companies)))
        for name, value in fields.items():
            setattr(application, name, value)
        checked(application).save()
        for _ in range(data.draw(st.integers(0, 2), label="stage changes")):
            change = StageChange(
                application=application,
                **draw_fields(data, StageChange, entered(StageChange)),
            )
            checked(change).save()
        # What move_to() keeps: the furthest stage the timeline reached.
        stages = application.stage_changes.values_list("to_stage", flat=True)
        application.reached = reached_rank([*stages, application.stage])
        application.save(update_fields=["reached"])
        for _ in range(data.draw(st.integers(0, 2), label="interviews")):
            interview = Interview(
                application=application, **draw_fields(data, Interview, entered(Interview))
            )
            checked(interview).save()
        applications.append(application)

    contacts = []
    for _ in range(data.draw(st.integers(0, 2), label="contacts")):
        fields = draw_fields(data, Contact, entered(Contact, "next_check_in_on"))
        next_check_in_on = fields.pop("next_check_in_on", None)
        company = data.draw(st.none() | st.sampled_from(companies))
        contact = checked(Contact(owner=user, company=company, **fields))
        contact.save()
        # Set by a snooze, to any day in range.
        contact.snooze_check_in(next_check_in_on)
        for _ in range(data.draw(st.integers(0, 2), label="interactions")):
            about = data.draw(st.none() | st.sampled_from(applications)) if applications else None
            interaction = Interaction(
                contact=contact,
                application=about,
                **draw_fields(data, Interaction, entered(Interaction)),
            )
            checked(interaction).save()
        contacts.append(contact)

    rejections, requests = [], []
    rejected = (
        data.draw(st.lists(st.sampled_from(applications), unique=True, max_size=2))
        if (applications)
        else []
    )
    for application in rejected:
        rejection = Rejection(
            application=application,
            contact=data.draw(st.none() | st.sampled_from(contacts)) if contacts else None,
            **draw_fields(data, Rejection, entered(Rejection)),
        )
        checked(rejection).save()
        if data.draw(st.booleans(), label="reflection"):
            reflection = Reflection(
                rejection=rejection, **draw_fields(data, Reflection, entered(Reflection))
            )
            checked(reflection).save()
        for _ in range(data.draw(st.integers(0, 2), label="feedback requests")):
            fields = draw_fields(data, FeedbackRequest, entered(FeedbackRequest))
            ordered_pair("sent_on", "follow_up_on", fields)
            ordered_pair("dig_deeper_sent_on", "dig_deeper_follow_up_on", fields)
            request = FeedbackRequest(
                rejection=rejection,
                contact=data.draw(st.none() | st.sampled_from(contacts)) if contacts else None,
                **fields,
            )
            checked(request).save()
            requests.append(request)
        rejections.append(rejection)

    for _ in range(data.draw(st.integers(0, 2), label="lessons")):
        request = data.draw(st.none() | st.sampled_from(requests)) if requests else None
        rejection = request.rejection if request else None
        if rejection is None and rejections:
            rejection = data.draw(st.none() | st.sampled_from(rejections))
        lesson = Lesson(
            owner=user,
            rejection=rejection,
            feedback_request=request,
            **draw_fields(data, Lesson, entered(Lesson)),
        )
        checked(lesson).save()
        if applications:
            lesson.applications.set(data.draw(st.lists(st.sampled_from(applications))))


# Each table in the order the export writes it (which the import keeps), and the
# references between rows as positions in those orders, so two accounts compare equal
# when their rows do, whatever their ids.
ORDER = {
    Company: ["pk"],
    Application: ["pk"],
    StageChange: ["application_id", "changed_at", "pk"],
    Interview: ["application_id", "starts_at", "pk"],
    Contact: ["pk"],
    Interaction: ["contact_id", "happened_on", "pk"],
    Rejection: ["pk"],
    Reflection: ["rejection_id"],
    FeedbackRequest: ["rejection_id", "created_at", "pk"],
    Lesson: ["pk"],
}
OWNER = {
    Company: "owner",
    Application: "owner",
    StageChange: "application__owner",
    Interview: "application__owner",
    Contact: "owner",
    Interaction: "contact__owner",
    Rejection: "application__owner",
    Reflection: "rejection__application__owner",
    FeedbackRequest: "rejection__application__owner",
    Lesson: "owner",
}
PROFILE = ["name", "time_zone", "keep_in_touch_days", *QUIET_FIELDS, "digest_enabled"]


def tables(user):
    """Every owned table as lists of {field: value}, every concrete field but ids."""
    rows = {
        model: list(model.objects.filter(**{OWNER[model]: user}).order_by(*order).values())
        for model, order in ORDER.items()
    }
    # Rows in FK order are positions of the parent; a FeedbackRequest is numbered in
    # its export order, which is the order above.
    position = {
        model: {row["id"]: n for n, row in enumerate(found)} for model, found in rows.items()
    }
    result = {}
    for model, found in rows.items():
        foreign = {
            field.attname: field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation
        }
        result[model.__name__] = [
            {
                name: (
                    position[foreign[name]].get(value)
                    if name in foreign and foreign[name] in position
                    else value
                )
                for name, value in row.items()
                if name not in ("id", "owner_id")
            }
            for row in found
        ]
    result["Lesson.applications"] = sorted(
        (position[Lesson][lesson], position[Application][application])
        for lesson, application in Lesson.applications.through.objects.filter(
            lesson__owner=user
        ).values_list("lesson_id", "application_id")
    )
    result["profile"] = {name: getattr(user, name) for name in PROFILE}
    return result


class RoundTripPropertyTests(TestCase):
    """Each example runs in its own transaction, rolled back after it."""

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_what_the_forms_accept_comes_back_from_export_delete_import(self, data):
        user = User.objects.create_user("before@example.org", "x" * 20)
        build_account(data, user)
        before = tables(user)
        raw = export.dumps(export.export_account(user)).encode()
        note(raw.decode())

        assert delete.export_problems(user) == []
        delete.delete_account(user)
        newcomer = User.objects.create_user("after@example.org", "x" * 20)
        writer.import_account(newcomer, reader.read_export(raw))
        newcomer.refresh_from_db()

        after = tables(newcomer)
        for table in before:
            assert after[table] == before[table], table
        # And the file the new account exports is the one it came from, but for the
        # address and the time of export.
        original, again = json.loads(raw), json.loads(export.dumps(export.export_account(newcomer)))
        for document in (original, again):
            del document["exported_at"], document["profile"]["email"]
        assert again == original
