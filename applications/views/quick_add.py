"""Quick add, from the board and the list: one line makes a saved application."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import reselect, reswap, retarget

from applications.models import Stage
from applications.quick_add import QuickAddForm
from core.pages import ALREADY_ADDED, safe_next, save_once


def saved_column_url():
    """The board, showing the Saved column on a phone."""
    return f"{reverse('applications:board')}?stage={Stage.SAVED}"


@require_POST
def application_quick_add(request):
    """Adds a saved application from "<title> at <company>" and goes back to `next`
    (the board by default). From the board's htmx form, the answer is the new board;
    a line that can't be read is explained in place (htmx) or on a page of its own."""
    form = QuickAddForm(request.POST, user=request.user)
    if not form.is_valid():
        return quick_add_invalid(request, form)
    back = safe_next(request, saved_column_url())
    added, url = save_once(request.user, form, lambda added: back)
    if added is None:
        messages.info(request, ALREADY_ADDED)
    else:
        messages.success(request, f"Added {added} to saved.")
    return redirect(url)


def quick_add_invalid(request, form):
    context = {"quick_add": form, "next": safe_next(request, saved_column_url())}
    if request.htmx:
        # Only the board's quick add is sent by htmx: the form goes back as it came.
        context["board"] = True
        response = render(request, "applications/_quick_add.html", context, status=422)
        retarget(response, "#quick-add")
        reswap(response, "outerHTML")
        return reselect(response, "#quick-add")
    return render(request, "applications/quick_add.html", context, status=422)
