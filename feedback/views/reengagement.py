"""The re-engagement panel for a company name as it is typed (htmx, on change)."""

from django.shortcuts import render

from feedback.reengagement import company_named, panel_context


def panel(request):
    """/applications/reengagement/?company=…: the panel for the user's company of that
    name (nothing when it never said no), and when to apply there again if that day is
    still to come."""
    company = company_named(request.user, request.GET.get("company", "")[:200])
    return render(request, "feedback/_reengagement.html", panel_context(request.user, company))
