"""Helpers that most views' pages share: forms, edit pages, pagination, `next`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from core.forms import EditConflict
from core.models import SubmitKey

PAGE_SIZE = 25


def render_form(request, template, context):
    """Renders a form page: 422 when a submitted form has errors, so htmx and tests
    can tell a rejected form from a fresh one."""
    status = 422 if request.method == "POST" else 200
    return render(request, template, context, status=status)


def edit_page(request, form, template, context, saved, then):
    """The page of a form that edits one thing: a valid POST saves it, says `saved` and
    goes to `then`; otherwise the form, with `context` (422 when it had errors)."""
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except EditConflict:
            pass  # changed since the form was checked: the form shows it, and asks
        else:
            messages.success(request, saved)
            return redirect(then)
    return render_form(request, template, {"form": form, **context})


ALREADY_ADDED = "This form was sent twice: it is saved once, here."


def create_page(request, form, template, context, saved, then=None):
    """The page of a form that adds one thing: a valid POST saves it, says `saved` (a
    text, or a function of what was added) and goes to `then(added)` (by default what
    was added); otherwise the form, with `context` (422 when it had errors). A form
    with SubmitOnceMixin is saved once per key (see save_once)."""
    if request.method == "POST" and form.is_valid():
        added, url = save_once(request.user, form, then or (lambda added: added))
        if added is None:
            messages.info(request, ALREADY_ADDED)
        else:
            messages.success(request, saved(added) if callable(saved) else saved)
        return redirect(url)
    return render_form(request, template, {"form": form, **context})


def save_once(user, form, then):
    """Saves a valid form that adds a row, unless `user` already sent a form with its
    submit key: then nothing is saved. Returns (what was added, or None; where to go:
    `then(added)`, or where the first POST with the key went).

    The key is taken in the same transaction as the row is added, under a unique
    constraint: a second POST racing the first waits for it, then finds its key."""
    key = form.cleaned_data.get("submit_key")
    with transaction.atomic():
        if key:
            first = take_submit_key(user, key)
            if first:
                return None, first
        added = form.save()
        url = resolve_url(then(added))
        if key:
            SubmitKey.objects.filter(owner=user, key=key).update(url=url)
    return added, url


def take_submit_key(user, key):
    """None when `key` is new to `user` (it is now taken); else where the POST that took
    it went. Keys older than SubmitKey.WINDOW are forgotten first."""
    SubmitKey.objects.filter(owner=user, created_at__lt=timezone.now() - SubmitKey.WINDOW).delete()
    try:
        with transaction.atomic():
            SubmitKey.objects.create(owner=user, key=key)
    except IntegrityError:
        return SubmitKey.objects.filter(owner=user, key=key).values_list("url", flat=True).first()
    return None


def safe_next(request, default):
    """The `next` the request names, when it is a path on this site; else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    # A path on this site only: redirect() would read anything else without a "/" or a
    # "." as a view name, and an unknown one ("next=abc") raised NoReverseMatch (a 500).
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def paginate(request, queryset, per_page=PAGE_SIZE, count=None):
    """The requested page of `queryset`. `count`, when the view already knows how many
    rows there are (counted with the row the list belongs to), saves the COUNT query."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is what every page reads
    return paginator.get_page(request.GET.get("page"))
