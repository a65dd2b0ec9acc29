"""{% application_rows page %}: the rows of /applications/, written by core.html (the
list's time was in its rows' lookups, not its query)."""

from django import template
from django.utils.timezone import localtime

from applications.templatetags.stages import stage_badge, tag_links
from core.html import fill, join
from core.links import pk_url
from core.templatetags.onward import day

register = template.Library()

ROW = """
    <tr>
      <td><a href="{url}">{title}</a>{tags}</td>
      <td>{company}</td>
      <td>{stage}</td>
      <td>{applied}</td>
      <td class="d-none d-md-table-cell">{location}</td>
      <td class="d-none d-lg-table-cell">{updated}</td>
    </tr>"""


@register.simple_tag
def application_rows(page):
    """A <tr> per application of `page` (with its company selected): its link and
    tags, company, stage, the day it was applied for and the day it last changed."""
    link = pk_url("applications:detail")
    return join(
        fill(
            ROW,
            url=link(application.pk),
            title=application.title,
            tags=tag_links(application.tag_list) if application.tags else "",
            company=application.company.name,
            stage=stage_badge(application.stage, application.get_stage_display()),
            applied=day(application.applied_on, "j M Y") or "—",
            location=application.location or "—",
            updated=day(localtime(application.updated_at), "j M Y"),
        )
        for application in page
    )
