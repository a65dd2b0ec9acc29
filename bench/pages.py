"""The pages the benchmark times, and the page-budget tests count the queries of
(tests/test_page_budgets.py): one (name, url) pair per page, the url a path or a
function of the seeded user that returns one. A new page is one more pair here."""

from django.db.models import Count
from django.urls import reverse

from applications.models import Application
from contacts.models import Contact
from feedback.models import Rejection

# The budgets of issue 15, at 10,000 applications: at most this many queries a page,
# the same at 100 and 1,000 applications, and a median at most this many times the
# bare view's, warm and with every cache emptied.
QUERY_BUDGET = 8
RATIO_BUDGET = 6


def busiest(queryset, *relations):
    """The row with the most related rows of each of `relations`, in that order."""
    counts = {f"{relation}_count": Count(relation, distinct=True) for relation in relations}
    return queryset.annotate(**counts).order_by(*(f"-{name}" for name in counts), "pk").first()


def busiest_application(user):
    """The detail page with the longest timeline: the most stage changes and interviews."""
    application = busiest(Application.objects.for_user(user), "stage_changes", "interviews")
    return reverse("applications:detail", args=[application.pk])


def busiest_company(user):
    company = Application.objects.for_user(user).values("company").annotate(n=Count("pk"))
    return reverse("companies:detail", args=[company.order_by("-n", "company").first()["company"]])


def busiest_rejection(user):
    """The rejection overview with the most to show: the most feedback requests, then
    the most lessons."""
    rejection = busiest(Rejection.objects.for_user(user), "feedback_requests", "lessons")
    return reverse("rejections:detail", args=[rejection.pk])


def busiest_contact(user):
    contact = busiest(Contact.objects.for_user(user), "interactions")
    return reverse("contacts:detail", args=[contact.pk])


def calendar_feed(user):
    return reverse("reminders:calendar", args=[user.calendar_token])


def named(name):
    return lambda user: reverse(name)


PAGES = [
    ("dashboard", named("insights:dashboard")),
    ("insights", named("insights:insights")),
    ("reminders", named("reminders:list")),
    ("applications board", named("applications:board")),
    ("applications list", named("applications:list")),
    ("application detail", busiest_application),
    ("companies", named("companies:list")),
    ("company detail", busiest_company),
    ("rejections", named("rejections:list")),
    ("rejection overview", busiest_rejection),
    ("feedback requests", named("feedback:list")),
    ("lessons", named("lessons:list")),
    ("contacts", named("contacts:list")),
    ("contact detail", busiest_contact),
    # Every kind searched at once, and one kind's second page.
    ("search", lambda user: reverse("search:results") + "?q=eng"),
    (
        "search, one kind",
        lambda user: reverse("search:results") + "?q=data+eng&kind=applications&page=2",
    ),
    # Warm: unchanged since the last poll, the kept feed. Cold: written afresh, which has
    # a budget of its own (FEED_BUDGET_SECONDS), not a ratio.
    ("calendar feed", calendar_feed),
]
FEED = "calendar feed"
FEED_BUDGET_SECONDS = 0.3


def page_urls(user):
    return [(name, url(user)) for name, url in PAGES]
