from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

from accounts.models import User
from applications.models import Application, Company
from core.fields import URLField
from core.limits import days_later, validate_day, validate_moment
from core.links import object_url
from core.models import ChoiceLabels
from core.owned import OwnedQuerySet


class ContactQuerySet(OwnedQuerySet):
    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(title__icontains=text)
            | Q(email__icontains=text)
            | Q(company__name__icontains=text)
            | Q(notes__icontains=text)
        )

    def with_cadence(self):
        return self.filter(keep_in_touch_days__isnull=False)


def describe(name, title, relation, company_name=None):
    """ "Jane Doe, hiring manager at Acme": a contact in words, from its values."""
    role = title or RELATION_LABELS.get(relation, relation).lower()
    where = f" at {company_name}" if company_name else ""
    return f"{name}, {role}{where}"


class Contact(ChoiceLabels, models.Model):
    class Relation(models.TextChoices):
        RECRUITER = "recruiter", "Recruiter"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"
        INTERVIEWER = "interviewer", "Interviewer"
        HR = "hr", "HR"
        AGENCY_RECRUITER = "agency_recruiter", "Agency recruiter"
        REFERRER = "referrer", "Referrer"
        OTHER = "other", "Other"

    Cadence = User.Cadence

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    title = models.CharField("job title", max_length=200, blank=True)
    relation = models.CharField(max_length=20, choices=Relation, default=Relation.RECRUITER)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    linkedin_url = URLField("LinkedIn profile", max_length=500, blank=True)
    notes = models.TextField(blank=True, max_length=20_000)
    keep_in_touch_days = models.PositiveSmallIntegerField(
        "keep in touch",
        choices=Cadence,
        null=True,
        blank=True,
        help_text="How often to check in. Leave empty for no reminders.",
    )
    last_contacted_on = models.DateField(
        "last contact", null=True, blank=True, validators=[validate_day]
    )
    next_check_in_on = models.DateField(
        "next check-in", null=True, blank=True, editable=False, validators=[validate_day]
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["owner", "updated_at"], name="contact_owner_updated"),
            models.Index(fields=["owner", "next_check_in_on"]),
            models.Index(fields=["owner", "name"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Recomputes the next check-in when the cadence or the last contact changed (or
        the contact is new); otherwise a snoozed check-in keeps its date."""
        if getattr(self, "_loaded_schedule", None) != self.schedule_inputs():
            self.next_check_in_on = self.compute_next_check_in()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "next_check_in_on" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "next_check_in_on"]
        super().save(*args, **kwargs)
        self._loaded_schedule = self.schedule_inputs()

    def get_absolute_url(self):
        return object_url("contacts:detail", self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        contact = super().from_db(db, field_names, values)
        contact._loaded_schedule = contact.schedule_inputs()
        return contact

    def schedule_inputs(self):
        return (self.__dict__.get("keep_in_touch_days"), self.__dict__.get("last_contacted_on"))

    def snooze_check_in(self, until):
        """Moves the next check-in to a later day, until an interaction is logged or the
        cadence changes."""
        self.next_check_in_on = until
        self.save(update_fields=["next_check_in_on", "updated_at"])

    def describe(self):
        """ "Jane Doe, hiring manager at Acme"."""
        company = self.company.name if self.company_id else None
        return describe(self.name, self.title, self.relation, company)

    def compute_next_check_in(self):
        """The last contact plus the cadence; with no contact yet, counted from when the
        contact was added. No cadence, no check-in."""
        if not self.keep_in_touch_days:
            return None
        start = self.last_contacted_on
        if start is None:
            start = (self.created_at.date() if self.created_at else None) or self.owner.today()
        return days_later(start, self.keep_in_touch_days)

    @transaction.atomic
    def log_interaction(self, *, happened_on, kind, summary="", application=None):
        """Records an interaction and moves the last contact and the next check-in on."""
        interaction = self.interactions.create(
            happened_on=happened_on, kind=kind, summary=summary, application=application
        )
        if self.last_contacted_on is None or happened_on > self.last_contacted_on:
            self.last_contacted_on = happened_on
        self.save(update_fields=["last_contacted_on", "updated_at"])
        return interaction


RELATION_LABELS = dict(Contact.Relation.choices)


class InteractionQuerySet(OwnedQuerySet):
    owner_path = "contact__owner"


class Interaction(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        CALL = "call", "Call"
        MEETING = "meeting", "Meeting"
        MESSAGE = "message", "Message"
        THANK_YOU = "thank_you", "Thank-you reply"
        CHECK_IN = "check_in", "Check-in"
        OTHER = "other", "Other"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    happened_on = models.DateField("date", validators=[validate_day])
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.EMAIL)
    summary = models.TextField(blank=True, max_length=5_000)
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["contact", "-happened_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.contact} on {self.happened_on}"
