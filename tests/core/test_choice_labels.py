"""core.models.ChoiceLabels: every model's get_FOO_display() says what Django's own
would, for every choice of every field and for a value that is no choice."""

import pytest
from django.apps import apps
from django.db import models

from core.models import ChoiceLabels

MODELS = [model for model in apps.get_models() if issubclass(model, ChoiceLabels)]


def test_the_models_with_choices_in_lists_have_it():
    names = {model.__name__ for model in MODELS}
    assert {"Application", "Contact", "Rejection", "FeedbackRequest", "Lesson"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_labels_are_djangos(model):
    fields = [field for field in model._meta.concrete_fields if field.choices]
    assert fields
    for field in fields:
        for value in [value for value, _ in field.flatchoices] + ["not-a-choice", None]:
            row = model(**{field.attname: value})
            display = getattr(row, f"get_{field.name}_display")()
            assert display == models.Model._get_FIELD_display(row, field)
            assert type(display) is type(models.Model._get_FIELD_display(row, field))
