"""The rule of search.words as each database runs it, as a filter on a queryset.

PostgreSQL: a row's words are search.vectors.vector(), which a GIN index keeps; a query
word is a prefix tsquery ('word':*). A company's name is matched through the company's
own index: the row's company is one of the user's companies whose name has the word.

SQLite: onward_search_match(words, kinds, field, …), which is search.words.matches
registered as a function (search.apps), over the row's fields and its company's name.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import BooleanField, F, Func, Value

from applications.models import Company
from search.kinds import COMPANY_FIELDS
from search.vectors import has_prefix, joined, vector

SQLITE_FUNCTION = "onward_search_match"


def _postgres(queryset, kind, user, query_words):
    own = vector(kind.fields)
    for word in query_words:
        condition = has_prefix(own, word)
        if kind.company:
            companies = Company.objects.for_user(user).filter(
                has_prefix(vector(COMPANY_FIELDS), word)
            )
            in_company = Func(
                F(kind.company),
                ArraySubquery(companies.order_by().values("pk")),
                template="(%(expressions)s))",
                arg_joiner=" = ANY(",
                output_field=BooleanField(),
            )
            condition = joined(condition, in_company, "OR")
        queryset = queryset.filter(condition)
    return queryset


def _sqlite(queryset, kind, query_words):
    fields = [F(field.name) for field in kind.fields]
    kinds = "".join("h" if field.html else "t" for field in kind.fields)
    if kind.company:
        fields.append(F(f"{kind.company}__name"))
        kinds += "t"
    match = Func(
        Value(" ".join(query_words)),
        Value(kinds),
        *fields,
        function=SQLITE_FUNCTION,
        output_field=BooleanField(),
    )
    return queryset.filter(match)


def matching(queryset, kind, user, query_words):
    """The rows of `queryset` (a kind's rows of `user`) that every query word matches."""
    if connections[queryset.db].vendor == "postgresql":
        return _postgres(queryset, kind, user, query_words)
    return _sqlite(queryset, kind, query_words)
