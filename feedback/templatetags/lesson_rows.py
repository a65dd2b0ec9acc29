"""{% lesson_rows page here %}: the items of one group of /lessons/, written by
core.html (the list's time was in its rows' lookups and its three forms a row)."""

from django import template

from core.html import csrf_input, fill, join
from core.templatetags.onward import day
from feedback.models import Lesson

register = template.Library()

ITEM = """
          <li class="list-group-item d-flex flex-wrap justify-content-between align-items-start \
gap-2">
            <div class="me-auto">
              <a class="fw-semibold" href="{detail_url}">{title}</a>
              <div class="small text-body-secondary">
                {category}
                {when}
                {source}
                {addressed}
              </div>
            </div>
            <div class="d-flex gap-2">
              {buttons}
            </div>
          </li>"""
SOURCE = ' · from <a href="{url}">{job_title} at {company_name}</a>'
BUTTON = (
    '<form method="post" action="{url}">{csrf}<input type="hidden" name="next" value="{here}">'
    '<button type="submit" name="status" value="{status}" class="btn btn-sm {style}">{label}'
    '<span class="visually-hidden">{sep}“{title}”</span></button></form>'
)
Status = Lesson.Status
# The buttons of a lesson in each status: (the status it moves to, style, label, what
# comes between the label and the lesson's title for a screen reader).
BUTTONS = {
    Status.OPEN: [
        (Status.IN_PROGRESS, "btn-outline-primary", "Start", " "),
        (Status.DONE, "btn-outline-success", "Mark done", ": "),
    ],
    Status.IN_PROGRESS: [(Status.DONE, "btn-outline-success", "Mark done", ": ")],
    Status.DONE: [(Status.OPEN, "btn-outline-secondary", "Reopen", " ")],
}


@register.simple_tag(takes_context=True)
def lesson_rows(context, page, here):
    """An <li> per lesson of `page` (rows from feedback.views.lessons.fill_pages, their
    links made), with the forms that move it on, each coming back to `here`."""
    csrf = csrf_input(context)
    return join(
        fill(
            ITEM,
            detail_url=lesson["detail_url"],
            title=lesson["title"],
            category=lesson["category_label"],
            when=when(lesson),
            source=(
                fill(
                    SOURCE,
                    url=lesson["rejection_url"],
                    job_title=lesson["job_title"],
                    company_name=lesson["company_name"],
                )
                if lesson["rejection_id"]
                else ""
            ),
            addressed=addressed(lesson["addressed"]),
            buttons=join(
                fill(
                    BUTTON,
                    url=lesson["status_url"],
                    csrf=csrf,
                    here=here,
                    status=status,
                    style=style,
                    label=label,
                    sep=sep,
                    title=lesson["title"],
                )
                for status, style, label, sep in buttons_of(lesson["status"])
            ),
        )
        for lesson in page
    )


def buttons_of(status):
    """As the template had it: Start when open; Reopen when done, else Mark done."""
    return BUTTONS.get(status, BUTTONS[Status.IN_PROGRESS])


def when(lesson):
    if lesson["status"] == Status.DONE:
        return f" · done {day(lesson['done_on'], 'j M Y')}" if lesson["done_on"] else ""
    return f" · aim by {day(lesson['target_on'], 'j M Y')}" if lesson["target_on"] else ""


def addressed(count):
    if not count:
        return ""
    return f" · addressed in {count} application{'' if count == 1 else 's'}"
