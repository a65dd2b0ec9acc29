"""Flash messages that carry one action: a POST button shown with the message ("Moved
to screening. [Undo]"). The button's form is written when the message is shown, not
when it is stored, so it carries the CSRF token of the page that shows it."""

import json

from django.contrib import messages

BUTTON_TAG = "button:"


def success_with_button(request, text, *, label, url, fields):
    """A success message with a button that POSTs `fields` to `url`."""
    action = json.dumps({"label": label, "url": url, "fields": fields})
    messages.success(request, text, extra_tags=BUTTON_TAG + action)


def button_of(message):
    """The button a message carries, as {"label", "url", "fields"}, or None."""
    tags = message.extra_tags or ""
    if not tags.startswith(BUTTON_TAG):
        return None
    try:
        action = json.loads(tags[len(BUTTON_TAG) :])
    except ValueError:
        return None
    if not isinstance(action, dict) or not {"label", "url", "fields"} <= action.keys():
        return None
    return action
