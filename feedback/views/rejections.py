"""Recording a rejection, the overview of its three steps, and step 1."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from applications.models import Application
from core.owned import owned_or_404
from core.pages import PAGE_SIZE, render_form
from feedback.forms.rejections import (
    ReflectionForm,
    RejectionFilterForm,
    RejectionForm,
    SkipForm,
)
from feedback.models import Reflection, Rejection, Step, StepState
from feedback.services import perspective, record_rejection, reflection_prompt

REJECTIONS = Rejection.objects.select_related("application__company")
RECORDED = (
    "Recorded. Three short steps now: none of them takes long, and you can stop and come "
    "back at any point."
)
UPDATED = "Rejection updated."


def record(request, pk):
    """/applications/<id>/reject/: record the "no", then step 1 begins."""
    application = owned_or_404(
        Application.objects.select_related("company", "rejection"), request.user, pk=pk
    )
    existing = getattr(application, "rejection", None)
    form = RejectionForm(
        request.POST or None, instance=existing, application=application, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        rejection, created = record_rejection(application, form)
        if created:
            messages.info(request, RECORDED)
            return redirect("rejections:reflect", rejection.pk)
        messages.success(request, UPDATED)
        return redirect(rejection)
    return render_form(
        request,
        "feedback/rejection_form.html",
        {"form": form, "application": application, "rejection": existing},
    )


# What a row of the list shows ({% rejection_rows %}), and no more.
LIST_FIELDS = [
    *("received_on", "at_stage", "reflect_state", "feedback_state", "bridges_state"),
    *("application", "application__title"),
    *("application__company", "application__company__name"),
]


def rejection_list(request):
    filters = RejectionFilterForm(request.GET)
    rejections = filters.filter(
        Rejection.objects.for_user(request.user)
        .select_related("application__company")
        .only(*LIST_FIELDS)
    ).order_by("-received_on", "-pk")
    page = Paginator(rejections, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "feedback/rejection_list.html", {"filters": filters, "page": page})


def rejection_detail(request, pk):
    rejection = owned_or_404(REJECTIONS, request.user, pk=pk)
    skip_form = SkipForm(initial={"step": rejection.next_step()})
    return render(request, "feedback/rejection_detail.html", overview(rejection, skip_form))


def overview(rejection, skip_form):
    """What the overview of the three steps shows."""
    return {
        "rejection": rejection,
        "application": rejection.application,
        "reflection": Reflection.objects.filter(rejection=rejection).first(),
        "requests": rejection.feedback_requests.select_related("contact").order_by("-pk"),
        "lessons": rejection.lessons.order_by("-pk"),
        "skip_form": skip_form,
    }


def reflect(request, pk):
    """Step 1: how they feel, their mood, and a reframe; "finish" needs the reframe."""
    rejection = owned_or_404(REJECTIONS, request.user, pk=pk)
    reflection = Reflection.objects.filter(rejection=rejection).first() or Reflection(
        rejection=rejection
    )
    finish = request.POST.get("action") == "finish"
    form = ReflectionForm(request.POST or None, instance=reflection, finish=finish)
    if request.method == "POST" and form.is_valid():
        form.save()
        if finish:
            rejection.set_state(Step.REFLECT, StepState.DONE)
            messages.success(request, "Step 1 is done. Next: ask for feedback.")
            return redirect("rejections:feedback", rejection.pk)
        if rejection.state_of(Step.REFLECT) != StepState.DONE or not reflection.reframe:
            rejection.set_state(Step.REFLECT, StepState.IN_PROGRESS)
        messages.success(request, "Saved. Come back to it whenever you like.")
        return redirect(rejection)
    context = {
        "form": form,
        "rejection": rejection,
        "application": rejection.application,
        "prompt": reflection_prompt(rejection),
        "numbers": perspective(request.user),
        "current_step": Step.REFLECT,
    }
    return render_form(request, "feedback/reflection_form.html", context)


@require_POST
def skip_step(request, pk):
    rejection = owned_or_404(REJECTIONS, request.user, pk=pk)
    form = SkipForm(request.POST)
    if not form.is_valid():
        return render(
            request, "feedback/rejection_detail.html", overview(rejection, form), status=422
        )
    step = Step(form.cleaned_data["step"])
    rejection.set_state(step, StepState.SKIPPED, skip_reason=form.cleaned_data["reason"])
    messages.info(request, f"Skipped “{step.label}”. You can still go back to it.")
    return redirect(rejection)
