"""Panels of what step 2 and 3 left behind, for pages of the floors below feedback (the
application form and page, the company page): they render these tags, so the
applications app never imports feedback's models."""

from django import template

from feedback.reengagement import company_history, company_named, panel_context

register = template.Library()

# Rows of each kind the company page shows.
COMPANY_LIST_SIZE = 10


@register.inclusion_tag("feedback/_reengagement.html", takes_context=True)
def reengagement_panel(context, company=None, name=None, exclude=None):
    """What the user knows about a company that said no before: `company`, or the
    user's company called `name` as typed in a form; `exclude` an application."""
    user = context["request"].user
    if name is not None:
        company = company_named(user, name)
    return panel_context(user, company, exclude=exclude)


@register.inclusion_tag("feedback/_company_history.html", takes_context=True)
def company_history_panel(context, company):
    """The company page's rejections, feedback and lessons from there."""
    return company_history(context["request"].user, company, COMPANY_LIST_SIZE)
