"""Step 2, get feedback: drafting a request, marking it sent, recording the answer."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from core.owned import owned_or_404
from core.pages import paginate
from feedback import drafts
from feedback.forms.requests import (
    AnswerForm,
    FeedbackRequestForm,
    MarkSentForm,
    NobodyToAskForm,
    RequestFilterForm,
)
from feedback.guidance import request_kind, suggested_send_on
from feedback.models import FeedbackRequest, Step, StepState
from feedback.views.detail import DETAIL_TEMPLATE, REQUESTS, detail_context, refused
from feedback.views.rejections import REJECTIONS

STEP_TEMPLATE = "feedback/feedback_step.html"


# Step 2 of a rejection


def feedback_step(request, pk):
    """/rejections/<id>/feedback/: the requests so far and a drafted new one. The same
    form redrafts the message for the person picked ("Use this contact") and records
    that nobody can be asked."""
    rejection = owned_or_404(REJECTIONS, request.user, pk=pk)
    action = request.POST.get("action")
    if request.method == "POST" and action == "nobody":
        return nobody_to_ask(request, rejection)
    if request.method == "POST" and action == "redraft":
        return redraft(request, rejection)
    form = FeedbackRequestForm(
        request.POST or None,
        initial=None if request.method == "POST" else first_draft(request, rejection),
        rejection=rejection,
        user=request.user,
        sending=action == "sent",
    )
    if request.method == "POST" and form.is_valid():
        feedback_request = form.save()
        if feedback_request.status == FeedbackRequest.Status.SENT:
            rejection.advance(Step.FEEDBACK, StepState.DONE)
            messages.success(request, sent_message(feedback_request))
            return redirect(feedback_request.get_absolute_url() + "#answer-heading")
        rejection.advance(Step.FEEDBACK, StepState.IN_PROGRESS)
        messages.success(request, saved_message(feedback_request, request.user.today()))
        return redirect(feedback_request)
    return render_step(request, rejection, form)


def sent_message(feedback_request):
    return (
        f"Marked as sent on {date_format(feedback_request.sent_on, 'j F')}. Onward reminds "
        f"you to follow up on {date_format(feedback_request.follow_up_on, 'j F')} if no "
        "answer has come; record it below when it does."
    )


def saved_message(feedback_request, today):
    send_on = feedback_request.send_on
    if send_on and send_on > today:
        return (
            "Saved as a draft. Recruiters suggest asking a day or two after the news: send it "
            f"on {date_format(send_on, 'l j F')}, and Onward will remind you."
        )
    return "Saved as a draft. Send it from your own mail, then say “I sent it” here."


def first_draft(request, rejection):
    """The message drafted for the contact in ?contact=<id> (one of the user's contacts
    at the company; empty for nobody), else for the person who sent the "no", so the
    greeting names them."""
    contacts = FeedbackRequestForm.company_contacts(request.user, rejection)
    contact_id = request.GET.get("contact", str(rejection.contact_id or ""))
    contact = contacts.filter(pk=contact_id).first() if contact_id.isdigit() else None
    draft = drafts.feedback_request(request.user, rejection, contact)
    return {"contact": contact, "message": draft.body, "sent_on": request.user.today()}


def redraft(request, rejection):
    """The form as typed, with the message drafted again for the person picked."""
    form = FeedbackRequestForm(request.POST, rejection=rejection, user=request.user)
    form.is_valid()
    if any(name.startswith("contact") for name in form.errors):
        return render_step(request, rejection, form, status=422)
    data = request.POST.copy()
    data["message"] = drafts.feedback_request(request.user, rejection, form.recipient()).body
    data.setdefault("sent_on", request.user.today().isoformat())
    form = FeedbackRequestForm(data, rejection=rejection, user=request.user)
    return render_step(request, rejection, form, status=422 if form.errors else 200)


def nobody_to_ask(request, rejection):
    nobody_form = NobodyToAskForm(request.POST)
    if nobody_form.is_valid():
        rejection.set_state(Step.FEEDBACK, StepState.SKIPPED, nobody_form.cleaned_data["reason"])
        messages.info(request, "Noted: nobody can be asked this time. Next: keep the bridge.")
        return redirect("rejections:bridges", rejection.pk)
    form = FeedbackRequestForm(
        initial=first_draft(request, rejection), rejection=rejection, user=request.user
    )
    return render_step(request, rejection, form, nobody_form=nobody_form, status=422)


def render_step(request, rejection, form, nobody_form=None, status=None):
    if status is None:
        status = 422 if request.method == "POST" else 200
    requests = list(rejection.feedback_requests.select_related("contact").order_by("-pk"))
    draft = drafts.feedback_request(request.user, rejection, form_recipient(form))
    context = {
        "draft": draft,
        "mailto": draft.mailto(),
        "rejection": rejection,
        "application": rejection.application,
        "current_step": Step.FEEDBACK,
        "requests": requests,
        "awaiting": any(item.status == FeedbackRequest.Status.SENT for item in requests),
        # With requests made, a new one is tucked away unless it is being worked on.
        "form_open": not requests or form.is_bound or "contact" in request.GET,
        "form": form,
        "has_contacts": form.fields["contact"].queryset.exists(),
        "kind": request_kind(rejection),
        "send_on": suggested_send_on(rejection, request.user.today()),
        "today": request.user.today(),
        "nobody_form": nobody_form or NobodyToAskForm(),
    }
    return render(request, STEP_TEMPLATE, context, status=status)


def form_recipient(form):
    """Whom the draft on the page is addressed to: the contact picked (as typed, for a
    bound form), else the one it was first drafted for."""
    if form.is_bound:
        return form.recipient() if hasattr(form, "cleaned_data") else None
    return form.initial.get("contact")


# Feedback requests

# What a row of the list shows ({% request_rows %}): not the messages and answers, which
# can be long; values, not instances of the four models a row names.
LIST_FIELDS = ("pk", "status", "is_generic", "sent_on", "follow_up_on", "rejection_id", "contact")
LIST_VALUES = {
    "contact_name": F("contact__name"),
    "title": F("rejection__application__title"),
    "company_name": F("rejection__application__company__name"),
}


def request_list(request):
    filters = RequestFilterForm(request.GET)
    requests = filters.filter(
        FeedbackRequest.objects.for_user(request.user), today=request.user.today()
    )
    # Counted without the rows' joins, which the values' COUNT would keep.
    rows = requests.values(*LIST_FIELDS, **LIST_VALUES)
    context = {"filters": filters, "page": paginate(request, rows, count=requests.count())}
    return render(request, "feedback/feedbackrequest_list.html", context)


def request_detail(request, pk):
    feedback_request = owned_or_404(REQUESTS, request.user, pk=pk)
    return render(request, DETAIL_TEMPLATE, detail_context(request, feedback_request))


@require_POST
def mark_sent(request, pk):
    feedback_request = owned_or_404(REQUESTS, request.user, pk=pk)
    form = MarkSentForm(request.POST, instance=feedback_request, user=request.user)
    if not form.is_valid():
        return refused(request, feedback_request, "sent_form", form)
    feedback_request = form.save()
    feedback_request.rejection.advance(Step.FEEDBACK, StepState.DONE)
    messages.success(
        request,
        f"Marked as sent. Follow up on {date_format(feedback_request.follow_up_on, 'j F')} "
        "if no answer has come by then. Record their answer below when it comes.",
    )
    return redirect(feedback_request.get_absolute_url() + "#answer-heading")


@require_POST
def record_answer(request, pk):
    feedback_request = owned_or_404(REQUESTS, request.user, pk=pk)
    form = AnswerForm(request.POST, instance=feedback_request, user=request.user)
    if not form.is_valid():
        return refused(request, feedback_request, "answer_form", form)
    feedback_request = form.save()
    messages.success(request, answer_saved_message(feedback_request))
    if feedback_request.status == FeedbackRequest.Status.RECEIVED:
        return redirect(feedback_request.get_absolute_url() + "#question-heading")
    return redirect(feedback_request)


def answer_saved_message(feedback_request):
    Status = FeedbackRequest.Status
    if feedback_request.status == Status.RECEIVED and feedback_request.is_generic:
        return "Answer saved. It reads like a stock answer: below is a question to dig deeper."
    if feedback_request.status == Status.RECEIVED:
        return "Answer saved. Turn what you learned into a lesson, or ask one more question below."
    if feedback_request.status == Status.DECLINED:
        return "Saved. Asking was still right: most people never do."
    return "Saved as no response. Asking was still right: most people never do."
