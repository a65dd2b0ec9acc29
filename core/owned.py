"""Access to a user's own rows: every query a view makes starts here."""

from django.db import models
from django.shortcuts import get_object_or_404


class OwnedQuerySet(models.QuerySet):
    """A queryset that narrows to one user's rows with `for_user()`. A model whose rows
    reach their owner through a parent sets `owner_path` ("application__owner")."""

    owner_path = "owner"

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{self.owner_path: user})


def owned_or_404(queryset, user, **lookup):
    """The one row of `user`'s that matches `lookup`, from a model or a queryset of an
    OwnedQuerySet; a 404 for a row that is missing or someone else's, alike."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    return get_object_or_404(queryset.for_user(user), **lookup)
