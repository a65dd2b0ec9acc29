from django.db import models

from core import limits


class URLField(models.URLField):
    """A URL field whose form field reads a bare "example.org" as https://example.org."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class AmountField(models.PositiveBigIntegerField):
    """An amount of money (a salary): a whole number from 0 to limits.AMOUNT_MAX, held
    in a 64-bit column on every database. The limit is the field's validators, which
    forms and importers run; the form field says it in words and as the input's max."""

    default_validators = limits.AMOUNT_VALIDATORS

    def formfield(self, **kwargs):
        defaults = {
            "min_value": 0,
            "max_value": limits.AMOUNT_MAX,
            "error_messages": {
                "min_value": limits.AMOUNT_MESSAGE,
                "max_value": limits.AMOUNT_MESSAGE,
                "invalid": "Enter a whole number, such as 50000.",
            },
        }
        return super().formfield(**{**defaults, **kwargs})
