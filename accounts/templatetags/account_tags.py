"""The account's own panels on other pages: the name prompt above a draft."""

from django import template

from accounts.forms import NameForm

register = template.Library()


@register.inclusion_tag("accounts/_name_prompt.html", takes_context=True)
def name_prompt(context):
    """ "Your name, to sign your messages": a small form above a draft while the account
    has no name (drafts then end without a sign-off); nothing once it has one. It saves
    the name and comes back to this page."""
    request = context["request"]
    if request.user.name.strip():
        return {"form": None}
    return {"form": NameForm(instance=request.user), "next": request.get_full_path()}
