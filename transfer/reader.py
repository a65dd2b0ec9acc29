"""Reading an account export back (the document of transfer/export.py): `read_export`
parses the file and checks every row into a Plan of unsaved rows, or raises
ImportProblem with every reason in words. transfer/writer.py writes the Plan."""

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User, applied_days_from_quiet_after
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
from transfer.export import (
    APPLICATION_FIELDS,
    COMPANY_FIELDS,
    CONTACT_FIELDS,
    FEEDBACK_REQUEST_FIELDS,
    FORMAT,
    INTERACTION_FIELDS,
    INTERVIEW_FIELDS,
    LESSON_FIELDS,
    PROFILE_FIELDS,
    READABLE_VERSIONS,
    REFLECTION_FIELDS,
    REJECTION_FIELDS,
    STAGE_CHANGE_FIELDS,
    VERSION,
)
from transfer.values import check_value, describe

# The largest file the import reads: a seeded account of 10,000 applications
# exports to about 12.5 MB.
MAX_BYTES = 20 * 1024 * 1024
# How many problems an import reports in words, each with where it is (every problem
# of a file a person might fix by hand); past these, the rest are counted.
SHOWN_PROBLEMS = 200
HAS_PROBLEMS = "Nothing was imported: the file has problems."


def older_profile(profile):
    """An export made before the per-stage "no news" thresholds has one
    `quiet_after_days`: it is read as the threshold after applying (as the migration
    carried it over), unless the file has that too."""
    if "quiet_after_days" not in profile or "quiet_applied_days" in profile:
        return profile
    profile = dict(profile)
    days = profile.pop("quiet_after_days")
    if isinstance(days, int) and not isinstance(days, bool):
        days = applied_days_from_quiet_after(days)
    profile["quiet_applied_days"] = days  # anything else is checked, and said, as the rest
    return profile


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
    if version not in READABLE_VERSIONS:
        raise ImportProblem(
            f"This export is in format version {version}, which this Onward no longer "
            f"reads; it reads versions {', '.join(map(str, READABLE_VERSIONS))}."
        )
    return document


def reject_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


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
            raise ImportProblem([HAS_PROBLEMS, *shown])
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
            problem = check_value(model_field, value)
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
        profile = older_profile(profile)
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
            elif len(company.name_key) > Company._meta.get_field("name_key").max_length:
                # As the forms say it: case-folding lengthens some names ("ß" is "ss").
                self.problem(f"{where}: “name” is too long. Shorten it a little.")
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
            rejection = self.build(
                Rejection,
                row,
                REJECTION_FIELDS,
                where,
                application=application,
                contact=self.reference(row, "contact", contacts, where, "contact"),
            )
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
