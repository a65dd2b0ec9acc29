"""{% application_rows page %}, {% company_rows page %} and {% board_cards column %}: the
rows of /applications/ and /companies/ and the cards of the board's columns, written by
core.html (those pages' time was in their rows' lookups, not their queries)."""

from django import template
from django.utils.timezone import get_current_timezone, localtime

from applications.templatetags.stages import stage_badge, tag_links
from core.html import csrf_input, fill, join
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
    zone = get_current_timezone()
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
            updated=day(localtime(application.updated_at, zone), "j M Y"),
        )
        for application in page
    )


COMPANY = """
    <tr>
      <td><a href="{url}">{name}</a></td>
      <td>{application_count}</td>
      <td>{active_count}</td>
    </tr>"""


@register.simple_tag
def company_rows(page):
    """A <tr> per company of `page` (Company.objects.with_counts()): its link, and how
    many applications it has, and how many of those are active."""
    link = pk_url("companies:detail")
    return join(
        fill(
            COMPANY,
            url=link(company.pk),
            name=company.name,
            application_count=company.application_count,
            active_count=company.active_count,
        )
        for company in page
    )


CARD = """
<article class="card board-card mb-2" id="application-{pk}" data-card data-stage="{stage}">
  <div class="card-body p-2">
    <h3 class="h6 mb-1"><a href="{url}">{title}</a></h3>
    <p class="small mb-1">{company_name}</p>
    <p class="small text-body-secondary mb-2">{time_in_stage} in {in_stage}{interview}</p>
    <form method="post" action="{stage_url}" class="card-move" hx-post="{stage_url}" \
hx-target="#board" hx-select="#board" hx-swap="outerHTML">
      {csrf}
      <input type="hidden" name="next" value="{column_url}">
      <details class="move-menu">
        <summary class="btn btn-sm btn-outline-primary">Move<span class="visually-hidden"> \
{title}</span></summary>
        <div class="move-menu-options" role="group" aria-label="Move {title} to">{buttons}</div>
      </details>
    </form>
  </div>
</article>"""
INTERVIEW = '<br><span class="text-body-emphasis">Interview {at}</span>'


@register.simple_tag(takes_context=True)
def board_cards(context, column):
    """The cards of one of the board's columns (applications.views.board), each with
    its move menu: a form of the column's buttons, coming back to the column."""
    csrf = csrf_input(context)
    return join(
        fill(
            CARD,
            pk=card["pk"],
            stage=column["stage"],
            url=card["url"],
            title=card["title"],
            company_name=card["company_name"],
            time_in_stage=card["time_in_stage"],
            in_stage=column["in_stage"],
            interview=interview(card["next_interview_at"]),
            stage_url=card["stage_url"],
            csrf=csrf,
            column_url=column["url"],
            buttons=column["buttons"],
        )
        for card in column["cards"]
    )


def interview(at):
    if not at:
        return ""
    return fill(INTERVIEW, at=day(localtime(at), "D j M, H:i"))
