"""/rejections/paste/: a pasted (or uploaded) "no" → the application it is about and
the rejection, prefilled, to confirm. Reading the paste writes nothing; the confirm
records the rejection exactly as /applications/<id>/reject/ does, then step 1 begins."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from applications.csv.upload import CappedUploadHandler
from applications.models import Application
from core.pages import ALREADY_ADDED
from feedback.forms.paste import MatchForm, PastedRejectionForm, PasteForm
from feedback.pasted.parse import MAX_BYTES
from feedback.pasted.prefill import propose_from
from feedback.pasted.record import record_pasted
from feedback.views.rejections import RECORDED, UPDATED

CONFIRM = "feedback/paste_confirm.html"


@csrf_exempt
def paste(request):
    # Before the body is read: an upload stays in memory, at most 1 MB of it kept (the
    # CSV import's handler), so an oversized file costs neither memory nor disk. The
    # CSRF check follows.
    request.upload_handlers = [CappedUploadHandler(request, limit=MAX_BYTES)]
    return read_paste(request)


@csrf_protect
def read_paste(request):
    """GET: the form. POST: the email read, and the proposal to confirm (nothing saved)."""
    if request.method != "POST":
        form = PasteForm(initial={"application": request.GET.get("application", "")[:20]})
        return render(request, "feedback/paste_form.html", {"form": form})
    form = PasteForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "feedback/paste_form.html", {"form": form}, status=422)
    proposal = propose_from(
        request.user, form.pasted, preferred=form.cleaned_data.get("application")
    )
    match = MatchForm(
        user=request.user, candidates=proposal.candidates, initial=proposal.new_application
    )
    best = proposal.best.application if proposal.best else Application()
    rejection_form = PastedRejectionForm(
        initial={**proposal.rejection, **prefixed_sender(proposal.sender)},
        application=best,
        user=request.user,
        companies=match.company_ids(),
        contacts=[proposal.existing_contact.pk] if proposal.existing_contact else [],
    )
    context = {
        "match": match,
        "options": match.options(proposal.candidates),
        "form": rejection_form,
        "proposal": proposal,
    }
    return render(request, CONFIRM, context)


def prefixed_sender(sender):
    return {f"contact_{name}": value for name, value in sender.items()}


@require_POST
def confirm(request):
    """Records the rejection as confirmed, everything checked again here: the chosen
    application must be one of the user's own that the page offered."""
    match = MatchForm(request.POST, user=request.user)
    matched = match.is_valid()
    application = match.application if matched else Application()
    companies = match.company_ids()
    if matched and application.company_id:
        companies.add(application.company_id)
    chosen = str(request.POST.get("contact", ""))
    form = PastedRejectionForm(
        request.POST,
        application=application,
        user=request.user,
        companies=companies,
        contacts=[int(chosen)] if chosen.isdigit() and len(chosen) < 19 else [],
    )
    if form.is_valid() and matched:
        rejection, created, url = record_pasted(request.user, match, form)
        if rejection is None:
            messages.info(request, ALREADY_ADDED)
        elif created:
            messages.info(request, RECORDED)
        else:
            messages.success(request, UPDATED)
        return redirect(url)
    context = {"match": match, "options": match.options(), "form": form, "proposal": None}
    return render(request, CONFIRM, context, status=422)
