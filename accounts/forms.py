from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.validators import MaxValueValidator, MinValueValidator

from accounts.models import QUIET_FIELDS, User, available_time_zones, normalize_email


class EmailNormalizingMixin:
    def clean_email(self):
        email = normalize_email(self.cleaned_data.get("email"))
        taken = User.objects.filter(email=email)
        if self.instance_pk is not None:
            taken = taken.exclude(pk=self.instance_pk)
        if taken.exists():
            raise forms.ValidationError("An account with this email address already exists.")
        return email


NAME_MISSING = "Enter your name: it signs the messages Onward drafts for you."


class NameMixin:
    """The name drafts sign with: required where it is asked for, spaces tidied. Its
    length is the model's."""

    def require_name(self):
        field = self.fields["name"]
        field.required = True
        field.label = "Your name"
        field.error_messages["required"] = NAME_MISSING
        field.widget.attrs["autocomplete"] = "name"

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if not name and self.fields["name"].required:
            raise forms.ValidationError(NAME_MISSING)
        return name


class SignupForm(NameMixin, EmailNormalizingMixin, auth_forms.BaseUserCreationForm):
    instance_pk = None

    class Meta:
        model = User
        fields = ["name", "email"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}
        help_texts = {"name": "It signs the messages Onward drafts for you, e.g. “Olive Owner”."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_name()
        self.fields["name"].widget.attrs["autofocus"] = True
        self.fields[
            "password1"
        ].help_text = "At least 12 characters; not a common password and not only numbers."


class NameForm(NameMixin, forms.ModelForm):
    """ "Your name, to sign your messages": asked of an account without one, on the
    first page that shows it a draft."""

    class Meta:
        model = User
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_name()
        self.fields["name"].label = "Your name, to sign your messages"
        self.fields["name"].help_text = "Drafts end with it. You can change it in Settings."


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account. "
        "Check both and try again; passwords are case-sensitive.",
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    def get_users(self, email):
        return (
            user
            for user in User.objects.filter(email=normalize_email(email), is_active=True)
            if user.has_usable_password()
        )


def bounded_number(field, model_field):
    """A whole-number field whose bounds, from the model field's validators, are said
    in its input (min, max) and in one message for a number outside them."""
    low = next(v.limit_value for v in model_field.validators if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in model_field.validators if isinstance(v, MaxValueValidator))
    field.widget.attrs.update(min=low, max=high, inputmode="numeric")
    message = f"Enter a whole number from {low} to {high}."
    for key in ("invalid", "min_value", "max_value"):
        field.error_messages[key] = message
    # Checked here with the model's bounds, so the message is this one, not the default.
    field.validators = [MinValueValidator(low, message), MaxValueValidator(high, message)]


def time_zone_choices():
    return [(zone, zone.replace("_", " ")) for zone in sorted(available_time_zones())]


class SettingsForm(NameMixin, forms.ModelForm):
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        help_text="Dates such as “today” and interview times follow this zone.",
        error_messages={
            "invalid_choice": "%(value)s is not a time zone we know. "
            "Pick one from the list, e.g. Europe/London."
        },
    )

    class Meta:
        model = User
        fields = [
            "name",
            "time_zone",
            "keep_in_touch_days",
            *QUIET_FIELDS,
            "digest_enabled",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in QUIET_FIELDS:
            bounded_number(self.fields[name], User._meta.get_field(name))


class EmailChangeForm(EmailNormalizingMixin, forms.Form):
    email = forms.EmailField(
        label="New email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To keep your account safe, confirm it is you.",
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.instance_pk = user.pk
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = super().clean_email()
        if email == self.user.email:
            raise forms.ValidationError("That is already your email address.")
        return email

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password

    def save(self):
        self.user.email = self.cleaned_data["email"]
        self.user.email_confirmed = False
        self.user.save(update_fields=["email", "email_confirmed"])
        return self.user
