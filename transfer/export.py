"""The account export: everything a user owns, as one JSON document.

The document (format "onward-export", version 2; the README describes it):

    {"format": "onward-export", "version": 2, "exported_at": "…Z",
     "profile": {...},
     "companies": [{"id": 1, ...}],
     "applications": [{"id": 1, "company": 1, ..., "stage_changes": [...],
                       "interviews": [...]}],
     "contacts": [{"id": 1, "company": 1 | null, ..., "interactions": [...]}],
     "rejections": [{"id": 1, "application": 1, "contact": 1 | null, ...,
                     "reflection": {...} | null,
                     "feedback_requests": [{"id": 1, "contact": 1 | null, ...}]}],
     "lessons": [{"id": 1, "rejection": 1 | null, "feedback_request": 1 | null,
                  "applications": [1, 2], ...}]}

Ids are local to the file: each list is numbered from 1 in the order written, and
references use those numbers. Rows are written oldest first (by primary key; a
timeline by time), and an import inserts them in file order, so exporting again
after an import numbers everything the same way.

transfer/ sits above every app in DESIGN.md's floor plan, as it composes the models of
all of them; transfer/reader.py reads this document back and transfer/writer.py writes
it into an empty account.
"""

import json
from collections import defaultdict
from datetime import UTC, date, datetime

from django.utils import timezone

from accounts.models import QUIET_FIELDS
from applications.models import Application, Company, Interview, StageChange
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection

FORMAT = "onward-export"
# Version 2 added the applications' salary_period, employment_type, closing_on,
# excitement, tags and description. A version 1 file is still read: it simply has none.
VERSION = 2
READABLE_VERSIONS = (1, 2)


# The fields written for each model, in the order they appear in the file. A model
# field that is in none of these lists is not exported: tests/transfer/test_export.py
# names those on purpose (owner, name_key, reached, keys, password, ...), so a new field is a
# decision to make, not one to forget.
PROFILE_FIELDS = ["name", "time_zone", "keep_in_touch_days", *QUIET_FIELDS, "digest_enabled"]
COMPANY_FIELDS = ["name", "website", "notes", "reapply_from", "created_at", "updated_at"]
APPLICATION_FIELDS = [
    "title",
    "job_url",
    "location",
    "work_mode",
    "source",
    "salary_min",
    "salary_max",
    "currency",
    "salary_period",
    "employment_type",
    "closing_on",
    "excitement",
    "tags",
    "description",
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
    "email_subject",
    "sender_automated",
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
    "send_on",
    "sent_on",
    "follow_up_on",
    "received_on",
    "response",
    "is_generic",
    "dig_deeper",
    "dig_deeper_sent_on",
    "dig_deeper_follow_up_on",
    "dig_deeper_answered_on",
    "dig_deeper_answer",
    "evidence",
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
        for row in Reflection.objects.filter(owner=user).values("rejection_id", *REFLECTION_FIELDS)
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
        .values("pk", "application_id", "contact_id", *REJECTION_FIELDS)
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
                "contact": contact_ids.get(row["contact_id"]),
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
