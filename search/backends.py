"""The rule of search.words as each database runs it: the pks of a kind's rows that
every query word matches, as SQL, for a count and as a filter on a queryset.

SQLite: the kind's FTS5 table of the rows' words (search.fts, the company's name among
them), the owner's token and each query word a prefix query ("word"*).

PostgreSQL: the kind's table of (owner, word, row) (search.indexes.words_table, kept
from the stored words column by triggers): for each query word, the rows with a word
in the range it begins (an index-only scan), and for a kind with a company the rows of
the user's companies whose stored words have one (their GIN index); the rows every
query word finds.
"""

from django.db import connections
from django.db.models import F, Func, IntegerField
from django.db.models.expressions import RawSQL

from search.fts import table_name
from search.vectors import COLUMN
from search.words import fts_query

# Past this many matches SQLite reads a kind's rows in the order of the list's index and
# looks each up among the matches (stopping at the page's last), rather than reading and
# sorting every match.
MANY = 100


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


def _postgres(quote, kind, user, query_words):
    meta = kind.model._meta
    words_table = quote(table_name(kind.model))
    parts, params = [], []
    for word in query_words:
        sql = f"SELECT row_id FROM {words_table} WHERE owner_id = %s AND word >= %s"
        params += [user.pk, word]
        if after(word) is not None:
            sql += " AND word < %s"
            params.append(after(word))
        if kind.company:
            key = meta.get_field(kind.company)
            company = key.related_model._meta
            sql += (
                f" UNION SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)} "
                f"WHERE {quote(meta.get_field('owner').column)} = %s AND {quote(key.column)} IN "
                f"(SELECT {quote(company.pk.column)} FROM {quote(company.db_table)} "
                f"WHERE {quote(company.get_field('owner').column)} = %s "
                f"AND {quote(COLUMN)} @@ %s::tsquery)"
            )
            # `word` holds no quote, backslash or tsquery operator (search.words).
            params += [user.pk, user.pk, f"'{word}':*"]
        parts.append(f"({sql})")
    return " INTERSECT ".join(parts), params


def _sqlite(quote, kind, user, query_words):
    words_table = quote(table_name(kind.model))
    return (
        f"SELECT rowid FROM {words_table} WHERE {words_table} MATCH %s",
        [fts_query(query_words, user.pk)],
    )


def found(kind, user, query_words, using):
    """(SQL, params): the pks of the user's rows of the kind that every query word
    matches."""
    connection = connections[using]
    backend = _postgres if connection.vendor == "postgresql" else _sqlite
    return backend(connection.ops.quote_name, kind, user, query_words)


def matching(queryset, kind, user, query_words, count=0):
    """The rows of `queryset` (a kind's rows of `user`) that every query word matches;
    `count`, how many do when that is known."""
    pks = RawSQL(*found(kind, user, query_words, queryset.db))
    if count > MANY and connections[queryset.db].vendor == "sqlite":
        # "+pk": a term SQLite will not look rows up by, only test them with.
        probe = Func(F("pk"), template="+%(expressions)s", output_field=IntegerField())
        return queryset.alias(search_probe=probe).filter(search_probe__in=pks)
    return queryset.filter(pk__in=pks)


def counts(user, kinds, query_words):
    """{kind slug: how many of the user's rows of the kind match}, in one query, from
    the words tables (SQLite's carry the owner's token, PostgreSQL's the owner)."""
    using = kinds[0].model.objects.db
    parts, params = [], []
    for kind in kinds:
        sql, kind_params = found(kind, user, query_words, using)
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) found)")
        params += kind_params
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip((kind.slug for kind in kinds), cursor.fetchone(), strict=True))
