"""PostgreSQL's side of the rule in search.words: a row's words as a tsvector
expression, and a query word as a prefix match on it. The GIN indexes (made by this
app's migrations) are on exactly these expressions, so a query uses them."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db.models import BooleanField, F, Func, TextField, Value
from django.db.models.functions import Cast, Coalesce, Left, Lower

from search import words as rule


@dataclass(frozen=True)
class Field:
    """A searched field of a model."""

    name: str
    html: bool = False  # sanitised HTML: its tags and entities are not words


def _text(*expressions, function):
    return Func(*expressions, function=function, output_field=TextField())


def _replace(expression, pattern, replacement):
    return _text(
        expression, Value(pattern), Value(replacement), Value("g"), function="REGEXP_REPLACE"
    )


def joined(left, right, operator):
    """`left <operator> right`, in parentheses."""
    return Func(
        left,
        right,
        template="(%(expressions)s)",
        arg_joiner=f" {operator} ",
        output_field=BooleanField() if operator in ("OR", "AND", "@@") else TextField(),
    )


def vector(fields):
    """The words of `fields` (search.kinds.Field) as a tsvector: each field (an HTML
    one without its markup) up to FIELD_LENGTH characters, joined by spaces,
    lower-cased, cut at SEPARATORS, each word cut to WORD_LENGTH characters."""
    parts = []
    for field in fields:
        value = Coalesce(F(field.name), Value(""), output_field=TextField())
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
