"""What the user knows about a company that turned them down before: shown as a panel
when they apply there again (the application form and an active application's page),
so a new application starts from the last one's feedback, lessons and people."""

from django.db.models import CharField, DateField, F, Q, Value

from applications.models import Company, company_key
from contacts.models import Contact
from core import prepared
from core.links import object_url
from feedback.models import FeedbackRequest, Lesson, Rejection


def reengagement(user, company, exclude=None):
    """The rejections from `company` (but `exclude`'s), the people there and when they
    last spoke, the feedback received and the lessons done since. None when the company
    never said no. One query when there is nothing to show."""
    if company is None:
        return None
    rejections = (
        Rejection.objects.for_user(user)
        .filter(application__company=company)
        .select_related("application")
        .order_by("-received_on", "-pk")
    )
    if exclude is not None:
        rejections = rejections.exclude(application=exclude)
    rejections = list(rejections[:3])
    if not rejections:
        return None
    first_no = min(rejection.received_on for rejection in rejections)
    contacts = list(
        Contact.objects.for_user(user)
        .filter(company=company)
        .order_by(F("last_contacted_on").desc(nulls_last=True), "name")[:5]
    )
    return {
        "company": company,
        # The new application, when the panel is on its page: a note names its role.
        "application": exclude,
        "rejections": rejections,
        "contacts": contacts,
        "feedback": list(
            FeedbackRequest.objects.for_user(user)
            .filter(rejection__in=rejections, status=FeedbackRequest.Status.RECEIVED)
            .exclude(response="")
            .select_related("contact")
            .order_by("-received_on")[:3]
        ),
        "lessons_done": list(
            Lesson.objects.for_user(user)
            .filter(status=Lesson.Status.DONE, done_on__gte=first_no)
            .order_by("-done_on")[:5]
        ),
    }


def company_named(user, name):
    """The user's company of this name, as typed in a form, or None."""
    key = company_key(name or "")
    # The name comes straight from the query string or the form as typed: a NUL can't
    # be any company's name, and PostgreSQL refuses it in a query (a 500).
    if not key or "\x00" in key:
        return None
    return Company.objects.for_user(user).filter(name_key=key).first()


def panel_context(user, company, exclude=None):
    """What feedback/_reengagement.html shows: the panel, and the company when the day
    to apply there again (its reapply_from) is still to come, for a gentle note. The
    note never stops a save."""
    return {
        "panel": reengagement(user, company, exclude=exclude),
        "reapply": company if company is not None and company.reapply_waiting else None,
    }


def company_history(user, company, size):
    """The rejections, feedback requests and lessons that came from `company`, newest
    first, at most `size` of each: the company page's lower half. One query, the three
    kinds' rows side by side (UNION ALL), each kind's newest picked by a subquery, built
    by the ORM once per size and process (core/prepared.py): rows of what the panel
    shows, {"url", "title", ...}, not model instances."""
    found = prepared.run(
        ("feedback.company_history", size),
        lambda user, today, now, company_pk: history_query(user, company_pk, size),
        user,
        None,
        None,
        of=company.pk,
    )
    Status = FeedbackRequest.Status
    history = {"rejections": [], "feedback_requests": [], "lessons": []}
    for row in found:
        pk, kind, state = row["pk"], row["kind"], row["state"]
        if kind == "rejection":
            history["rejections"].append(
                {
                    "pk": pk,
                    "url": object_url("rejections:detail", pk),
                    "title": row["title"],
                    "at_stage": Rejection.AtStage(state).label,
                    "received_on": row["day"],
                }
            )
        elif kind == "request":
            history["feedback_requests"].append(
                {
                    "pk": pk,
                    "url": object_url("feedback:detail", pk),
                    "title": row["title"],
                    "contact": row["contact"],
                    "status": Status(state).label,
                    "response": row["response"],
                }
            )
        else:
            history["lessons"].append(
                {
                    "pk": pk,
                    "url": object_url("lessons:detail", pk),
                    "title": row["title"],
                    "status": Lesson.Status(state).label,
                }
            )
    history["rejections"].sort(key=lambda row: (row["received_on"], row["pk"]), reverse=True)
    history["feedback_requests"].sort(key=lambda row: row["pk"], reverse=True)
    history["lessons"].sort(key=lambda row: row["pk"], reverse=True)
    return history


def history_query(user, company_pk, size):
    """The Statement of company_history's UNION ALL: per kind, the pk and the
    HISTORY_COLUMNS of its newest `size` rows from the company `company_pk`."""
    text, day = CharField(), DateField()

    def rows(picked, **columns):
        """The `columns` (kind first) of the first `size` rows of `picked`."""
        columns = {name: Value(None, output_field=text) for name in HISTORY_COLUMNS} | columns
        return (
            picked.model.objects.for_user(user)
            .filter(pk__in=picked.values("pk")[:size])
            .order_by()
            .annotate(**{f"h_{name}": value for name, value in columns.items()})
            .values_list("pk", *(f"h_{name}" for name in HISTORY_COLUMNS))
        )

    rejections = Rejection.objects.for_user(user).filter(application__company=company_pk)
    requests = FeedbackRequest.objects.for_user(user).filter(
        rejection__application__company=company_pk
    )
    lessons = Lesson.objects.for_user(user).filter(
        Q(rejection__in=rejections.values("pk")) | Q(feedback_request__in=requests.values("pk"))
    )
    found = rows(
        rejections.order_by("-received_on", "-pk"),
        kind=Value("rejection", output_field=text),
        title=F("application__title"),
        state=F("at_stage"),
        day=F("received_on"),
    ).union(
        rows(
            requests.order_by("-pk"),
            kind=Value("request", output_field=text),
            title=F("rejection__application__title"),
            state=F("status"),
            day=Value(None, output_field=day),
            contact=F("contact__name"),
            response=F("response"),
        ),
        rows(
            lessons.order_by("-pk"),
            kind=Value("lesson", output_field=text),
            title=F("title"),
            state=F("status"),
            day=Value(None, output_field=day),
        ),
        all=True,
    )
    return prepared.compiled(found, names=("pk", *HISTORY_COLUMNS))


# The columns of company_history's rows, after the pk, in the order of its UNION.
HISTORY_COLUMNS = ["kind", "title", "state", "day", "contact", "response"]
