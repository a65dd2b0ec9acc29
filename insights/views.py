from datetime import timedelta

from django.db.models import Count, F
from django.shortcuts import render
from django.utils import timezone

from applications.models import ACTIVE_STAGES, CLOSED_STAGES, Application, Stage
from core.cached_counts import cached_count
from feedback.models import Rejection, Step
from insights.figures import page
from reminders import building, sources
from reminders.kinds import ACTIONABLE

DASHBOARD_LIST_SIZE = 8
DASHBOARD_DAYS = 14  # how far ahead the dashboard looks for interviews
# The columns the dashboard's rows show.
APPLICATION_ROW = ["title", "stage", "stage_changed_at", "updated_at", "company", "company__name"]
REJECTION_ROW = [
    *(f"{step}_state" for step in Step),
    "received_on",
    "application",
    "application__title",
    "application__company",
    "application__company__name",
]


def applications_per_stage(user):
    """(stage, how many) rows: the dashboard's pipeline, counted with what is due."""
    applications = Application.objects.for_user(user).order_by()
    return applications.values(key=F("stage")).annotate(total=Count("pk"))


def dashboard(request):
    """The day's work: what is overdue and due today, the pipeline at a glance, the
    rejections with steps open, upcoming interviews and recent activity."""
    user = request.user
    today = user.today()
    applications = Application.objects.for_user(user)

    def count():
        return sources.counts(user, today, today, ACTIONABLE, also=applications_per_stage)

    def listed():
        return building.collect(user, today, today, ACTIONABLE, limit=DASHBOARD_LIST_SIZE)

    totals = cached_count(request, "dashboard", count)
    due = listed()
    if len(due) != min(DASHBOARD_LIST_SIZE, totals["overdue"] + totals["today"]):
        totals = cached_count(request, "dashboard", count, renew=True)  # kept from before a change
    counts = {stage: totals["also"].get(stage, 0) for stage in Stage}
    soon = today + timedelta(days=DASHBOARD_DAYS)
    context = {
        "active_counts": [(stage, counts[stage]) for stage in ACTIVE_STAGES],
        "closed_counts": [(stage, counts[stage]) for stage in CLOSED_STAGES],
        "due": due,
        "overdue_count": totals["overdue"],
        "today_count": totals["today"],
        # The navbar's count, from what is already here: no query of its own.
        "reminders_due": totals["overdue"] + totals["today"],
        "upcoming_interviews": sources.upcoming_interviews(user, today, soon, since=timezone.now())[
            :DASHBOARD_LIST_SIZE
        ],
        "open_rejections": Rejection.objects.for_user(user)
        .steps_open()
        .select_related("application__company")
        .only(*REJECTION_ROW)
        .order_by("-received_on", "-pk")[:DASHBOARD_LIST_SIZE],
        # Read afresh, unlike the counts kept above: whether there is anything at all
        # (the first-steps card) never waits for the counts to be made again.
        "recently_updated": list(
            applications.select_related("company")
            .only(*APPLICATION_ROW)
            .order_by("-updated_at", "-pk")[:DASHBOARD_LIST_SIZE]
        ),
    }
    return render(request, "insights/dashboard.html", context)


def insights(request):
    """The search as a whole: the funnel, where rejections happen, what feedback and
    lessons came of them, and how it felt. A handful of aggregate queries whatever the
    size of the account (see insights/figures/)."""
    user = request.user
    context = page.insights(user, user.today())
    context["time_zone"] = user.time_zone
    return render(request, "insights/insights.html", context)
