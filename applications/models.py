import html
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from applications.capture.sanitise import DESCRIPTION_MAX
from applications.capture.tags import normalise_tags
from applications.fields import DescriptionField, TagsField
from applications.indexes import APPLICATION_REMINDER_INDEXES, COMPANY_REMINDER_INDEXES
from applications.news import first_news, last_news
from applications.salary import SalaryPeriod, format_salary

# The stages live in applications/stages.py; the rest of Onward names them here.
from applications.stages import (  # noqa: F401
    ACTIVE_STAGES,
    CLOSED_STAGES,
    PROGRESS,
    RANK,
    Stage,
    rank,
    reached_rank,
)

# URLField lives in core; migrations name it here, so the name stays importable.
from core.fields import AmountField, URLField
from core.limits import validate_day, validate_moment
from core.links import object_url
from core.locking import lock
from core.models import ChoiceLabels
from core.owned import OwnedQuerySet


def company_key(name):
    """The form a company name is matched in: spaces folded, case-folded, so
    "Ünion  Bank" and "ünion bank" are one company on every database."""
    return " ".join((name or "").split()).casefold()


def clean_company_name(name):
    return " ".join((name or "").split())


class CompanyQuerySet(OwnedQuerySet):
    def with_counts(self):
        """Annotates how many applications each company has, in subqueries that run
        for the rows fetched only, so a page of companies stays cheap."""
        per_company = (
            Application.objects.filter(company=OuterRef("pk"))
            .order_by()
            .values("company")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            application_count=Coalesce(Subquery(per_company), 0),
            active_count=Coalesce(Subquery(per_company.filter(stage__in=ACTIVE_STAGES)), 0),
        )


class Company(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="companies"
    )
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    website = URLField(max_length=500, blank=True)
    notes = models.TextField(blank=True, max_length=20_000)
    # After a "no", when applying here again makes sense (feedback.services sets it).
    reapply_from = models.DateField(
        "you can apply again from",
        null=True,
        blank=True,
        validators=[validate_day],
        help_text="Set for you 6 months after a rejection. Leave it blank for no wait.",
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name_key"]
        indexes = [
            *COMPANY_REMINDER_INDEXES,
            models.Index(fields=["owner", "updated_at"], name="company_owner_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name_key"],
                name="unique_company_name_per_owner",
                violation_error_message="You already have a company with this name.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_company_name(self.name)
        self.name_key = company_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("companies:detail", self.pk)

    @property
    def reapply_waiting(self):
        """Whether the day to apply here again is still to come, in the person's today
        (the zone activated for the request)."""
        return self.reapply_from is not None and self.reapply_from > timezone.localdate()

    @classmethod
    def for_name(cls, owner, name):
        """The owner's company with this name (matched case-insensitively), created
        if there is none yet."""
        company, _ = cls.objects.get_or_create(
            owner=owner, name_key=company_key(name), defaults={"name": clean_company_name(name)}
        )
        return company

    @transaction.atomic
    def merge_into(self, target):
        """Moves everything that points at this company to `target`, keeps the notes,
        and deletes this company. Follows every relation to Company, so rows added by
        other apps (contacts, ...) move too and nothing is lost."""
        if target.pk == self.pk or target.owner_id != self.owner_id:
            raise ValueError("A company can only be merged into another of the same owner.")
        for relation in self._meta.related_objects:
            if relation.many_to_many or relation.one_to_one:
                continue
            relation.related_model._base_manager.filter(**{relation.field.name: self}).update(
                **{relation.field.name: target}
            )
        changed = False
        if self.website and not target.website:
            target.website = self.website
            changed = True
        if self.notes:
            target.notes = f"{target.notes}\n\n{self.notes}".strip()
            changed = True
        if changed:
            target.save()
        self.delete()


class ApplicationQuerySet(OwnedQuerySet):
    def active(self):
        return self.filter(stage__in=ACTIVE_STAGES)

    def closed(self):
        return self.filter(stage__in=CLOSED_STAGES)

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            # The stored case-fold, so "ünion" finds "Ünion Bank" on SQLite too,
            # whose LIKE folds ASCII letters only.
            | Q(company__name_key__contains=company_key(text))
            | Q(location__icontains=text)
            | Q(notes__icontains=text)
            | Q(tags__icontains=text)
            # The description is HTML: "R&D" is stored as "R&amp;D".
            | Q(description__icontains=html.escape(text, quote=False))
        )

    def tagged(self, tag):
        """Applications with this tag (as normalise_tags spells it) among their tags."""
        tag = normalise_tags(tag)
        if not tag or "," in tag:
            return self.none() if tag else self
        return self.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag}, ")
            | Q(tags__endswith=f", {tag}")
            | Q(tags__contains=f", {tag}, ")
        )

    def with_card_facts(self, now=None):
        """Annotates the next interview, without a query per row."""
        next_interview = Interview.objects.filter(
            application=OuterRef("pk"), starts_at__gte=now or timezone.now()
        ).order_by("starts_at")
        return self.annotate(next_interview_at=Subquery(next_interview.values("starts_at")[:1]))

    def follow_up_due(self, today):
        return self.active().filter(follow_up_on__lte=today)

    def refresh_news(self):
        """Sets these applications' news_at afresh from their stage change and
        interviews (applications/news.py), in one UPDATE."""
        return self.update(news_at=last_news(Interview))


class Application(ChoiceLabels, models.Model):
    class WorkMode(models.TextChoices):
        ONSITE = "onsite", "On site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    class Source(models.TextChoices):
        JOB_BOARD = "job_board", "Job board"
        COMPANY_SITE = "company_site", "Company website"
        REFERRAL = "referral", "Referral"
        RECRUITER = "recruiter", "Recruiter approached me"
        AGENCY = "agency", "Agency"
        NETWORKING = "networking", "Networking"
        OTHER = "other", "Other"

    SalaryPeriod = SalaryPeriod  # (applications/salary.py)

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full time"
        PART_TIME = "part_time", "Part time"
        CONTRACT = "contract", "Contract"
        TEMPORARY = "temporary", "Temporary"
        INTERNSHIP = "internship", "Internship"
        OTHER = "other", "Other"

    EXCITEMENT = [
        (1, "1 – not much"),
        (2, "2"),
        (3, "3 – quite"),
        (4, "4"),
        (5, "5 – very"),
    ]
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    company = models.ForeignKey(Company, on_delete=models.RESTRICT, related_name="applications")
    title = models.CharField("job title", max_length=200)
    job_url = URLField("job advert link", max_length=500, blank=True)
    location = models.CharField(max_length=200, blank=True)
    work_mode = models.CharField(max_length=10, choices=WorkMode, blank=True)
    source = models.CharField(max_length=20, choices=Source, blank=True)
    salary_min = AmountField("salary from", null=True, blank=True)
    salary_max = AmountField("salary to", null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="e.g. EUR, GBP, USD")
    salary_period = models.CharField(
        "salary period", max_length=10, choices=SalaryPeriod, blank=True
    )
    employment_type = models.CharField(max_length=20, choices=EmploymentType, blank=True)
    closing_on = models.DateField(
        "closing date",
        null=True,
        blank=True,
        validators=[validate_day],
        help_text="The last day to apply, if the advert gives one.",
    )
    excitement = models.PositiveSmallIntegerField(
        "how excited are you?", choices=EXCITEMENT, null=True, blank=True
    )
    tags = TagsField(max_length=500, blank=True, help_text="Separate tags with commas.")
    description = DescriptionField(
        "job description",
        blank=True,
        max_length=DESCRIPTION_MAX,
        help_text="What the advert said, kept in case it is taken down. Basic formatting "
        "is kept (paragraphs, lists, bold, links); anything else is removed.",
    )
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.APPLIED)
    applied_on = models.DateField("applied on", null=True, blank=True, validators=[validate_day])
    follow_up_on = models.DateField(
        "follow up on",
        null=True,
        blank=True,
        validators=[validate_day],
        help_text="When to chase this up, if you hear nothing.",
    )
    notes = models.TextField(blank=True, max_length=20_000)
    # When the current stage began: the newest StageChange's time, kept here by save()
    # and move_to() so that lists and the board can show it without a query per row.
    stage_changed_at = models.DateTimeField(
        default=timezone.now, editable=False, validators=[validate_moment]
    )
    # The furthest RANK any row of the timeline reached, kept here by save() and
    # move_to() (and by the bulk writers: CSV and account import, seed_demo) so that
    # /insights/ counts the funnel over the applications, not their timelines.
    reached = models.PositiveSmallIntegerField(default=0, editable=False)
    # The application's last news: the later of stage_changed_at and its latest
    # interview's start, kept here by every writer (applications/news.py) so that the
    # "no news" reminders are read and counted from an index.
    news_at = models.DateTimeField(
        default=timezone.now, editable=False, validators=[validate_moment]
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "stage", "-updated_at"]),
            models.Index(fields=["owner", "-updated_at"]),
            models.Index(fields=["owner", "-applied_on"]),
            models.Index(fields=["owner", "stage", "stage_changed_at"]),
            models.Index(fields=["owner", "source", "reached"]),
            *APPLICATION_REMINDER_INDEXES,  # the reminders' (applications/indexes.py)
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="salary_min_not_above_max",
                violation_error_message="The salary minimum can’t be above the maximum.",
            )
        ]

    def __str__(self):
        return f"{self.title} at {self.company}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        if adding:
            self.reached = max(self.reached, rank(self.stage))
            first_news(self)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if adding:
                StageChange.objects.create(
                    application=self,
                    from_stage="",
                    to_stage=self.stage,
                    changed_at=self.stage_changed_at,
                )

    def get_absolute_url(self):
        return object_url("applications:detail", self.pk)

    @property
    def is_active(self):
        return self.stage in ACTIVE_STAGES

    @property
    def salary_text(self):
        """The salary as a person reads it: "£48,000-55,000 a year" (an en dash), "from €60,000",
        "up to 500 CHF a day"; "" when there is none."""
        return format_salary(self.salary_min, self.salary_max, self.currency, self.salary_period)

    @property
    def tag_list(self):
        return [tag for tag in self.tags.split(", ") if tag]

    def move_to(self, stage, note="", today=None):
        """The one place a stage changes: it also writes the timeline row. Returns the
        StageChange, or None when the application is already at that stage.

        The row is locked and its stage read afresh first, so racing moves take turns:
        each timeline row starts where the one before it ended, and `reached` keeps the
        furthest of them."""
        stage = Stage(stage)
        with transaction.atomic():
            rows = Application._base_manager.filter(pk=self.pk)
            lock(rows)
            self.stage, self.reached, self.applied_on = rows.values_list(
                "stage", "reached", "applied_on"
            ).get()
            if stage == self.stage:
                return None
            change = StageChange.objects.create(
                application=self, from_stage=self.stage, to_stage=stage, note=note
            )
            self.stage = stage
            self.stage_changed_at = change.changed_at
            self.reached = max(self.reached, rank(stage))
            # Worked out in the UPDATE, from the interviews the database holds (the
            # row is locked: a racing interview's write waits for this one).
            self.news_at = last_news(Interview, models.Value(change.changed_at))
            fields = ["stage", "stage_changed_at", "news_at", "reached", "updated_at"]
            if stage == Stage.APPLIED and self.applied_on is None:
                self.applied_on = today or timezone.localdate()
                fields.append("applied_on")
            self.save(update_fields=fields)
            del self.news_at  # read from the row when asked for
        return change

    def undo_move(self, change_pk, today=None):
        """Moves the application back to where the timeline row `change_pk` moved it
        from, through move_to (so the timeline records the move and its undoing), but
        only while that row is still the latest move: an older move, one moved past
        since, or the row that added the application cannot be undone. Returns the new
        StageChange, or None when there is nothing to undo.

        A move from saved to applied that is undone takes back the applied date it set
        (move_to sets it to the day of the move), so a saved application stays one not
        applied for."""
        with transaction.atomic():
            lock(Application._base_manager.filter(pk=self.pk))
            latest = (
                StageChange.objects.filter(application=self)
                .order_by("-changed_at", "-pk")
                .values_list("pk", "from_stage", "to_stage", "changed_at")
                .first()
            )
            if latest is None or latest[0] != change_pk or not latest[1]:
                return None
            _, from_stage, to_stage, moved_at = latest
            note = f"Undid the move to {Stage(to_stage).label.lower()}."
            change = self.move_to(from_stage, note=note, today=today)
            if (from_stage, to_stage) == (
                Stage.SAVED,
                Stage.APPLIED,
            ) and self.applied_on == timezone.localdate(moved_at):
                self.applied_on = None
                self.save(update_fields=["applied_on", "updated_at"])
        return change

    def furthest_stage(self, changes):
        """The furthest pipeline stage reached, from this application's timeline rows."""
        reached = [Stage(change.to_stage) for change in changes if change.to_stage in PROGRESS]
        return max(reached, key=PROGRESS.index) if reached else None


class StageChangeQuerySet(OwnedQuerySet):
    owner_path = "application__owner"


class StageChange(ChoiceLabels, models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20, choices=Stage, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage)
    changed_at = models.DateTimeField(default=timezone.now, validators=[validate_moment])
    note = models.CharField(max_length=500, blank=True)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["application", "-changed_at"]),
            models.Index(fields=["-changed_at"]),
        ]

    def __str__(self):
        return f"{self.from_stage or 'new'} → {self.to_stage}"

    @property
    def is_initial(self):
        return not self.from_stage


class InterviewQuerySet(OwnedQuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at")


class Interview(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"
        ONSITE = "onsite", "On site"
        TECHNICAL = "technical", "Technical"
        PANEL = "panel", "Panel"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting to hear"
        PASSED = "passed", "Moved forward"
        NOT_PASSED = "not_passed", "Did not move forward"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    # The application's owner, kept here by save() (and by the bulk writers: account
    # import, seed_demo) so that what is due is read from an (owner, starts_at) index,
    # not joined through every user's applications.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    starts_at = models.DateTimeField("starts at", validators=[validate_moment])
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.VIDEO)
    with_whom = models.CharField("with whom", max_length=200, blank=True)
    notes = models.TextField(blank=True, max_length=20_000)
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.PENDING)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["owner", "updated_at"], name="interview_owner_updated"),
            models.Index(fields=["application", "starts_at"]),
            models.Index(fields=["starts_at"]),
            models.Index(fields=["owner", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} interview for {self.application}"

    def save(self, *args, **kwargs):
        if self.owner_id is None:
            self.owner_id = self.application.owner_id
        with transaction.atomic():
            news = self.news_of()
            lock(news)
            super().save(*args, **kwargs)
            news.refresh_news()

    def get_absolute_url(self):
        return self.application.get_absolute_url()

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            news = self.news_of()
            lock(news)
            deleted = super().delete(*args, **kwargs)
            news.refresh_news()
        return deleted

    @classmethod
    def from_db(cls, db, field_names, values):
        interview = super().from_db(db, field_names, values)
        interview.loaded_application_id = interview.__dict__.get("application_id")
        return interview

    def news_of(self):
        """The applications whose last news (news_at) this interview's write changes:
        its own, and the one it was moved from (in the admin). Locked before the write,
        so that racing writes to one application's interviews take turns."""
        ids = {self.application_id, getattr(self, "loaded_application_id", None)} - {None}
        return Application.objects.filter(pk__in=ids).order_by("pk")


class ImportBatchQuerySet(OwnedQuerySet):
    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())


def import_expiry():
    return timezone.now() + ImportBatch.LIFETIME


class ImportBatch(models.Model):
    """A CSV upload read and checked, waiting for its owner to confirm it.

    The cleaned rows live here, not in a session or on disk, so the preview and the
    confirmation may be served by different app servers. A batch is deleted when it
    is confirmed or cancelled, and refused (then deleted) once it has expired."""

    LIFETIME = timedelta(hours=1)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    file_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=import_expiry, db_index=True)
    # Ready to create: one dict per application, dates as ISO strings.
    rows = models.JSONField(default=list, blank=True)
    # What the preview shows besides: problems, duplicates, notices, ignored columns.
    report = models.JSONField(default=dict, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    valid_count = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "import batches"

    def __str__(self):
        return f"Import of {self.file_name or 'a CSV file'} ({self.valid_count} rows)"

    def get_absolute_url(self):
        return reverse("applications:import_preview", args=[self.pk])

    def is_expired(self, now=None):
        return self.expires_at <= (now or timezone.now())
