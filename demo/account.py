"""The demo account itself: its password checked against the site's rules, an existing
demo account (never a staff one) deleted with all it owns, and a fresh one created."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

DEMO_NAME = "Alex Morgan"
DEMO_TIME_ZONE = "Europe/London"


def check_password_rules(email, password):
    User = get_user_model()
    try:
        validate_password(password, user=User(email=email, name=DEMO_NAME))
    except ValidationError as error:
        raise CommandError("--password: " + " ".join(error.messages)) from None


def delete_existing_user(email):
    """Deletes the account with this address and everything it owns (the cascade from
    the user reaches every app's rows). Refuses staff accounts: a typo in --email must
    not wipe an operator."""
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        return False
    if user.is_staff or user.is_superuser:
        raise CommandError(f"{email} is a staff account; seed_demo only resets demo accounts.")
    user.delete()
    return True


def create_user(email, password):
    return get_user_model().objects.create_user(
        email=email,
        password=password,
        name=DEMO_NAME,
        time_zone=DEMO_TIME_ZONE,
        email_confirmed=True,
    )
