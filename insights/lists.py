"""The dashboard's short lists (upcoming interviews, rejections with steps open, recent
activity), each read by one statement the ORM builds once per shape and process
(core/prepared.py), as plain values and links rather than model instances: building
each query and its rows' instances cost the ORM tens of times what the database takes
to answer it from its indexes."""

from datetime import timedelta

from django.db.models import F

from applications.models import Application, Interview, Stage
from core import prepared
from core.links import pk_url
from feedback.models import Rejection, Step
from reminders.sources import upcoming_interviews

LIST_SIZE = 8
INTERVIEW_DAYS = 14  # how far ahead the dashboard looks for interviews


def interviews(user, today, now):
    """The next LIST_SIZE interviews from `now` to the end of INTERVIEW_DAYS from today."""

    def build(user, today, now):
        until = today + timedelta(days=INTERVIEW_DAYS)
        rows = upcoming_interviews(user, today, until, since=now)[:LIST_SIZE]
        columns = {
            "starts_at": "starts_at",
            "kind": "kind",
            "application": "application",
            "title": F("application__title"),
            "company_name": F("application__company__name"),
        }
        return prepared.selected(rows, columns)

    rows = prepared.run("insights.interviews", build, user, today, now)
    link = pk_url("applications:detail")
    for row in rows:
        row["url"] = link(row["application"])
        row["kind_label"] = Interview.Kind(row["kind"]).label
    return rows


def open_rejections(user, today, now):
    """The LIST_SIZE latest rejections with steps open, each with a `rejection` (an
    unsaved instance of its steps' states, for the step_badges tag)."""
    states = [f"{step}_state" for step in Step]

    def build(user, today, now):
        rows = (Rejection.objects.for_user(user).steps_open().order_by("-received_on", "-pk"))[
            :LIST_SIZE
        ]
        columns = {
            "pk": "pk",
            **{state: state for state in states},
            "title": F("application__title"),
            "company_name": F("application__company__name"),
        }
        return prepared.selected(rows, columns)

    rows = prepared.run("insights.open_rejections", build, user, today, now)
    link = pk_url("rejections:detail")
    for row in rows:
        row["url"] = link(row["pk"])
        row["rejection"] = Rejection(pk=row["pk"], **{state: row[state] for state in states})
    return rows


def recently_updated(user, today, now):
    """The LIST_SIZE applications updated last."""

    def build(user, today, now):
        rows = Application.objects.for_user(user).order_by("-updated_at", "-pk")[:LIST_SIZE]
        columns = {
            "pk": "pk",
            "title": "title",
            "stage": "stage",
            "stage_changed_at": "stage_changed_at",
            "updated_at": "updated_at",
            "company_name": F("company__name"),
        }
        return prepared.selected(rows, columns)

    rows = prepared.run("insights.recently_updated", build, user, today, now)
    link = pk_url("applications:detail")
    for row in rows:
        row["url"] = link(row["pk"])
        row["stage_label"] = Stage(row["stage"]).label
    return rows
