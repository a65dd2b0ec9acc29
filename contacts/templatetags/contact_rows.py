"""{% contact_rows page today %}: the rows of /contacts/, written by core.html (the
list's time was in its rows' lookups and model instances, not its query)."""

from django import template

from contacts.models import Contact
from core.html import fill, join
from core.links import pk_url
from core.models import choice_label
from core.templatetags.onward import day, relative_day

register = template.Library()

ROW = """
    <tr>
      <td><a href="{url}">{name}</a>{title}</td>
      <td>{company}</td>
      <td class="d-none d-md-table-cell">{relation}</td>
      <td>{check_in}</td>
      <td class="d-none d-lg-table-cell">{cadence}</td>
      <td class="d-none d-lg-table-cell">{last}</td>
    </tr>"""
TITLE = '<div class="small text-body-secondary">{title}</div>'
CHECK_IN = '{day}{due}<div class="small text-body-secondary">{relative}</div>'
DUE = fill(' <span class="badge text-bg-warning">due</span>')
NO_CHECK_IN = fill('<span class="text-body-secondary">No reminders</span>')


@register.simple_tag
def contact_rows(page, today):
    """A <tr> per contact of `page` (rows of contacts.views.LIST_FIELDS): name and job
    title, company, who they are, the next check-in (due by `today` or not), the
    cadence and the last contact."""
    link = pk_url("contacts:detail")
    relation = Contact._meta.get_field("relation")
    cadence = Contact._meta.get_field("keep_in_touch_days")
    return join(
        fill(
            ROW,
            url=link(contact["pk"]),
            name=contact["name"],
            title=fill(TITLE, title=contact["title"]) if contact["title"] else "",
            company=contact["company__name"] or "—",
            relation=choice_label(relation, contact["relation"]),
            check_in=check_in(contact["next_check_in_on"], today),
            cadence=choice_label(cadence, contact["keep_in_touch_days"]) or "—",
            last=day(contact["last_contacted_on"], "j M Y") or "—",
        )
        for contact in page
    )


def check_in(on, today):
    if not on:
        return NO_CHECK_IN
    return fill(
        CHECK_IN, day=day(on, "j M Y"), due=DUE if on <= today else "", relative=relative_day(on)
    )
