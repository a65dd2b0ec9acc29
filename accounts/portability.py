"""Everything a user owns, out and back in: the account export (one JSON document),
its import into an empty account, and the deletion of an account.

The document (format "onward-export", version 1; the README describes it):

    {"format": "onward-export", "version": 1, "exported_at": "…Z",
     "profile": {...},
     "companies": [{"id": 1, ...}],
     "applications": [{"id": 1, "company": 1, ..., "stage_changes": [...],
                       "interviews": [...]}],
     "contacts": [{"id": 1, "company": 1 | null, ..., "interactions": [...]}],
     "rejections": [{"id": 1, "application": 1, ..., "reflection": {...} | null,
                     "feedback_requests": [{"id": 1, "contact": 1 | null, ...}]}],
     "lessons": [{"id": 1, "rejection": 1 | null, "feedback_request": 1 | null,
                  "applications": [1, 2], ...}]}

Ids are local to the file: each list is numbered from 1 in the order written, and
references use those numbers. Rows are written oldest first (by primary key; a
timeline by time), and an import inserts them in file order, so exporting again
after an import numbers everything the same way.

This module composes the models of every app (accounts/ is where DESIGN.md puts
account export, import and deletion); accounts/models.py never imports it.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from applications.bulk import insert_applications, insert_keeping_times
from applications.models import (
    Application,
    Company,
    Interview,
    StageChange,
    clean_company_name,
    company_key,
)
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection

FORMAT = "onward-export"
VERSION = 1
# The largest file the import reads: a seeded account of 10,000 applications
# exports to about 12.5 MB.
MAX_BYTES = 20 * 1024 * 1024
BATCH_SIZE = 1000
# How many problems an import reports in words; the rest are counted.
SHOWN_PROBLEMS = 5

NOT_EMPTY = "Your account already has data; import only works into an empty account."

# The fields written for each model, in the order they appear in the file. A model
# field that is in none of these lists is not exported: tests/accounts/test_export.py
# names those on purpose (owner, name_key, reached, keys, password, ...), so a new field is a
# decision to make, not one to forget.
PROFILE_FIELDS = ["name", "time_zone", "keep_in_touch_days", "quiet_after_days", "digest_enabled"]
COMPANY_FIELDS = ["name", "website", "notes", "created_at", "updated_at"]
APPLICATION_FIELDS = [
    "title",
    "job_url",
    "location",
    "work_mode",
    "source",
    "salary_min",
    "salary_max",
    "currency",
    "stage",
    "applied_on",
    "follow_up_on",
    "notes",
    "stage_changed_at",
    "created_at",
    "updated_at",
]
STAGE_CHANGE_FIELDS = ["from_stage", "to_stage", "changed_at", "note"]
INTERVIEW_FIELDS = [
    "starts_at",
    "kind",
    "with_whom",
    "notes",
    "outcome",
    "created_at",
    "updated_at",
]
CONTACT_FIELDS = [
    "name",
    "title",
    "relation",
    "email",
    "phone",
    "linkedin_url",
    "notes",
    "keep_in_touch_days",
    "last_contacted_on",
    "next_check_in_on",
    "created_at",
    "updated_at",
]
INTERACTION_FIELDS = ["happened_on", "kind", "summary", "created_at"]
REJECTION_FIELDS = [
    "received_on",
    "at_stage",
    "channel",
    "reason_given",
    "message",
    "reflect_state",
    "reflect_skip_reason",
    "feedback_state",
    "feedback_skip_reason",
    "bridges_state",
    "bridges_skip_reason",
    "created_at",
    "updated_at",
]
REFLECTION_FIELDS = ["feelings", "mood", "reframe", "created_at", "updated_at"]
FEEDBACK_REQUEST_FIELDS = [
    "channel",
    "message",
    "status",
    "sent_on",
    "follow_up_on",
    "received_on",
    "response",
    "is_generic",
    "dig_deeper",
    "push_back",
    "created_at",
    "updated_at",
]
LESSON_FIELDS = [
    "category",
    "title",
    "detail",
    "status",
    "target_on",
    "done_on",
    "created_at",
    "updated_at",
]


# --------------------------------------------------------------------------------------
# What an account holds


def counts(user):
    """How many of each kind of row `user` owns, in one query (a subquery each)."""

    def count(queryset, owner_path):
        rows = (
            queryset.filter(**{owner_path: OuterRef("pk")})
            .order_by()
            .values(owner_path)
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows), 0)

    totals = {
        "companies": count(Company.objects.all(), "owner"),
        "applications": count(Application.objects.all(), "owner"),
        "interviews": count(Interview.objects.all(), "application__owner"),
        "contacts": count(Contact.objects.all(), "owner"),
        "interactions": count(Interaction.objects.all(), "contact__owner"),
        "rejections": count(Rejection.objects.all(), "application__owner"),
        "feedback_requests": count(FeedbackRequest.objects.all(), "rejection__application__owner"),
        "lessons": count(Lesson.objects.all(), "owner"),
    }
    # Aliased, as the user's relations already use these names.
    row = (
        User.objects.filter(pk=user.pk)
        .values(**{f"total_{name}": total for name, total in totals.items()})
        .get()
    )
    return {name: row[f"total_{name}"] for name in totals}


def has_data(user):
    """Whether `user` owns any row an import would add to. Rejections, timelines and
    the rest hang on applications, contacts or lessons, so these four say it all."""
    return any(
        model.objects.filter(owner=user).exists()
        for model in (Company, Application, Contact, Lesson)
    )


# --------------------------------------------------------------------------------------
# Export


def to_json(value):
    """A date as YYYY-MM-DD; an instant in UTC with its microseconds, ending in Z."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def plain(row, fields):
    return {name: to_json(row[name]) for name in fields}


def numbered(rows, ids):
    """(export id, row) for each row: 1, 2, 3… in the order given, each kept in `ids`
    under the row's pk so that other rows can point at it."""
    for row in rows:
        ids[row["pk"]] = len(ids) + 1
        yield ids[row["pk"]], row


def grouped(queryset, parent, fields, order, **links):
    """{parent id: [child, …]}: the rows of `queryset` as plain dicts of `fields`, by
    `order` (then pk), each list under the id in its `parent` column. `links` name
    (column, export ids) pairs: the export id of the row the column points at, first in
    each dict."""
    groups = defaultdict(list)
    columns = [column for column, _ in links.values()]
    for row in queryset.order_by(parent, order, "pk").values(parent, *columns, *fields):
        linked = {name: ids.get(row[column]) for name, (column, ids) in links.items()}
        groups[row[parent]].append({**linked, **plain(row, fields)})
    return groups


def export_account(user, now=None):
    """Everything `user` owns, as the dict that `dumps` writes. One query per table,
    whatever the size of the account: rows are read as values, children grouped under
    their parents in Python."""
    now = now or timezone.now()

    company_ids = {}
    companies = [
        {"id": number, **plain(row, COMPANY_FIELDS)}
        for number, row in numbered(
            Company.objects.for_user(user).order_by("pk").values("pk", *COMPANY_FIELDS),
            company_ids,
        )
    ]

    changes = grouped(
        StageChange.objects.for_user(user), "application_id", STAGE_CHANGE_FIELDS, "changed_at"
    )
    interviews = grouped(
        Interview.objects.for_user(user), "application_id", INTERVIEW_FIELDS, "starts_at"
    )
    application_ids = {}
    applications = [
        {
            "id": number,
            "company": company_ids.get(row["company_id"]),
            **plain(row, APPLICATION_FIELDS),
            "stage_changes": changes[row["pk"]],
            "interviews": interviews[row["pk"]],
        }
        for number, row in numbered(
            Application.objects.for_user(user)
            .order_by("pk")
            .values("pk", "company_id", *APPLICATION_FIELDS),
            application_ids,
        )
    ]

    interactions = grouped(
        Interaction.objects.for_user(user),
        "contact_id",
        INTERACTION_FIELDS,
        "happened_on",
        application=("application_id", application_ids),
    )
    contact_ids = {}
    contacts = [
        {
            "id": number,
            "company": company_ids.get(row["company_id"]),
            **plain(row, CONTACT_FIELDS),
            "interactions": interactions[row["pk"]],
        }
        for number, row in numbered(
            Contact.objects.for_user(user)
            .order_by("pk")
            .values("pk", "company_id", *CONTACT_FIELDS),
            contact_ids,
        )
    ]

    reflections = {
        row["rejection_id"]: plain(row, REFLECTION_FIELDS)
        for row in Reflection.objects.filter(rejection__application__owner=user).values(
            "rejection_id", *REFLECTION_FIELDS
        )
    }
    requests = defaultdict(list)
    for row in (
        FeedbackRequest.objects.for_user(user)
        .order_by("rejection_id", "created_at", "pk")
        .values("pk", "rejection_id", "contact_id", *FEEDBACK_REQUEST_FIELDS)
    ):
        requests[row["rejection_id"]].append(row)
    rejection_ids = {}
    request_ids = {}
    rejections = []
    for row in (
        Rejection.objects.for_user(user)
        .order_by("pk")
        .values("pk", "application_id", *REJECTION_FIELDS)
    ):
        rejection_ids[row["pk"]] = len(rejection_ids) + 1
        asked = []
        for request in requests[row["pk"]]:
            request_ids[request["pk"]] = len(request_ids) + 1
            asked.append(
                {
                    "id": request_ids[request["pk"]],
                    "contact": contact_ids.get(request["contact_id"]),
                    **plain(request, FEEDBACK_REQUEST_FIELDS),
                }
            )
        rejections.append(
            {
                "id": rejection_ids[row["pk"]],
                "application": application_ids.get(row["application_id"]),
                **plain(row, REJECTION_FIELDS),
                "reflection": reflections.get(row["pk"]),
                "feedback_requests": asked,
            }
        )

    addressed = defaultdict(list)
    for lesson_id, application_id in (
        Lesson.applications.through.objects.filter(lesson__owner=user)
        .order_by("lesson_id", "application_id")
        .values_list("lesson_id", "application_id")
    ):
        if application_id in application_ids:
            addressed[lesson_id].append(application_ids[application_id])
    lessons = []
    for row in (
        Lesson.objects.for_user(user)
        .order_by("pk")
        .values("pk", "rejection_id", "feedback_request_id", *LESSON_FIELDS)
    ):
        lessons.append(
            {
                "id": len(lessons) + 1,
                "rejection": rejection_ids.get(row["rejection_id"]),
                "feedback_request": request_ids.get(row["feedback_request_id"]),
                **plain(row, LESSON_FIELDS),
                "applications": sorted(addressed[row["pk"]]),
            }
        )

    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_json(now),
        "profile": {"email": user.email, **{name: getattr(user, name) for name in PROFILE_FIELDS}},
        "companies": companies,
        "applications": applications,
        "contacts": contacts,
        "rejections": rejections,
        "lessons": lessons,
    }


def dumps(document):
    """The file's text: compact UTF-8 JSON (any JSON viewer lays it out for reading;
    indentation would add a sixth to the size of a big account)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def filename(user):
    return f"onward-export-{user.today():%Y-%m-%d}.json"


# --------------------------------------------------------------------------------------
# Import


class ImportProblem(Exception):
    """The file can't be imported; `messages` say why, in words, first few first."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__(" ".join(self.messages))


def parse(raw):
    """The export document in `raw` bytes, or ImportProblem when it isn't one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(
            "This file isn’t UTF-8 text, so it isn’t an Onward export. Upload the .json "
            "file that “Export your data” downloaded."
        ) from None
    try:
        document = json.loads(text, parse_constant=reject_constant)
    except (ValueError, RecursionError) as error:
        where = ""
        if isinstance(error, json.JSONDecodeError):
            where = f" (line {error.lineno}, column {error.colno}: {error.msg})"
        raise ImportProblem(
            f"This file isn’t valid JSON{where}, so it isn’t an Onward export. A CSV file "
            "of applications goes to the applications import instead."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem(
            f"This JSON file isn’t an Onward account export: it has no "
            f"“format”: “{FORMAT}”. Upload the file that “Export your data” downloaded."
        )
    if "version" not in document:
        raise ImportProblem(
            f"This export doesn’t say its format version; this Onward reads version {VERSION}."
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportProblem(
            f"This export’s format version is {json.dumps(version)}, which is not a "
            f"version number; this Onward reads version {VERSION}."
        )
    if version > VERSION:
        raise ImportProblem(
            f"This export was made by a newer Onward (format version {version}); this one "
            f"reads version {VERSION}. Update this Onward, then import again."
        )
    if version != VERSION:
        raise ImportProblem(
            f"This export is in format version {version}, which this Onward no longer "
            f"reads; it reads version {VERSION}."
        )
    return document


def reject_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


JSON_TYPES = {
    models.BooleanField: (bool, "true or false"),
    models.IntegerField: (int, "a whole number"),
    models.DateTimeField: (str, "a date and time such as 2026-03-01T09:30:00Z"),
    models.DateField: (str, "a date such as 2026-03-01"),
    models.CharField: (str, "text"),
    models.TextField: (str, "text"),
}


def json_type(model_field):
    for field_class, expected in JSON_TYPES.items():
        if isinstance(model_field, field_class):
            return expected
    raise TypeError(f"No JSON type for {model_field!r}")  # a field added to a list above


def describe(value):
    """A JSON value as a message shows it: text in quotes (cut short), numbers as they
    are, lists and objects by name."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"“{value[:40]}…”" if len(value) > 40 else f"“{value}”"
    if isinstance(value, int | float):
        return f"{value:,}" if abs(value) < 10**30 else "a very long number"
    return "a list" if isinstance(value, list) else "an object"


@dataclass
class Plan:
    """The rows an import will write, built and checked, not saved yet."""

    profile: dict = field(default_factory=dict)
    companies: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    timelines: list = field(default_factory=list)  # one list of StageChange per application
    interviews: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    interactions: list = field(default_factory=list)
    rejections: list = field(default_factory=list)
    reflections: list = field(default_factory=list)
    feedback_requests: list = field(default_factory=list)
    lessons: list = field(default_factory=list)
    addressed: list = field(default_factory=list)  # [(lesson, application)]

    def summary(self):
        """ "40 applications, 10 companies, 8 contacts, 11 rejections, 5 lessons"."""

        def number(rows, one, many):
            return f"{len(rows):,} {one if len(rows) == 1 else many}"

        return ", ".join(
            [
                number(self.applications, "application", "applications"),
                number(self.companies, "company", "companies"),
                number(self.contacts, "contact", "contacts"),
                number(self.rejections, "rejection", "rejections"),
                number(self.lessons, "lesson", "lessons"),
            ]
        )


class Reader:
    """Checks a parsed export and builds its rows, collecting every problem in words.
    Values are checked with the model fields themselves (type, length, choices, dates,
    validators) and with the rules the database would enforce (constraints, references
    between rows), so the write that follows cannot fail halfway."""

    def __init__(self, document):
        self.document = document
        self.problems = []
        self.plan = Plan()

    def problem(self, text):
        self.problems.append(text)

    def read(self):
        self.read_profile()
        companies = self.read_companies()
        applications = self.read_applications(companies)
        contacts = self.read_contacts(companies, applications)
        rejections, requests = self.read_rejections(applications, contacts)
        self.read_lessons(applications, rejections, requests)
        if self.problems:
            shown = self.problems[:SHOWN_PROBLEMS]
            hidden = len(self.problems) - len(shown)
            if hidden:
                shown.append(f"… and {hidden:,} more problem{'s' if hidden > 1 else ''}.")
            raise ImportProblem(["Nothing was imported: the file has problems.", *shown])
        return self.plan

    # -- helpers

    def problem_in(self, where, text):
        """A problem of a row ("Application 3: …"), or of the whole file ("Two …")."""
        self.problem(f"{where}: {text}" if where else text[:1].upper() + text[1:])

    def rows(self, container, key, where=None):
        """The list of objects under `key`, or [] (with a problem when it isn't one)."""
        rows = container.get(key, [])
        if not isinstance(rows, list):
            self.problem_in(where, f"“{key}” should be a list, not {describe(rows)}.")
            return []
        good = []
        for number, row in enumerate(rows, start=1):
            if isinstance(row, dict):
                good.append(row)
            else:
                self.problem_in(
                    where, f"item {number} of “{key}” should be an object, not {describe(row)}."
                )
        return good

    def build(self, model, row, fields, where, **links):
        """An unsaved `model` with the values of `row` for `fields`, each checked by its
        model field. A key the row lacks keeps the field's default."""
        obj = model(**links)
        for name in fields:
            if name not in row:
                continue
            model_field = model._meta.get_field(name)
            value = row[name]
            problem = self.check_value(model_field, value)
            if problem:
                self.problem(f"{where}: “{name}” {problem}.")
                continue
            if value is None:
                setattr(obj, model_field.attname, None)
                continue
            try:
                if model_field.blank and value in model_field.empty_values:
                    cleaned = model_field.to_python(value)
                else:
                    cleaned = model_field.clean(value, obj)
            except ValidationError as error:
                self.problem(f"{where}: “{name}”: {' '.join(error.messages)}")
                continue
            if isinstance(cleaned, datetime) and timezone.is_naive(cleaned):
                self.problem(
                    f"{where}: “{name}” needs a time zone, e.g. 2026-03-01T09:30:00Z; "
                    f"got {value!r}."
                )
                continue
            setattr(obj, model_field.attname, cleaned)
        return obj

    @staticmethod
    def check_value(model_field, value):
        """Why a JSON value can't go in this field, before the field itself checks it."""
        if value is None:
            auto = getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            )
            return None if model_field.null or auto else "can’t be empty (null)"
        expected, words = json_type(model_field)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            return f"should be {words}, not {describe(value)}"
        if expected is int:
            # The range every database holds, not only this one: SQLite takes 64-bit
            # numbers where PostgreSQL's integer stops at 2,147,483,647, and the file
            # should move between them.
            low, high = BaseDatabaseOperations.integer_field_ranges[model_field.get_internal_type()]
            if not low <= value <= high:
                return f"should be a whole number from {low:,} to {high:,}, not {describe(value)}"
        if isinstance(value, str):
            if "\x00" in value:
                return "contains a NUL character"
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "isn’t valid text (it has a lone surrogate escape)"
            if model_field.max_length and len(value) > model_field.max_length:
                return f"is {len(value):,} characters long; at most {model_field.max_length:,} fit"
        return None

    def numbered(self, rows, kind, kinds, where=None):
        """{file id: row} for rows that carry a whole-number id, unique within the list."""
        by_id = {}
        for number, row in enumerate(rows, start=1):
            local = row.get("id")
            if not isinstance(local, int) or isinstance(local, bool):
                self.problem_in(where, f"{kind} number {number} has no whole-number “id”.")
            elif local in by_id:
                self.problem_in(where, f"two {kinds} have the id {local}.")
            else:
                by_id[local] = row
        return by_id

    def reference(self, row, key, targets, where, kind, required=False):
        """The object a row points at through `key` (a file id), or None."""
        local = row.get(key)
        if local is None:
            if required:
                self.problem(f"{where}: “{key}” is missing; it should be the id of a {kind}.")
            return None
        return self.resolve(local, targets, where, key, kind)

    def resolve(self, local, targets, where, key, kind):
        target = None
        if isinstance(local, int) and not isinstance(local, bool):
            target = targets.get(local)
        if target is None:
            self.problem(f"{where}: “{key}” has {json.dumps(local)}, which is no {kind}’s id.")
        return target

    # -- sections

    def read_profile(self):
        profile = self.document.get("profile", {})
        if not isinstance(profile, dict):
            self.problem(f"“profile” should be an object, not {describe(profile)}.")
            return
        checked = self.build(User, profile, PROFILE_FIELDS, "Profile")
        self.plan.profile = {
            name: getattr(checked, name) for name in PROFILE_FIELDS if name in profile
        }

    def read_companies(self):
        rows = self.rows(self.document, "companies")
        companies = {}
        keys = {}
        for local, row in self.numbered(rows, "Company", "companies").items():
            where = f"Company {local}"
            company = self.build(Company, row, COMPANY_FIELDS, where)
            company.name = clean_company_name(company.name)
            company.name_key = company_key(company.name)
            if not company.name:
                self.problem(f"{where}: “name” can’t be blank.")
            elif company.name_key in keys:
                self.problem(
                    f"{where}: “{company.name}” has the same name as company "
                    f"{keys[company.name_key]}; company names are unique."
                )
            keys.setdefault(company.name_key, local)
            companies[local] = company
            self.plan.companies.append(company)
        return companies

    def read_applications(self, companies):
        rows = self.rows(self.document, "applications")
        applications = {}
        for local, row in self.numbered(rows, "Application", "applications").items():
            where = f"Application {local}"
            company = self.reference(row, "company", companies, where, "company", required=True)
            application = self.build(Application, row, APPLICATION_FIELDS, where, company=company)
            if (
                isinstance(application.salary_min, int)
                and isinstance(application.salary_max, int)
                and application.salary_min > application.salary_max
            ):
                self.problem(f"{where}: The salary minimum can’t be above the maximum.")
            # An empty timeline gets its first row from the bulk writer, which also
            # derives `reached` and `stage_changed_at` from it.
            self.plan.timelines.append(
                [
                    self.build(
                        StageChange,
                        change,
                        STAGE_CHANGE_FIELDS,
                        f"{where}, stage change {number}",
                        application=application,
                    )
                    for number, change in enumerate(self.rows(row, "stage_changes", where), start=1)
                ]
            )
            for number, interview in enumerate(self.rows(row, "interviews", where), start=1):
                self.plan.interviews.append(
                    self.build(
                        Interview,
                        interview,
                        INTERVIEW_FIELDS,
                        f"{where}, interview {number}",
                        application=application,
                    )
                )
            applications[local] = application
            self.plan.applications.append(application)
        return applications

    def read_contacts(self, companies, applications):
        rows = self.rows(self.document, "contacts")
        contacts = {}
        for local, row in self.numbered(rows, "Contact", "contacts").items():
            where = f"Contact {local}"
            company = self.reference(row, "company", companies, where, "company")
            contact = self.build(Contact, row, CONTACT_FIELDS, where, company=company)
            for number, item in enumerate(self.rows(row, "interactions", where), start=1):
                inner = f"{where}, interaction {number}"
                self.plan.interactions.append(
                    self.build(
                        Interaction,
                        item,
                        INTERACTION_FIELDS,
                        inner,
                        contact=contact,
                        application=self.reference(
                            item, "application", applications, inner, "application"
                        ),
                    )
                )
            contacts[local] = contact
            self.plan.contacts.append(contact)
        return contacts

    def read_rejections(self, applications, contacts):
        rows = self.rows(self.document, "rejections")
        rejections = {}
        requests = {}
        rejected = {}
        for local, row in self.numbered(rows, "Rejection", "rejections").items():
            where = f"Rejection {local}"
            application = self.reference(
                row, "application", applications, where, "application", required=True
            )
            if application is not None:
                if id(application) in rejected:
                    self.problem(
                        f"{where}: application {row['application']} already has rejection "
                        f"{rejected[id(application)]}; an application has one rejection."
                    )
                rejected.setdefault(id(application), local)
            rejection = self.build(Rejection, row, REJECTION_FIELDS, where, application=application)
            reflection = row.get("reflection")
            if isinstance(reflection, dict):
                self.plan.reflections.append(
                    self.build(
                        Reflection,
                        reflection,
                        REFLECTION_FIELDS,
                        f"{where}, reflection",
                        rejection=rejection,
                    )
                )
            elif reflection is not None:
                self.problem(f"{where}: “reflection” should be an object or null.")
            asked = self.rows(row, "feedback_requests", where)
            for request_id, item in self.numbered(
                asked, "feedback request", "feedback requests", where
            ).items():
                if request_id in requests:
                    self.problem(f"Two feedback requests have the id {request_id}.")
                    continue
                inner = f"{where}, feedback request {request_id}"
                request = self.build(
                    FeedbackRequest,
                    item,
                    FEEDBACK_REQUEST_FIELDS,
                    inner,
                    rejection=rejection,
                    contact=self.reference(item, "contact", contacts, inner, "contact"),
                )
                if (
                    isinstance(request.sent_on, date)
                    and isinstance(request.follow_up_on, date)
                    and request.follow_up_on < request.sent_on
                ):
                    self.problem(f"{inner}: The follow-up date can’t be before the sent date.")
                requests[request_id] = request
                self.plan.feedback_requests.append(request)
            rejections[local] = rejection
            self.plan.rejections.append(rejection)
        return rejections, requests

    def read_lessons(self, applications, rejections, requests):
        rows = self.rows(self.document, "lessons")
        for local, row in self.numbered(rows, "Lesson", "lessons").items():
            where = f"Lesson {local}"
            lesson = self.build(
                Lesson,
                row,
                LESSON_FIELDS,
                where,
                rejection=self.reference(row, "rejection", rejections, where, "rejection"),
                feedback_request=self.reference(
                    row, "feedback_request", requests, where, "feedback request"
                ),
            )
            addressed = row.get("applications", [])
            if not isinstance(addressed, list):
                self.problem(f"{where}: “applications” should be a list of application ids.")
                addressed = []
            seen = set()
            for local_application in addressed:
                application = self.resolve(
                    local_application, applications, where, "applications", "application"
                )
                if application is not None and id(application) not in seen:
                    seen.add(id(application))
                    self.plan.addressed.append((lesson, application))
            self.plan.lessons.append(lesson)


def read_export(raw):
    """The checked, unsaved rows of the export in `raw` bytes; ImportProblem if the
    file is not an export this version reads, or holds anything the database would
    refuse."""
    return Reader(parse(raw)).read()


def insert_linked(model, objects, *relations, owner=None):
    """Inserts `objects` (see insert) after pointing each one's `relations` at the rows
    they name, inserted before them (their ids are known only now), and giving it its
    `owner`."""
    link(objects, *relations, owner=owner)
    insert(model, objects)


def link(objects, *relations, owner=None):
    """Points each object's `relations` at the rows they name, inserted before them
    (their ids are known only now), and gives it its `owner`."""
    for obj in objects:
        if owner is not None:
            obj.owner = owner
        for relation in relations:
            related = getattr(obj, relation)
            setattr(obj, f"{relation}_id", related.pk if related is not None else None)


def insert(model, objects):
    """bulk_create in batches, keeping the file's created_at/updated_at."""
    insert_keeping_times(model, objects)


def import_account(user, plan):
    """Writes `plan` into `user`'s account, all of it or nothing, and applies the
    profile settings from the file (never the email address or the password). Raises
    ImportProblem when the account is not empty."""
    try:
        with transaction.atomic():
            # One import at a time per account: a second, concurrent one waits here,
            # then finds the account no longer empty.
            locked = User.objects.select_for_update().get(pk=user.pk)
            if has_data(locked):
                raise ImportProblem(NOT_EMPTY)
            for name, value in plan.profile.items():
                setattr(user, name, value)
            if plan.profile:
                user.save(update_fields=list(plan.profile))
            insert_linked(Company, plan.companies, owner=user)
            link(plan.applications, "company", owner=user)
            insert_applications(plan.applications, plan.timelines)
            insert_linked(Interview, plan.interviews, "application")
            insert_linked(Contact, plan.contacts, "company", owner=user)
            insert_linked(Interaction, plan.interactions, "contact", "application")
            insert_linked(Rejection, plan.rejections, "application")
            insert_linked(Reflection, plan.reflections, "rejection")
            insert_linked(FeedbackRequest, plan.feedback_requests, "rejection", "contact")
            insert_linked(Lesson, plan.lessons, "rejection", "feedback_request", owner=user)
            Addressed = Lesson.applications.through
            Addressed.objects.bulk_create(
                [
                    Addressed(lesson_id=lesson.pk, application_id=application.pk)
                    for lesson, application in plan.addressed
                ],
                batch_size=BATCH_SIZE,
            )
    except DatabaseError as error:
        # The checks above mirror every rule the database has; this is the net
        # under them, and the transaction has rolled everything back.
        raise ImportProblem(
            f"Nothing was imported: the database refused the data ({error})."
        ) from error
    return plan


# --------------------------------------------------------------------------------------
# Deletion


def end_sessions(user):
    """Deletes every stored session signed in as `user`, on every device. With the
    database session backend (the default) that means reading each unexpired
    session, as a session names its user only inside its signed data. With other
    backends nothing is stored to find; their sessions stop working anyway once the
    user is gone, because the user they name no longer exists."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return 0
    store = store_class()
    sessions = store_class.get_model_class().objects
    theirs = [
        key
        for key, data in sessions.filter(expire_date__gt=timezone.now())
        .values_list("session_key", "session_data")
        .iterator(chunk_size=2000)
        if store.decode(data).get(SESSION_KEY) == str(user.pk)
    ]
    sessions.filter(session_key__in=theirs).delete()
    prefix = getattr(store_class, "cache_key_prefix", None)
    if prefix:  # cached_db keeps a copy of each session in the cache too
        caches[settings.SESSION_CACHE_ALIAS].delete_many([prefix + key for key in theirs])
    return len(theirs)


@transaction.atomic
def delete_account(user):
    """Deletes the user and, by the cascade from the user, everything they own; ends
    all their sessions. Foreign keys between a user's own rows are CASCADE, SET_NULL
    or RESTRICT (an application's company), never PROTECT, and RESTRICT gives way
    when the row it protects is deleted in the same cascade."""
    end_sessions(user)
    user.delete()
