"""Locking rows for a read-then-write, so that racing requests take turns."""

from django.db import connections, router
from django.db.models import F


def lock(queryset):
    """Locks the rows of `queryset` until the current transaction ends (call it inside
    `transaction.atomic()`, before reading what the write depends on): a racing request
    that locks them too waits here, then reads what this one wrote.

    PostgreSQL locks the rows (SELECT … FOR UPDATE). SQLite has no row locks; it locks
    the whole database for the first write of a transaction, and a transaction that read
    before it writes cannot wait for that lock ("database is locked"). So on SQLite a
    write that changes nothing comes first: it waits for the other writer, then holds
    the lock until commit."""
    alias = router.db_for_write(queryset.model)
    if connections[alias].features.has_select_for_update:
        list(queryset.select_for_update().values_list("pk", flat=True))
    else:
        pk = queryset.model._meta.pk.attname
        queryset.update(**{pk: F(pk)})
