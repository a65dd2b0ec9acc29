"""A stage as a coloured badge; an application's tags as links to the list of those."""

from urllib.parse import quote

from django import template
from django.utils.html import format_html, format_html_join

from core.links import route_url

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


@register.filter
def tag_links(tags):
    """An application's tags (its tag_list), each a badge linking to the list filtered by
    it: what a template with a loop, a {% url %} and |urlencode per tag wrote, for lists
    that show them on every row."""
    list_url = route_url("applications:list")
    return format_html(
        '<ul class="list-inline tags mb-0">{}</ul>',
        format_html_join(
            "",
            '<li class="list-inline-item"><a class="badge rounded-pill text-bg-light tag" '
            'href="{}?tag={}" aria-label="Applications tagged {}">{}</a></li>',
            ((list_url, quote(tag, safe="/"), tag, tag) for tag in tags),
        ),
    )
