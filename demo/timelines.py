"""The stage timelines: how many applications end in each stage, the route each takes
there, and when each move happened (the applied date within about six months)."""

import itertools
from collections import Counter
from datetime import timedelta

from applications.models import Stage
from demo.plans import HISTORY_DAYS, local_instant

CHANGE_NOTES = {
    Stage.APPLIED: ["", "", "Applied through their careers page.", "Sent CV and cover letter."],
    Stage.SCREENING: ["", "Recruiter call booked.", "Recruiter reached out for a chat."],
    Stage.INTERVIEWING: ["", "Invited to the first interview.", "Take-home task sent."],
    Stage.OFFER: ["", "Verbal offer; written offer to follow.", "Offer received by email."],
    Stage.ACCEPTED: ["Signed the contract.", "Accepted the offer."],
    Stage.REJECTED: ["", "Standard rejection email.", "Rejected by phone; asked for feedback."],
    Stage.WITHDRAWN: ["Withdrew: took another offer.", "Withdrew: role changed scope."],
    Stage.NO_RESPONSE: ["", "No reply after several weeks."],
}
AFTER_SILENCE_NOTE = "No reply after several weeks; recorded it as a rejection."
# Roughly how a real search ends up: many applications go nowhere, a few get far.
STAGE_SHARES = {
    Stage.REJECTED: 24,
    Stage.NO_RESPONSE: 20,
    Stage.APPLIED: 20,
    Stage.INTERVIEWING: 10,
    Stage.SAVED: 8,
    Stage.SCREENING: 8,
    Stage.OFFER: 4,
    Stage.WITHDRAWN: 4,
    Stage.ACCEPTED: 2,
}
APPLIED_TO_INTERVIEWS = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING)
APPLIED_TO_OFFER = (*APPLIED_TO_INTERVIEWS, Stage.OFFER)
# The routes an application takes to its current stage, with their weights.
PATHS = {
    Stage.SAVED: [((Stage.SAVED,), 1)],
    Stage.APPLIED: [((Stage.APPLIED,), 1)],
    Stage.SCREENING: [((Stage.APPLIED, Stage.SCREENING), 1)],
    Stage.INTERVIEWING: [
        (APPLIED_TO_INTERVIEWS, 3),
        ((Stage.APPLIED, Stage.INTERVIEWING), 1),
    ],
    Stage.OFFER: [(APPLIED_TO_OFFER, 1)],
    Stage.ACCEPTED: [((*APPLIED_TO_OFFER, Stage.ACCEPTED), 1)],
    Stage.REJECTED: [
        ((Stage.APPLIED, Stage.REJECTED), 5),
        ((Stage.APPLIED, Stage.SCREENING, Stage.REJECTED), 2),
        ((*APPLIED_TO_INTERVIEWS, Stage.REJECTED), 3),
        # Heard nothing for weeks, then treated the silence as a "no" (as the app's
        # "treat it as a rejection" does: the timeline keeps both moves).
        ((Stage.APPLIED, Stage.NO_RESPONSE, Stage.REJECTED), 1),
    ],
    Stage.WITHDRAWN: [
        ((Stage.APPLIED, Stage.WITHDRAWN), 1),
        ((Stage.APPLIED, Stage.SCREENING, Stage.WITHDRAWN), 1),
        ((*APPLIED_TO_INTERVIEWS, Stage.WITHDRAWN), 1),
        ((*APPLIED_TO_OFFER, Stage.WITHDRAWN), 1),  # declined the offer
    ],
    Stage.NO_RESPONSE: [((Stage.APPLIED, Stage.NO_RESPONSE), 1)],
}
# Days between reaching the previous stage and reaching this one.
GAP_DAYS = {
    Stage.APPLIED: (1, 10),
    Stage.SCREENING: (3, 14),
    Stage.INTERVIEWING: (4, 12),
    Stage.OFFER: (7, 21),
    Stage.ACCEPTED: (2, 7),
    Stage.REJECTED: (2, 21),
    Stage.WITHDRAWN: (3, 20),
    Stage.NO_RESPONSE: (28, 45),
}
# How long ago an application reached its current stage; active ones are recent.
LAST_CHANGE_AGE = {
    Stage.SAVED: (0, 30),
    Stage.APPLIED: (0, 25),
    Stage.SCREENING: (0, 14),
    Stage.INTERVIEWING: (0, 10),
    Stage.OFFER: (0, 7),
}
CLOSED_AGE = (0, 150)


def stage_counts(total):
    """How many applications end in each stage: every stage at least once (when there
    are enough applications), the rest in proportion to STAGE_SHARES."""
    stages = list(STAGE_SHARES)
    if total < len(stages):
        return Counter(stages[:total])
    counts = Counter({stage: max(1, total * share // 100) for stage, share in STAGE_SHARES.items()})
    counts[Stage.REJECTED] += total - sum(counts.values())
    while counts[Stage.REJECTED] < 1:  # tiny totals: take from the biggest others
        biggest = max(stages, key=lambda stage: counts[stage])
        counts[biggest] -= 1
        counts[Stage.REJECTED] += 1
    return counts


def plan_steps(rng, stage, now, today, zone):
    """The stage timeline: (stage, changed_at, note) rows, strictly later each time,
    the last at most now and the applied date within about six months."""
    routes, weights = zip(*PATHS[stage], strict=True)
    route = list(rng.choices(routes, weights=weights)[0])
    if route[0] == Stage.APPLIED and rng.random() < 0.15:
        route.insert(0, Stage.SAVED)  # bookmarked first, applied a few days later
    gaps = []
    for previous, current in itertools.pairwise(route):
        low, high = GAP_DAYS[current]
        if previous == Stage.INTERVIEWING:
            low = max(low, 5)  # room for the interviews in between
        gaps.append(rng.randint(low, high))
    low, high = LAST_CHANGE_AGE.get(stage, CLOSED_AGE)
    high = max(low, min(high, HISTORY_DAYS - sum(gaps)))
    day = -rng.randint(low, high)  # days from today, of the last change
    days = [day]
    for gap in reversed(gaps):
        day -= gap
        days.insert(0, day)
    steps = []
    for step, offset in zip(route, days, strict=True):
        at = local_instant(today + timedelta(days=offset), rng.randint(8 * 60, 21 * 60), zone)
        if at > now:  # later today than it is now: a little earlier instead
            at = now - timedelta(minutes=rng.randint(5, 90))
        note = rng.choice(CHANGE_NOTES.get(step, [""]))
        if steps and steps[-1][0] == Stage.NO_RESPONSE:
            note = AFTER_SILENCE_NOTE
        steps.append((step, at, note))
    return steps
