"""Capturing a job posting: a page (pasted, or sent by the bookmarklet through the
relay) read into the new-application form, prefilled. Nothing is saved here: the
person checks the form and saves it, through applications:create."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from applications.capture.forms import CaptureForm, too_big_message
from applications.capture.posting import read_posting
from applications.forms import ApplicationForm
from core.pages import render_form

NOTHING_FOUND = (
    "Onward found no job title or description in this page. Paste the page’s source "
    "(or its text), or fill in the form yourself."
)


@csrf_exempt
def application_capture(request):
    # A body past Django's upload limit is refused in words before anything reads it
    # (the CSRF check would, and answer with a bare 413). Then the CSRF check follows.
    if too_big(request):
        return refused(request)
    return application_capture_checked(request)


@csrf_protect
def application_capture_checked(request):
    """GET: the paste form. POST `page` (and `url`): the new-application form, filled
    in from the posting the page publishes."""
    form = CaptureForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        posting = read_posting(form.cleaned_data["page"], form.cleaned_data["url"])
        if not posting.is_empty:
            application_form = ApplicationForm(user=request.user, initial=posting.initial())
            context = {"form": application_form, "posting": posting}
            return render(request, "applications/application_form.html", context)
        form.add_error("page", NOTHING_FOUND)
    return render_form(request, "applications/capture_form.html", {"form": form})


def too_big(request):
    if request.method != "POST":
        return False
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def refused(request):
    """The paste form saying how big the page sent was, 413; the body is never read."""
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    form = CaptureForm({"page": "", "url": ""})
    form.is_valid()
    form.errors.pop("page", None)
    form.add_error("page", too_big_message(size))
    return render(request, "applications/capture_form.html", {"form": form}, status=413)


# The bookmarklet posts the job page from the job board's site: a cross-site POST, which
# carries neither Onward's session cookie nor its CSRF cookie (both SameSite=Lax). So it
# lands here, on a page that needs no session and changes nothing (csrf_exempt is sound
# for it: it writes nothing and shows nobody's data, only the page it was sent, escaped
# in a form). That form posts the page on to applications:capture from Onward's own
# origin, where the session and CSRF cookies are sent and checked as on any POST: a
# signed-in person gets the prefilled form, anyone else the log-in page. A static script
# (capture.js) sends it at once; without JavaScript, a button does.
@csrf_exempt
@login_not_required
@require_POST
def application_capture_relay(request):
    if too_big(request):
        return refused(request)
    try:
        form = CaptureForm(request.POST)
        valid = form.is_valid()
    except RequestDataTooBig:  # a body sent without its length
        return refused(request)
    if not valid:
        return render_form(request, "applications/capture_form.html", {"form": form})
    return render(request, "applications/capture_relay.html", {"form": form})
