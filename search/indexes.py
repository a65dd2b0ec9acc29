"""The words search reads on PostgreSQL, kept by the database, as migration
operations. SQLite has nothing to keep: its search reads the rows (search.backends).

Each searched table has a tsvector column, search.vectors.COLUMN (not a model field, so
no list page reads it), that a trigger sets to search.vectors.vector() of the kind's
fields whenever a row is written with any of them, and a GIN index over it. (A
trigger, not a generated column: PostgreSQL refuses to change the type of a column a
generated column reads, so `max_length` could never change again.)

A migration names the fields it reads (the fields of that time, not search.kinds' of
today), so it builds the same column whenever it runs. To search one more field, add it
in search.kinds and add a migration to this app:

    operations = [words_column("applications", "Application", "search_application_words",
                               ["title", "location", "notes", "description"],
                               html=["description"])]

It replaces the trigger and fills the column afresh. A searched column renamed needs
the same (the trigger reads it by name: writes fail loudly until then).
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations
from django.db.models.sql import Query

from search.vectors import COLUMN, Field, vector


def gin_index(fields, name):
    return GinIndex(vector(fields), name=name)


def words_index(app_label, model_name, name, fields, html=()):
    """An operation that (re)builds the GIN index `name` over the words of `fields` of
    a model, as an expression, on PostgreSQL only; reversed, it drops it. (The first
    way, superseded by words_column.)"""
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


def vector_sql(model, fields, schema_editor):
    """vector(fields) as SQL over the row's bare column names, its values inlined."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = vector(fields).resolve_expression(query).as_sql(compiler, compiler.connection)
    return sql % tuple(schema_editor.quote_value(value) for value in params)


def _on_postgres(app_label, model_name, build, drop):
    """A RunPython that runs, on PostgreSQL only, the SQL statements that
    build(model, schema_editor) lists, and reversed, drop(model, schema_editor)'s."""

    def runner(statements):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for statement in statements(apps.get_model(app_label, model_name), schema_editor):
                schema_editor.execute(statement)

        return run

    return migrations.RunPython(runner(build), runner(drop), elidable=False)


def words_column(app_label, model_name, name, fields, html=()):
    """An operation that keeps COLUMN of a model's table equal to the words of `fields`
    (a trigger), fills it, and indexes it as the GIN index `name` (which replaces an
    expression index of that name), on PostgreSQL only. Reversed, it drops the column,
    and a later words_column's reversal restores the one before it."""
    column_fields = [Field(field, html=field in html) for field in fields]

    def build(model, schema_editor):
        quote = schema_editor.quote_name
        table = model._meta.db_table
        columns = [model._meta.get_field(field).column for field in fields]
        function = quote(f"{table}_{COLUMN}")
        words = vector_sql(model, column_fields, schema_editor)
        return [
            f"ALTER TABLE {quote(table)} ADD COLUMN IF NOT EXISTS {quote(COLUMN)} tsvector",
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.{quote(COLUMN)} := (SELECT {words} FROM (SELECT NEW.*) AS row); "
            "RETURN NEW; END $$",
            f"DROP TRIGGER IF EXISTS {quote(COLUMN)} ON {quote(table)}",
            f"CREATE TRIGGER {quote(COLUMN)} BEFORE INSERT OR UPDATE OF "
            f"{', '.join(quote(column) for column in columns)} ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"UPDATE {quote(table)} SET {quote(COLUMN)} = {words}",
            f"DROP INDEX IF EXISTS {quote(name)}",
            f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin ({quote(COLUMN)})",
        ]

    def drop(model, schema_editor):
        quote = schema_editor.quote_name
        table = model._meta.db_table
        return [
            f"DROP TRIGGER IF EXISTS {quote(COLUMN)} ON {quote(table)}",
            f"DROP FUNCTION IF EXISTS {quote(f'{table}_{COLUMN}')}()",
            f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(COLUMN)}",
        ]

    return _on_postgres(app_label, model_name, build, drop)


def words_table(app_label, model_name):
    """An operation that keeps, on PostgreSQL only, a table of each row's words, one
    row per (owner, word, row) with that as its primary key (search.fts.table_name(),
    the name of SQLite's FTS5 table): the words of the row's COLUMN, written by
    triggers on each statement that inserts, deletes or changes that column (the words
    of a statement's rows written in order, so that one word's rows share pages),
    emptied when the table is truncated. A word's rows are an index-only range scan:
    what counts a search's matches without reading the searched rows; a row's words are
    a range of the (row, word) index: what tests a row. Reversed, it drops the table,
    its triggers and their functions."""

    def build(model, schema_editor):
        quote = schema_editor.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        owner, column = quote(model._meta.get_field("owner").column), quote(COLUMN)
        name = f"{model._meta.db_table}_words"
        words = quote(name)
        joined = f"FROM old_rows JOIN new_rows ON new_rows.{pk} = old_rows.{pk}"
        differs = (
            f"WHERE (old_rows.{column} IS DISTINCT FROM new_rows.{column} "
            f"OR old_rows.{owner} <> new_rows.{owner})"
        )

        def write(rows, where=""):
            return (
                f"INSERT INTO {words} (owner_id, word, row_id) "
                f"SELECT new_rows.{owner}, word, new_rows.{pk} {rows}, "
                f"unnest(tsvector_to_array(new_rows.{column})) AS word {where} ORDER BY 1, 2, 3;"
            )

        bodies = {
            "insert": ("NEW TABLE AS new_rows", write("FROM new_rows")),
            "update": (
                "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                f"DELETE FROM {words} WHERE row_id IN (SELECT old_rows.{pk} {joined} {differs}); "
                + write(joined, differs),
            ),
            "delete": (
                "OLD TABLE AS old_rows",
                f"DELETE FROM {words} WHERE row_id IN (SELECT {pk} FROM old_rows);",
            ),
        }
        statements = [
            f"DROP TABLE IF EXISTS {words}",
            f'CREATE TABLE {words} (owner_id bigint NOT NULL, word text COLLATE "C" NOT NULL, '
            "row_id bigint NOT NULL, PRIMARY KEY (owner_id, word, row_id)) "
            # Vacuumed after a hundredth of it changed, not a fifth: an index-only scan
            # reads the heap of every page vacuum has not marked visible since.
            "WITH (autovacuum_vacuum_scale_factor = 0.01, "
            "autovacuum_vacuum_insert_scale_factor = 0.01)",
            f"CREATE INDEX {quote(f'{name}_row')} ON {words} (row_id, word)",
        ]
        for event, (referencing, body) in bodies.items():
            function = quote(f"{name}_{event}")
            statements += [
                f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ BEGIN {body} RETURN NULL; END $$",
                f"CREATE TRIGGER {function} AFTER {event.upper()} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            ]
        truncate = quote(f"{name}_truncate")
        return [
            *statements,
            f"CREATE OR REPLACE FUNCTION {truncate}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN TRUNCATE {words}; RETURN NULL; END $$",
            f"CREATE TRIGGER {truncate} AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {truncate}()",
            f"INSERT INTO {words} (owner_id, word, row_id) SELECT {owner}, "
            f"unnest(tsvector_to_array({column})) AS word, {pk} FROM {table} ORDER BY 1, 2, 3",
        ]

    def drop(model, schema_editor):
        quote = schema_editor.quote_name
        name = f"{model._meta.db_table}_words"
        table = quote(model._meta.db_table)
        events = ("insert", "update", "delete", "truncate")
        return [
            *(f"DROP TRIGGER IF EXISTS {quote(f'{name}_{event}')} ON {table}" for event in events),
            f"DROP TABLE IF EXISTS {quote(name)}",
            *(f"DROP FUNCTION IF EXISTS {quote(f'{name}_{event}')}()" for event in events),
        ]

    return _on_postgres(app_label, model_name, build, drop)
