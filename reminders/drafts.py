"""The messages a reminder offers to draft: a check-in with a contact (or, from the
re-engagement panel, a note to them about a new application at their company), a nudge
about a quiet application, a follow-up on an application's follow-up date, and a
follow-up of a feedback request that had no answer. The wording lives in
templates/reminders/messages/; who is greeted and who signs, in feedback.drafts."""

from dataclasses import replace

from django.db.models import F

from applications.models import Stage
from contacts.models import Contact
from feedback import drafts as feedback_drafts
from feedback.addressing import Addressee, contact_greeting, reply_subject
from feedback.drafts import message_context, person_context, render_draft
from feedback.models import Lesson, Rejection

LESSONS_SHOWN = 3


def latest_rejection(contact, user, exclude=None):
    """The last "no" from the contact's company (but `exclude`'s): what a check-in
    recalls."""
    if not contact.company_id:
        return None
    rejections = Rejection.objects.for_user(user).filter(application__company=contact.company_id)
    if exclude is not None:
        rejections = rejections.exclude(application=exclude)
    return rejections.select_related("application").order_by("-received_on", "-pk").first()


def lessons_done(user, since):
    """Up to three lessons done since `since` (all, when None), newest first: what is
    new since the person last heard from them."""
    lessons = Lesson.objects.for_user(user).filter(status=Lesson.Status.DONE)
    if since:
        lessons = lessons.filter(done_on__gte=since)
    return list(lessons.order_by("-done_on", "-pk")[:LESSONS_SHOWN])


def contact_context(contact, user, rejection):
    """A draft to one contact: the process they knew of, when there was one."""
    if rejection is not None:
        context = message_context(
            user, rejection.application, contact, rejection=rejection, about_interviews=False
        )
    else:
        company = contact.company.name if contact.company_id else ""
        # Nobody at a company to fall back on: the name as recorded.
        greeting = contact_greeting(contact.name) or (contact.name if not company else "")
        context = person_context(user, Addressee(greeting, contact), company)
    return {**context, "rejection": rejection}


def check_in_draft(contact, user):
    """A friendly check-in that recalls the earlier process and says what is new."""
    context = contact_context(contact, user, latest_rejection(contact, user))
    context["lessons"] = lessons_done(user, contact.last_contacted_on)
    return render_draft("reminders/messages/check_in.txt", context)


def reengagement_draft(contact, application, user):
    """A note to someone at a company that said no before, about the new `application`
    there: the role, what was done since the last "no", one easy question."""
    earlier = latest_rejection(contact, user, exclude=application)
    context = message_context(user, application, contact)
    context["earlier"] = earlier
    context["lessons"] = lessons_done(
        user, earlier.received_on if earlier else contact.last_contacted_on
    )
    return render_draft("reminders/messages/reengagement.txt", context)


def company_contact(application, user, in_touch_only=False):
    """The person at the application's company the user was last in touch with (or,
    unless `in_touch_only`, anyone there): whom a nudge or a follow-up greets."""
    contacts = Contact.objects.for_user(user).filter(company_id=application.company_id)
    if in_touch_only:
        contacts = contacts.filter(last_contacted_on__isnull=False)
    return contacts.order_by(F("last_contacted_on").desc(nulls_last=True), "name", "pk").first()


def nudge_draft(application, user):
    """A polite nudge about an application with no news for a while, worded for where it
    stands (applied, after a screening call, after an interview). It greets the person
    last in touch there; after an interview, else the interviewer; else anyone recorded
    there (a recruiter); else the hiring team."""
    if application.stage == Stage.INTERVIEWING:
        return after_interview_draft(application, user, "reminders/messages/nudge.txt")
    context = message_context(user, application, company_contact(application, user))
    return render_draft("reminders/messages/nudge.txt", context)


def after_interview_draft(application, user, template):
    """A draft after an interview: to the person last in touch there, else the
    interviewer, else anyone recorded there."""
    contact = company_contact(application, user, in_touch_only=True)
    context = message_context(user, application, contact, about_interviews=True)
    if not context["named"]:
        contact = company_contact(application, user)
        context = message_context(user, application, contact, about_interviews=True)
    return render_draft(template, context)


def follow_up_draft(application, user):
    """The follow-up planned for the application's follow-up date; after an interview,
    it thanks for it. It greets the person last in touch there, else the interviewer,
    else anyone recorded there."""
    return after_interview_draft(application, user, "reminders/messages/follow_up.txt")


def feedback_request_draft(feedback_request, user):
    """The request as saved, to send when its day has come: its own subject (a reply to
    the pasted email when there is one) and to whom it is addressed."""
    rejection = feedback_request.rejection
    draft = feedback_drafts.feedback_request(user, rejection, feedback_request.contact)
    return feedback_drafts.Draft(draft.subject, feedback_request.message, draft.to)


def question_follow_up_draft(feedback_request, user):
    """One friendly nudge of the question asked after an answer (feedback.drafts)."""
    return feedback_drafts.question_follow_up(user, feedback_request)


def feedback_follow_up_draft(feedback_request, user):
    """One friendly follow-up of a feedback request that had no answer, in the same
    thread as the request when it answered a pasted email."""
    rejection = feedback_request.rejection
    context = message_context(
        user,
        rejection.application,
        feedback_request.contact,
        rejection=rejection,
        feedback_request=feedback_request,
    )
    draft = render_draft("reminders/messages/feedback_follow_up.txt", context)
    return replace(draft, subject=reply_subject(rejection, draft.subject))
