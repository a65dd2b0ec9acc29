"""What search looks through: one Kind per group of results, in the order the page
shows them. A kind's searched fields are listed here once; the PostgreSQL column of
their words (and its trigger and GIN index) is made by a migration of this app
(search/migrations), and tests/search/test_rule.py fails when the two drift apart.
SQLite's FTS5 tables are made from this list itself, after every migrate (search.fts).

To search one more field of a model, add it to `fields` and add a migration that
rebuilds that model's words column (see search/indexes.py).
"""

from dataclasses import dataclass

from applications.models import Application, Company, Interview
from contacts.models import Contact
from feedback.models import FeedbackRequest, Lesson, Rejection
from search.vectors import Field


@dataclass(frozen=True)
class Kind:
    slug: str  # ?kind=…
    label: str  # the group's heading
    noun: str  # one result, for counts ("1 application")
    model: type
    fields: tuple  # the model's own searched fields
    index: str  # the name of the GIN index over the model's words on PostgreSQL
    order: tuple
    # A foreign key to a Company: its name is searched as one more field of the row.
    company: str = ""
    # Fields the result's link shows already: the excerpt is taken from the others.
    shown: tuple = ()
    # What its presenter (search.presenting) reads besides the pk and the excerpt's
    # fields: the only values a search reads of its rows (and their related rows').
    reads: tuple = ()

    @property
    def excerpt_fields(self):
        return [field for field in self.fields if field.name not in self.shown]


# Company names are searched through the rows that point at them.
COMPANY_FIELDS = (Field("name"),)
COMPANY_INDEX = "search_company_words"

KINDS = (
    Kind(
        "applications",
        "Applications",
        "application",
        Application,
        fields=(Field("title"), Field("location"), Field("notes"), Field("description", html=True)),
        index="search_application_words",
        order=("-updated_at", "-pk"),
        company="company",
        shown=("title",),
        reads=("title", "stage", "applied_on", "company__name"),
    ),
    Kind(
        "contacts",
        "Contacts",
        "contact",
        Contact,
        fields=(Field("name"), Field("title"), Field("email"), Field("notes")),
        index="search_contact_words",
        order=("name", "pk"),
        company="company",
        shown=("name",),
        reads=("name", "title", "relation", "company__name"),
    ),
    Kind(
        "rejections",
        "Rejections",
        "rejection",
        Rejection,
        fields=(Field("reason_given"), Field("message")),
        index="search_rejection_words",
        order=("-received_on", "-pk"),
        reads=("at_stage", "received_on", "application__title", "application__company__name"),
    ),
    Kind(
        "answers",
        "Feedback answers",
        "feedback answer",
        FeedbackRequest,
        fields=(Field("response"), Field("dig_deeper_answer")),
        index="search_answer_words",
        order=("-created_at", "-pk"),
        reads=(
            "status",
            "received_on",
            "contact__name",
            "rejection__application__title",
            "rejection__application__company__name",
        ),
    ),
    Kind(
        "lessons",
        "Lessons",
        "lesson",
        Lesson,
        fields=(Field("title"), Field("detail")),
        index="search_lesson_words",
        order=("-updated_at", "-pk"),
        shown=("title",),
        reads=("title", "category", "status"),
    ),
    Kind(
        "interviews",
        "Interviews",
        "interview",
        Interview,
        fields=(Field("with_whom"), Field("notes")),
        index="search_interview_words",
        order=("-starts_at", "-pk"),
        reads=(
            "kind",
            "starts_at",
            "application_id",
            "application__title",
            "application__company__name",
        ),
    ),
)
BY_SLUG = {kind.slug: kind for kind in KINDS}

# Every model with a GIN index, with its fields: what the migrations build.
INDEXED = [(Company, COMPANY_FIELDS, COMPANY_INDEX)] + [
    (kind.model, kind.fields, kind.index) for kind in KINDS
]
