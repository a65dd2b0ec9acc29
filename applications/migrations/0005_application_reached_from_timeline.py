"""Application.reached for the applications that exist: the furthest rank any row of
their timeline reached (see applications.models.RANK, copied here as it stood, since
a migration must not follow later changes to the code).

Set-based: one UPDATE per rank, furthest first, each touching only applications not
yet given a rank at least as far. Five statements whatever the number of rows, on
SQLite and PostgreSQL alike."""

from django.db import migrations
from django.db.models import Exists, OuterRef

# Timeline stages by the rank they show; "saved" and "withdrawn" are rank 0 (the default).
STAGES_BY_RANK = {
    5: ["accepted"],
    4: ["offer"],
    3: ["interviewing"],
    2: ["screening"],
    1: ["applied", "rejected", "no_response"],
}


def compute_reached(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    StageChange = apps.get_model("applications", "StageChange")
    db = schema_editor.connection.alias
    for rank, stages in STAGES_BY_RANK.items():  # furthest first
        got_there = StageChange.objects.using(db).filter(
            application=OuterRef("pk"), to_stage__in=stages
        )
        Application.objects.using(db).filter(reached__lt=rank).filter(Exists(got_there)).update(
            reached=rank
        )


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0004_application_reached"),
    ]

    operations = [
        migrations.RunPython(compute_reached, migrations.RunPython.noop, elidable=True),
    ]
