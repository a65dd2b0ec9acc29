"""The GIN indexes of search on PostgreSQL, as migration operations. SQLite has no
index to make: its search reads the rows (search.backends).

A migration names the fields it indexes (the fields of that time, not search.kinds'
of today), so it builds the same index whenever it runs. To search one more field,
add it in search.kinds and add a migration to this app:

    operations = [words_index("applications", "Application", "search_application_words",
                              ["title", "location", "notes", "description"], html=["description"])]

It drops the old index and builds the new one.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.vectors import Field, vector


def gin_index(fields, name):
    return GinIndex(vector(fields), name=name)


def words_index(app_label, model_name, name, fields, html=()):
    """An operation that (re)builds the GIN index `name` over the words of `fields` of
    a model, on PostgreSQL only; reversed, it drops it."""
    index_fields = [Field(field, html=field in html) for field in fields]

    def build(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")
        schema_editor.add_index(
            apps.get_model(app_label, model_name), gin_index(index_fields, name)
        )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(build, drop, elidable=False)
