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


def like_pattern(word):
    """A LIKE pattern that every text holding `word` (as lower() reads it) matches:
    SQLite's LIKE folds A to Z only, so any other letter, and the "i" and "k" that
    "İ" and the Kelvin sign lower to, may be any one character."""
    return "%" + "".join(c if c.isascii() and c not in "ik" else "_" for c in word) + "%"


def _like(expression, pattern):
    like = Func(expression, Value(pattern), template="(%(expressions)s)", arg_joiner=" LIKE ")
    like.output_field = BooleanField()
    return like


def _any(conditions):
    condition = conditions[0]
    for other in conditions[1:]:
        condition = joined(condition, other, "OR")
    return condition


def _sqlite(queryset, kind, query_words):
    """Rows that hold every word somewhere (a LIKE sieve, in C) and that the rule's
    function, reading only those, says every word begins a word of."""
    fields = [F(field.name) for field in kind.fields]
    kinds = "".join("h" if field.html else "t" for field in kind.fields)
    if kind.company:
        fields.append(F(f"{kind.company}__name"))
        kinds += "t"
    for word in query_words:
        queryset = queryset.filter(_any([_like(field, like_pattern(word)) for field in fields]))
    function = Func(
        Value(" ".join(query_words)),
        Value(kinds),
        *fields,
        function=SQLITE_FUNCTION,
        output_field=BooleanField(),
    )
    return queryset.filter(function)


def matching(queryset, kind, user, query_words):
    """The rows of `queryset` (a kind's rows of `user`) that every query word matches."""
    if connections[queryset.db].vendor == "postgresql":
        return _postgres(queryset, kind, user, query_words)
    return _sqlite(queryset, kind, query_words)
