"""Account work that spans a request and the outside world: confirmation mail."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User

CONFIRM_SALT = "accounts.confirm-email"


def confirmation_token(user):
    """A signed token naming the user and the address it confirms: it stops working
    when the address changes, and after EMAIL_CONFIRMATION_MAX_AGE."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def user_for_confirmation(token):
    """The user a valid, unexpired token confirms, or None."""
    try:
        data = signing.loads(
            token,
            salt=CONFIRM_SALT,
            max_age=settings.EMAIL_CONFIRMATION_MAX_AGE,
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return User.objects.filter(pk=data.get("user"), email=data.get("email")).first()


def send_confirmation_email(user):
    link = settings.SITE_URL + reverse("accounts:confirm", args=[confirmation_token(user)])
    context = {"user": user, "link": link, "days": settings.EMAIL_CONFIRMATION_MAX_AGE.days}
    send_mail(
        subject="Confirm your email address for Onward",
        message=render_to_string("accounts/messages/confirm_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
