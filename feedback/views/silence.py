"""/applications/<id>/no-response/: ghosting is a "no" too. GET shows what marking an
application as no response does, with the light version of the steps: a gracious last
note, the contact kept, a lesson. POST marks it (feedback/silence.py) and saves the
parts filled in; every part may be skipped."""

from django.contrib import messages
from django.shortcuts import redirect

from applications.models import Application
from contacts.models import Contact
from core.owned import owned_or_404
from core.pages import render_form
from feedback import bridges
from feedback.drafts import last_note
from feedback.forms.silence import NoResponseForm
from feedback.models import FINISHED_STATES, Step
from feedback.silence import NO_RESPONSE_FROM, ghosted, record_silence

APPLICATIONS = Application.objects.select_related("company", "rejection")


def no_response(request, pk):
    application = owned_or_404(APPLICATIONS, request.user, pk=pk)
    rejection = ghosted(application)
    if rejection is None and application.stage not in NO_RESPONSE_FROM:
        messages.info(
            request,
            f"{application} is at “{application.get_stage_display().lower()}”: only an "
            "application waiting to hear from the employer can be marked as no response.",
        )
        return redirect(application)
    contacts = Contact.objects.for_user(request.user).filter(company=application.company_id)
    contacts = contacts.order_by("name", "pk")
    recipient = bridges.default_recipient(list(contacts), request.GET.get("to"))
    draft = last_note(request.user, application, recipient, rejection and rejection.at_stage)
    form = NoResponseForm(
        request.POST if request.method == "POST" else None,
        application=application,
        contacts=contacts,
        user=request.user,
        initial={"message": draft.body, "contact": recipient},
    )
    if request.method == "POST" and form.is_valid():
        rejection, saved = record_silence(application, form, request.user.today())
        if rejection is None:
            messages.info(request, f"{application} was closed meanwhile: nothing to mark.")
            return redirect(application)
        messages.success(request, said(application, rejection, saved))
        return redirect(application)
    context = {
        "application": application,
        "rejection": rejection,
        "finished": rejection is not None and rejection.state_of(Step.BRIDGES) in FINISHED_STATES,
        "draft": draft,
        "mailto": draft.mailto(recipient.email if recipient else ""),
        "form": form,
    }
    return render_form(request, "feedback/no_response.html", context)


def said(application, rejection, saved):
    """What the message after the POST says was done."""
    if saved is None:
        return f"{application} is already marked as no response; nothing more was saved."
    parts = [f"Marked {application} as no response. Ghosting is a “no” too: it counts as one."]
    if "note" in saved:
        parts.append("Your last note is logged.")
    if "kept" in saved:
        kept = rejection.application.company.name
        parts.append(f"Someone at {kept} is kept with a check-in reminder.")
    if "lesson" in saved:
        parts.append("The lesson is on your list.")
    return " ".join(parts)
