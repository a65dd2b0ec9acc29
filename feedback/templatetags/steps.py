"""A rejection's three steps as badges of their states."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from feedback.models import Step, StepState

register = template.Library()

STATE_COLOURS = {
    "done": "text-bg-success",
    "skipped": "text-bg-secondary",
    "in_progress": "text-bg-warning",
    "todo": "text-bg-light",
}


@register.filter
def state_class(state):
    """The badge class for a rejection step's state."""
    return STATE_COLOURS.get(str(state), "text-bg-light")


# Every badge there can be, written once: a list of rejections shows three a row.
BADGES = {
    (step, state): format_html(
        '<span class="badge {}" title="{}">{}. {}</span> ',
        state_class(state),
        step.label,
        number,
        state.label,
    )
    for number, step in enumerate(Step, start=1)
    for state in StepState
}


@register.simple_tag
def step_badges(rejection):
    """A rejection's three steps as numbered badges of their states."""
    return mark_safe(
        "".join(BADGES[badge["step"], badge["state"]] for badge in rejection.step_badges())
    )
