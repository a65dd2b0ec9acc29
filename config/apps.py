from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project's own app: shared template tags, form helpers and system checks."""

    name = "config"
    verbose_name = "Onward"

    def ready(self):
        from config import checks  # noqa: F401  (registers the system checks)
