"""SQLite's side of search: the words of every searched row in an FTS5 table per kind.

Each kind's table (table_name()) holds one row per searched row, its rowid the row's
pk, its one column the row's words as search.words.stored() spells them (the rule's
document() written in what FTS5 keeps as a token, each word after its owner's pk), so
that an FTS5 prefix query is the rule, scoped to the user, and a search (and the count
of its rows) reads an index of that user's words instead of every row's text. Triggers keep it: they
call stored() as a function (search.words.STORED_FUNCTION, registered by search.apps
on every connection), on a row's insert, on an update of its owner, searched fields or
company, on its delete, and on a rename of a company, for the rows of that company.

sync() makes the tables and triggers as search.kinds lists the fields today, after
every migrate (search.apps): it compares them with what the database has, and remakes
and refills what differs. A migration on SQLite remakes a table to alter it (which
drops the table's triggers), so a migration cannot be what keeps them. PostgreSQL has
its words in a column of each table (search.indexes).
"""

from django.db import connections

from search.kinds import KINDS
from search.words import STORED_FUNCTION

TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '_'"


def table_name(model):
    return f"{model._meta.db_table}_words"


def _schema(kind, quote):
    """{name: CREATE statement} of the kind's FTS5 table and triggers, and the SQL that
    fills the table from the kind's rows."""
    meta = kind.model._meta
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    words_table = quote(table_name(kind.model))
    columns = [quote(meta.get_field(field.name).column) for field in kind.fields]
    kinds = "".join("h" if field.html else "t" for field in kind.fields)
    owner = quote(meta.get_field("owner").column)
    watched = [owner, *columns]
    company = None
    if kind.company:
        key = meta.get_field(kind.company)
        company_meta = key.related_model._meta
        company = (
            quote(company_meta.db_table),
            quote(company_meta.pk.column),
            quote(company_meta.get_field("name").column),
            quote(key.column),
        )
        kinds += "t"
        watched.append(company[3])

    def words(row):
        values = [f"{row}.{column}" for column in columns]
        if company:
            company_table, company_pk, name, key_column = company
            values.append(
                f"(SELECT {name} FROM {company_table} WHERE {company_pk} = {row}.{key_column})"
            )
        return f"{STORED_FUNCTION}('{kinds}', {row}.{owner}, {', '.join(values)})"

    insert = f"INSERT INTO {words_table}(rowid, words) VALUES (NEW.{pk}, {words('NEW')});"
    delete = f"DELETE FROM {words_table} WHERE rowid = OLD.{pk};"
    base = table_name(kind.model)
    schema = {
        base: f'CREATE VIRTUAL TABLE {words_table} USING fts5(words, tokenize="{TOKENIZE}", '
        "prefix='3 4')",
        f"{base}_insert": f"CREATE TRIGGER {quote(base + '_insert')} AFTER INSERT ON {table} "
        f"BEGIN {insert} END",
        f"{base}_update": f"CREATE TRIGGER {quote(base + '_update')} AFTER UPDATE OF "
        f"{', '.join(watched)} ON {table} BEGIN {delete} {insert} END",
        f"{base}_delete": f"CREATE TRIGGER {quote(base + '_delete')} AFTER DELETE ON {table} "
        f"BEGIN {delete} END",
    }
    if company:
        company_table, company_pk, name, key_column = company
        schema[f"{base}_company"] = (
            f"CREATE TRIGGER {quote(base + '_company')} AFTER UPDATE OF {name} "
            f"ON {company_table} BEGIN UPDATE {words_table} SET words = "
            f"(SELECT {words('searched')} FROM {table} AS searched "
            f"WHERE searched.{pk} = {words_table}.rowid) "
            f"WHERE rowid IN (SELECT {pk} FROM {table} WHERE {key_column} = NEW.{company_pk}); "
            "END"
        )
    fill = f"INSERT INTO {words_table}(rowid, words) SELECT {pk}, {words(table)} FROM {table}"
    return schema, fill


def sync(using="default"):
    """Makes each kind's FTS5 table and triggers on SQLite as _schema() says, where the
    database's differ, and fills the table afresh; the kinds' whose are right stay.
    Returns the names of the tables made."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    made = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = dict(cursor.fetchall())
        for kind in KINDS:
            schema, fill = _schema(kind, connection.ops.quote_name)
            if all(present.get(name) == sql for name, sql in schema.items()):
                continue
            for name in schema:
                if name != table_name(kind.model):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {connection.ops.quote_name(name)}")
            cursor.execute(
                f"DROP TABLE IF EXISTS {connection.ops.quote_name(table_name(kind.model))}"
            )
            for sql in schema.values():
                cursor.execute(sql)
            cursor.execute(fill)
            made.append(table_name(kind.model))
    return made
