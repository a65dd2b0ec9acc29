"""A confirmed import: the batch's rows created as applications in one transaction,
through the bulk writers, with the companies they name."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from applications.bulk import insert_applications, insert_companies
from applications.csv.duplicates import duplicate_key, existing_keys
from applications.models import (
    Application,
    Company,
    ImportBatch,
    Stage,
    clean_company_name,
    company_key,
)


@dataclass
class ImportResult:
    created: int
    skipped: int


def import_batch(batch):
    """Creates the batch's applications, each with its first timeline row, in one
    transaction: all of them or none. The batch is deleted in the same transaction,
    so a second confirmation (a double click, another server) finds nothing to do and
    returns None. Rows that became duplicates since the preview are skipped."""
    owner = batch.owner
    with transaction.atomic():
        if not ImportBatch.objects.filter(pk=batch.pk, owner=owner).delete()[0]:
            return None
        existing = existing_keys(owner)
        rows = []
        for row in batch.rows:
            key = duplicate_key(row)
            if key not in existing:
                existing.add(key)
                rows.append(row)
        companies = company_ids(owner, [row["company"] for row in rows])
        now = timezone.now()
        applications = insert_applications(
            [new_application(owner, companies, row, now) for row in rows],
            note="Imported from a CSV file",
        )
    return ImportResult(created=len(applications), skipped=len(batch.rows) - len(rows))


def company_ids(owner, names):
    """{name_key: id} of the owner's companies with these names, creating those that
    don't exist yet (the first spelling in the file names a new company)."""
    wanted = {}
    for name in names:
        wanted.setdefault(company_key(name), clean_company_name(name))
    known = dict(Company.objects.for_user(owner).values_list("name_key", "pk"))
    missing = [Company(owner=owner, name=name) for key, name in wanted.items() if key not in known]
    if missing:
        # A company created meanwhile in another tab is simply matched.
        insert_companies(missing, ignore_conflicts=True)
        known = dict(Company.objects.for_user(owner).values_list("name_key", "pk"))
    return known


def new_application(owner, companies, row, now):
    stage = row.get("stage") or Stage.APPLIED
    return Application(
        owner=owner,
        company_id=companies[company_key(row["company"])],
        title=row["title"],
        stage=stage,
        applied_on=as_date(row.get("applied_on")),
        follow_up_on=as_date(row.get("follow_up_on")),
        job_url=row.get("job_url", ""),
        location=row.get("location", ""),
        work_mode=row.get("work_mode", ""),
        source=row.get("source", ""),
        salary_min=row.get("salary_min"),
        salary_max=row.get("salary_max"),
        currency=row.get("currency", ""),
        notes=row.get("notes", ""),
        salary_period=row.get("salary_period", ""),
        employment_type=row.get("employment_type", ""),
        closing_on=as_date(row.get("closing_on")),
        excitement=row.get("excitement"),
        tags=row.get("tags", ""),
        description=row.get("description", ""),
        stage_changed_at=now,
    )


def as_date(value):
    return date.fromisoformat(value) if value else None
