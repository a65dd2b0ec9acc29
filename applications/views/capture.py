"""Capturing a job posting: a page (pasted, or sent by the bookmarklet through the
relay) read into the new-application form, prefilled. Nothing is saved here: the
person checks the form and saves it, through applications:create."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from applications.capture.forms import CaptureForm, too_big_message
from applications.capture.posting import read_posting
from applications.forms import ApplicationForm
from core.pages import render_form

NOTHING_FOUND = (
    "Onward found no job title or description in this page. Paste the page’s source "
    "(or its text), or fill in the form yourself."
)


def application_capture(request):
    """GET: the paste form. POST `page` (and `url`): the new-application form, filled
    in from the posting the page publishes."""
    form = capture_form(request)
    if form.is_bound and form.is_valid():
        posting = read_posting(form.cleaned_data["page"], form.cleaned_data["url"])
        if not posting.is_empty:
            application_form = ApplicationForm(user=request.user, initial=posting.initial())
            context = {"form": application_form, "posting": posting}
            return render(request, "applications/application_form.html", context)
        form.add_error("page", NOTHING_FOUND)
    status = 413 if getattr(form, "too_big", False) else None
    response = render_form(request, "applications/capture_form.html", {"form": form})
    if status:
        response.status_code = status
    return response


def capture_form(request):
    """The capture form, bound on a POST. A body past Django's upload limit is refused
    before it is read, as a form error (never a 400 page)."""
    if request.method != "POST":
        return CaptureForm()
    try:
        too_big = (
            int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        data = None if too_big else request.POST
    except RequestDataTooBig:
        too_big, data = True, None
    if too_big:
        form = CaptureForm({"page": ""})
        form.full_clean()
        form.errors["page"] = form.error_class(
            [too_big_message(int(request.META.get("CONTENT_LENGTH") or 0))]
        )
        form.too_big = True
        return form
    return CaptureForm(data)


# The bookmarklet posts the job page from the job board's site: a cross-site POST, which
# carries neither Onward's session cookie nor its CSRF cookie (both SameSite=Lax). So it
# lands here, on a page that needs no session and changes nothing (csrf_exempt is sound
# for it: it writes nothing and shows nobody's data, only the page it was sent, escaped
# in a form). That form posts the page on to applications:capture from Onward's own
# origin, where the session and CSRF cookies are sent and checked as on any POST: a
# signed-in person gets the prefilled form, anyone else the log-in page. A static script
# (capture-relay.js) sends it at once; without JavaScript, a button does.
@csrf_exempt
@login_not_required
@require_POST
def application_capture_relay(request):
    form = capture_form(request)
    if not form.is_valid():
        return render_form(request, "applications/capture_form.html", {"form": form, "relay": True})
    return render(request, "applications/capture_relay.html", {"form": form})
