"""Application.news_at: each application's last news (the later of its stage change and
its latest interview, applications/news.py), filled in for the rows there are in one
UPDATE, and the quiet applications' indexes on it in place of those on the stage change
(applications/indexes.py)."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import core.limits
from applications.news import last_news


def fill_news(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Interview = apps.get_model("applications", "Interview")
    Application._base_manager.using(schema_editor.connection.alias).update(
        news_at=last_news(Interview)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0011_i_fastdash_reminder_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="news_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                editable=False,
                validators=[core.limits.validate_moment],
            ),
        ),
        migrations.RunPython(fill_news, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(model_name="application", name="application_quiet"),
        migrations.RemoveIndex(model_name="application", name="application_owner_i_a66928_idx"),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["owner", "follow_up_on", "stage"],
                name="application_owner_i_900a05_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(
                    ("follow_up_on__isnull", True),
                    ("stage__in", ["applied", "screening", "interviewing"]),
                ),
                fields=["owner", "news_at", "stage", "follow_up_on"],
                name="application_quiet_news",
            ),
        ),
    ]
