"""The rule of search.words as each database runs it: the pks of a kind's rows that
every query word matches, as SQL, for a count and as a filter on a queryset.

SQLite: the kind's FTS5 table of the rows' words (search.fts, the company's name among
them), each query word a prefix query of the user's words (search.words.fts_query).

PostgreSQL: the kind's table of (owner, word, row) (search.indexes.words_table, kept
from the stored words column by triggers): for each query word, the rows with a word
in the range it begins (an index-only scan), and for a kind with a company the rows of
the user's companies whose stored words have one (their GIN index); the rows every
query word finds.
"""

from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from search.fts import table_name
from search.vectors import COLUMN
from search.words import fts_query

# Past this many matches a search reads a kind's rows in the order of the list's index
# and tests each (stopping at the page's last), rather than reading and sorting every
# match: SQLite looks the row up among the matches, PostgreSQL among the row's words.
MANY = 100
BOOLEAN = BooleanField()


def after(word):
    """The least text after every text that begins with `word`, in code point order
    (PostgreSQL's "C" collation); None when there is none."""
    word = word.rstrip("\U0010ffff")
    if not word:
        return None
    following = ord(word[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # no text holds a surrogate
        following = 0xE000
    return word[:-1] + chr(following)


def _word_range(word):
    """SQL over a words table's `word`, and its params: the words `word` begins."""
    if after(word) is None:
        return "word >= %s", [word]
    return "word >= %s AND word < %s", [word, after(word)]


def _companies(quote, kind, user, word):
    """SQL, and its params: the pks of the user's companies whose stored words have
    one that `word` begins (their GIN index)."""
    company = kind.model._meta.get_field(kind.company).related_model._meta
    # `word` holds no quote, backslash or tsquery operator (search.words).
    return (
        f"SELECT {quote(company.pk.column)} FROM {quote(company.db_table)} "
        f"WHERE {quote(company.get_field('owner').column)} = %s "
        f"AND {quote(COLUMN)} @@ %s::tsquery",
        [user.pk, f"'{word}':*"],
    )


def _postgres(quote, kind, user, query_words):
    """SQL, and its params: the pks of the user's rows of the kind, from its words
    table and, for a kind with a company, the companies' words."""
    meta = kind.model._meta
    words_table = quote(table_name(kind.model))
    parts, params = [], []
    for word in query_words:
        within, within_params = _word_range(word)
        sql = f"SELECT row_id FROM {words_table} WHERE owner_id = %s AND {within}"
        params += [user.pk, *within_params]
        if kind.company:
            companies, companies_params = _companies(quote, kind, user, word)
            sql += (
                f" UNION ALL SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)} "
                f"WHERE {quote(meta.get_field('owner').column)} = %s "
                f"AND {quote(meta.get_field(kind.company).column)} IN ({companies})"
            )
            params += [user.pk, *companies_params]
        parts.append(f"({sql})")
    # A row is in a part once for each of its words the query word begins (and once
    # more through its company): INTERSECT keeps it once; a count counts it once.
    return " INTERSECT ".join(parts), params


def _postgres_test(quote, kind, user, query_words):
    """SQL, and its params: that the row of the kind's table (unaliased, as the main
    query has it) matches, looking its own words up, row by row. (OFFSET 0 keeps
    PostgreSQL from turning the EXISTS into a set of every match, made first.)"""
    meta = kind.model._meta
    table = quote(meta.db_table)
    words_table = quote(table_name(kind.model))
    parts, params = [], []
    for word in query_words:
        within, within_params = _word_range(word)
        sql = (
            f"EXISTS (SELECT 1 FROM {words_table} "
            f"WHERE row_id = {table}.{quote(meta.pk.column)} AND {within} OFFSET 0)"
        )
        params += within_params
        if kind.company:
            companies, companies_params = _companies(quote, kind, user, word)
            sql += f" OR {table}.{quote(meta.get_field(kind.company).column)} IN ({companies})"
            params += companies_params
        parts.append(f"({sql})")
    return " AND ".join(parts), params


def _sqlite(quote, kind, user, query_words):
    """SQL, and its params: the pks of the user's rows of the kind, from its FTS5
    table."""
    words_table = quote(table_name(kind.model))
    return (
        f"SELECT rowid FROM {words_table} WHERE {words_table} MATCH %s",
        [fts_query(query_words, user.pk)],
    )


def found(kind, user, query_words, using):
    """(SQL, params): the pks of the user's rows of the kind that every query word
    matches (on PostgreSQL, a pk may be there more than once)."""
    connection = connections[using]
    backend = _postgres if connection.vendor == "postgresql" else _sqlite
    return backend(connection.ops.quote_name, kind, user, query_words)


def matching(queryset, kind, user, query_words, count=0):
    """The rows of `queryset` (a kind's rows of `user`, the main query: its table is
    not aliased) that every query word matches; `count`, how many do when that is
    known."""
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    if count > MANY and connection.vendor == "postgresql":
        test = _postgres_test(quote, kind, user, query_words)
    else:
        meta = kind.model._meta
        sql, params = found(kind, user, query_words, queryset.db)
        # The main query's own table, unaliased; "+pk": a term SQLite will not look
        # rows up by, only test them with.
        pk = f"{quote(meta.db_table)}.{quote(meta.pk.column)}"
        test = (f"{'+' if count > MANY else ''}{pk} IN ({sql})", params)
    return queryset.filter(RawSQL(*test, output_field=BOOLEAN))


def counts(user, kinds, query_words):
    """{kind slug: how many of the user's rows of the kind match}, in one query, from
    the words tables (SQLite's words are each their owner's, PostgreSQL's rows have
    the owner)."""
    using = kinds[0].model.objects.db
    # PostgreSQL's sets may hold a row more than once (backends._postgres).
    counted = "DISTINCT row_id" if connections[using].vendor == "postgresql" else "*"
    parts, params = [], []
    for kind in kinds:
        sql, kind_params = found(kind, user, query_words, using)
        parts.append(f"(SELECT COUNT({counted}) FROM ({sql}) found)")
        params += kind_params
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip((kind.slug for kind in kinds), cursor.fetchone(), strict=True))
