"""Helpers that most views' pages share: forms, edit pages, pagination, `next`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

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
        form.save()
        messages.success(request, saved)
        return redirect(then)
    return render_form(request, template, {"form": form, **context})


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


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
