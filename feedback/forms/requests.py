"""Step 2's forms: ask for feedback, mark the request sent, record the answer."""

from datetime import timedelta

from django import forms

from contacts.models import Contact
from core.forms import DATE_WIDGET
from core.limits import days_later, max_length_of
from feedback.guidance import suggested_send_on
from feedback.models import FOLLOW_UP_AFTER_DAYS, FeedbackRequest, Rejection
from feedback.stock_answers import is_generic


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, contact):
        role = contact.title or contact.get_relation_display().lower()
        return f"{contact.name} ({role})"


class FeedbackRequestForm(forms.ModelForm):
    """Who to ask (one of the company's contacts, someone new, or nobody named yet),
    the channel, and the drafted message. A new person becomes a Contact of the
    company; the form never reaches another user's contacts."""

    contact = ContactChoiceField(
        label="Who to ask",
        queryset=Contact.objects.none(),
        required=False,
        empty_label="Nobody named yet",
        error_messages={"invalid_choice": "Pick one of your contacts at this company."},
    )
    contact_name = forms.CharField(
        label="Name", max_length=max_length_of(Contact, "name"), required=False
    )
    contact_email = forms.EmailField(
        label="Email",
        max_length=max_length_of(Contact, "email"),
        required=False,
        error_messages={"invalid": "Enter an email address such as jane@example.org."},
    )
    contact_relation = forms.ChoiceField(
        label="Their role",
        choices=Contact.Relation.choices,
        initial=Contact.Relation.RECRUITER,
        required=False,
    )

    field_order = ["contact", "contact_name", "contact_email", "contact_relation"]

    class Meta:
        model = FeedbackRequest
        fields = ["contact", "channel", "message", "sent_on"]
        widgets = {"message": forms.Textarea(attrs={"rows": 15}), "sent_on": DATE_WIDGET}
        labels = {"sent_on": "Sent on"}
        help_texts = {
            "message": "Edit it freely. Onward sends nothing: you send it yourself.",
            "sent_on": "Today, unless you sent it on another day.",
        }
        error_messages = {
            "message": {"required": "Write the message, or start again from the draft."},
            "channel": {"invalid_choice": "Pick how you will ask."},
        }

    def __init__(self, *args, rejection, user, sending=False, **kwargs):
        """`sending`: the person says "I sent it", so the request is saved as sent on
        `sent_on` (required, not in the future), with its follow-up a week later."""
        self.rejection = rejection
        self.user = user
        self.sending = sending
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].required = sending
        self.fields["sent_on"].error_messages["required"] = "Enter the day you sent it."
        self.fields["contact"].queryset = self.company_contacts(user, rejection)
        self.fields["contact"].label = f"One of your contacts at {rejection.application.company}"

    @staticmethod
    def company_contacts(user, rejection):
        return Contact.objects.for_user(user).filter(company_id=rejection.application.company_id)

    def has_new_contact(self):
        return bool((self.cleaned_data.get("contact_name") or "").strip())

    def clean_contact_name(self):
        return " ".join((self.cleaned_data.get("contact_name") or "").split())

    def clean_sent_on(self):
        sent_on = self.cleaned_data.get("sent_on")
        if not self.sending:
            return None
        if sent_on > self.user.today() + timedelta(days=1):
            raise forms.ValidationError("The sent date can’t be in the future.")
        if sent_on < self.rejection.received_on:
            raise forms.ValidationError("The request can’t go out before the “no” came.")
        return sent_on

    def clean(self):
        cleaned = super().clean()
        new_name = cleaned.get("contact_name")
        if cleaned.get("contact") and new_name:
            self.add_error(
                "contact_name",
                "You picked a contact above. Clear this name, or set “Who to ask” to "
                "“Nobody named yet” to add someone new.",
            )
        elif not new_name and cleaned.get("contact_email"):
            self.add_error("contact_name", "Enter the person’s name to add them.")
        return cleaned

    def recipient(self):
        """The contact the message greets: the one picked, or an unsaved new one."""
        if self.cleaned_data.get("contact"):
            return self.cleaned_data["contact"]
        if self.has_new_contact():
            return Contact(
                owner=self.user,
                company=self.rejection.application.company,
                name=self.cleaned_data["contact_name"],
                email=self.cleaned_data.get("contact_email") or "",
                relation=self.cleaned_data.get("contact_relation") or Contact.Relation.RECRUITER,
                # Someone who might give feedback is someone to keep in touch with.
                keep_in_touch_days=self.user.keep_in_touch_days,
            )
        return None

    def save(self, commit=True):
        request = super().save(commit=False)
        request.rejection = self.rejection
        if self.sending:
            request.status = FeedbackRequest.Status.SENT
            request.follow_up_on = request.sent_on + timedelta(days=FOLLOW_UP_AFTER_DAYS)
        else:
            request.status = FeedbackRequest.Status.DRAFT
        if request.send_on is None and not self.sending:  # after interviews: a day or two later
            request.send_on = suggested_send_on(self.rejection, self.user.today())
        contact = self.recipient()
        if contact is not None and contact.pk is None:
            contact = self.existing_contact(contact) or contact
            if contact.pk is None:
                contact.save()
        request.contact = contact
        if commit:
            request.save()
        return request

    def existing_contact(self, new):
        """The same person when their email is already among the company's contacts."""
        if not new.email:
            return None
        return (
            self.company_contacts(self.user, self.rejection).filter(email__iexact=new.email).first()
        )


class NobodyToAskForm(forms.Form):
    """Step 2 can also end with "nobody can be asked", and why."""

    reason = forms.CharField(
        label="Why can nobody be asked?",
        max_length=max_length_of(Rejection, "feedback_skip_reason"),
        widget=forms.TextInput(
            attrs={"placeholder": "e.g. An automated no-reply from a job portal"}
        ),
        error_messages={"required": "Say in a few words why nobody can be asked."},
    )


class MarkSentForm(forms.ModelForm):
    """When it went out, and when to follow up (a week later unless changed)."""

    class Meta:
        model = FeedbackRequest
        fields = ["sent_on", "follow_up_on"]
        widgets = {"sent_on": DATE_WIDGET, "follow_up_on": DATE_WIDGET}
        help_texts = {
            "follow_up_on": f"Left empty, {FOLLOW_UP_AFTER_DAYS} days after it was sent.",
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].required = True
        self.fields["sent_on"].error_messages["required"] = "Enter the day you sent it."
        if self.instance.sent_on is None:
            today = user.today()
            self.initial["sent_on"] = today
            self.initial["follow_up_on"] = today + timedelta(days=FOLLOW_UP_AFTER_DAYS)

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on > self.user.today() + timedelta(days=1):
            raise forms.ValidationError("The sent date can’t be in the future.")
        return sent_on

    def clean(self):
        cleaned = super().clean()
        sent_on, follow_up_on = cleaned.get("sent_on"), cleaned.get("follow_up_on")
        if sent_on and follow_up_on is None and "follow_up_on" not in self.errors:
            cleaned["follow_up_on"] = days_later(sent_on, FOLLOW_UP_AFTER_DAYS)
        elif sent_on and follow_up_on and follow_up_on < sent_on:
            self.add_error("follow_up_on", "The follow-up date can’t be before the sent date.")
        return cleaned

    def save(self, commit=True):
        request = super().save(commit=False)
        if request.status == FeedbackRequest.Status.DRAFT:
            request.status = FeedbackRequest.Status.SENT
        if commit:
            request.save()
        return request


ANSWER_CHOICES = [
    (FeedbackRequest.Status.RECEIVED, "They answered"),
    (FeedbackRequest.Status.DECLINED, "They declined to give feedback"),
    (FeedbackRequest.Status.NO_RESPONSE, "No response"),
]


class AnswerForm(forms.ModelForm):
    """What came back. "The answer is generic" is only offered once Onward has looked at
    an answer; until then it is detected, and afterwards what the person ticks wins."""

    status = forms.ChoiceField(
        label="What came back",
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick what came back.",
            "invalid_choice": "Pick what came back from the list.",
        },
    )

    class Meta:
        model = FeedbackRequest
        fields = ["status", "received_on", "response", "is_generic"]
        widgets = {
            "received_on": DATE_WIDGET,
            "response": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "response": "Paste their answer, or write down what they said on the phone.",
            "is_generic": "Onward ticks this when it spots a stock phrase. Untick it if the "
            "answer tells you something you can act on.",
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.previous_response = self.instance.response
        self.previous_generic = self.instance.is_generic
        if not self.detection_shown():
            del self.fields["is_generic"]
        if self.instance.status not in dict(ANSWER_CHOICES):
            self.initial["status"] = FeedbackRequest.Status.RECEIVED
        if self.instance.received_on is None:
            self.initial["received_on"] = user.today()

    def detection_shown(self):
        """The checkbox appears once a received answer has been looked at."""
        return self.instance.status == FeedbackRequest.Status.RECEIVED and bool(
            self.instance.response.strip()
        )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        received_on = cleaned.get("received_on")
        if self.instance.status == FeedbackRequest.Status.DRAFT:
            raise forms.ValidationError("Mark the request as sent before recording the answer.")
        if status == FeedbackRequest.Status.RECEIVED and not cleaned.get("response", "").strip():
            self.add_error(
                "response",
                "Write down what they said, or pick “They declined to give feedback”.",
            )
        if status == FeedbackRequest.Status.NO_RESPONSE:
            cleaned["received_on"] = None
        elif status and received_on is None and "received_on" not in self.errors:
            self.add_error("received_on", "Enter the day their answer came.")
        elif received_on and self.instance.sent_on and received_on < self.instance.sent_on:
            self.add_error("received_on", "The answer can’t come before the request was sent.")
        elif received_on and received_on > self.user.today() + timedelta(days=1):
            self.add_error("received_on", "The answer date can’t be in the future.")
        return cleaned

    def save(self, commit=True):
        request = super().save(commit=False)
        request.response = request.response.strip()
        if request.status != FeedbackRequest.Status.RECEIVED:
            request.is_generic = False
        elif not self.keeps_users_choice(request):
            request.is_generic = is_generic(request.response)
        if commit:
            request.save()
        return request

    def keeps_users_choice(self, request):
        """Whether the ticked box stands instead of detection: they changed the box Onward
        had set, or left it and the answer alone. A new answer with the box untouched is
        looked at afresh."""
        if "is_generic" not in self.fields:
            return False
        if self.cleaned_data["is_generic"] != self.previous_generic:
            return True
        return request.response == self.previous_response.strip()


class RequestFilterForm(forms.Form):
    DUE = "due"

    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            ("", "All requests"),
            (DUE, "Follow-up due"),
            *FeedbackRequest.Status.choices,
        ],
        error_messages={"invalid_choice": "“%(value)s” is not a status. Showing all requests."},
    )

    def filter(self, queryset, today):
        """The queryset narrowed by the status picked; an unknown one shows everything."""
        self.is_valid()
        status = self.cleaned_data.get("status")
        if status == self.DUE:
            queryset = queryset.awaiting_answer().filter(follow_up_on__lte=today)
        elif status:
            queryset = queryset.filter(status=status)
        return queryset.order_by("-created_at", "-pk")
