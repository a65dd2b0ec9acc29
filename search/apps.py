from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def register_function(sender, connection, **kwargs):
    """SQLite's triggers spell a row's words for its FTS5 table with search.words.stored,
    as a function of its own (search.fts)."""
    if connection.vendor == "sqlite":
        from search.words import STORED_FUNCTION, stored

        connection.connection.create_function(STORED_FUNCTION, -1, stored, deterministic=True)


def sync_words(sender, using="default", **kwargs):
    """SQLite's FTS5 tables and their triggers, as search.kinds lists the fields."""
    from search.fts import sync

    sync(using)


class SearchConfig(AppConfig):
    """One search over applications, contacts, rejections, answers, lessons and
    interview notes (/search/)."""

    name = "search"

    def ready(self):
        connection_created.connect(register_function, dispatch_uid="search.register_function")
        # Sent for each app with models, after every migration has run: this app has
        # none, the app of the searched applications does.
        applications = self.apps.get_app_config("applications")
        post_migrate.connect(sync_words, sender=applications, dispatch_uid="search.sync_words")
