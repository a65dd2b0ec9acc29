"""{% request_rows page %} and {% rejection_rows page %}: the rows of /feedback/ and
/rejections/, written by core.html (the lists' time was in their rows' lookups, not
their queries)."""

from django import template

from core.html import fill, join
from core.links import pk_url
from core.templatetags.onward import day
from feedback.models import FeedbackRequest
from feedback.templatetags.steps import step_badges

register = template.Library()

ROW = """
    <tr>
      <td><a href="{url}">{to}</a></td>
      <td><a href="{rejection_url}">{title}</a> at {company}</td>
      <td><span class="badge {colour}">{status}</span>{generic}</td>
      <td class="d-none d-md-table-cell">{sent}</td>
      <td>{follow_up}</td>
    </tr>"""
Status = FeedbackRequest.Status
COLOURS = {
    Status.RECEIVED: "text-bg-success",
    Status.SENT: "text-bg-warning",
    Status.DRAFT: "text-bg-light",
}
GENERIC = fill(' <span class="badge text-bg-info">Generic</span>')
STATUS_LABELS = dict(Status.choices)


@register.simple_tag
def request_rows(page):
    """A <tr> per feedback request of `page` (rows of feedback.views.requests'
    LIST_FIELDS and LIST_VALUES): to whom, about which role, its status, when it was
    sent and, while it waits for an answer, when to follow up."""
    link = pk_url("feedback:detail")
    rejection_link = pk_url("rejections:detail")
    rows = []
    for item in page:
        status = item["status"]
        rows.append(
            fill(
                ROW,
                url=link(item["pk"]),
                to=item["contact_name"] if item["contact"] is not None else "Hiring team",
                rejection_url=rejection_link(item["rejection_id"]),
                title=item["title"],
                company=item["company_name"],
                colour=COLOURS.get(status, "text-bg-secondary"),
                status=STATUS_LABELS.get(status, status),
                generic=GENERIC if item["is_generic"] else "",
                sent=day(item["sent_on"], "j M Y") or "—",
                follow_up=(day(item["follow_up_on"], "j M Y") or "—")
                if status == Status.SENT
                else "—",
            )
        )
    return join(rows)


def follow_up(item):
    return day(item["follow_up_on"], "j M Y") or "—"


REJECTION = """
      <li class="list-group-item d-flex flex-wrap justify-content-between align-items-center \
gap-2">
        <div>
          <a href="{url}">{title} at {company}</a>
          <div class="small text-body-secondary">{at_stage} · {received_on}</div>
        </div>
        <div class="small" aria-label="Steps">{steps}</div>
      </li>"""


@register.simple_tag
def rejection_rows(page):
    """An <li> per rejection of `page` (with its application and company selected):
    the role, the stage it came at and when, and the states of its three steps."""
    link = pk_url("rejections:detail")
    return join(
        fill(
            REJECTION,
            url=link(rejection.pk),
            title=rejection.application.title,
            company=rejection.application.company.name,
            at_stage=rejection.get_at_stage_display(),
            received_on=day(rejection.received_on, "j M Y"),
            steps=step_badges(rejection),
        )
        for rejection in page
    )
