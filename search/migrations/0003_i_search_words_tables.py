"""On PostgreSQL, a table of the words of each searched row, kept by triggers from the
stored words column (0002): a search counts its matches, and finds its rows, with an
index-only range scan per query word rather than by reading every row's words."""

from django.db import migrations

from search.indexes import words_table


class Migration(migrations.Migration):
    dependencies = [("search", "0002_i_load_stored_words")]

    operations = [
        words_table("applications", "Application"),
        words_table("contacts", "Contact"),
        words_table("feedback", "Rejection"),
        words_table("feedback", "FeedbackRequest"),
        words_table("feedback", "Lesson"),
        words_table("applications", "Interview"),
    ]
