from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_function(sender, connection, **kwargs):
    """SQLite runs search's rule (search.words.matches) as a function of its own."""
    if connection.vendor == "sqlite":
        from search.backends import SQLITE_FUNCTION
        from search.words import matches

        connection.connection.create_function(SQLITE_FUNCTION, -1, matches, deterministic=True)


class SearchConfig(AppConfig):
    """One search over applications, contacts, rejections, answers, lessons and
    interview notes (/search/)."""

    name = "search"

    def ready(self):
        connection_created.connect(register_function, dispatch_uid="search.register_function")
