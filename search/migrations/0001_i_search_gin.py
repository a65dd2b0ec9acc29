"""GIN indexes over the words search reads (search.words), on PostgreSQL only."""

from django.db import migrations

from search.indexes import words_index


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_i_capture_posting"),
        ("contacts", "0001_initial"),
        ("feedback", "0006_i_counts_owner"),
    ]

    operations = [
        words_index("applications", "Company", "search_company_words", ["name"]),
        words_index(
            "applications",
            "Application",
            "search_application_words",
            ["title", "location", "notes", "description"],
            html=["description"],
        ),
        words_index("contacts", "Contact", "search_contact_words", ["name", "title", "email", "notes"]),
        words_index("feedback", "Rejection", "search_rejection_words", ["reason_given", "message"]),
        words_index(
            "feedback", "FeedbackRequest", "search_answer_words", ["response", "dig_deeper_answer"]
        ),
        words_index("feedback", "Lesson", "search_lesson_words", ["title", "detail"]),
        words_index("applications", "Interview", "search_interview_words", ["with_whom", "notes"]),
    ]
