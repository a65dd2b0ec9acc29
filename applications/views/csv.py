"""The list as a CSV download, and a CSV import: the upload, its preview, confirming or
cancelling it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from applications.csv.confirm import import_batch
from applications.csv.export import export_response
from applications.csv.preview import (
    PREVIEW_PAGE,
    preview_rows,
    problems_csv,
    problems_filename,
    shown_report,
)
from applications.csv.upload import CappedUploadHandler, ImportForm
from applications.forms import ApplicationFilterForm
from applications.models import Application, ImportBatch
from core.owned import owned_or_404
from core.pages import render_form


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
        "report": shown_report(batch),
    }
    return render(request, "applications/import_preview.html", context)


@require_safe
def application_import_problems(request, pk):
    """The problems of the preview as a CSV file, to fix the upload in a spreadsheet."""
    batch = owned_or_404(ImportBatch, request.user, pk=pk)
    if batch.is_expired():
        return import_expired(request, batch)
    response = HttpResponse(problems_csv(batch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{problems_filename(batch)}"'
    return response


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
