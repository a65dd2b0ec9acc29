"""Applications: the list, one application's page, adding, editing, deleting, and moving
it to another stage."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, reselect, reswap, retarget

from applications.forms import ApplicationFilterForm, ApplicationForm, StageForm, UndoForm
from applications.models import Application, Stage
from applications.quick_add import QuickAddForm
from core.notices import success_with_button
from core.owned import owned_or_404
from core.pages import create_page, edit_page, paginate, safe_next

# What a row of the list shows ({% application_rows %}), and no more.
LIST_FIELDS = [
    *("title", "tags", "stage", "applied_on", "location", "updated_at"),
    *("company", "company__name"),
]


def application_list(request):
    filters = ApplicationFilterForm(request.GET)
    applications = filters.filter(
        Application.objects.for_user(request.user).select_related("company").only(*LIST_FIELDS)
    )
    page = paginate(request, applications)
    context = {
        "filters": filters,
        "page": page,
        "quick_add": QuickAddForm(user=request.user),
        "quick_add_next": request.get_full_path(),
    }
    return render(request, "applications/application_list.html", context)


def application_detail(request, pk):
    application = owned_or_404(
        Application.objects.select_related("company", "rejection"), request.user, pk=pk
    )
    changes = list(application.stage_changes.all())
    interviews = list(application.interviews.all())
    context = {
        "application": application,
        "timeline": timeline(changes, interviews),
        "furthest_stage": application.furthest_stage(changes),
        "upcoming": [i for i in interviews if i.starts_at >= timezone.now()],
        "stage_form": StageForm(initial={"stage": application.stage}),
    }
    return render(request, "applications/application_detail.html", context)


def timeline(changes, interviews):
    """Stage changes and interviews in one list, oldest first."""
    entries = [{"at": change.changed_at, "change": change} for change in changes]
    entries += [{"at": interview.starts_at, "interview": interview} for interview in interviews]
    return sorted(entries, key=lambda entry: entry["at"])


def application_create(request):
    """Add an application; /applications/new/?company=Acme starts with the company
    (and ?title= with the title, ?stage= with the stage: the quick add's way here)."""
    initial = {
        "company": request.GET.get("company", "")[:200],
        "title": request.GET.get("title", "")[:200],
    }
    if request.GET.get("stage") in Stage.values:
        initial["stage"] = request.GET["stage"]
    form = ApplicationForm(request.POST or None, user=request.user, initial=initial)
    return create_page(
        request,
        form,
        "applications/application_form.html",
        {},
        lambda application: f"Added {application}.",
    )


def application_edit(request, pk):
    application = owned_or_404(Application.objects.select_related("company"), request.user, pk=pk)
    form = ApplicationForm(request.POST or None, instance=application, user=request.user)
    return edit_page(
        request,
        form,
        "applications/application_form.html",
        {"application": application},
        "Application updated.",
        application,
    )


def application_delete(request, pk):
    application = owned_or_404(Application.objects.select_related("company"), request.user, pk=pk)
    if request.method == "POST":
        application.delete()
        messages.success(request, f"Deleted {application}.")
        return redirect("applications:list")
    return render(request, "applications/application_confirm_delete.html", {"object": application})


def stage_invalid(request, application, form):
    """A refused move, 422. From the board's htmx form (which swaps #board for the
    answer's #board) the answer is only the message, retargeted into the board's
    #board-alert, so the board stays; without JavaScript, a page saying why."""
    context = {"application": application, "form": form}
    if request.htmx and request.htmx.target == "board":
        response = render(request, "applications/_stage_error_alert.html", context, status=422)
        retarget(response, "#board-alert")
        reswap(response, "innerHTML")
        return reselect(response, "#stage-error")
    return render(request, "applications/stage_invalid.html", context, status=422)


@require_POST
def application_stage(request, pk):
    application = owned_or_404(Application.objects.select_related("company"), request.user, pk=pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        return stage_invalid(request, application, form)
    if form.cleaned_data["stage"] == Stage.REJECTED:
        # A "no" is recorded with what they said; that page moves the stage.
        reject_url = reverse("applications:reject", args=[application.pk])
        if request.htmx:
            return HttpResponseClientRedirect(reject_url)
        return redirect(reject_url)
    change = application.move_to(
        form.cleaned_data["stage"], note=form.cleaned_data["note"], today=request.user.today()
    )
    if change:
        success_with_button(
            request,
            f"Moved {application} to {application.get_stage_display().lower()}.",
            label="Undo",
            url=reverse("applications:undo", args=[application.pk]),
            fields={"change": change.pk},
        )
    return redirect(safe_next(request, application.get_absolute_url()))


@require_POST
def application_undo(request, pk):
    """Moves an application back where its latest move (the `change` the message after
    that move names) took it from; the timeline keeps both moves."""
    application = owned_or_404(Application.objects.select_related("company"), request.user, pk=pk)
    form = UndoForm(request.POST)
    if form.is_valid():
        undone = application.undo_move(form.cleaned_data["change"], today=request.user.today())
        if undone:
            messages.success(
                request,
                f"Moved {application} back to {application.get_stage_display().lower()}.",
            )
            return redirect(safe_next(request, application.get_absolute_url()))
        form.add_error(
            "change",
            f"It is in {application.get_stage_display().lower()} now, and only its latest "
            "move can be undone.",
        )
    return stage_invalid(request, application, form)
