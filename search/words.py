"""The one rule of search, written once for both databases.

A text is cut into words: it is lower-cased letter by letter, every run of spaces,
punctuation and symbols (SEPARATORS) is a break, and a word keeps at most WORD_LENGTH
characters. HTML fields lose their tags and entities first, and every field is read up
to FIELD_LENGTH characters. A query is cut into words the same way, and a row matches
when every query word begins one of the row's words, in any of its searched fields:
"eng" finds "Engineer", "acme" finds "jane@acme.example", "neer" finds nothing.

PostgreSQL computes the words in SQL (search.vectors, the same pattern, its own
lower()) and keeps them in a tsvector behind a GIN index; SQLite keeps `stored()` below
(document(), spelled for FTS5) in an FTS5 table per kind, written by triggers that call
it as a function. Nothing here depends on a locale's idea of
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
_WORD_CHARACTER = "[^" + SEPARATORS.removeprefix("[").removesuffix("+")
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


def found_spans(text, query_words):
    """(start, end) of each word of `text` that a query word begins, positions in
    `text` itself: what highlighting marks. `lower` keeps positions, so they are the
    text's own. (A query word is at most WORD_LENGTH long: it begins a word when it
    begins the word's first WORD_LENGTH characters.)"""
    if not query_words:
        return []
    return [found.span() for found in _finder(tuple(query_words)).finditer(lower(text))]


@lru_cache(maxsize=64)
def _finder(query_words):
    """One pattern for a query: a query word after a separator or at the start, and the
    rest of its word."""
    alternatives = "|".join(re.escape(word) for word in query_words)
    return re.compile(rf"(?<!{_WORD_CHARACTER})(?:{alternatives}){_WORD_CHARACTER}*")


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


# What SQLite's FTS5 tokenizer (unicode61, "_" a token character) keeps in one token.
_unspelled = re.compile(r"[^a-z0-9 ]")


def spelled(text):
    """Words joined by spaces, each written in what SQLite's FTS5 keeps as one token:
    a to z and digits as they are, any other character as "_" and its code point in six
    hex digits. That is a prefix code, so a query word begins a word exactly when its
    spelling begins the word's: FTS5's prefix query ("spelling"*) is the rule."""
    return _unspelled.sub(lambda found: f"_{ord(found.group()):06x}", text)


def _owned(owner, word):
    """A spelled word as a token of its owner's (the pk of the user): the owner's
    digits and an "x" before it, so that the words of one owner begin alike and no
    other owner's do ("7x" begins no word of "70x…")."""
    return f"{owner}x{word}"


def stored(kinds, owner, *values):
    """The spelled document() of a row's searched values (`kinds` as for document()),
    each word its owner's (_owned): what SQLite keeps in a kind's FTS5 table, as the
    function STORED_FUNCTION that its triggers call (search.fts)."""
    return " ".join(_owned(owner, word) for word in spelled(document(values, kinds)).split())


STORED_FUNCTION = "onward_search_words"


def fts_query(query_words, owner):
    """An FTS5 query for the rows of `owner` that every word of `query_words` begins a
    word of."""
    return " ".join(f'"{_owned(owner, spelled(word))}"*' for word in query_words)


_tags = re.compile(r"<[^>]*>")


def plain(value, is_html=False):
    """A field as a result shows it: an HTML field's text, without its tags."""
    value = value or ""
    return html.unescape(_tags.sub(" ", value)) if is_html else value
