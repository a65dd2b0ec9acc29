from django.db import models


class URLField(models.URLField):
    """A URL field whose form field reads a bare "example.org" as https://example.org."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
