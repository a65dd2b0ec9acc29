"""What the stage-move and undo tests share (test_application_stage.py,
test_application_undo.py): the two URLs, the board they return to, the latest move, and
the timeline read back as rows."""

from django.urls import reverse

BOARD = reverse("applications:board")


def stage_url(application):
    return reverse("applications:stage", args=[application.pk])


def undo_url(application):
    return reverse("applications:undo", args=[application.pk])


def latest_change(application):
    """The application's latest timeline row: the move an Undo button takes back."""
    return application.stage_changes.latest("changed_at", "pk")


def timeline(application, *fields):
    """The timeline, oldest first, as (from, to) rows, or as the `fields` named."""
    fields = fields or ("from_stage", "to_stage")
    return list(application.stage_changes.order_by("changed_at", "pk").values_list(*fields))
