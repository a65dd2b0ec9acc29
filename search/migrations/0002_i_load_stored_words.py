"""The words of every searched row kept in a column by a trigger, behind a GIN index,
on PostgreSQL only: a search reads them, not the regular expressions of the old
expression indexes (which it had to run on every row a company's name let in)."""

from django.db import migrations

from search.indexes import words_column, words_index

# (app, model, index, fields, HTML fields), as in 0001.
SEARCHED = [
    ("applications", "Company", "search_company_words", ["name"], []),
    (
        "applications",
        "Application",
        "search_application_words",
        ["title", "location", "notes", "description"],
        ["description"],
    ),
    ("contacts", "Contact", "search_contact_words", ["name", "title", "email", "notes"], []),
    ("feedback", "Rejection", "search_rejection_words", ["reason_given", "message"], []),
    ("feedback", "FeedbackRequest", "search_answer_words", ["response", "dig_deeper_answer"], []),
    ("feedback", "Lesson", "search_lesson_words", ["title", "detail"], []),
    ("applications", "Interview", "search_interview_words", ["with_whom", "notes"], []),
]


def replaced(app_label, model_name, name, fields, html):
    """The column forwards; backwards, the column dropped and 0001's index rebuilt."""
    column = words_column(app_label, model_name, name, fields, html)
    index = words_index(app_label, model_name, name, fields, html)

    def backwards(apps, schema_editor):
        column.reverse_code(apps, schema_editor)
        index.code(apps, schema_editor)

    return migrations.RunPython(column.code, backwards, elidable=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_i_search_gin")]

    operations = [replaced(*searched) for searched in SEARCHED]
