"""The one rule of search, written once for both databases.

A text is cut into words: it is lower-cased letter by letter, every run of spaces,
punctuation and symbols (SEPARATORS) is a break, and a word keeps at most WORD_LENGTH
characters. HTML fields lose their tags and entities first, and every field is read up
to FIELD_LENGTH characters. A query is cut into words the same way, and a row matches
when every query word begins one of the row's words, in any of its searched fields:
"eng" finds "Engineer", "acme" finds "jane@acme.example", "neer" finds nothing.

PostgreSQL computes the words in SQL (search.backends.postgres, the same pattern, its
own lower()) and keeps them in a tsvector behind a GIN index; SQLite calls
`matches()` below, registered as a function. Nothing here depends on a locale's idea of
a letter, so both give the same rows for the same data. (PostgreSQL's lower() follows
the database's locale: under the plain "C" locale only A to Z are lower-cased.)
"""

import html
import re
from functools import lru_cache

# Breaks between words. One pattern, read alike by Python's `re` and PostgreSQL's
# regular expressions (both take \uXXXX and \UXXXXXXXX): ASCII punctuation and
# controls, Latin-1 punctuation and symbols, the signs for times and divide, a few
# scripts' punctuation, the blocks from general to supplemental punctuation (spaces,
# dashes, quotes, currency, arrows, maths, boxes, dingbats), CJK and full-width
# punctuation, the specials (the replacement character that stands for bytes that were
# not UTF-8) and emoji. Everything else is part of a word.
SEPARATORS = (
    r"[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7"
    r"\u037e\u0387\u0589\u05be\u05c0\u05c3\u05f3\u05f4\u060c\u061b\u061f\u066a-\u066d\u06d4"
    r"\u0964\u0965\u2000-\u2e7f\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uff0f"
    r"\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufff0-\uffff\U0001f000-\U0001faff]+"
)
# Tags and entities of an HTML field become breaks.
MARKUP = r"<[^>]*>|&[#0-9A-Za-z]+;"
WORD_LENGTH = 100
FIELD_LENGTH = 100_000
# The longest query, in characters; past it the page says so.
QUERY_LENGTH = 200

_separators = re.compile(SEPARATORS)
_separator_at = re.compile(SEPARATORS.removesuffix("+")).match  # (text, position)
_markup = re.compile(MARKUP)


def lower(text):
    """Lower-cased letter by letter, as PostgreSQL's lower() does: a capital I with a dot
    (U+0130) becomes a plain "i" (not "i" and a combining dot) and a capital sigma is
    always a small sigma (never the final form), so a text keeps its length and
    positions."""
    return text.replace("\u0130", "i").replace("\u03a3", "\u03c3").lower()


def field_text(value, is_html=False):
    """A field's value as search reads it: HTML without its markup, capped."""
    value = value or ""
    if is_html:
        value = _markup.sub(" ", value)
    return value[:FIELD_LENGTH]


def words(text):
    """The words of a text, in order, each at most WORD_LENGTH characters."""
    return [word[:WORD_LENGTH] for word in _separators.split(lower(text)) if word]


def spans(text):
    """(start, end, word) for each word of `text`, positions in `text` itself: what
    highlighting marks. `lower` keeps positions, so they are the text's own."""
    lowered = lower(text)
    found, start = [], 0
    for separator in _separators.finditer(lowered):
        if separator.start() > start:
            found.append((start, separator.start(), lowered[start : separator.start()]))
        start = separator.end()
    if start < len(lowered):
        found.append((start, len(lowered), lowered[start:]))
    return [(begin, end, word[:WORD_LENGTH]) for begin, end, word in found]


def query_words(query):
    """The words of a query that decide what matches: each once, and none that begins
    another (a row with a word starting "engineer" has one starting "eng")."""
    unique = list(dict.fromkeys(words(query)))
    return [
        word
        for word in unique
        if not any(other != word and other.startswith(word) for other in unique)
    ]


def document(values, kinds):
    """The words of a row's searched fields, as one string " w1 w2 … " that a query
    word begins a word of when " " + word is in it. `kinds` has one letter per value:
    "t" for text, "h" for HTML."""
    joined = " ".join(
        field_text(value, kind == "h") for value, kind in zip(values, kinds, strict=True)
    )
    return " " + " ".join(words(joined))


def matches(query, kinds, *values):
    """1 when every word of `query` (words joined by spaces) begins a word of the
    values (`kinds` as for document()); SQLite's onward_search_match(). The same answer
    as looking each word up in document(values, kinds), without cutting the text into
    words: a query word holds no separator and is at most WORD_LENGTH long, so it begins
    a word where it is found at the start of the text or after a separator."""
    if "h" in kinds:
        values = [field_text(value, kind == "h") for value, kind in zip(values, kinds, strict=True)]
    text = lower(" ".join([value[:FIELD_LENGTH] if value else "" for value in values]))
    for word in _query_words(query):
        at = text.find(word)
        while at > 0 and not _separator_at(text, at - 1):
            at = text.find(word, at + 1)
        if at == -1:
            return 0
    return 1


@lru_cache(maxsize=64)
def _query_words(query):
    return tuple(word for word in query.split(" ") if word)


_tags = re.compile(r"<[^>]*>")


def plain(value, is_html=False):
    """A field as a result shows it: an HTML field's text, without its tags."""
    value = value or ""
    return html.unescape(_tags.sub(" ", value)) if is_html else value
