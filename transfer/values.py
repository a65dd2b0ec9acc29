"""One value of an export file against the model field it goes into: the JSON type the
field takes, and whether the value fits before the field itself cleans it (the rest of
transfer/reader.py's checks)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

JSON_TYPES = {
    models.BooleanField: (bool, "true or false"),
    models.IntegerField: (int, "a whole number"),
    models.DateTimeField: (str, "a date and time such as 2026-03-01T09:30:00Z"),
    models.DateField: (str, "a date such as 2026-03-01"),
    models.CharField: (str, "text"),
    models.TextField: (str, "text"),
}


def json_type(model_field):
    for field_class, expected in JSON_TYPES.items():
        if isinstance(model_field, field_class):
            return expected
    raise TypeError(f"No JSON type for {model_field!r}")  # a field added to a list above


def describe(value):
    """A JSON value as a message shows it: text in quotes (cut short), numbers as they
    are, lists and objects by name."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"“{value[:40]}…”" if len(value) > 40 else f"“{value}”"
    if isinstance(value, int | float):
        return f"{value:,}" if abs(value) < 10**30 else "a very long number"
    return "a list" if isinstance(value, list) else "an object"


def whole_number_range(model_field):
    """The numbers an integer field takes: the range every database holds, not only
    this one (the file should move between SQLite and PostgreSQL), narrowed by the
    field's own limits (its validators: a salary's, a mood's), as the forms have them."""
    low, high = BaseDatabaseOperations.integer_field_ranges[model_field.get_internal_type()]
    for validator in model_field.validators:
        limit = getattr(validator, "limit_value", None)
        if callable(limit) or not isinstance(limit, int):
            continue
        if isinstance(validator, MinValueValidator):
            low = max(low, limit)
        elif isinstance(validator, MaxValueValidator):
            high = min(high, limit)
    return low, high


def check_value(model_field, value):
    """Why a JSON value can't go in this field, before the field itself checks it."""
    if value is None:
        auto = getattr(model_field, "auto_now", False) or getattr(
            model_field, "auto_now_add", False
        )
        return None if model_field.null or auto else "can’t be empty (null)"
    expected, words = json_type(model_field)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        return f"should be {words}, not {describe(value)}"
    if expected is int:
        low, high = whole_number_range(model_field)
        if not low <= value <= high:
            return f"should be a whole number from {low:,} to {high:,}, not {describe(value)}"
    if isinstance(value, str):
        if "\x00" in value:
            return "contains a NUL character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "isn’t valid text (it has a lone surrogate escape)"
        if model_field.max_length and len(value) > model_field.max_length:
            return f"is {len(value):,} characters long; at most {model_field.max_length:,} fit"
    return None
