"""Lessons: what a rejection or a feedback answer taught, tracked to done."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from applications.views import render_form, safe_next
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


def owned_lesson(request, pk):
    return get_object_or_404(
        Lesson.objects.for_user(request.user).select_related(
            "rejection__application__company",
            "feedback_request__contact",
            "feedback_request__rejection__application__company",
        ),
        pk=pk,
    )


# Three groups share the page, so each shows fewer rows than a plain list does.
GROUP_PAGE_SIZE = 10


def lesson_list(request):
    """Lessons grouped by status, each group paginated on its own (?open_page=2)."""
    filters = LessonFilterForm(request.GET)
    mine = filters.filter(Lesson.objects.for_user(request.user))
    counts = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    lessons = mine.select_related("rejection__application__company").annotate(
        addressed=Count("applications")
    )
    groups = [
        group_page(
            request,
            status,
            lessons.filter(status=status).order_by(*GROUP_ORDER[status]),
            counts.get(status, 0),
        )
        for status in Status
    ]
    return render(request, "feedback/lesson_list.html", {"filters": filters, "groups": groups})


def group_page(request, status, lessons, count):
    param = f"{status}_page"
    paginator = Paginator(lessons, GROUP_PAGE_SIZE)
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
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        lesson = form.save()
        messages.success(
            request, "Lesson added. It will show up when you add or edit an application."
        )
        return redirect(lesson)
    context = {
        "form": form,
        "source_request": initial.get("feedback_request"),
        "source_rejection": initial.get("rejection"),
    }
    return render_form(request, "feedback/lesson_form.html", context)


def lesson_detail(request, pk):
    lesson = owned_lesson(request, pk)
    return render(request, "feedback/lesson_detail.html", detail_context(lesson))


def detail_context(lesson, status_form=None):
    return {
        "lesson": lesson,
        "applications": lesson.applications.select_related("company").order_by("-pk"),
        "status_form": status_form or LessonStatusForm(initial={"status": lesson.status}),
    }


def lesson_edit(request, pk):
    lesson = owned_lesson(request, pk)
    form = LessonForm(request.POST or None, instance=lesson, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Lesson updated.")
        return redirect(lesson)
    return render_form(request, "feedback/lesson_form.html", {"form": form, "lesson": lesson})


@require_POST
def lesson_status(request, pk):
    lesson = owned_lesson(request, pk)
    form = LessonStatusForm(request.POST)
    if not form.is_valid():
        return render(
            request, "feedback/lesson_detail.html", detail_context(lesson, form), status=422
        )
    lesson.move_to(form.cleaned_data["status"], request.user.today())
    messages.success(request, STATUS_MESSAGES[lesson.status])
    return redirect(safe_next(request, lesson.get_absolute_url()))
