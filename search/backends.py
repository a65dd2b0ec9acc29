"""The rule of search.words as each database runs it, as a filter on a queryset.

PostgreSQL: a row's words are its stored column (search.vectors.StoredWords, which a
trigger keeps and a GIN index covers); a query word is a prefix tsquery ('word':*). A
company's name is matched through the company's own column: the row's company is one of
the user's companies whose name has the word.

SQLite: the kind's FTS5 table of the rows' words (search.fts, the company's name among
them), a query word a prefix query ("word"*).
"""

from django.contrib.auth import get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import F, Func, IntegerField, Subquery
from django.db.models.expressions import RawSQL

from applications.models import Company
from search.fts import table_name
from search.vectors import BOOLEAN, StoredWords, has_prefix, joined
from search.words import fts_query

User = get_user_model()


def _postgres(queryset, kind, user, query_words):
    for word in query_words:
        condition = has_prefix(StoredWords(), word)
        if kind.company:
            companies = Company.objects.for_user(user).filter(has_prefix(StoredWords(), word))
            in_company = Func(
                F(kind.company),
                ArraySubquery(companies.order_by().values("pk")),
                template="(%(expressions)s))",
                arg_joiner=" = ANY(",
                output_field=BOOLEAN,
            )
            condition = joined(condition, in_company, "OR")
        queryset = queryset.filter(condition)
    return queryset


# Past this many matches SQLite reads a kind's rows in the order of the list's index and
# looks each up among the matches (stopping at the page's last), rather than reading and
# sorting every match.
MANY = 100


def _sqlite(queryset, kind, user, query_words, many):
    """The rows whose words in the kind's FTS5 table (search.fts) the query matches."""
    table = connections[queryset.db].ops.quote_name(table_name(kind.model))
    found = RawSQL(
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [fts_query(query_words, user.pk)]
    )
    if many:  # "+pk": a term SQLite will not look rows up by, only test them with
        probe = Func(F("pk"), template="+%(expressions)s", output_field=IntegerField())
        return queryset.alias(search_probe=probe).filter(search_probe__in=found)
    return queryset.filter(pk__in=found)


def matching(queryset, kind, user, query_words, count=0):
    """The rows of `queryset` (a kind's rows of `user`) that every query word matches;
    `count`, how many do when that is known."""
    if connections[queryset.db].vendor == "postgresql":
        return _postgres(queryset, kind, user, query_words)
    return _sqlite(queryset, kind, user, query_words, count > MANY)


class Count(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def counts(user, kinds, query_words):
    """{kind slug: how many of the user's rows of the kind match}, in one query: on
    SQLite from the FTS5 tables alone (their rows carry their owner)."""
    connection = connections[User.objects.db]
    if connection.vendor == "postgresql":
        matched = {
            f"found_{kind.slug}": Count(
                matching(kind.model.objects.for_user(user), kind, user, query_words)
                .order_by()
                .values("pk")
            )
            for kind in kinds
        }
        found = User.objects.filter(pk=user.pk).values(**matched).get()
        return {kind.slug: found[f"found_{kind.slug}"] for kind in kinds}
    tables = [connection.ops.quote_name(table_name(kind.model)) for kind in kinds]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT "
            + ", ".join(
                f"(SELECT COUNT(*) FROM {table} WHERE {table} MATCH %s)" for table in tables
            ),
            [fts_query(query_words, user.pk)] * len(tables),
        )
        return dict(zip((kind.slug for kind in kinds), cursor.fetchone(), strict=True))
