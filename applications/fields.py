"""The model fields of applications that clean what they store, whatever writes it."""

from django.db import models

from applications.capture.sanitise import sanitise_description
from applications.capture.tags import normalise_tags


class DescriptionField(models.TextField):
    """A job posting's description, stored as sanitised HTML (capture/sanitise.py):
    sanitised as it is written, by a form, an import or the bulk writers alike, so no
    path can store a script."""

    def pre_save(self, model_instance, add):
        value = sanitise_description(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class TagsField(models.CharField):
    """Tags as one line of text, "remote, python, fintech": each tag trimmed, spaces
    folded, lower case, no repeats (capture/tags.py), however it was written."""

    def pre_save(self, model_instance, add):
        value = normalise_tags(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
