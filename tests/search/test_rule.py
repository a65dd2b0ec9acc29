"""The rule of search (search/words.py): what a word is, and what a query matches. On
PostgreSQL the same rule runs in SQL (search/vectors.py), and these tests check that it
cuts any text into the very words Python does, that every searched table's stored words
are those words of its row, and that every GIN index is the one a search uses."""

import re
import sqlite3

import pytest
from django.db import connection
from django.db.models import TextField, Value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications.models import Company
from search.kinds import INDEXED
from search.vectors import Field, StoredWords, has_prefix, vector
from search.words import (
    FIELD_LENGTH,
    SEPARATORS,
    WORD_LENGTH,
    document,
    field_text,
    found_spans,
    fts_query,
    lower,
    query_words,
    spelled,
    stored,
    words,
)

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)


on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the rule in SQL runs on PostgreSQL"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Data Engineer", ["data", "engineer"]),
        ("jane.o'neil@acme.example", ["jane", "o", "neil", "acme", "example"]),
        ("Jane O’Neil", ["jane", "o", "neil"]),
        ("£48,000–55,000 a year", ["48", "000", "55", "000", "a", "year"]),
        ("Ünion ZÜRICH straße", ["ünion", "zürich", "straße"]),
        ("İSTANBUL ΟΔΟΣ", ["istanbul", "οδοσ"]),
        ("नमस्ते दुनिया", ["नमस्ते", "दुनिया"]),
        ("C++/C#, .NET & Go!", ["c", "c", "net", "go"]),
        ("foo_bar tab\tnew\nline", ["foo", "bar", "tab", "new", "line"]),
        ("ok🙂fine \ufffd bytes", ["ok", "fine", "bytes"]),
        ("", []),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


def test_a_word_keeps_its_first_hundred_characters():
    assert words("x" * 250 + " y") == ["x" * WORD_LENGTH, "y"]


def test_an_html_field_loses_its_tags_and_entities():
    html = '<p class="x">Salt&amp;pepper</p><ul><li>Kafka&nbsp;streams</li></ul>'
    assert words(field_text(html, is_html=True)) == ["salt", "pepper", "kafka", "streams"]
    assert "class" in words(field_text(html))
    assert len(field_text("a" * (FIELD_LENGTH + 10))) == FIELD_LENGTH


def test_lower_keeps_positions():
    text = "İstanbul ΟΔΟΣ Straße"
    assert len(lower(text)) == len(text)
    found = found_spans(text, ["i", "οδοσ", "str"])
    assert [text[start:end] for start, end in found] == ["İstanbul", "ΟΔΟΣ", "Straße"]


def spans(text):
    """(start, end, word) for each word of `text`: the words, where they are."""
    lowered = lower(text)
    found, start = [], 0
    for separator in re.finditer(SEPARATORS, lowered):
        if separator.start() > start:
            found.append((start, separator.start(), lowered[start : separator.start()]))
        start = separator.end()
    if start < len(lowered):
        found.append((start, len(lowered), lowered[start:]))
    return [(begin, end, word[:WORD_LENGTH]) for begin, end, word in found]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    text=texts | st.text(alphabet="aBcİΣσ -.x", max_size=40),
    query=st.text(alphabet="abcıiσ İx-", max_size=12) | texts,
)
def test_the_marked_spans_are_the_words_a_query_word_begins(text, query):
    wanted = query_words(query)
    expected = [
        (start, end) for start, end, word in spans(text) if any(word.startswith(w) for w in wanted)
    ]
    assert found_spans(text, wanted) == expected


def test_query_words_leave_out_what_another_word_implies():
    assert query_words("eng Engineer data eng") == ["engineer", "data"]
    assert query_words("&|!():*'\"") == []


@pytest.mark.parametrize(
    ("query", "values", "expected"),
    [
        ("eng", ["Data Engineer"], 1),
        ("neer", ["Data Engineer"], 0),
        ("data acme", ["Data Engineer", "Acme"], 1),
        ("data acme", ["Data Engineer", None], 0),
        ("engineer", ["Data Engin", "eer"], 0),  # a word never spans two fields
    ],
)
def test_matches(query, values, expected):
    assert rule_matches(query, values) == expected


def rule_matches(query, values):
    """1 when every query word begins a word of the values (text fields): the rule."""
    text = document(values, "t" * len(values))
    return int(all(f" {word}" in text for word in query_words(query)))


def test_document_reads_html_fields_as_html():
    assert document(["<b>bold</b>", "<b>bold</b>"], "ht") == " bold b bold b"


# --- The same rule in PostgreSQL ---------------------------------------------------


def postgres_words(company, text, is_html):
    row = (
        Company.objects.filter(pk=company.pk)
        .annotate(t=Value(text, output_field=TextField()))
        .annotate(v=vector([Field("t", html=is_html)]))
        .values_list("v", flat=True)
        .get()
    )
    return sorted(re.findall(r"'([^']*)'", row))


@on_postgres
@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # one row to read from
)
@given(text=texts, is_html=st.booleans())
def test_postgres_cuts_any_text_into_the_same_words(user, text, is_html):
    company, _ = Company.objects.get_or_create(owner=user, name_key="x", defaults={"name": "X"})
    assert postgres_words(company, text, is_html) == sorted(set(words(field_text(text, is_html))))


@on_postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Ünion Bank jane@example.com café Zürich don’t e-mail 3.5 v1.2.3 foo_bar",
        "ÉCOLE straße ΣΟΦΙΑ ΟΔΟΣ https://x.org/a/b İstanbul",
        "नमस्ते दुनिया مرحبا،عالم x²y ½ £48,000",
        "<p>Hello&amp;world <b>bold</b>&nbsp;x</p>",
        "a" * 250 + " b",
    ],
)
def test_postgres_agrees_on_hard_texts(user, text):
    company = Company.objects.create(owner=user, name="X")
    for is_html in (False, True):
        expected = sorted(set(words(field_text(text, is_html))))
        assert postgres_words(company, text, is_html) == expected


@on_postgres
@pytest.mark.django_db
@pytest.mark.parametrize(("model", "fields", "name"), INDEXED, ids=[i[2] for i in INDEXED])
def test_every_search_uses_its_gin_index(model, fields, name):
    """The index a migration built is on the column searches compare with."""
    with connection.cursor() as cursor:
        # Near-empty test tables: without these, the planner may walk another index in
        # order (the owner-first ones, say) rather than look the words up. A bitmap scan
        # needs a condition, so what is left is the words index or nothing.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
    plan = model.objects.filter(has_prefix(StoredWords(), "eng")).explain()
    assert f"Bitmap Index Scan on {name}" in plan


@on_postgres
@pytest.mark.django_db
def test_the_stored_words_are_the_words_of_the_row(user):
    """Each table's trigger keeps its words column equal to vector() of the fields
    search.kinds names, written and rewritten: when the two drift apart (a field added
    to a kind without a migration of this app), this fails."""
    from tests.factories import (
        ApplicationFactory,
        ContactFactory,
        FeedbackRequestFactory,
        InterviewFactory,
        LessonFactory,
        RejectionFactory,
    )

    application = ApplicationFactory(owner=user, description="<p>Kafka&amp;Zürich</p>")
    InterviewFactory(application=application)
    ContactFactory(owner=user)
    LessonFactory(owner=user)
    FeedbackRequestFactory(rejection=RejectionFactory(application=application))
    for model, fields, _name in INDEXED:
        rows = model.objects.all()
        assert rows.exists(), model
        for row in rows:
            for field in fields:  # every searched field holds a word of its own
                own = f"{field.name.replace('_', '')}word"
                setattr(row, field.name, f"{own} {getattr(row, field.name) or ''}")
            row.save()
        stored = rows.annotate(stored=StoredWords(), computed=vector(fields))
        for row in stored.values("stored", "computed"):
            assert row["stored"] == row["computed"], model
            for field in fields:
                own = f"{field.name.replace('_', '')}word"
                assert f"'{own}'" in row["stored"], (model, field.name)


# --- SQLite's FTS5 tables -----------------------------------------------------------

spelled_words = st.text(alphabet="ab_é\u0100İ\U0001f600", min_size=1, max_size=5)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(word=spelled_words, other=spelled_words)
def test_a_spelling_begins_another_when_the_word_does(word, other):
    """search.words.spelled is a prefix code: FTS5's prefix query is the rule's."""
    assert spelled(other).startswith(spelled(word)) == other.startswith(word)
    assert re.fullmatch("[a-z0-9_]+", spelled(word))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    values=st.lists(texts, min_size=1, max_size=3),
    query=st.text(alphabet="abcçé İKk-x ", max_size=12) | texts,
)
def test_fts5_answers_as_the_words_do(values, query):
    """A row's stored words in an FTS5 table as search.fts makes it, and a query's
    fts_query: FTS5 finds the row exactly when the rule says it matches, and only the
    row of its owner (the other has the same words, of an owner whose pk begins alike)."""
    from search.fts import TOKENIZE

    if not query_words(query):
        return
    database = sqlite3.connect(":memory:")
    database.execute(f'CREATE VIRTUAL TABLE w USING fts5(words, tokenize="{TOKENIZE}")')
    database.execute(
        "INSERT INTO w(rowid, words) VALUES (1, ?), (2, ?)",
        [stored("t" * len(values), 7, *values), stored("t" * len(values), 70, *values)],
    )
    (found,) = database.execute(
        "SELECT COUNT(*) FROM w WHERE w MATCH ?", [fts_query(query_words(query), 7)]
    ).fetchone()
    assert found == rule_matches(query, values)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("eng", "enh"),
        ("ünion", "ünioo"),
        ("a\ud7ff", "a\ue000"),  # past the surrogates, which no text holds
        ("a\U0010ffff", "b"),
        ("\U0010ffff", None),
    ],
)
def test_after_is_the_end_of_the_words_a_word_begins(word, expected):
    from search.backends import after

    assert after(word) == expected
