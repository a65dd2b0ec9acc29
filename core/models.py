from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class SubmitKey(models.Model):
    """A form that adds a row was saved with this one-time key (see core.forms.
    SubmitOnceMixin), and `url` is where its first POST went: a second POST of the same
    form (a double click, a resend after a slow answer), from any worker, goes there
    instead of adding the row again. Kept for WINDOW, then forgotten."""

    WINDOW = timedelta(days=1)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submit_keys"
    )
    key = models.CharField(max_length=64)
    url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="unique_submit_key_per_owner")
        ]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self):
        return f"{self.key} → {self.url or '…'}"


# Each field's {value: label} of its choices, made once per process.
_choice_labels = {}


def choice_label(field, value):
    """What a model's get_FOO_display() says for `value` of the choice field `field`:
    its label, or the value itself when it is no choice (from a dict of the field's
    choices made once, for fields whose choices are fixed in the code, as every model
    here has them)."""
    labels = _choice_labels.get(field)
    if labels is None:
        labels = _choice_labels[field] = dict(make_hashable(field.flatchoices))
    # As Django's: force_str() for lazy labels.
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


class ChoiceLabels:
    """A model's get_FOO_display() by choice_label(), not from a dict Django makes on
    every call (a few microseconds a call: lists print one a row)."""

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))
