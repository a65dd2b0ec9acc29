"""The daily reminder email."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from reminders import building


def due_today(user, today):
    """What the digest lists: reminders due today or overdue, and today's interviews."""
    return building.group(building.collect(user, today, today), today)


def build(user, today, groups):
    """The digest email for one user, with plain-text and HTML parts."""
    context = {
        "user": user,
        "today": today,
        "overdue": groups["overdue"],
        "due_today": groups["today"],
        "site_url": settings.SITE_URL,
        "reminders_url": settings.SITE_URL + reverse("reminders:list"),
        "settings_url": settings.SITE_URL + reverse("accounts:settings"),
    }
    with timezone.override(user.zone):
        text = render_to_string("reminders/email/digest.txt", context)
        html = render_to_string("reminders/email/digest.html", context)
    count = len(groups["overdue"]) + len(groups["today"])
    subject = f"Onward: {count} thing{'s' if count != 1 else ''} for today"
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message
