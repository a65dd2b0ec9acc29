"""Writing many companies and applications at once: the CSV import, the account import
and the demo all write through here.

One application at a time, Company.save(), Application.save() and move_to() keep what
the rest of Onward relies on: a company's case-folded `name_key`, an application's first
timeline row and its `reached` (the furthest stage its timeline got to), an
application's last news (`news_at`, applications/news.py: Interview.save() keeps it
too). bulk_create skips save(), so this module keeps the same rules for many rows, in a
few queries.
"""

from django.db import connections, router, transaction
from django.db.models import Value
from django.db.models.functions import Greatest
from django.utils import timezone

from applications.models import (
    Application,
    Company,
    Interview,
    Stage,
    StageChange,
    clean_company_name,
    company_key,
    rank,
    reached_rank,
)
from applications.news import first_news, last_news
from core.locking import lock

BATCH_SIZE = 1000


def insert_companies(companies, ignore_conflicts=False):
    """Inserts unsaved companies with their names tidied and their name_key set, keeping
    the created_at/updated_at they carry. With `ignore_conflicts` a name the owner
    already has is skipped (a company created meanwhile in another tab)."""
    for company in companies:
        company.name = clean_company_name(company.name)
        company.name_key = company_key(company.name)
    if ignore_conflicts:
        Company.objects.bulk_create(companies, batch_size=BATCH_SIZE, ignore_conflicts=True)
    else:
        insert_keeping_times(Company, companies)
    return companies


def insert_applications(applications, timelines=None, note=""):
    """Inserts unsaved applications (company or company_id set) and their timelines.

    `timelines`, when given, has one list of unsaved StageChange rows per application,
    oldest first; an empty list, or no `timelines` at all, means the application's
    timeline is the one row Application.save() writes: from nothing to its stage, at its
    stage_changed_at, with `note`. `reached` is set from the timeline and the stage, and
    news_at from stage_changed_at (interviews come after: insert_interviews);
    stage_changed_at, created_at and updated_at set on an application are kept. Returns
    the rows."""
    if timelines is None:
        timelines = [[] for _ in applications]
    changes = []
    for application, timeline in zip(applications, timelines, strict=True):
        if not timeline:
            timeline = [
                StageChange(
                    from_stage="",
                    to_stage=application.stage,
                    changed_at=application.stage_changed_at,
                    note=note,
                )
            ]
        # Its own stage counts too, as Application.save() counts it: a timeline given
        # without the move to that stage (a hand-edited file) would otherwise leave a
        # rejected application out of the funnel's "sent".
        application.reached = reached_rank(
            [*(change.to_stage for change in timeline), application.stage]
        )
        first_news(application)
        for change in timeline:
            change.application = application
        changes += timeline
    insert_keeping_times(Application, applications)
    for change in changes:
        change.application_id = change.application.pk
    StageChange.objects.bulk_create(changes, batch_size=BATCH_SIZE)
    return applications


def insert_interviews(interviews):
    """Inserts unsaved interviews (application and owner set), keeping the
    created_at/updated_at they carry, and sets their applications' news_at afresh (as
    Interview.save() does for one), a batch of applications per UPDATE."""
    insert_keeping_times(Interview, interviews)
    ids = sorted({interview.application_id for interview in interviews})
    for start in range(0, len(ids), BATCH_SIZE):
        Application.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).refresh_news()
    return interviews


def auto_timestamps(model):
    """The fields bulk_create stamps with the time of the run (auto_now, auto_now_add)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]


def insert_keeping_times(model, objects):
    """bulk_create in batches, keeping the created_at/updated_at the objects carry.

    bulk_create stamps auto_now fields with the time of the run, so the times are
    written back after it. Not with bulk_update: its CASE WHEN per row costs about a
    third of a millisecond of Python each, 10 s for a big account; one plain UPDATE per
    row through executemany (batched by both databases' drivers) takes a fraction of
    that. An object that carried no time keeps the time of the run."""
    stamped = auto_timestamps(model)
    kept = [[getattr(obj, name) for name in stamped] for obj in objects]
    model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    if not stamped or not any(value is not None for values in kept for value in values):
        return objects
    for obj, values in zip(objects, kept, strict=True):
        for name, value in zip(stamped, values, strict=True):
            if value is not None:
                setattr(obj, name, value)
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in stamped]
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH_SIZE):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_value(getattr(obj, f.attname), connection) for f in fields]
                    + [obj.pk]
                    for obj in objects[start : start + BATCH_SIZE]
                ],
            )
    return objects


def move_many(queryset, stage, note="", allowed_from=None):
    """Moves the applications of `queryset` (those at one of `allowed_from`, when given)
    to `stage` as move_to() moves one, in a few queries: the rows locked first (in id
    order) and their stages read afresh, so a racing move of the same rows waits and
    then finds them moved; a timeline row each, from where it stood; `reached` kept
    the furthest. Returns {id: the stage it was at} of the applications moved.

    Not for a move to applied, which also sets the applied date: move_to() does that."""
    stage = Stage(stage)
    if stage == Stage.APPLIED:
        raise ValueError("A move to applied sets the applied date: use move_to().")
    with transaction.atomic():
        rows = queryset.order_by("pk")
        lock(rows)
        moving = {
            pk: was
            for pk, was in rows.values_list("pk", "stage")
            if was != stage and (allowed_from is None or was in allowed_from)
        }
        if not moving:
            return {}
        now = timezone.now()
        StageChange.objects.bulk_create(
            [
                StageChange(
                    application_id=pk, from_stage=was, to_stage=stage, note=note, changed_at=now
                )
                for pk, was in moving.items()
            ],
            batch_size=BATCH_SIZE,
        )
        Application.objects.filter(pk__in=list(moving)).update(
            stage=stage,
            stage_changed_at=now,
            news_at=last_news(Interview, Value(now)),
            reached=Greatest("reached", Value(rank(stage))),
            updated_at=now,
        )
    return moving
