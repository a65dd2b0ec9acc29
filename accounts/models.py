import secrets
import zoneinfo
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

# The time zones live with the other limits; migrations name them here too.
from core.limits import available_time_zones, validate_time_zone  # noqa: F401


def normalize_email(email):
    """The one form an address is stored and compared in: trimmed and case-folded,
    so Jane@X.org and jane@x.org are the same account on every database."""
    return (email or "").strip().casefold()


def username_from_request(request, credentials=None):
    """django-axes counts failures per case-folded address."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalize_email(username)


# The bounds of the "no news" thresholds: a day at least, a year at most.
QUIET_DAYS_MIN = 1
QUIET_DAYS_MAX = 365
QUIET_WORKDAYS_MAX = 260  # a year of working days
# Before per-stage thresholds, one `quiet_after_days` (default 21) covered applied and
# screening. A value the person chose carries over to "after applying"; the untouched
# old default becomes the new one (the migration and reading an older export agree).
OLD_QUIET_AFTER_DEFAULT = 21
QUIET_APPLIED_DEFAULT = 14

QUIET_FIELDS = ["quiet_applied_days", "quiet_screening_days", "quiet_interview_workdays"]


def applied_days_from_quiet_after(days):
    """The "no news after applying" threshold for an older `quiet_after_days`."""
    if days == OLD_QUIET_AFTER_DEFAULT:
        return QUIET_APPLIED_DEFAULT
    return min(max(days, QUIET_DAYS_MIN), QUIET_DAYS_MAX)


def new_calendar_token():
    """A random token for the private calendar feed's address: 32 random bytes."""
    return secrets.token_urlsafe(32)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email=normalize_email(username))

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_confirmed", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    class Cadence(models.IntegerChoices):
        MONTHLY = 30, "Every month"
        TWO_MONTHS = 60, "Every two months"
        QUARTERLY = 90, "Every three months"
        HALF_YEARLY = 180, "Every six months"
        YEARLY = 365, "Every year"

    email = models.EmailField(
        "email address",
        unique=True,
        error_messages={"unique": "An account with this email address already exists."},
    )
    name = models.CharField(max_length=150, blank=True, help_text="How drafts sign off.")
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="Dates such as “today” and interview times follow this zone.",
    )
    keep_in_touch_days = models.PositiveSmallIntegerField(
        "default keep-in-touch cadence",
        choices=Cadence,
        default=Cadence.QUARTERLY,
        help_text="How often to check in with a contact, unless you set one for them.",
    )
    # How long each stage may stay silent before the "no news" reminder suggests a
    # polite nudge (reminders/silence.py). An interview's is counted in working days.
    quiet_applied_days = models.PositiveSmallIntegerField(
        "no news after applying",
        default=QUIET_APPLIED_DEFAULT,
        validators=[MinValueValidator(QUIET_DAYS_MIN), MaxValueValidator(QUIET_DAYS_MAX)],
        help_text="Days without news after you apply, before Onward suggests a polite nudge.",
    )
    quiet_screening_days = models.PositiveSmallIntegerField(
        "no news after a screening call",
        default=10,
        validators=[MinValueValidator(QUIET_DAYS_MIN), MaxValueValidator(QUIET_DAYS_MAX)],
        help_text="Days without news after a screening call.",
    )
    quiet_interview_workdays = models.PositiveSmallIntegerField(
        "no news after an interview",
        default=10,
        validators=[
            MinValueValidator(QUIET_DAYS_MIN),
            MaxValueValidator(QUIET_WORKDAYS_MAX),
        ],
        help_text="Working days (Monday to Friday) without news after your last interview.",
    )
    digest_enabled = models.BooleanField(
        "daily reminder email",
        default=True,
        help_text="A short email on days when something is due. Sent to a confirmed address only.",
    )
    digest_sent_on = models.DateField(null=True, blank=True, editable=False)
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    email_confirmed = models.BooleanField(default=False)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "user"
        verbose_name_plural = "users"

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split()[0] if self.name.strip() else self.email

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def reset_calendar_token(self):
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])

    def today(self):
        """The user's own calendar day."""
        return timezone.localdate(timezone=self.zone)


def email_key(email):
    """How an Attempt keeps an email address: a keyed hash of its normalized form, so
    the table can count requests for an address without holding the address."""
    return salted_hmac(
        "accounts.Attempt.email", normalize_email(email), algorithm="sha256"
    ).hexdigest()


class AttemptQuerySet(models.QuerySet):
    def recent(self, kind, within=timedelta(hours=1), **key):
        return self.filter(kind=kind, created_at__gte=timezone.now() - within, **key)


class Attempt(models.Model):
    """One throttled request (a sign-up, a password-reset request), kept for a day so
    that limits per hour can count them: per client address (`ip`) and, for a password
    reset, per email address (`email_key`).

    Stored in the database so that the limit holds across several app servers."""

    class Kind(models.TextChoices):
        SIGNUP = "signup", "Sign-up"
        PASSWORD_RESET = "password_reset", "Password reset request"

    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SIGNUP)
    ip = models.CharField(max_length=64)
    email_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "ip", "created_at"]),
            models.Index(fields=["kind", "email_key", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.ip} at {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def allowed(cls, kind, limit, **key):
        """Whether fewer than `limit` requests of this kind were made in the last hour
        with this key (ip=…, or email_key=…)."""
        return cls.objects.recent(kind, **key).count() < limit

    @classmethod
    def record(cls, kind, ip, email=""):
        cls.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
        return cls.objects.create(kind=kind, ip=ip, email_key=email_key(email) if email else "")
