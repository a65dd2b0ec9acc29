"""A stage as a coloured badge."""

from django import template
from django.utils.html import format_html

register = template.Library()

STAGE_COLOURS = {
    "saved": "secondary",
    "applied": "primary",
    "screening": "info",
    "interviewing": "warning",
    "offer": "success",
    "accepted": "success",
    "rejected": "danger",
    "withdrawn": "secondary",
    "no_response": "light",
}


@register.simple_tag
def stage_badge(stage, label):
    colour = STAGE_COLOURS.get(stage, "secondary")
    text = "text-bg-" + colour
    return format_html('<span class="badge {} stage-badge">{}</span>', text, label)
