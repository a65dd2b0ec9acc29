from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from applications.csv.confirm import import_batch
from applications.csv.export import export_response
from applications.csv.preview import PREVIEW_PAGE, preview_rows
from applications.csv.upload import CappedUploadHandler, ImportForm
from applications.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    CompanyForm,
    InterviewForm,
    MergeForm,
    StageForm,
)
from applications.models import (
    ACTIVE_STAGES,
    CLOSED_STAGES,
    Application,
    Company,
    ImportBatch,
    Interview,
    Stage,
)
from core.links import pk_url
from core.owned import owned_or_404
from core.pages import edit_page, paginate, render_form, safe_next

COMPANY_LIST_SIZE = 10
BOARD_COLUMN_CAP = 10


# Applications


def application_list(request):
    filters = ApplicationFilterForm(request.GET)
    applications = filters.filter(
        Application.objects.for_user(request.user).select_related("company")
    )
    page = paginate(request, applications)
    return render(request, "applications/application_list.html", {"filters": filters, "page": page})


def application_board(request):
    user_applications = Application.objects.for_user(request.user)
    counts = dict(user_applications.values_list("stage").annotate(n=Count("*")).order_by())
    cards = board_cards(user_applications)
    options = stage_options_html(ACTIVE_STAGES)
    context = {
        "columns": [
            {
                "stage": stage,
                "count": counts.get(stage, 0),
                "cards": cards[stage],
                "options": options[stage],
                "in_stage": stage.label.lower(),
            }
            for stage in ACTIVE_STAGES
        ],
        "closed": [(stage, counts.get(stage, 0)) for stage in CLOSED_STAGES],
        "cap": BOARD_COLUMN_CAP,
        "total": sum(counts.values()),
    }
    return render(request, "applications/application_board.html", context)


def board_cards(applications):
    """The most recently updated cards of each stage, at most BOARD_COLUMN_CAP each.

    One short query per column: each reads the (owner, stage, updated_at) index and
    stops after the cap, so a column of thousands costs what a column of ten does.
    A card is a dict of what it shows, its links built here once per page rather than
    reversed per card: the page's time is in its fifty cards, not in its queries."""
    today = timezone.localdate()
    detail_url = pk_url("applications:detail")
    stage_url = pk_url("applications:stage")
    rows = (
        applications.with_card_facts()
        .order_by("-updated_at", "-pk")
        .values(
            "pk", "title", "stage_changed_at", "next_interview_at", company_name=F("company__name")
        )
    )
    cards = {}
    for stage in ACTIVE_STAGES:
        cards[stage] = column = list(rows.filter(stage=stage)[:BOARD_COLUMN_CAP])
        for card in column:
            card["url"] = detail_url(card["pk"])
            card["stage_url"] = stage_url(card["pk"])
            # Numbers as text: the template would localize each int it prints.
            card["pk"] = mark_safe(str(card["pk"]))
            days = (today - timezone.localdate(card["stage_changed_at"])).days
            card["time_in_stage"] = f"{days} day{pluralize(days)}"
    return cards


def stage_options_html(stages=ACTIVE_STAGES):
    """The <option>s of the stage picker, with each of `stages` selected in turn: the
    board has one picker per card, and there are only as many variants as stages. Each
    option is escaped once, not once a variant."""
    plain = {}
    selected = {}
    for value, label in Stage.choices:
        plain[value] = format_html('<option value="{}">{}</option>', value, label)
        selected[value] = format_html('<option value="{}" selected>{}</option>', value, label)
    return {
        current: mark_safe(
            "".join(selected[value] if value == current else plain[value] for value in plain)
        )
        for current in stages
    }


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
    """Add an application; /applications/new/?company=Acme starts with the company."""
    initial = {"company": request.GET.get("company", "")[:200]}
    form = ApplicationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        application = form.save()
        messages.success(request, f"Added {application}.")
        return redirect(application)
    return render_form(request, "applications/application_form.html", {"form": form})


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


@require_POST
def application_stage(request, pk):
    application = owned_or_404(Application.objects.select_related("company"), request.user, pk=pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "applications/stage_invalid.html",
            {"application": application, "form": form},
            status=422,
        )
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
        messages.success(
            request, f"Moved {application} to {application.get_stage_display().lower()}."
        )
    return redirect(safe_next(request, application.get_absolute_url()))


# Interviews


def interview_create(request, pk):
    application = owned_or_404(Application.objects.select_related("company"), request.user, pk=pk)
    form = InterviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.application = application
        form.save()
        messages.success(request, "Interview added.")
        return redirect(application)
    return render_form(
        request, "applications/interview_form.html", {"form": form, "application": application}
    )


def interview_edit(request, pk):
    interview = owned_or_404(
        Interview.objects.select_related("application__company"), request.user, pk=pk
    )
    form = InterviewForm(request.POST or None, instance=interview)
    return edit_page(
        request,
        form,
        "applications/interview_form.html",
        {"application": interview.application, "interview": interview},
        "Interview updated.",
        interview.application,
    )


def interview_delete(request, pk):
    interview = owned_or_404(
        Interview.objects.select_related("application__company"), request.user, pk=pk
    )
    if request.method == "POST":
        interview.delete()
        messages.success(request, "Interview deleted.")
        return redirect(interview.application)
    return render(request, "applications/interview_confirm_delete.html", {"object": interview})


# Companies


def company_list(request):
    companies = Company.objects.for_user(request.user).with_counts().order_by("name_key", "pk")
    return render(request, "applications/company_list.html", {"page": paginate(request, companies)})


def company_detail(request, pk):
    """An employer: its applications, and the people, rejections, feedback and lessons
    that go with it."""
    company = owned_or_404(Company, request.user, pk=pk)
    applications = company.applications.order_by("-updated_at", "-pk")
    context = {
        "company": company,
        "page": paginate(request, applications),
        "contacts": company.contacts.order_by("name", "pk")[:COMPANY_LIST_SIZE],
    }
    return render(request, "applications/company_detail.html", context)


def company_edit(request, pk):
    company = owned_or_404(Company, request.user, pk=pk)
    form = CompanyForm(request.POST or None, instance=company, user=request.user)
    return edit_page(
        request,
        form,
        "applications/company_form.html",
        {"company": company},
        "Company updated.",
        company,
    )


def company_merge(request, pk):
    company = owned_or_404(Company, request.user, pk=pk)
    form = MergeForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        company.merge_into(target)
        messages.success(request, f"Merged {company} into {target}. Nothing was lost.")
        return redirect(target)
    return render_form(
        request, "applications/company_merge.html", {"form": form, "company": company}
    )


def company_delete(request, pk):
    company = owned_or_404(Company, request.user, pk=pk)
    in_use = company.applications.count()
    if request.method == "POST":
        if in_use:
            messages.error(
                request,
                f"{company} still has {in_use} application{'s' if in_use != 1 else ''}. "
                "Delete or move them first, or merge this company into another.",
            )
            return render(
                request,
                "applications/company_confirm_delete.html",
                {"object": company, "in_use": in_use},
                status=409,
            )
        company.delete()
        messages.success(request, f"Deleted {company}.")
        return redirect("companies:list")
    return render(
        request, "applications/company_confirm_delete.html", {"object": company, "in_use": in_use}
    )


# CSV export and import


def application_export(request):
    """The list as CSV, with the list's filters, search and sort."""
    filters = ApplicationFilterForm(request.GET)
    applications = filters.filter(Application.objects.for_user(request.user))
    return export_response(applications, request.user)


@csrf_exempt
def application_import(request):
    # Before the body is read: uploads stay in memory and stop being kept past the
    # cap, so an oversized file costs neither memory nor disk. The CSRF check follows.
    request.upload_handlers = [CappedUploadHandler(request)]
    return application_import_upload(request)


@csrf_protect
def application_import_upload(request):
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
    else:
        form = ImportForm(user=request.user)
    if form.is_bound and form.is_valid():
        batch = form.save()
        return redirect(batch)
    return render_form(request, "applications/import_form.html", {"form": form})


def application_import_preview(request, pk):
    batch = owned_or_404(ImportBatch, request.user, pk=pk)
    if batch.is_expired():
        return import_expired(request, batch)
    rows = Paginator(batch.rows, PREVIEW_PAGE).get_page(request.GET.get("page"))
    context = {
        "batch": batch,
        "page": rows,
        "rows": preview_rows(rows.object_list),
        "report": batch.report,
    }
    return render(request, "applications/import_preview.html", context)


@require_POST
def application_import_confirm(request, pk):
    batch = owned_or_404(ImportBatch, request.user, pk=pk)
    if batch.is_expired():
        return import_expired(request, batch)
    result = import_batch(batch)
    if result is None:
        messages.info(request, "This import has already been done.")
    elif result.created:
        skipped = (
            f" {result.skipped} row{pluralize(result.skipped)} already in Onward "
            f"{pluralize(result.skipped, 'was,were')} skipped."
            if result.skipped
            else ""
        )
        messages.success(
            request,
            f"Imported {result.created} application{pluralize(result.created)} "
            f"from {batch.file_name or 'your file'}.{skipped}",
        )
    else:
        messages.info(request, "Nothing was imported: no row was ready to import.")
    return redirect("applications:list")


@require_POST
def application_import_cancel(request, pk):
    batch = owned_or_404(ImportBatch, request.user, pk=pk)
    batch.delete()
    messages.info(request, "Import cancelled. Nothing was imported.")
    return redirect("applications:import")


def import_expired(request, batch):
    """An hour has passed since the upload: the batch is deleted, nothing imported."""
    batch.delete()
    context = {
        "form": ImportForm(user=request.user),
        "expired": "This import preview expired: previews are kept for an hour. Nothing "
        "was imported. Upload the file again to see a fresh preview.",
    }
    return render(request, "applications/import_form.html", context, status=410)
