"""Deleting an account: the user, everything they own (by the cascade from the user),
and every session signed in as them; and, before it is offered, a dry run of the
import over the export the person would download (`export_problems`)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from transfer import export, reader


def end_sessions(user):
    """Deletes every stored session signed in as `user`, on every device. With the
    database session backend (the default) that means reading each unexpired
    session, as a session names its user only inside its signed data. With other
    backends nothing is stored to find; their sessions stop working anyway once the
    user is gone, because the user they name no longer exists."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return 0
    store = store_class()
    sessions = store_class.get_model_class().objects
    theirs = [
        key
        for key, data in sessions.filter(expire_date__gt=timezone.now())
        .values_list("session_key", "session_data")
        .iterator(chunk_size=2000)
        if store.decode(data).get(SESSION_KEY) == str(user.pk)
    ]
    sessions.filter(session_key__in=theirs).delete()
    prefix = getattr(store_class, "cache_key_prefix", None)
    if prefix:  # cached_db keeps a copy of each session in the cache too
        caches[settings.SESSION_CACHE_ALIAS].delete_many([prefix + key for key in theirs])
    return len(theirs)


@transaction.atomic
def delete_account(user):
    """Deletes the user and, by the cascade from the user, everything they own; ends
    all their sessions. Foreign keys between a user's own rows are CASCADE, SET_NULL
    or RESTRICT (an application's company), never PROTECT, and RESTRICT gives way
    when the row it protects is deleted in the same cascade."""
    end_sessions(user)
    user.delete()


def export_problems(user):
    """What would not come back if `user` deleted their account now and imported the
    export they download: a dry run of the import over that very file, reading and
    checking it in full and writing nothing. [] when it would all come back."""
    raw = export.dumps(export.export_account(user)).encode()
    if len(raw) > reader.MAX_BYTES:
        return [
            f"Your export is {len(raw) / 1024 / 1024:.1f} MB, and the import reads files of "
            f"up to {reader.MAX_BYTES // 1024 // 1024} MB."
        ]
    try:
        reader.read_export(raw)
    except reader.ImportProblem as problem:
        return [message for message in problem.messages if message != reader.HAS_PROBLEMS]
    return []
