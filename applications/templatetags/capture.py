"""{% bookmarklet %}: the "Add to Onward" bookmarklet with its help, on the
new-application page, the capture page and in Settings."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from applications.capture.bookmarklet import bookmarklet_href
from applications.capture.sanitise import sanitise_description

register = template.Library()


@register.inclusion_tag("applications/_bookmarklet.html", takes_context=True)
def bookmarklet(context):
    # The address this person reaches Onward at, so the bookmark posts back to it.
    relay = context["request"].build_absolute_uri(reverse("applications:capture_relay"))
    return {"bookmarklet_href": bookmarklet_href(relay)}


@register.filter
def posting_html(description):
    """A stored description, shown as HTML. It was sanitised when it was saved; it is
    sanitised again here, so that no row written around the model can inject a script."""
    return mark_safe(sanitise_description(description))
