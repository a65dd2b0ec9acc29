"""What an account holds: how many rows of each kind a user owns, and whether they own
any at all (an import goes only into an empty account)."""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from applications.models import Application, Company, Interview
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Rejection


def counts(user):
    """How many of each kind of row `user` owns, in one query (a subquery each)."""

    def count(queryset, owner_path):
        rows = (
            queryset.filter(**{owner_path: OuterRef("pk")})
            .order_by()
            .values(owner_path)
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows), 0)

    totals = {
        "companies": count(Company.objects.all(), "owner"),
        "applications": count(Application.objects.all(), "owner"),
        "interviews": count(Interview.objects.all(), "application__owner"),
        "contacts": count(Contact.objects.all(), "owner"),
        "interactions": count(Interaction.objects.all(), "contact__owner"),
        "rejections": count(Rejection.objects.all(), "application__owner"),
        "feedback_requests": count(FeedbackRequest.objects.all(), "rejection__application__owner"),
        "lessons": count(Lesson.objects.all(), "owner"),
    }
    # Aliased, as the user's relations already use these names.
    row = (
        User.objects.filter(pk=user.pk)
        .values(**{f"total_{name}": total for name, total in totals.items()})
        .get()
    )
    return {name: row[f"total_{name}"] for name in totals}


def has_data(user):
    """Whether `user` owns any row an import would add to. Rejections, timelines and
    the rest hang on applications, contacts or lessons, so these four say it all."""
    return any(
        model.objects.filter(owner=user).exists()
        for model in (Company, Application, Contact, Lesson)
    )
