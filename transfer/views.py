"""Export, import and deletion of an account, under /accounts/ in the accounts
namespace (see transfer/urls.py)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from applications.csv.upload import CappedUploadHandler
from transfer import delete, export, reader
from transfer.forms import AccountDeleteForm, AccountImportForm
from transfer.holdings import counts, has_data
from transfer.reader import ImportProblem


@never_cache
def export_data(request):
    """GET shows what the export holds; GET ?download=1 downloads it (reading only)."""
    if request.GET.get("download"):
        document = export.export_account(request.user)
        response = HttpResponse(
            export.dumps(document), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{export.filename(request.user)}"'
        return response
    return render(request, "transfer/export.html", {"counts": counts(request.user)})


@csrf_exempt
def import_data(request):
    # Before the body is read: the upload stays in memory and stops being kept past the
    # import's cap, so an oversized file costs neither memory nor disk (the CSV import's
    # handler). The CSRF check follows.
    request.upload_handlers = [CappedUploadHandler(request, limit=reader.MAX_BYTES)]
    return import_upload(request)


@csrf_protect
def import_upload(request):
    # Bound on every POST, even one without a file, so that it says what is missing.
    posted = request.method == "POST"
    form = AccountImportForm(
        request.user, request.POST if posted else None, request.FILES if posted else None
    )
    context = {"form": form, "has_data": has_data(request.user)}
    if posted:
        if form.is_valid():
            try:
                plan = form.save()
            except ImportProblem as problem:
                form.add_error("file", problem.messages)
            else:
                messages.success(request, f"Your data is back: {plan.summary()}.")
                return redirect("insights:dashboard")
        return render(request, "transfer/import.html", context, status=422)
    return render(request, "transfer/import.html", context)


def delete_account(request):
    """GET asks for the password and offers the export first, once a dry run of the
    import has read that export back (else it lists what would not come back, and
    deleting needs a tick too); POST deletes the account and everything in it, ends
    every session of the user and says goodbye."""
    problems = delete.export_problems(request.user)
    form = AccountDeleteForm(
        request.user,
        request.POST if request.method == "POST" else None,
        export_problems=problems,
    )
    if request.method == "POST" and form.is_valid():
        delete.delete_account(request.user)
        logout(request)
        return render(request, "transfer/delete_done.html")
    context = {"form": form, "counts": counts(request.user), "export_problems": problems}
    status = 422 if request.method == "POST" else 200
    return render(request, "transfer/delete.html", context, status=status)
