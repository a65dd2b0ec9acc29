"""/applications/stale/: the applications with no news past their stage's threshold
(reminders/silence.py), or whose follow-up date has passed while they wait on the
employer (a nudge that met silence), oldest first, a page at a time; ticking several and
"Mark as no response" marks them at once (feedback/silence.py: each gets its timeline
row and its "no response" rejection)."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from applications.models import Application
from core.pages import paginate
from feedback.silence import MARK_AT_MOST, NO_RESPONSE_FROM, mark_many
from reminders.silence import Silence
from reminders.sources import quiet_applications


def stale_applications(user, today, now=None):
    """What can be marked as no response today: applications that are quiet by today,
    and those waiting on the employer whose follow-up date has come."""
    quiet = quiet_applications(user, today, Silence.of(user), now or timezone.now())
    return (
        Application.objects.for_user(user)
        .filter(
            Q(pk__in=quiet.values("pk")) | Q(stage__in=NO_RESPONSE_FROM, follow_up_on__lte=today)
        )
        .select_related("company")
        .defer("description")
        .order_by("stage_changed_at", "pk")
    )


class MarkManyForm(forms.Form):
    """The ticked applications: the user's own, at most MARK_AT_MOST of them. One that
    is another user's (or gone) refuses the lot, naming the problem; one closed
    meanwhile is skipped when marking (feedback.silence.mark_many)."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        ids = self.data.getlist("application")
        if not ids:
            raise forms.ValidationError("Tick the applications to mark as no response.")
        if len(ids) > MARK_AT_MOST:
            raise forms.ValidationError(
                f"Mark at most {MARK_AT_MOST} applications at once: you ticked {len(ids)}."
            )
        if not all(value.isascii() and value.isdigit() and len(value) < 19 for value in ids):
            raise forms.ValidationError("Those aren’t applications Onward knows. Tick them again.")
        wanted = {int(value) for value in ids}
        if Application.objects.for_user(self.user).filter(pk__in=wanted).count() != len(wanted):
            raise forms.ValidationError(
                "Some of the ticked applications aren’t in your list any more: nothing was "
                "marked. Tick them again."
            )
        return {"ids": sorted(wanted)}


def stale(request):
    today = request.user.today()
    form = MarkManyForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        marked = mark_many(request.user, form.cleaned_data["ids"], today)
        noun = "application" if marked == 1 else "applications"
        messages.success(request, f"Marked {marked} {noun} as no response.")
        return redirect("applications:stale")
    page = paginate(request, stale_applications(request.user, today))
    status = 422 if form.is_bound else 200
    return render(request, "reminders/stale_list.html", {"page": page, "form": form}, status=status)
