from django.db.models import Count
from django.shortcuts import render

from applications.models import ACTIVE_STAGES, CLOSED_STAGES, Application, Interview
from feedback.models import Rejection

DASHBOARD_LIST_SIZE = 8


def dashboard(request):
    user = request.user
    applications = Application.objects.for_user(user)
    counts = dict(applications.values_list("stage").annotate(n=Count("pk")).order_by())
    context = {
        "active_counts": [(stage, counts.get(stage, 0)) for stage in ACTIVE_STAGES],
        "closed_counts": [(stage, counts.get(stage, 0)) for stage in CLOSED_STAGES],
        "total": sum(counts.values()),
        "upcoming_interviews": Interview.objects.for_user(user)
        .upcoming()
        .select_related("application__company")[:DASHBOARD_LIST_SIZE],
        "follow_ups": applications.follow_up_due(user.today())
        .select_related("company")
        .order_by("follow_up_on", "pk")[:DASHBOARD_LIST_SIZE],
        "open_rejections": Rejection.objects.for_user(user)
        .steps_open()
        .select_related("application__company")
        .order_by("-received_on", "-pk")[:DASHBOARD_LIST_SIZE],
        "recently_updated": applications.select_related("company").order_by("-updated_at", "-pk")[
            :DASHBOARD_LIST_SIZE
        ],
    }
    return render(request, "insights/dashboard.html", context)
