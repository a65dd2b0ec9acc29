"""A rejection's three steps as badges of their states."""

from django import template
from django.utils.html import format_html_join

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


@register.simple_tag
def step_badges(rejection):
    """A rejection's three steps as numbered badges of their states."""
    return format_html_join(
        "",
        '<span class="badge {}" title="{}">{}. {}</span> ',
        (
            (state_class(badge["state"]), badge["step"].label, number, badge["state"].label)
            for number, badge in enumerate(rejection.step_badges(), start=1)
        ),
    )
