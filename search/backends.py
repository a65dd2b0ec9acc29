"""The rule of search.words as each database runs it, as a filter on a queryset.

PostgreSQL: a row's words are its stored column (search.vectors.StoredWords, which a
trigger keeps and a GIN index covers); a query word is a prefix tsquery ('word':*). A
company's name is matched through the company's own column: the row's company is one of
the user's companies whose name has the word.

SQLite: onward_search_match(words, kinds, field, …), which is search.words.matches
registered as a function (search.apps), over the row's fields and its company's name.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import F, Func

from applications.models import Company
from search import words as rule
from search.vectors import BOOLEAN, StoredWords, has_prefix, joined

SQLITE_FUNCTION = "onward_search_match"


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


def like_pattern(word):
    """A LIKE pattern that every text holding `word` (as lower() reads it) matches:
    SQLite's LIKE folds A to Z only, so any other letter, and the "i" and "k" that
    "İ" and the Kelvin sign lower to, may be any one character."""
    return "%" + "".join(c if c.isascii() and c not in "ik" else "_" for c in word) + "%"


class Sieve(Func):
    """SQLite's whole test of a row, as one expression over the row's searched fields
    (its source expressions, each compiled once): every query word is somewhere in a
    field (LIKE, in C), and either begins a word after a space in a plain-text field (a
    sure match, also in C) or the rule's function, reading only the rows left, says every
    word begins a word. SQLite reads an OR left to right and stops at the first true side.

    `(' ' || field) LIKE '% word%'` is a sure match for a word of ASCII letters and
    digits: LIKE folds the case of A to Z only, as lower() does those, a space is a
    separator, and a field is read up to FIELD_LENGTH characters. It may miss a match
    (after another separator, or a letter lower() folds): the function decides those.
    """

    output_field = BOOLEAN

    def __init__(self, fields, kinds, query_words):
        super().__init__(*fields)
        self.kinds, self.query_words = kinds, query_words

    def as_sql(self, compiler, connection, **extra):
        columns = []
        for field in self.source_expressions:
            sql, params = compiler.compile(field)
            columns.append((sql, list(params)))
        parts, params = [], []
        for word in self.query_words:
            parts.append("(" + " OR ".join(f"{sql} LIKE %s" for sql, _ in columns) + ")")
            for _, column_params in columns:
                params += [*column_params, like_pattern(word)]
        plain = [column for column, kind in zip(columns, self.kinds, strict=True) if kind == "t"]
        test = f"{SQLITE_FUNCTION}(%s, %s, {', '.join(sql for sql, _ in columns)})"
        test_params = [" ".join(self.query_words), self.kinds]
        test_params += [param for _, column_params in columns for param in column_params]
        if plain and all(word.isascii() for word in self.query_words):
            sure, sure_params = [], []
            for word in self.query_words:
                sure.append(
                    "("
                    + " OR ".join(
                        f"(' ' || SUBSTR({sql}, 1, {rule.FIELD_LENGTH})) LIKE %s"
                        for sql, _ in plain
                    )
                    + ")"
                )
                for _, column_params in plain:
                    sure_params += [*column_params, f"% {word}%"]
            test = f"({' AND '.join(sure)} OR {test})"
            test_params = sure_params + test_params
        return "(" + " AND ".join([*parts, test]) + ")", params + test_params


def _sqlite(queryset, kind, query_words):
    """The rows that Sieve lets through."""
    fields = [F(field.name) for field in kind.fields]
    kinds = "".join("h" if field.html else "t" for field in kind.fields)
    if kind.company:
        fields.append(F(f"{kind.company}__name"))
        kinds += "t"
    return queryset.filter(Sieve(fields, kinds, query_words))


def matching(queryset, kind, user, query_words):
    """The rows of `queryset` (a kind's rows of `user`) that every query word matches."""
    if connections[queryset.db].vendor == "postgresql":
        return _postgres(queryset, kind, user, query_words)
    return _sqlite(queryset, kind, query_words)
