"""The messages a reminder offers to draft: a check-in with a contact, a nudge about a
quiet application. The wording lives in templates/reminders/messages/."""

from feedback.drafts import message_context, render_draft
from feedback.models import Lesson, Rejection


def check_in_draft(contact, user):
    """A friendly check-in that recalls the earlier process and says what is new."""
    rejection = (
        Rejection.objects.for_user(user)
        .filter(application__company=contact.company_id)
        .select_related("application")
        .order_by("-received_on", "-pk")
        .first()
        if contact.company_id
        else None
    )
    lessons = Lesson.objects.for_user(user).filter(status=Lesson.Status.DONE)
    if contact.last_contacted_on:
        lessons = lessons.filter(done_on__gte=contact.last_contacted_on)
    context = {
        "contact": contact,
        "greeting": contact.name.split()[0] if contact.name.strip() else "there",
        "company": contact.company.name if contact.company_id else "",
        "rejection": rejection,
        "lessons": list(lessons.order_by("-done_on")[:3]),
        "signature": user.name,
    }
    return render_draft("reminders/messages/check_in.txt", context)


def nudge_draft(application, user):
    context = message_context(user, application, None)
    return render_draft("reminders/messages/nudge.txt", context)
