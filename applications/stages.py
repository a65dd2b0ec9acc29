"""An application's stages, and how far along the pipeline each one is."""

from django.db import models


class Stage(models.TextChoices):
    SAVED = "saved", "Saved"
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NO_RESPONSE = "no_response", "No response"


ACTIVE_STAGES = [Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER]
CLOSED_STAGES = [Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.NO_RESPONSE]
# How far along the pipeline each stage is; closed stages other than accepted say
# nothing about progress, so the furthest stage reached comes from the timeline.
PROGRESS = [
    Stage.SAVED,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEWING,
    Stage.OFFER,
    Stage.ACCEPTED,
]
# How far along the pipeline a timeline row's stage shows an application got: its place
# in PROGRESS. A "no" or a silence means the application had been sent, so they count as
# applied at least; a withdrawal says nothing (one may withdraw before applying).
RANK = {stage: PROGRESS.index(stage) for stage in PROGRESS} | {
    Stage.REJECTED: PROGRESS.index(Stage.APPLIED),
    Stage.NO_RESPONSE: PROGRESS.index(Stage.APPLIED),
}


def rank(stage):
    """The RANK of a timeline row's stage; 0 (no further than saved) for a withdrawal."""
    return RANK.get(stage, 0)


def reached_rank(stages):
    """The furthest RANK any of these timeline stages reached: Application.reached."""
    return max((rank(stage) for stage in stages), default=0)
