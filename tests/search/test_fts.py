"""SQLite's FTS5 tables of search (search/fts.py): the triggers keep each kind's table
equal to the words of its rows through every write, and sync() remakes what a table
remade by a migration lost."""

import pytest
from django.db import connection

from applications.models import Application
from search.fts import sync, table_name
from search.kinds import KINDS
from search.words import stored
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    LessonFactory,
    RejectionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 tables are SQLite's"),
]


def kept(kind):
    """{rowid: words} of the kind's FTS5 table."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT rowid, words FROM "{table_name(kind.model)}"')
        return dict(cursor.fetchall())


def expected(kind):
    """{pk: words} as search.words.stored() spells the kind's rows today."""
    kinds = "".join("h" if field.html else "t" for field in kind.fields)
    names = [field.name for field in kind.fields]
    rows = {}
    for row in kind.model.objects.all():
        values = [getattr(row, name) for name in names]
        if kind.company:
            company = getattr(row, kind.company)
            values.append(company.name if company else None)
        rows[row.pk] = stored(kinds + ("t" if kind.company else ""), row.owner_id, *values)
    return rows


def assert_kept():
    for kind in KINDS:
        assert kept(kind) == expected(kind), kind.slug


def test_every_write_keeps_the_words(user):
    acme = CompanyFactory(owner=user, name="Acme Rockets")
    application = ApplicationFactory(
        owner=user, company=acme, title="Data Engineer", description="<p>Kafka&amp;Zürich</p>"
    )
    contact = ContactFactory(owner=user, company=acme, name="Jane Doe")
    rejection = RejectionFactory(application=application, reason_given="Too junior")
    FeedbackRequestFactory(rejection=rejection, response="More SQL, please")
    LessonFactory(owner=user, title="Practise system design")
    InterviewFactory(application=application, notes="Ask about on-call")
    assert all(kept(kind) for kind in KINDS)
    assert_kept()

    application.title = "Platform Engineer"
    application.save()
    acme.name = "Ünion Bank"  # the applications' and contacts' words with it
    acme.save()
    other = CompanyFactory(owner=user, name="Globex")
    contact.company = other
    contact.save()
    assert kept(KINDS[0])[application.pk].startswith(f"{user.pk}xplatform {user.pk}xengineer")
    assert f" {user.pk}x_0000fcnion " in kept(KINDS[0])[application.pk]
    assert_kept()

    other.delete()
    application.delete()
    assert not kept(KINDS[0])
    assert_kept()


def test_sync_remakes_what_is_missing_and_leaves_what_is_right(user):
    ApplicationFactory(owner=user, title="Data Engineer")
    assert sync() == []
    with connection.cursor() as cursor:  # as a migration that remakes a table leaves it
        cursor.execute(f'DROP TRIGGER "{table_name(KINDS[0].model)}_update"')
        cursor.execute(f'DELETE FROM "{table_name(KINDS[0].model)}"')
    assert sync() == [table_name(KINDS[0].model)]
    assert_kept()
    assert sync() == []


# --- PostgreSQL's words tables -------------------------------------------------------

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the words tables are PostgreSQL's"
)


def words_of_postgres(kind):
    """({(owner, word, row)} of the kind's words table, the same from its stored words
    column)."""
    table, words_table = kind.model._meta.db_table, table_name(kind.model)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT owner_id, word, row_id FROM "{words_table}"')
        kept_words = set(cursor.fetchall())
        cursor.execute(
            f'SELECT owner_id, unnest(tsvector_to_array(search_words)), id FROM "{table}"'
        )
        return kept_words, set(cursor.fetchall())


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_words_tables_follow_every_write(user, other_user):
    application = ApplicationFactory(owner=user, title="Data Engineer")
    ContactFactory(owner=user, name="Jane Doe")
    rejection = RejectionFactory(application=application, reason_given="Too junior")
    FeedbackRequestFactory(rejection=rejection, response="More SQL")
    LessonFactory(owner=user, title="Practise design")
    InterviewFactory(application=application, notes="On-call")
    application.title = "Platform Engineer"
    application.save()
    application.owner = other_user
    application.save(update_fields=["owner"])
    Application.objects.bulk_create(  # one statement, many rows
        [Application(owner=user, company=application.company, title=f"Lead {n}") for n in range(3)]
    )
    Application.objects.filter(title__startswith="Lead").update(title="Staff engineer")
    Application.objects.filter(title="Staff engineer").update(stage="applied")  # words as they were
    for kind in KINDS:
        kept_words, expected_words = words_of_postgres(kind)
        assert kept_words == expected_words and kept_words, kind.slug
    assert (other_user.pk, "platform", application.pk) in words_of_postgres(KINDS[0])[0]
    application.delete()
    assert words_of_postgres(KINDS[0]) == (set(), set())
    ApplicationFactory(owner=user, title="Data Engineer")
    with connection.cursor() as cursor:  # as a flush of the test database does
        cursor.execute('TRUNCATE "applications_application" CASCADE')
    assert words_of_postgres(KINDS[0]) == (set(), set())
