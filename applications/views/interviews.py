"""An application's interviews: adding, editing, deleting."""

from django.contrib import messages
from django.shortcuts import redirect, render

from applications.forms import InterviewForm
from applications.models import Application, Interview
from core.owned import owned_or_404
from core.pages import create_page, edit_page


def interview_create(request, pk):
    application = owned_or_404(Application.objects.select_related("company"), request.user, pk=pk)
    form = InterviewForm(request.POST or None)
    form.instance.application = application
    return create_page(
        request,
        form,
        "applications/interview_form.html",
        {"application": application},
        "Interview added.",
        lambda interview: application,
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
