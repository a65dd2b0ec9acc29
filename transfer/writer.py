"""Writing a checked export (a Plan from transfer/reader.py) into an empty account, all
of it or nothing. Applications and their timelines go through applications/bulk.py, the
one bulk writer of applications."""

from django.db import DatabaseError, transaction

from accounts.models import User
from applications.bulk import insert_applications, insert_interviews, insert_keeping_times
from applications.models import Company
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from transfer.holdings import has_data
from transfer.reader import ImportProblem

BATCH_SIZE = 1000

NOT_EMPTY = "Your account already has data; import only works into an empty account."


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
            link(plan.interviews, "application", owner=user)
            insert_interviews(plan.interviews)  # and their applications' last news
            insert_linked(Contact, plan.contacts, "company", owner=user)
            insert_linked(Interaction, plan.interactions, "contact", "application")
            insert_linked(Rejection, plan.rejections, "application", "contact", owner=user)
            insert_linked(Reflection, plan.reflections, "rejection", owner=user)
            insert_linked(
                FeedbackRequest, plan.feedback_requests, "rejection", "contact", owner=user
            )
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
        # The reader's checks mirror every rule the database has; this is the net
        # under them, and the transaction has rolled everything back.
        raise ImportProblem(
            f"Nothing was imported: the database refused the data ({error})."
        ) from error
    return plan
