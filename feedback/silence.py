"""Ghosting is a "no" too: an application marked as no response (after a nudge met
silence, or from the list of stale applications) moves to no_response through the one
stage-move method and keeps a Rejection with the channel "no response", so /insights/
counts it where it came, the company's day to apply again is set, and a lesson can
come from it. Steps 1 and 2 are skipped (there is no message to read, nobody answered
to ask); step 3 is the light version on /applications/<id>/no-response/: a gracious
last note, the contact kept."""

from django.db import transaction

from applications.bulk import move_many
from applications.models import Application, Stage
from core.locking import lock
from feedback.bridges import log_reply
from feedback.models import FINISHED_STATES, Lesson, Rejection, Step, StepState
from feedback.services import note_reapply_from

# The stages where an employer owes news: what can be marked as no response.
NO_RESPONSE_FROM = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER]
MOVE_NOTE = "No news; marked as no response"
SKIPPED = {
    Step.REFLECT: "A silence, not a verdict: marked as no response.",
    Step.FEEDBACK: "No response: nobody answered to ask.",
}
LEFT = "Left when marked as no response."
# How many applications one POST of the list may mark.
MARK_AT_MOST = 200


def ghosted(application):
    """The application's "no response" rejection, or None. Follows application.rejection."""
    rejection = getattr(application, "rejection", None)
    if rejection is not None and rejection.channel == Rejection.Channel.NO_RESPONSE:
        return rejection
    return None


def no_response_rejection(application_id, owner_id, stage, today):
    """The unsaved "no response" rejection of an application that stood at `stage`."""
    return Rejection(
        application_id=application_id,
        owner_id=owner_id,
        received_on=today,
        at_stage=Rejection.at_stage_for(stage),
        channel=Rejection.Channel.NO_RESPONSE,
        reflect_state=StepState.SKIPPED,
        reflect_skip_reason=SKIPPED[Step.REFLECT],
        feedback_state=StepState.SKIPPED,
        feedback_skip_reason=SKIPPED[Step.FEEDBACK],
    )


@transaction.atomic
def mark_no_response(application, today):
    """Moves the application to no_response and keeps its "no response" rejection.
    Returns the rejection made, or None when there was nothing to mark: the application
    is not waiting on the employer (NO_RESPONSE_FROM) or already has a rejection.

    The application's row is locked and read afresh first: a second POST racing this
    one (a double click, two tabs) waits, then finds it marked and does nothing."""
    lock(Application.objects.filter(pk=application.pk))
    stage = Application.objects.filter(pk=application.pk).values_list("stage", flat=True).get()
    if stage not in NO_RESPONSE_FROM or Rejection.objects.filter(application=application).exists():
        return None
    rejection = no_response_rejection(application.pk, application.owner_id, stage, today)
    rejection.save()
    application.move_to(Stage.NO_RESPONSE, note=MOVE_NOTE, today=today)
    note_reapply_from(application.company_id, today)
    return rejection


def mark_many(user, ids, today):
    """Marks the user's applications with these ids (at most MARK_AT_MOST; other users'
    ids are ignored) as no response, in one transaction and a few queries whatever
    their number (applications.bulk.move_many): each gets its timeline row and its "no
    response" rejection. One already closed, or marked meanwhile, is skipped. Returns
    how many were marked."""
    with transaction.atomic():
        rows = Application.objects.for_user(user).filter(pk__in=list(ids)[:MARK_AT_MOST])
        # Those with a rejection already (one recorded, then reopened) keep it alone.
        rows = rows.exclude(pk__in=Rejection.objects.filter(owner=user).values("application"))
        moved = move_many(rows, Stage.NO_RESPONSE, note=MOVE_NOTE, allowed_from=NO_RESPONSE_FROM)
        if not moved:
            return 0
        Rejection.objects.bulk_create(
            [no_response_rejection(pk, user.pk, was, today) for pk, was in sorted(moved.items())]
        )
        companies = Application.objects.filter(pk__in=list(moved)).values("company_id")
        note_reapply_from(companies, today)
    return len(moved)


@transaction.atomic
def record_silence(application, form, today):
    """The light steps' POST: marks the application as no response (unless it is
    already), then saves what the form's parts hold. Returns (the rejection, what was
    saved: a list of "note", "kept", "lesson"), or (the rejection, None) when its light
    steps were already saved (a repeated or racing POST), or (None, None) when the
    application can't be marked (it was closed meanwhile)."""
    lock(Application.objects.filter(pk=application.pk))
    rejection = mark_no_response(application, today)
    if rejection is None:
        rejection = Rejection.objects.filter(
            application=application, channel=Rejection.Channel.NO_RESPONSE
        ).first()
        if rejection is None:
            return None, None
    if rejection.state_of(Step.BRIDGES) in FINISHED_STATES:
        return rejection, None
    return rejection, save_parts(rejection, form)


def save_parts(rejection, form):
    data = form.cleaned_data
    saved = []
    contact = form.person()
    if contact is not None:
        cadence = data.get("keep_in_touch_days")
        if cadence and contact.keep_in_touch_days != cadence:
            contact.keep_in_touch_days = cadence
            contact.save()
        if contact.keep_in_touch_days:
            saved.append("kept")
        if data.get("sent"):
            log_reply(rejection, contact, data["happened_on"], data["message"])
            saved.insert(0, "note")
    if data.get("lesson_title"):
        Lesson.objects.create(
            owner_id=rejection.owner_id,
            rejection=rejection,
            title=data["lesson_title"],
            category=data["lesson_category"],
        )
        saved.append("lesson")
    if "note" in saved or "kept" in saved:
        rejection.set_state(Step.BRIDGES, StepState.DONE)
    else:
        rejection.set_state(Step.BRIDGES, StepState.SKIPPED, LEFT)
    return saved
