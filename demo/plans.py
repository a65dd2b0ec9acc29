"""What seed_demo plans in memory before it writes anything, and what every planner
shares: the batch size, how far back the history reaches, an instant in the user's
time zone, and bulk_create with planned times.

Each plan holds unsaved model objects and the times they should carry; the planners of
demo/ fill them in, and their `create_*` functions bulk-create them.
"""

from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as clock

from applications.bulk import insert_keeping_times
from applications.models import Application
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection

BATCH_SIZE = 1000
# Applied dates reach back about six months.
HISTORY_DAYS = 182


def local_instant(day, minutes, zone):
    """`minutes` past midnight on `day`, in the user's zone."""
    return datetime.combine(day, clock(minutes // 60, minutes % 60), tzinfo=zone)


def bulk_create_dated(model, rows):
    """Inserts [(object, created_at, updated_at)] at their planned times, through the
    bulk writer that keeps them (bulk_create alone stamps the time of the run)."""
    for obj, created_at, updated_at in rows:
        obj.created_at, obj.updated_at = created_at, updated_at
    insert_keeping_times(model, [row[0] for row in rows])


@dataclass
class Plan:
    """One application to be, with its timeline and interviews (not saved yet)."""

    application: Application
    steps: list  # [(stage, changed_at, note)], oldest first
    interviews: list = field(default_factory=list)  # unsaved Interview objects


@dataclass
class ContactPlan:
    contact: Contact  # not saved yet
    created_at: datetime
    keep_warm: float  # the chance of a keep-in-touch cadence, unless thanked
    interactions: list = field(default_factory=list)  # unsaved Interaction objects
    thanked: bool = False
    updated_at: datetime | None = None  # when the last interaction was logged

    def log(self, happened_on, kind, summary, application=None):
        self.interactions.append(
            Interaction(
                contact=self.contact,
                happened_on=happened_on,
                kind=kind,
                summary=summary,
                application=application,
            )
        )


@dataclass
class RejectionPlan:
    plan: Plan
    rejection: Rejection  # not saved yet
    age: int  # days from receiving it to today
    after_silence: bool  # a "no response" treated as a rejection
    reason_lesson: tuple | None = None  # (category, title, detail) the reason points to
    reflection: Reflection | None = None
    requests: list = field(default_factory=list)  # RequestPlans

    @property
    def company(self):
        return self.plan.application.company


@dataclass
class RequestPlan:
    request: FeedbackRequest  # not saved yet
    source: RejectionPlan
    created_at: datetime
    updated_at: datetime | None = None  # when the last date on it was recorded
    lesson: tuple | None = None  # (category, title, detail) the answer points to


@dataclass
class LessonPlan:
    lesson: Lesson  # not saved yet
    created_at: datetime
    updated_at: datetime
    applications: list  # saved Applications that addressed it
