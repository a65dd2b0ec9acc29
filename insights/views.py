from django.db.models import Count, F
from django.shortcuts import render
from django.utils import timezone

from applications.models import ACTIVE_STAGES, CLOSED_STAGES, Application, Stage
from core.cached_counts import cached_count
from insights import lists
from insights.figures import page
from reminders import building, sources
from reminders.kinds import ACTIONABLE


def applications_per_stage(user):
    """(stage, how many) rows: the dashboard's pipeline, counted with what is due (the
    owner counted, as reminders.sources.count_query counts it: from the index alone)."""
    applications = Application.objects.for_user(user).order_by()
    return applications.values(key=F("stage")).annotate(total=Count("owner"))


def dashboard(request):
    """The day's work: what is overdue and due today, the pipeline at a glance, the
    rejections with steps open, upcoming interviews and recent activity."""
    user = request.user
    today = user.today()

    def count():
        return sources.counts(user, today, today, ACTIONABLE, also=applications_per_stage)

    def listed():
        return building.collect(user, today, today, ACTIONABLE, limit=lists.LIST_SIZE)

    totals = cached_count(request, "dashboard", count)
    due = listed()
    if len(due) != min(lists.LIST_SIZE, totals["overdue"] + totals["today"]):
        totals = cached_count(request, "dashboard", count, renew=True)  # kept from before a change
    counts = {stage: totals["also"].get(stage, 0) for stage in Stage}
    now = timezone.now()
    context = {
        "active_counts": [(stage, counts[stage]) for stage in ACTIVE_STAGES],
        "closed_counts": [(stage, counts[stage]) for stage in CLOSED_STAGES],
        "due": due,
        "overdue_count": totals["overdue"],
        "today_count": totals["today"],
        # The navbar's count, from what is already here: no query of its own.
        "reminders_due": totals["overdue"] + totals["today"],
        "upcoming_interviews": lists.interviews(user, today, now),
        "open_rejections": lists.open_rejections(user, today, now),
        # Read afresh, unlike the counts kept above: whether there is anything at all
        # (the first-steps card) never waits for the counts to be made again.
        "recently_updated": lists.recently_updated(user, today, now),
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
