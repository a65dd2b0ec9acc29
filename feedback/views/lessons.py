"""Lessons: what a rejection or a feedback answer taught, tracked to done."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core import prepared
from core.links import pk_url
from core.owned import owned_or_404
from core.pages import create_page, edit_page, safe_next
from feedback.forms.lessons import LessonFilterForm, LessonForm, LessonStatusForm
from feedback.models import FeedbackRequest, Lesson, Rejection

Status = Lesson.Status

# Open and in-progress lessons soonest target first; done ones most recent first.
GROUP_ORDER = {
    Status.OPEN: (F("target_on").asc(nulls_last=True), "-updated_at", "-pk"),
    Status.IN_PROGRESS: (F("target_on").asc(nulls_last=True), "-updated_at", "-pk"),
    Status.DONE: (F("done_on").desc(nulls_last=True), "-pk"),
}

STATUS_MESSAGES = {
    Status.OPEN: "Reopened.",
    Status.IN_PROGRESS: "Marked as in progress.",
    Status.DONE: "Marked as done. Well learned.",
}


LESSONS = Lesson.objects.select_related(
    "rejection__application__company",
    "feedback_request__contact",
    "feedback_request__rejection__application__company",
)


# Three groups share the page, so each shows fewer rows than a plain list does.
GROUP_PAGE_SIZE = 10

# How many applications addressed a lesson, counted for the rows of the pages only.
ADDRESSED = (
    Lesson.applications.through.objects.filter(lesson=OuterRef("pk"))
    .order_by()
    .values("lesson")
    .annotate(n=Count("pk"))
    .values("n")
)

# What a row of the list shows, and no more: no detail text, no full rejection,
# application or company rows.
ROW_FIELDS = ("pk", "title", "category", "status", "target_on", "done_on", "rejection_id")
ROW_EXPRESSIONS = {
    "job_title": F("rejection__application__title"),
    "company_name": F("rejection__application__company__name"),
    "addressed": Coalesce(Subquery(ADDRESSED), 0),
}

# The rows of the three pages come in one query sorted by this, which keeps each group
# in its GROUP_ORDER: the terms of one group are NULL, so equal, for the other groups.
IS_DONE = Q(status=Status.DONE)
PAGE_ROWS_ORDER = (
    Case(When(~IS_DONE, then="target_on")).asc(nulls_last=True),
    Case(When(~IS_DONE, then="updated_at")).desc(),
    Case(When(IS_DONE, then="done_on")).desc(nulls_last=True),
    "-pk",
)

CATEGORY_LABELS = dict(Lesson.Category.choices)


def lesson_list(request):
    """Lessons grouped by status, each group paginated on its own (?open_page=2)."""
    filters = LessonFilterForm(request.GET)
    mine = filters.filter(Lesson.objects.for_user(request.user))
    counts = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    groups = [group_page(request, status, mine, counts.get(status, 0)) for status in Status]
    fill_pages(mine, groups, filters, request.user)
    context = {"filters": filters, "groups": groups, "here": request.get_full_path()}
    return render(request, "feedback/lesson_list.html", context)


def group_page(request, status, mine, count):
    """One group's page; its object_list is still a subquery of ids (see fill_pages)."""
    param = f"{status}_page"
    ids = mine.filter(status=status).order_by(*GROUP_ORDER[status]).values("pk")
    paginator = Paginator(ids, GROUP_PAGE_SIZE)
    paginator.count = count  # the three groups are counted in one query above
    page = paginator.get_page(request.GET.get(param))

    def page_url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    return {
        "status": status,
        "page": page,
        "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": page_url(page.next_page_number()) if page.has_next() else "",
    }


def fill_pages(mine, groups, filters, user):
    """Fetches the rows of the three pages in one query: each group's page of ids is
    picked by a subquery that sorts that group alone, and only the rows picked are
    joined to their rejection and have their applications counted. The rows are dicts
    of the columns shown, with their links (see ListRows). The first page of every
    group, as a visit to /lessons/ shows them, comes from a statement the ORM builds
    once per process and filter (core/prepared.py): building it took longer than
    running it. Later pages are built each time."""
    rows = {group["status"]: [] for group in groups}
    shown = [group for group in groups if group["page"].paginator.count]
    if shown and all(group["page"].number == 1 for group in shown):
        statuses = tuple(group["status"] for group in shown)
        category = filters.cleaned_data.get("category") or ""
        key = ("feedback.lesson_pages", category, statuses, GROUP_PAGE_SIZE)
        found = prepared.run(
            key, lambda user, *_: first_pages(filters, user, statuses), user, None, None
        )
    elif shown:
        found = page_rows(mine, [group["page"].object_list for group in shown]).values(
            *ROW_FIELDS, **ROW_EXPRESSIONS
        )
    else:
        found = []
    list_rows = ListRows()
    for lesson in found:
        rows[lesson["status"]].append(list_rows.add_links(lesson))
    for group in groups:
        group["page"].object_list = rows[group["status"]]


def page_rows(mine, pages):
    """The lessons of `mine` whose ids one of `pages` (subqueries of ids) picks, in the
    groups' order. `mine` keeps the owner filter: the database then reads this user's
    lessons only, not the whole table, to match the ids picked."""
    picked = Q()
    for ids in pages:
        picked |= Q(pk__in=ids)
    return mine.filter(picked).order_by(*PAGE_ROWS_ORDER)


def first_pages(filters, user, statuses):
    """The Statement of fill_pages' query for the first page of each of `statuses`."""
    mine = filters.filter(Lesson.objects.for_user(user))
    pages = [
        mine.filter(status=status).order_by(*GROUP_ORDER[status]).values("pk")[:GROUP_PAGE_SIZE]
        for status in statuses
    ]
    columns = {name: name for name in ROW_FIELDS} | ROW_EXPRESSIONS
    return prepared.selected(page_rows(mine, pages), columns)


class ListRows:
    def __init__(self):
        self.detail_url = pk_url("lessons:detail")
        self.status_url = pk_url("lessons:status")
        self.rejection_url = pk_url("rejections:detail")

    def add_links(self, lesson):
        """Adds what the template would otherwise work out for each row."""
        lesson["detail_url"] = self.detail_url(lesson["pk"])
        lesson["status_url"] = self.status_url(lesson["pk"])
        if lesson["rejection_id"]:
            lesson["rejection_url"] = self.rejection_url(lesson["rejection_id"])
        lesson["category_label"] = CATEGORY_LABELS.get(lesson["category"], lesson["category"])
        return lesson


def source_initial(request):
    """?rejection=<id> or ?feedback=<id> fills in where a new lesson came from, when the
    row is the user's own; anything else is ignored."""
    initial = {}
    feedback_id, rejection_id = request.GET.get("feedback", ""), request.GET.get("rejection", "")
    if feedback_id.isdigit():
        feedback_request = (
            FeedbackRequest.objects.for_user(request.user)
            .select_related("contact", "rejection__application__company")
            .filter(pk=feedback_id)
            .first()
        )
        if feedback_request:
            initial["feedback_request"] = feedback_request
            initial["rejection"] = feedback_request.rejection
    if "rejection" not in initial and rejection_id.isdigit():
        rejection = (
            Rejection.objects.for_user(request.user)
            .select_related("application__company")
            .filter(pk=rejection_id)
            .first()
        )
        if rejection:
            initial["rejection"] = rejection
    return initial


def lesson_create(request):
    initial = source_initial(request)
    form = LessonForm(request.POST or None, initial=initial, user=request.user)
    form.instance.owner = request.user
    context = {
        "source_request": initial.get("feedback_request"),
        "source_rejection": initial.get("rejection"),
    }
    return create_page(
        request,
        form,
        "feedback/lesson_form.html",
        context,
        "Lesson added. It will show up when you add or edit an application.",
    )


def lesson_detail(request, pk):
    lesson = owned_or_404(LESSONS, request.user, pk=pk)
    return render(request, "feedback/lesson_detail.html", detail_context(lesson))


def detail_context(lesson, status_form=None):
    return {
        "lesson": lesson,
        "applications": lesson.applications.select_related("company").order_by("-pk"),
        "status_form": status_form or LessonStatusForm(initial={"status": lesson.status}),
    }


def lesson_edit(request, pk):
    lesson = owned_or_404(LESSONS, request.user, pk=pk)
    form = LessonForm(request.POST or None, instance=lesson, user=request.user)
    return edit_page(
        request, form, "feedback/lesson_form.html", {"lesson": lesson}, "Lesson updated.", lesson
    )


@require_POST
def lesson_status(request, pk):
    lesson = owned_or_404(LESSONS, request.user, pk=pk)
    form = LessonStatusForm(request.POST)
    if not form.is_valid():
        return render(
            request, "feedback/lesson_detail.html", detail_context(lesson, form), status=422
        )
    lesson.move_to(form.cleaned_data["status"], request.user.today())
    messages.success(request, STATUS_MESSAGES[lesson.status])
    return redirect(safe_next(request, lesson.get_absolute_url()))
