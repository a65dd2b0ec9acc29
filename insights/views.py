from datetime import timedelta

from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from applications.models import ACTIVE_STAGES, CLOSED_STAGES, Application
from feedback.models import Rejection
from insights import stats
from reminders import services as reminders
from reminders.services import Kind

DASHBOARD_LIST_SIZE = 8
DASHBOARD_DAYS = 14  # how far ahead the dashboard looks for interviews


def dashboard(request):
    """The day's work: what is overdue and due today, the pipeline at a glance, the
    rejections with steps open, upcoming interviews and recent activity."""
    user = request.user
    today = user.today()
    applications = Application.objects.for_user(user)
    counts = dict(applications.values_list("stage").annotate(n=Count("pk")).order_by())
    upcoming = reminders.collect(user, today, today + timedelta(days=DASHBOARD_DAYS))
    groups = reminders.group(upcoming, today)
    due = [r for r in groups["overdue"] + groups["today"] if r.actionable]
    context = {
        "active_counts": [(stage, counts.get(stage, 0)) for stage in ACTIVE_STAGES],
        "closed_counts": [(stage, counts.get(stage, 0)) for stage in CLOSED_STAGES],
        "total": sum(counts.values()),
        "due": due[:DASHBOARD_LIST_SIZE],
        "overdue_count": sum(1 for r in due if r.due < today),
        "today_count": sum(1 for r in due if r.due == today),
        # The navbar's count, from what is already here: no query of its own.
        "reminders_due": len(due),
        "upcoming_interviews": [
            r for r in upcoming if r.kind == Kind.INTERVIEW and r.at >= timezone.now()
        ][:DASHBOARD_LIST_SIZE],
        "open_rejections": Rejection.objects.for_user(user)
        .steps_open()
        .select_related("application__company")
        .order_by("-received_on", "-pk")[:DASHBOARD_LIST_SIZE],
        "recently_updated": applications.select_related("company").order_by("-updated_at", "-pk")[
            :DASHBOARD_LIST_SIZE
        ],
    }
    return render(request, "insights/dashboard.html", context)


def insights(request):
    """The search as a whole: the funnel, where rejections happen, what feedback and
    lessons came of them, and how it felt. A handful of aggregate queries whatever the
    size of the account (see insights/stats.py)."""
    user = request.user
    context = stats.insights(user, user.today())
    context["time_zone"] = user.time_zone
    return render(request, "insights/insights.html", context)
