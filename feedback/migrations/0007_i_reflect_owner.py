import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_owners(apps, schema_editor):
    """Copies each reflection's owner from its rejection, in SQL; then (PostgreSQL)
    checks the deferred foreign keys now, so the column can be made NOT NULL here."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE feedback_reflection SET owner_id = (SELECT owner_id FROM feedback_rejection"
            " WHERE feedback_rejection.id = feedback_reflection.rejection_id)"
        )
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0006_i_counts_owner"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="reflection",
            name="owner",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(fill_owners, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reflection",
            name="owner",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="reflection",
            index=models.Index(fields=["owner", "created_at"], name="feedback_re_owner_i_cfe768_idx"),
        ),
        migrations.AddIndex(
            model_name="feedbackrequest",
            index=models.Index(
                condition=models.Q(("status", "draft")),
                fields=["owner", "send_on"],
                name="feedback_draft_send_on",
            ),
        ),
        migrations.AddIndex(
            model_name="feedbackrequest",
            index=models.Index(
                condition=models.Q(
                    ("dig_deeper_answered_on__isnull", True),
                    ("dig_deeper_sent_on__isnull", False),
                    ("status", "received"),
                ),
                fields=["owner", "dig_deeper_follow_up_on"],
                name="feedback_question_follow_up",
            ),
        ),
    ]
