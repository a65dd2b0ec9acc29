"""A stage as a coloured badge; an application's tags as links to the list of those."""

from urllib.parse import quote

from django import template

from core.html import fill, join
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
    return fill(
        '<span class="badge text-bg-{colour} stage-badge">{label}</span>',
        colour=colour,
        label=label,
    )


@register.filter
def tag_links(tags):
    """An application's tags (its tag_list), each a badge linking to the list filtered by
    it: what a template with a loop, a {% url %} and |urlencode per tag wrote, for lists
    that show them on every row."""
    list_url = route_url("applications:list")
    items = join(fill(TAG, url=list_url, query=quote(tag, safe="/"), tag=tag) for tag in tags)
    return fill('<ul class="list-inline tags mb-0">{items}</ul>', items=items)


TAG = (
    '<li class="list-inline-item"><a class="badge rounded-pill text-bg-light tag" '
    'href="{url}?tag={query}" aria-label="Applications tagged {tag}">{tag}</a></li>'
)
