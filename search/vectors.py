"""PostgreSQL's side of the rule in search.words: a row's words as a tsvector
expression, the column each searched table keeps them in, and a query word as a prefix
match on it. The triggers and GIN indexes this app's migrations make (search.indexes)
keep that column equal to the expression over the kind's fields, so a search reads the
column through its index and runs no regular expression."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db.models import BooleanField, Expression, F, Func, TextField, Value
from django.db.models.functions import Cast, Coalesce, Left, Lower

from search import words as rule


@dataclass(frozen=True)
class Field:
    """A searched field of a model."""

    name: str
    html: bool = False  # sanitised HTML: its tags and entities are not words


def _text(*expressions, function):
    return Func(*expressions, function=function, output_field=TEXT)


def _replace(expression, pattern, replacement):
    return _text(
        expression, Value(pattern), Value(replacement), Value("g"), function="REGEXP_REPLACE"
    )


# Made once: a field made for every expression of every search is time spent per query.
BOOLEAN, TEXT = BooleanField(), TextField()


def joined(left, right, operator):
    """`left <operator> right`, in parentheses."""
    return Func(
        left,
        right,
        template="(%(expressions)s)",
        arg_joiner=f" {operator} ",
        output_field=BOOLEAN if operator in ("OR", "AND", "@@", "LIKE") else TEXT,
    )


def vector(fields):
    """The words of `fields` (search.kinds.Field) as a tsvector: each field (an HTML
    one without its markup) up to FIELD_LENGTH characters, joined by spaces,
    lower-cased, cut at SEPARATORS, each word cut to WORD_LENGTH characters."""
    parts = []
    for field in fields:
        value = Coalesce(F(field.name), Value(""), output_field=TEXT)
        if field.html:
            value = _replace(value, rule.MARKUP, " ")
        parts.append(Left(value, rule.FIELD_LENGTH))
    text = parts[0]
    for part in parts[1:]:
        text = joined(joined(text, Value(" "), "||"), part, "||")
    spaced = _replace(Lower(text), rule.SEPARATORS, " ")
    capped = _replace(spaced, rf"([^ ]{{{rule.WORD_LENGTH}}})[^ ]*", r"\1")
    array = _text(
        _text(capped, Value(" "), function="STRING_TO_ARRAY"), Value(""), function="ARRAY_REMOVE"
    )
    return Func(array, function="ARRAY_TO_TSVECTOR", output_field=SearchVectorField())


def has_prefix(words, word):
    """`words @@ 'word':*`: a word of the row begins with `word`. `word` comes from
    search.words.words, so it holds no quote, backslash or tsquery operator (every
    ASCII symbol is a separator)."""
    return joined(words, Cast(Value(f"'{word}':*"), SearchQueryField()), "@@")


# The column each searched table has on PostgreSQL (not a model field: a list page must
# not read it), that a trigger keeps equal to vector() of the kind's fields on every
# write and a GIN index covers (search.indexes, this app's migrations).
COLUMN = "search_words"


class StoredWords(Expression):
    """The stored words (COLUMN) of the queryset's own table's row."""

    output_field = SearchVectorField()

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        column = connection.ops.quote_name(COLUMN)
        return f"{compiler.quote_name_unless_alias(self.alias)}.{column}", []
