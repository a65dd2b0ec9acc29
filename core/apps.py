from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: what every app stands on, and nothing about job searching."""

    name = "core"
    verbose_name = "Onward core"
