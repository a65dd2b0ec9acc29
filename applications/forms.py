import re
from datetime import timedelta

from django import forms
from django.db.models import F, Q
from django.urls import reverse_lazy
from django.utils import timezone

from applications.capture.sanitise import sanitise_description
from applications.capture.tags import normalise_tags
from applications.models import (
    ACTIVE_STAGES,
    CLOSED_STAGES,
    Application,
    Company,
    Interview,
    Stage,
    StageChange,
    clean_company_name,
    company_key,
)
from core.forms import (
    DATE_WIDGET,
    DATETIME_FORMAT,
    EditConflictMixin,
    ModelMultipleChoiceField,
    SubmitOnceMixin,
)
from core.limits import max_length_of
from feedback.models import Lesson


def check_company_key_fits(name):
    """Case-folding can lengthen a name ("ß" becomes "ss"), and the stored case-fold
    has the same limit as the name: refuse here rather than fail in the database."""
    if len(company_key(name)) > Company._meta.get_field("name_key").max_length:
        raise forms.ValidationError("This name is too long. Shorten it a little.")


class ApplicationForm(EditConflictMixin, SubmitOnceMixin, forms.ModelForm):
    """Add or edit an application. The company is typed as text and matched against
    the user's companies (case-insensitively) or created: the form never takes an id."""

    company = forms.CharField(
        label="Company",
        max_length=max_length_of(Company, "name"),
        widget=forms.TextInput(
            attrs={
                "list": "company-suggestions",
                "autocomplete": "off",
                # Where JavaScript runs, show what the user knows about a company that
                # said no before (feedback's re-engagement panel).
                "hx-get": reverse_lazy("applications:reengagement"),
                "hx-trigger": "change",
                "hx-target": "#reengagement",
            }
        ),
        help_text="Pick one of yours or type a new name.",
    )
    lessons = ModelMultipleChoiceField(
        label="Lessons addressed in this application",
        queryset=Lesson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Your open lessons: tick those this application puts into practice.",
        error_messages={"invalid_choice": "Pick lessons from your own open lessons."},
    )

    field_order = ["company", "title"]

    class Meta:
        model = Application
        # `company` is declared above as text, not the model's foreign key.
        fields = [
            "title",
            "stage",
            "job_url",
            "location",
            "work_mode",
            "employment_type",
            "source",
            "salary_min",
            "salary_max",
            "currency",
            "salary_period",
            "applied_on",
            "follow_up_on",
            "closing_on",
            "excitement",
            "tags",
            "notes",
            "description",
        ]
        widgets = {
            "applied_on": DATE_WIDGET,
            "follow_up_on": DATE_WIDGET,
            "closing_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
            "tags": forms.TextInput(attrs={"placeholder": "e.g. remote, python"}),
            "job_url": forms.URLInput(attrs={"placeholder": "https://"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "currency": forms.TextInput(attrs={"size": 3, "autocapitalize": "characters"}),
        }
        error_messages = {
            "job_url": {"invalid": "Enter the full address of the job advert, starting https://"},
            "stage": {"invalid_choice": "Pick a stage from the list."},
            "description": {
                "max_length": "This description is %(show_value)s characters long; at most "
                "%(limit_value)s fit. Keep the part about the job."
            },
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Stage moves go through the stage form, which writes the timeline.
            del self.fields["stage"]
            self.initial.setdefault("company", self.instance.company.name)
        else:
            self.initial.setdefault("applied_on", user.today)
        self.fields["salary_min"].widget.attrs["min"] = 0
        self.fields["salary_max"].widget.attrs["min"] = 0
        self.offer_lessons()

    def offer_lessons(self):
        """The user's open lessons, plus those this application already addressed; no
        checklist at all when there is nothing to tick."""
        offered = Q(status__in=[Lesson.Status.OPEN, Lesson.Status.IN_PROGRESS])
        if self.instance.pk:
            addressed = self.instance.lessons_addressed.values_list("pk", flat=True)
            offered |= Q(pk__in=addressed)
            self.initial.setdefault("lessons", list(addressed))
        lessons = Lesson.objects.for_user(self.user).filter(offered).order_by("title", "pk")
        if lessons.exists():
            self.fields["lessons"].queryset = lessons
        else:
            del self.fields["lessons"]

    def company_suggestions(self):
        return Company.objects.for_user(self.user).values_list("name", flat=True)

    def clean_company(self):
        name = clean_company_name(self.cleaned_data["company"])
        if not company_key(name):
            raise forms.ValidationError("Enter the company’s name.")
        check_company_key_fits(name)
        return name

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if currency and not re.fullmatch(r"[A-Z]{3}", currency):
            raise forms.ValidationError("Use a three-letter currency code, such as EUR or USD.")
        return currency

    def clean_tags(self):
        tags = normalise_tags(self.cleaned_data["tags"])
        if len(tags) > Application._meta.get_field("tags").max_length:
            raise forms.ValidationError("These tags are too long together. Use fewer.")
        return tags

    def clean_description(self):
        return sanitise_description(self.cleaned_data["description"])

    def clean_applied_on(self):
        applied_on = self.cleaned_data["applied_on"]
        if applied_on and applied_on > self.user.today() + timedelta(days=1):
            raise forms.ValidationError(
                "The applied date can’t be in the future. Leave it empty if you haven’t "
                "applied yet."
            )
        return applied_on

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The maximum can’t be below the minimum.")
        return cleaned

    def _get_validation_exclusions(self):
        # The model's company is only set in save(), from the typed name.
        exclude = super()._get_validation_exclusions()
        exclude.add("company")
        return exclude

    def fill_in(self, application):
        application.owner = self.user
        application.company = Company.for_name(self.user, self.cleaned_data["company"])

    def _save_m2m(self):
        super()._save_m2m()
        if "lessons" in self.fields:
            self.instance.lessons_addressed.set(self.cleaned_data["lessons"])


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label="Move to",
        choices=Stage.choices,
        error_messages={"invalid_choice": "“%(value)s” is not a stage. Pick one from the list."},
    )
    note = forms.CharField(
        label="Note", max_length=max_length_of(StageChange, "note"), required=False
    )


class UndoForm(forms.Form):
    """Which move to undo: the timeline row the message after a move names."""

    NOTHING_TO_UNDO = "There is no move to undo."

    change = forms.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": NOTHING_TO_UNDO,
            "invalid": NOTHING_TO_UNDO,
            "min_value": NOTHING_TO_UNDO,
            "max_value": NOTHING_TO_UNDO,
        },
    )


class ApplicationFilterForm(forms.Form):
    SORTS = {
        "updated": ("-updated_at", "-pk"),
        # Never applied for goes last on every database (PostgreSQL puts NULLs
        # first in a descending sort, SQLite last).
        "applied": (F("applied_on").desc(nulls_last=True), "-pk"),
        "company": ("company__name_key", "title", "pk"),
    }
    GROUPS = {"active": ACTIVE_STAGES, "closed": CLOSED_STAGES}

    q = forms.CharField(label="Search", max_length=200, required=False)
    tag = forms.CharField(label="Tag", max_length=40, required=False)
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[
            ("", "All stages"),
            ("active", "Active"),
            ("closed", "Closed"),
            *Stage.choices,
        ],
        error_messages={"invalid_choice": "“%(value)s” is not a stage. Showing all stages."},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("updated", "Recently updated"),
            ("applied", "Applied date"),
            ("company", "Company"),
        ],
        error_messages={"invalid_choice": "Unknown sort order. Showing recently updated first."},
    )

    def filter(self, queryset):
        """The queryset narrowed by whatever parts of the form are valid."""
        self.is_valid()
        data = self.cleaned_data  # the valid parts; an invalid one is left out
        stage = data.get("stage")
        if stage in self.GROUPS:
            queryset = queryset.filter(stage__in=self.GROUPS[stage])
        elif stage:
            queryset = queryset.filter(stage=stage)
        queryset = queryset.search(data.get("q"))
        if data.get("tag"):
            queryset = queryset.tagged(data["tag"])
        return queryset.order_by(*self.SORTS.get(data.get("sort") or "updated"))


class InterviewForm(EditConflictMixin, SubmitOnceMixin, forms.ModelForm):
    starts_at = forms.DateTimeField(
        label="Starts at",
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text="In your time zone.",
        error_messages={"invalid": "Enter a date and time, such as 2026-03-14 09:30."},
    )

    class Meta:
        model = Interview
        fields = ["starts_at", "kind", "with_whom", "outcome", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_starts_at(self):
        # The range every date keeps (1970 to 2100) is the model field's validator;
        # an interview is planned at most three years ahead.
        starts_at = self.cleaned_data["starts_at"]
        if starts_at > timezone.now() + timedelta(days=3 * 365):
            raise forms.ValidationError("Enter a date within the next three years.")
        return starts_at


class CompanyForm(EditConflictMixin, forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "website", "reapply_from", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "reapply_from": DATE_WIDGET,
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = clean_company_name(self.cleaned_data["name"])
        check_company_key_fits(name)
        clash = Company.objects.for_user(self.user).filter(name_key=company_key(name))
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                "You already have a company with this name. Merge the two instead."
            )
        return name


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label="Merge into",
        queryset=Company.objects.none(),
        empty_label="Pick a company",
        error_messages={"invalid_choice": "Pick one of your other companies."},
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Company.objects.for_user(company.owner).exclude(pk=company.pk).order_by("name_key")
        )
