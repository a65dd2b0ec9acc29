"""Step 3, don't burn bridges: a drafted gracious reply, logged as a thank-you once sent,
and the employer's people kept with a keep-in-touch cadence.

The page has two forms, told apart by a hidden `action` field: "reply" logs the reply,
"contact" adds one of the employer's people."""

from dataclasses import replace

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format

from core.owned import owned_or_404
from core.pages import render_form
from feedback import bridges as step
from feedback.drafts import gracious_reply
from feedback.forms.bridges import BridgeContactForm, ReplyForm
from feedback.models import Step
from feedback.views.rejections import REJECTIONS


def bridges(request, pk):
    rejection = owned_or_404(REJECTIONS, request.user, pk=pk)
    contacts = list(step.company_contacts(rejection).order_by("name", "pk"))
    # The person asked for, else the one who sent the "no".
    wanted = request.GET.get("to") or str(rejection.contact_id or "")
    recipient = step.default_recipient(contacts, wanted)
    draft = gracious_reply(request.user, rejection, recipient)
    action = request.POST.get("action") if request.method == "POST" else None
    reply_form = ReplyForm(
        request.POST if action == "reply" else None,
        prefix="reply",
        initial={"message": draft.body, "contact": recipient},
        rejection=rejection,
        user=request.user,
    )
    contact_form = BridgeContactForm(
        request.POST if action == "contact" else None,
        prefix="contact",
        rejection=rejection,
        user=request.user,
    )
    form = {"reply": reply_form, "contact": contact_form}.get(action)
    if form is not None and form.is_valid():
        saved = form.save()
        contact = saved if action == "contact" else saved.contact
        finished = step.update_state(rejection)
        messages.success(request, saved_message(action, contact, finished))
        if finished:
            return redirect(rejection)
        here = reverse("rejections:bridges", args=[rejection.pk])
        return redirect(f"{here}?to={contact.pk}")
    if request.method == "POST" and form is None:
        messages.error(request, "That form wasn’t recognised. Please try again.")
    return render_page(request, rejection, contacts, recipient, draft, reply_form, contact_form)


def render_page(request, rejection, contacts, recipient, draft, reply_form, contact_form):
    """The step's page; 422 after a POST that saved nothing, with what was typed kept."""
    if reply_form.is_bound and reply_form.data.get("reply-message"):
        draft = replace(draft, body=reply_form.data["reply-message"])  # their own words
    context = {
        "rejection": rejection,
        "application": rejection.application,
        "current_step": Step.BRIDGES,
        "contacts": contacts,
        "recipient": recipient,
        "draft": draft,
        "mailto": draft.mailto(recipient.email if recipient else ""),
        "replies": step.replies(rejection).select_related("contact"),
        "progress": step.progress(rejection),
        "next_check_in": next_check_in(contacts),
        "reply_form": reply_form,
        "contact_form": contact_form,
    }
    return render_form(request, "feedback/rejection_bridges.html", context)


def next_check_in(contacts):
    """The contact with the first check-in coming among the company's people kept with a
    cadence, from the list the page already has; None without one."""
    kept = [
        contact for contact in contacts if contact.keep_in_touch_days and contact.next_check_in_on
    ]
    return min(kept, key=lambda contact: (contact.next_check_in_on, contact.pk), default=None)


def saved_message(action, contact, finished):
    said = (
        f"Logged your reply to {contact.name}." if action == "reply" else f"Added {contact.name}."
    )
    if contact.next_check_in_on:
        said += f" Next check-in: {date_format(contact.next_check_in_on, 'j F Y')}."
    if finished:
        return f"{said} Step 3 is done: the door stays open."
    if not contact.next_check_in_on:
        return f"{said} Choose how often to keep in touch, and Onward will remind you."
    return said
