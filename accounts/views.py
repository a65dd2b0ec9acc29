from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.forms import (
    EmailChangeForm,
    LoginForm,
    NameForm,
    PasswordResetForm,
    SettingsForm,
    SignupForm,
)
from accounts.models import Attempt, email_key
from accounts.services import send_confirmation_email, user_for_confirmation
from core.http import client_ip
from core.pages import safe_next


@login_not_required
def signup(request):
    if request.user.is_authenticated:
        return redirect("insights:dashboard")
    if not settings.SIGNUP_ENABLED:
        return render(request, "accounts/signup_closed.html", status=403)
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        ip = client_ip(request)
        if not Attempt.allowed(Attempt.Kind.SIGNUP, settings.SIGNUP_RATE_PER_HOUR, ip=ip):
            form.add_error(
                None,
                "Too many accounts have been created from your network in the last hour. "
                "Please try again later.",
            )
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        if form.is_valid():
            user = form.save()
            Attempt.record(Attempt.Kind.SIGNUP, ip)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            send_confirmation_email(user)
            messages.success(
                request,
                f"Welcome to Onward. We sent a link to {user.email} to confirm your address; "
                "you can use the app straight away.",
            )
            return redirect("insights:dashboard")
        return render(request, "accounts/signup.html", {"form": form}, status=422)
    return render(request, "accounts/signup.html", {"form": form})


def settings_view(request):
    user = request.user
    form = SettingsForm(request.POST or None, instance=user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your settings are saved.")
            return redirect("accounts:settings")
        # Validating wrote the typed values onto request.user (the form's instance); the
        # page is drawn for the user as saved, not with e.g. quiet_after_days=739947,
        # which made the navbar's reminders overflow (a 500).
        user.refresh_from_db()
        return render(request, "accounts/settings.html", {"form": form}, status=422)
    return render(request, "accounts/settings.html", {"form": form})


@require_POST
def name(request):
    """Saves the name drafts sign with, from the small form a page shows above a draft
    while the account has none, and goes back to that page (`next`), now signed. A blank
    name re-renders the form on its own page, with what went wrong."""
    form = NameForm(request.POST, instance=request.user)
    back = safe_next(request, reverse("insights:dashboard"))
    if not form.is_valid():
        request.user.refresh_from_db(fields=["name"])
        return render(request, "accounts/name_form.html", {"form": form, "next": back}, status=422)
    form.save()
    messages.success(request, f"Thank you. Your drafts are now signed “{request.user.name}”.")
    return redirect(back)


def email_change(request):
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            send_confirmation_email(user)
            messages.success(
                request,
                f"Your email address is now {user.email}. We sent a link there to confirm it.",
            )
            return redirect("accounts:settings")
        return render(request, "accounts/email_change.html", {"form": form}, status=422)
    return render(request, "accounts/email_change.html", {"form": form})


@require_POST
def resend_confirmation(request):
    if request.user.email_confirmed:
        messages.info(request, "Your email address is already confirmed.")
    else:
        send_confirmation_email(request.user)
        messages.success(request, f"We sent a new confirmation link to {request.user.email}.")
    return redirect("accounts:settings")


@require_POST
def calendar_token_reset(request):
    """A new calendar address; the old one stops working at once."""
    request.user.reset_calendar_token()
    messages.success(
        request,
        "Your calendar link is new. Update it in your calendar app: the old one no longer works.",
    )
    return redirect("accounts:settings")


@login_not_required
def confirm_email(request, token):
    """GET shows what will be confirmed; the POST from its button confirms it, so a
    mail scanner that follows the link changes nothing."""
    user = user_for_confirmation(token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    if request.method == "POST":
        if not user.email_confirmed:
            user.email_confirmed = True
            user.save(update_fields=["email_confirmed"])
        messages.success(request, f"Thank you: {user.email} is confirmed.")
        return redirect("insights:dashboard" if request.user.is_authenticated else "login")
    return render(request, "accounts/confirm.html", {"confirm_user": user})


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Requests are limited per email address and per client address (Attempt, in the
    database). Under the limit every valid request is answered alike, with or without an
    account; over it, the refusal is the same for both too."""

    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    extra_email_context = {"site_url": settings.SITE_URL}
    TOO_MANY = (
        "Too many password reset requests for this address or from your network in the "
        "last hour. Please try again later. If you asked before, look for our email in your "
        "inbox and spam folder."
    )

    def form_valid(self, form):
        ip = client_ip(self.request)
        email = form.cleaned_data["email"]
        kind = Attempt.Kind.PASSWORD_RESET
        if not (
            Attempt.allowed(kind, settings.PASSWORD_RESET_RATE_PER_HOUR, email_key=email_key(email))
            and Attempt.allowed(kind, settings.PASSWORD_RESET_IP_RATE_PER_HOUR, ip=ip)
        ):
            form.add_error(None, self.TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        Attempt.record(kind, ip, email)
        return super().form_valid(form)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response
