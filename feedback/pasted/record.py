"""The one write of a pasted "no", on confirm: the new application (for "none of these")
and the new contact when asked for, then the rejection, recorded by the same service as
/applications/<id>/reject/ (record_rejection: the application locked, moved to rejected
through move_to, a second record editing the first).

All in one transaction, taken once per submit key (the key the confirm page carries):
a double click or a resend records one rejection and adds one application, and the
second POST goes where the first went."""

from django.db import transaction
from django.urls import reverse

from core.models import SubmitKey
from core.pages import take_submit_key
from feedback.services import record_rejection


def record_pasted(user, match, form):
    """Records the confirmed rejection. Returns (rejection, created, where to go next);
    rejection is None when the same confirm was already recorded (then `where` is the
    page the first one went to)."""
    key = match.cleaned_data.get("submit_key")
    with transaction.atomic():
        if key:
            first = take_submit_key(user, key)
            if first:
                return None, False, first
        application = match.application
        if application.pk is None:
            application = match.new_application()
        form.application = application
        contact = form.new_contact(application.company)
        if contact is not None:
            form.cleaned_data["contact"] = contact
            form.instance.contact = contact
        rejection, created = record_rejection(application, form)
        url = (
            reverse("rejections:reflect", args=[rejection.pk])
            if created
            else rejection.get_absolute_url()
        )
        if key:
            SubmitKey.objects.filter(owner=user, key=key).update(url=url)
    return rejection, created, url
