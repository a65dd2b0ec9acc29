"""The feedback request's page: the message with "I sent it" on it, the answer form right
below once sent, and after an answer, one more question and the push-back. Its context
is shared by every view that posts to it and re-renders it with a form's errors."""

from django.contrib import messages
from django.shortcuts import render

from feedback import drafts
from feedback.forms.questions import (
    EvidenceForm,
    PushBackForm,
    QuestionAnswerForm,
    QuestionSentForm,
)
from feedback.forms.requests import AnswerForm, MarkSentForm
from feedback.models import FeedbackRequest

DETAIL_TEMPLATE = "feedback/feedbackrequest_detail.html"
REQUESTS = FeedbackRequest.objects.select_related("contact", "rejection__application__company")


def detail_context(request, feedback_request, **bound_forms):
    """The message with its copy and mailto:, "I sent it" on it, the answer right below
    once sent, and for every answer received, one more question (and, with the
    person's evidence, the push-back)."""
    user, contact = request.user, feedback_request.contact
    rejection = feedback_request.rejection
    email = contact.email if contact else ""
    subject = drafts.feedback_request(user, rejection, contact).subject
    draft = drafts.Draft(subject, feedback_request.message, email)
    context = {
        "feedback_request": feedback_request,
        "rejection": rejection,
        "application": rejection.application,
        "draft": draft,
        # A LinkedIn message or a call is not sent from a mail program.
        "no_mail": feedback_request.channel
        in (FeedbackRequest.Channel.LINKEDIN, FeedbackRequest.Channel.PHONE),
        "sent_form": MarkSentForm(instance=feedback_request, user=user),
        "answer_form": AnswerForm(instance=feedback_request, user=user),
        "lessons": feedback_request.lessons.order_by("-pk"),
        "today": user.today(),
    }
    if feedback_request.status == FeedbackRequest.Status.RECEIVED:
        context.update(follow_up_context(user, feedback_request))
    context.update(bound_forms)
    return context


def follow_up_context(user, feedback_request):
    """The question (drafted in the answer's words, or as edited), its forms, the nudge
    once it is waiting for an answer, and the push-back once there is evidence."""
    email = feedback_request.contact.email if feedback_request.contact else ""
    dig = drafts.dig_deeper(user, feedback_request)
    question = drafts.Draft(dig.subject, feedback_request.dig_deeper or dig.body, email)
    push = drafts.push_back(user, feedback_request)
    push_back = None
    if push is not None:
        push_back = drafts.Draft(push.subject, feedback_request.push_back or push.body, email)
    waiting = feedback_request.dig_deeper_sent_on and not feedback_request.dig_deeper_answered_on
    nudge = drafts.question_follow_up(user, feedback_request) if waiting else None
    question_form = QuestionSentForm(
        instance=feedback_request, initial={"dig_deeper": question.body}, user=user
    )
    question_form.fields["dig_deeper"].widget.attrs["rows"] = question.rows
    push_back_form = PushBackForm(
        instance=feedback_request, initial={"push_back": push_back.body if push_back else ""}
    )
    if push_back is not None:
        push_back_form.fields["push_back"].widget.attrs["rows"] = push_back.rows
    return {
        "stock": drafts.stock_context(feedback_request.response),
        "question": question,
        "question_form": question_form,
        "question_answer_form": QuestionAnswerForm(instance=feedback_request, user=user),
        "nudge": nudge,
        "evidence_form": EvidenceForm(instance=feedback_request),
        "push_back": push_back,
        "push_back_form": push_back_form,
    }


def refused(request, feedback_request, name, form):
    """The page again, with the form as typed and its errors (status 422). The request
    itself is reloaded: validating the form wrote the typed values onto it."""
    feedback_request.refresh_from_db()
    context = detail_context(request, feedback_request, **{name: form})
    if "question" not in context:  # the form's section is not on the page: say it on top
        for error in form.non_field_errors():
            messages.error(request, error)
    return render(request, DETAIL_TEMPLATE, context, status=422)
