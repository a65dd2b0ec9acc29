from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project's configuration, as an app for its system checks."""

    name = "config"
    verbose_name = "Onward"

    def ready(self):
        from config import checks  # noqa: F401  (registers the system checks)
