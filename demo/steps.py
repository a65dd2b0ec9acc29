"""After a "no": the three steps each rejection asks for (reflect, ask for feedback, keep
the bridges), in the state a real person would leave them. Plans the rejections,
contacts, feedback requests and lessons in the order they depend on each other, and
sums up what they left behind."""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from contacts.models import Interaction
from demo.contacts import (
    THANK_YOU_SUMMARIES,
    ContactBook,
    ask_relations,
    plan_contacts,
    plan_keeping_in_touch,
)
from demo.feedback import REQUEST_WEIGHTS, choose_asked, plan_feedback_requests
from demo.lessons import plan_lessons
from demo.rejections import plan_reflection, plan_rejections
from feedback.models import FeedbackRequest, Lesson, Step, StepState

RequestStatus = FeedbackRequest.Status

# A rejection received this many days ago or fewer is fresh: its steps are mostly open.
FRESH_DAYS = 3
SKIP_REASONS = {
    Step.REFLECT: [
        "Barely started the process; no feelings either way.",
        "Fine about this one; nothing to work through.",
    ],
    Step.FEEDBACK: [
        "Automated rejection from a no-reply address; nobody to ask.",
        "Applied through a portal with no named contact.",
        "The agency recruiter stopped replying; nobody else to ask.",
    ],
    Step.BRIDGES: [
        "Automated rejection; no person to write to.",
        "Not a company I want to keep in touch with after that process.",
    ],
}
AFTER_SILENCE_SKIP_REASONS = {
    Step.FEEDBACK: "Never heard back at all; nothing to ask about.",
    Step.BRIDGES: "Nobody ever replied; no one to write to.",
}


@dataclass
class ThreeSteps:
    """What a search's rejections left behind, planned in memory, then bulk-created."""

    rejections: list  # RejectionPlans
    contacts: list  # ContactPlans
    requests: list  # RequestPlans
    lessons: list  # LessonPlans

    def summary(self, today):
        rejections = [rp.rejection for rp in self.rejections]
        handled = sum(rejection.is_handled for rejection in rejections)
        silent = sum(rp.after_silence for rp in self.rejections)
        at_stage = Counter(rejection.at_stage for rejection in rejections)
        requests = [rq.request for rq in self.requests]
        statuses = Counter(request.status for request in requests)
        generic = sum(request.is_generic for request in requests)
        chase = sum(
            1
            for request in requests
            if request.status == RequestStatus.SENT and request.follow_up_on <= today
        )
        lessons = Counter(lp.lesson.status for lp in self.lessons)
        links = sum(len(lp.applications) for lp in self.lessons)
        contacts = [cp.contact for cp in self.contacts]
        cadenced = [contact for contact in contacts if contact.next_check_in_on]
        overdue = sum(contact.next_check_in_on < today for contact in cadenced)
        this_week = sum(
            today <= contact.next_check_in_on <= today + timedelta(days=7) for contact in cadenced
        )
        interactions = Counter(
            interaction.kind for cp in self.contacts for interaction in cp.interactions
        )
        return [
            f"Rejections:     {len(rejections)} ({handled} handled, "
            f"{len(rejections) - handled} with steps open; {silent} after no response)",
            "  " + " · ".join(f"{stage.label} {at_stage[stage]}" for stage in REQUEST_WEIGHTS),
            f"Reflections:    {sum(rp.reflection is not None for rp in self.rejections)}",
            f"Feedback requests: {len(requests)} (follow-ups due: {chase})",
            "  "
            + " · ".join(
                f"{status.label.lower()} {statuses[status]}"
                + (f" ({generic} generic)" if status == RequestStatus.RECEIVED else "")
                for status in RequestStatus
            ),
            f"Lessons:        {len(self.lessons)} ("
            + ", ".join(f"{status.label.lower()} {lessons[status]}" for status in Lesson.Status)
            + f"; addressed by {links} applications)",
            f"Contacts:       {len(contacts)} ({len(cadenced)} with a cadence: "
            f"{overdue} overdue, {this_week} due within a week)",
            f"Interactions:   {interactions.total()} ("
            + ", ".join(
                f"{kind.label.lower()} {interactions[kind]}"
                for kind in Interaction.Kind
                if interactions[kind]
            )
            + ")",
        ]


def plan_three_steps(rng, user, companies, plans, total, now):
    """Rejections with their steps, then about one contact per five applications and
    one feedback request per ten, then what came of them."""
    zone = user.zone
    today = timezone.localdate(now, timezone=zone)
    rejections = plan_rejections(rng, plans, today, zone)
    asked = choose_asked(rng, rejections, total // 10)
    book = ContactBook(rng, user, now)
    plan_contacts(rng, book, companies, plans, rejections, asked, total // 5)
    requests = plan_feedback_requests(rng, user, asked, book, today, now)
    for rp in rejections:
        plan_step_states(rng, rp, book, today)
        plan_reflection(rng, rp)
    for cp in book.contacts:
        plan_keeping_in_touch(rng, cp, now, zone)
    lessons = plan_lessons(rng, user, rejections, requests, plans, today, now)
    return ThreeSteps(
        rejections=rejections, contacts=book.contacts, requests=requests, lessons=lessons
    )


FRESH_STATES = [StepState.TODO, StepState.IN_PROGRESS, StepState.DONE]
OLDER_STATES = [StepState.DONE, StepState.IN_PROGRESS, StepState.TODO, StepState.SKIPPED]


def pick_state(rng, fresh, fresh_weights, older_weights):
    """A step's state, weighted: one of FRESH_STATES for a fresh rejection, else one of
    OLDER_STATES."""
    if fresh:
        return rng.choices(FRESH_STATES, fresh_weights)[0]
    return rng.choices(OLDER_STATES, older_weights)[0]


def plan_step_states(rng, rp, book, today):
    """Where the person left each step: older rejections mostly handled, fresh ones
    mostly open, a few steps skipped with a reason. Step 2 follows the requests; step
    3 is done when the thank-you reply was logged with a contact there, whose
    cadence then keeps the bridge (see plan_keeping_in_touch)."""
    rejection = rp.rejection
    fresh = rp.age <= FRESH_DAYS
    reflect = pick_state(rng, fresh, [55, 25, 20], [80, 6, 8, 6])
    set_step(rng, rp, Step.REFLECT, reflect)

    if rp.requests:
        sent = any(rq.request.status != RequestStatus.DRAFT for rq in rp.requests)
        feedback = StepState.DONE if sent else StepState.IN_PROGRESS
    elif fresh:
        feedback = StepState.TODO
    else:
        feedback = StepState.SKIPPED if rp.after_silence or rng.random() < 0.6 else StepState.TODO
    set_step(rng, rp, Step.FEEDBACK, feedback)

    cp = book.at(rp.company, ask_relations(rejection))
    if cp is None:
        bridges = StepState.TODO
        if not fresh and (rp.after_silence or rng.random() < 0.6):
            bridges = StepState.SKIPPED
    else:
        bridges = pick_state(rng, fresh, [60, 20, 20], [75, 8, 10, 7])
    set_step(rng, rp, Step.BRIDGES, bridges)
    if bridges == StepState.DONE:
        thanked_on = min(today, rejection.received_on + timedelta(days=rng.randint(0, 3)))
        cp.log(
            thanked_on,
            Interaction.Kind.THANK_YOU,
            rng.choice(THANK_YOU_SUMMARIES),
            rp.plan.application,
        )
        cp.thanked = True


def set_step(rng, rp, step, state):
    reason = ""
    if state == StepState.SKIPPED:
        reason = AFTER_SILENCE_SKIP_REASONS.get(step) if rp.after_silence else None
        reason = reason or rng.choice(SKIP_REASONS[step])
    setattr(rp.rejection, f"{step}_state", state)
    setattr(rp.rejection, f"{step}_skip_reason", reason)
