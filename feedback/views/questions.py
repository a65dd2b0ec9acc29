"""After an answer: one more question (the dig-deeper message, tracked as a follow-up of
the same request: its own sent date, follow-up reminder and answer), and the push-back,
drafted only once the person has said where their evidence is."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from core.owned import owned_or_404
from feedback import drafts
from feedback.forms.questions import (
    EvidenceForm,
    PushBackForm,
    QuestionAnswerForm,
    QuestionForm,
    QuestionSentForm,
)
from feedback.models import FeedbackRequest
from feedback.views.detail import REQUESTS, refused


def back_to(feedback_request, anchor):
    return redirect(f"{feedback_request.get_absolute_url()}#{anchor}")


@require_POST
def save_question(request, pk):
    """Keeps the question as edited, without sending it."""
    feedback_request = owned_or_404(REQUESTS, request.user, pk=pk)
    form = QuestionForm(request.POST, instance=feedback_request)
    if not form.is_valid():
        return refused(request, feedback_request, "question_form", form)
    form.save()
    messages.success(request, "Saved the question. Send it when you are ready.")
    return back_to(feedback_request, "question-heading")


@require_POST
def question_sent(request, pk):
    feedback_request = owned_or_404(REQUESTS, request.user, pk=pk)
    form = QuestionSentForm(request.POST, instance=feedback_request, user=request.user)
    if not form.is_valid():
        return refused(request, feedback_request, "question_form", form)
    feedback_request = form.save()
    messages.success(
        request,
        "Marked the question as sent. Onward reminds you on "
        f"{date_format(feedback_request.dig_deeper_follow_up_on, 'j F')} if no answer has come.",
    )
    return back_to(feedback_request, "question-heading")


@require_POST
def question_answer(request, pk):
    feedback_request = owned_or_404(REQUESTS, request.user, pk=pk)
    form = QuestionAnswerForm(request.POST, instance=feedback_request, user=request.user)
    if not form.is_valid():
        return refused(request, feedback_request, "question_answer_form", form)
    form.save()
    messages.success(request, "Saved their answer. Turn what you learned into a lesson.")
    return back_to(feedback_request, "question-heading")


@require_POST
def push_back(request, pk):
    """With `evidence`: keeps it and drafts the push-back from it (afresh, over an earlier
    one). With `push_back` (action "save"): keeps the push-back as edited."""
    feedback_request = owned_or_404(REQUESTS, request.user, pk=pk)
    if feedback_request.status != FeedbackRequest.Status.RECEIVED:
        form = EvidenceForm(request.POST, instance=feedback_request)
        form.add_error(None, "Record their answer before drafting a push-back.")
        return refused(request, feedback_request, "evidence_form", form)
    if request.POST.get("action") == "save":
        form = PushBackForm(request.POST, instance=feedback_request)
        if not form.is_valid():
            return refused(request, feedback_request, "push_back_form", form)
        form.save()
        messages.success(request, "Saved the push-back.")
        return back_to(feedback_request, "push-back-heading")
    form = EvidenceForm(request.POST, instance=feedback_request)
    if not form.is_valid():
        return refused(request, feedback_request, "evidence_form", form)
    feedback_request = form.save(commit=False)
    feedback_request.push_back = drafts.push_back(request.user, feedback_request).body
    feedback_request.save(update_fields=["evidence", "push_back", "updated_at"])
    messages.success(request, "Drafted the push-back from your evidence: read it, then send it.")
    return back_to(feedback_request, "push-back-heading")
