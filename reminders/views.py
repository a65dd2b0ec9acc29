from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.views.decorators.http import require_POST, require_safe

from accounts.models import User
from applications.models import Application, Company
from contacts.models import Contact
from core.cached_counts import cached_count
from core.owned import owned_or_404
from core.pages import PAGE_SIZE, render_form, safe_next
from feedback.models import FeedbackRequest
from feedback.silence import NO_RESPONSE_FROM
from reminders import actions, building, calendar, drafts, sources
from reminders.forms import (
    DONE_FORMS,
    FeedbackDoneForm,
    FollowUpDoneForm,
    KindFilterForm,
    SendRequestDoneForm,
    SnoozeForm,
)
from reminders.kinds import SNOOZABLE, ReminderKind

FEEDBACK_REQUESTS = FeedbackRequest.objects.select_related(
    "contact", "rejection__application__company"
)
OBJECTS = {
    ReminderKind.CHECK_IN: Contact.objects.select_related("company"),
    ReminderKind.SEND_REQUEST: FEEDBACK_REQUESTS,
    ReminderKind.FEEDBACK: FEEDBACK_REQUESTS,
    ReminderKind.QUESTION: FEEDBACK_REQUESTS,
    ReminderKind.FOLLOW_UP: Application.objects.select_related("company"),
    ReminderKind.QUIET: Application.objects.select_related("company"),
    ReminderKind.CLOSING: Application.objects.select_related("company"),
    ReminderKind.REAPPLY: Company.objects.all(),
}


def reminder_list(request):
    """What is due (overdue, today, the next LIST_DAYS days), or with ?show=later what is
    set for after that, up to a year ahead, by month (later_list)."""
    filters = KindFilterForm(request.GET)
    kind = filters.cleaned_data.get("kind") if filters.is_valid() else None
    today = request.user.today()
    until = today + timedelta(days=building.LIST_DAYS)
    kinds = [kind] if kind else None

    def count():
        later_until = building.later_window(today)[1]
        return sources.counts(request.user, today, until, kinds, later_until=later_until)

    name = f"list:{kind or 'all'}:later"
    if request.GET.get("show") == "later":
        return later_list(request, filters, kinds, cached_count(request, name, count))

    def page_with(totals):
        reminders = building.ReminderList(
            request.user, today, until, kinds, totals=totals, per_page=PAGE_SIZE
        )
        return reminders, Paginator(reminders, PAGE_SIZE).get_page(request.GET.get("page"))

    reminders, page = page_with(cached_count(request, name, count))
    if not reminders.agrees():  # counts kept from before a change made elsewhere
        reminders, page = page_with(cached_count(request, name, count, renew=True))
    context = {
        "filters": filters,
        "show": "due",
        "page": page,
        "groups": building.group(page.object_list, today),
        "totals": reminders.totals,
        "later_count": reminders.totals["later"],
        "today": today,
        "snooze_options": SnoozeForm.options_html(),
        "here": request.get_full_path(),
    }
    if not kind:  # the navbar's count, from what is already here
        context["reminders_due"] = reminders.totals["overdue"] + reminders.totals["today"]
    return render(request, "reminders/reminder_list.html", context)


def later_list(request, filters, kinds, totals):
    """/reminders/?show=later: the reminders set for after the due list's days and
    within a year, a page at a time, grouped by month. `totals` are the due list's
    counts (its tab says how many)."""
    today = request.user.today()
    later = building.LaterList(request.user, today, kinds)
    page = Paginator(later, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "show": "later",
        "page": page,
        "months": building.by_month(page.object_list),
        "totals": totals,
        "later_count": later.count(),
        "since": later.since,
        "until": later.until,
        "today": today,
        "snooze_options": SnoozeForm.options_html(),
        "here": request.get_full_path(),
    }
    if not kinds:
        context["reminders_due"] = totals["overdue"] + totals["today"]
    return render(request, "reminders/reminder_list.html", context)


def done(request, kind, pk):
    """GET: what will happen (with a drafted message where one helps); POST: do it.
    A check-in with ?application=<id> (the re-engagement panel's link) drafts a note
    about that new application instead; it too is logged only when the person says
    they sent it."""
    obj = owned_or_404(OBJECTS[ReminderKind(kind)], request.user, pk=pk)
    kind = ReminderKind(kind)
    today = request.user.today()
    form_class = DONE_FORMS[kind]
    extra = {"today": today} if form_class in (FollowUpDoneForm, SendRequestDoneForm) else {}
    if form_class is FollowUpDoneForm:
        extra["can_close"] = obj.stage in NO_RESPONSE_FROM
    # Bound on any POST: a form with nothing to choose (a reapply's) posts no fields.
    form = form_class(request.POST if request.method == "POST" else None, **extra)
    if request.method == "POST" and form.is_valid():
        if (
            kind in (ReminderKind.FEEDBACK, ReminderKind.QUESTION)
            and form.cleaned_data["outcome"] == FeedbackDoneForm.ANSWERED
        ):
            return redirect(actions.answer_page(kind, obj))
        if form.cleaned_data.get("outcome") == "no_response":  # the light steps' page
            return redirect("applications:no_response", obj.pk)
        messages.success(request, actions.complete(kind, obj, form, today))
        return redirect(safe_next(request, "reminders:list"))
    about = new_application(request, kind, obj)
    draft = draft_for(kind, obj, request.user, about)
    context = {
        "kind": kind,
        "obj": obj,
        "about": about,
        "form": form,
        "draft": draft,
        "mailto": draft.mailto() if draft else "",
        "back": safe_next(request, reverse("reminders:list")),
    }
    return render_form(request, "reminders/reminder_done.html", context)


def new_application(request, kind, contact):
    """The user's application at the contact's company named by ?application=, for a
    re-engagement note; None for anything else (an unknown id is no error: the page is
    the plain check-in)."""
    wanted = request.GET.get("application", "")
    if kind != ReminderKind.CHECK_IN or not contact.company_id or not is_id(wanted):
        return None
    return (
        Application.objects.for_user(request.user)
        .filter(pk=wanted, company_id=contact.company_id)
        .select_related("company")
        .first()
    )


def is_id(text):
    return text.isascii() and text.isdigit() and len(text) < 19


def draft_for(kind, obj, user, about=None):
    if kind == ReminderKind.CHECK_IN and about is not None:
        return drafts.reengagement_draft(obj, about, user)
    return DRAFTS[kind](obj, user) if kind in DRAFTS else None  # closing, reapply: no draft


DRAFTS = {
    ReminderKind.CHECK_IN: drafts.check_in_draft,
    ReminderKind.SEND_REQUEST: drafts.feedback_request_draft,
    ReminderKind.FEEDBACK: drafts.feedback_follow_up_draft,
    ReminderKind.QUESTION: drafts.question_follow_up_draft,
    ReminderKind.FOLLOW_UP: drafts.follow_up_draft,
    ReminderKind.QUIET: drafts.nudge_draft,
}


TOO_LATE = (
    "This reminder is already as late as Onward’s calendar goes ({}; dates end with "
    "2100), so it can’t be snoozed any further. Change its date instead."
)


@require_POST
def snooze(request, kind, pk):
    obj = owned_or_404(OBJECTS[ReminderKind(kind)], request.user, pk=pk)
    if ReminderKind(kind) not in SNOOZABLE:
        raise Http404("A closing date can’t be snoozed.")
    form = SnoozeForm(request.POST)
    until = None
    if form.is_valid():
        try:
            until = actions.snooze(ReminderKind(kind), obj, form.days, request.user.today())
        except actions.TooLate as late:
            form.add_error("length", TOO_LATE.format(date_format(late.current, "j F Y")))
    if until is None:
        context = {"kind": ReminderKind(kind), "obj": obj, "form": form}
        return render(request, "reminders/snooze_invalid.html", context, status=422)
    messages.success(request, f"Snoozed until {date_format(until, 'l j F')}.")
    return redirect(safe_next(request, "reminders:list"))


@login_not_required
@require_safe
def calendar_feed(request, token):
    """The private iCalendar feed. The token in the address is the key: no session.
    An unchanged feed answers a poller's If-None-Match with a 304."""
    user = get_object_or_404(User.objects.filter(is_active=True), calendar_token=token)
    version, skip = calendar.state(user)
    etag = f'"{version}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        response = not_modified
    else:
        body = calendar.cached_feed(user, version, skip=skip)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="onward.ics"'
    response["ETag"] = etag
    # Private: it names people and companies. Calendar apps poll; a short cache is enough.
    response["Cache-Control"] = "private, max-age=900"
    return response
