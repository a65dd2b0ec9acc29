"""The re-engagement panel for a company name as it is typed (htmx, on change)."""

from django.shortcuts import render

from feedback.reengagement import reengagement_for_name


def panel(request):
    """/applications/reengagement/?company=…: the panel for the user's company of that
    name, or nothing when it never said no."""
    found = reengagement_for_name(request.user, request.GET.get("company", "")[:200])
    return render(request, "feedback/_reengagement.html", {"panel": found})
