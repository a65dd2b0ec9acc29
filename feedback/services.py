"""Work that spans several models: recording a rejection, and the perspective panel."""

from datetime import timedelta

from django.db import transaction
from django.db.models import DateField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.forms.models import construct_instance
from django.template.loader import render_to_string
from django.utils import timezone

from applications.models import ACTIVE_STAGES, Application, Company, Interview, Stage
from core import limits
from core.days import months_after
from core.locking import lock
from feedback.base_rates import BASE_RATES
from feedback.models import Lesson, Rejection

# After a "no", a company is worth trying again this many months on (editable per company).
REAPPLY_AFTER_MONTHS = 6

# A rejection "led somewhere" when an interview elsewhere followed within this many days.
FOLLOWED_WITHIN_DAYS = 30

# When step 1 shows one of the person's own numbers: only once it says something kind
# and true. Below these, the panel leans on what is true for most job seekers
# (feedback/base_rates.py) rather than showing a zero or a lonely one.
SHOW_ACTIVE_FROM = 3  # applications still open
SHOW_INTERVIEWS_FROM = 1  # interviews in the last 30 days
SHOW_REJECTIONS_FROM = 5  # rejections so far, and at least one followed by an interview
SHOW_REJECTIONS_FOLLOWED_FROM = 1
SHOW_LESSONS_FROM = 1  # lessons done


def reflection_prompt(rejection):
    """One of step 1's prompts, rotating per rejection. The wording lives in
    templates/feedback/messages/reflection_prompts.txt, one prompt a line."""
    text = render_to_string("feedback/messages/reflection_prompts.txt")
    prompts = [line.strip() for line in text.splitlines() if line.strip()]
    return prompts[rejection.pk % len(prompts)]


@transaction.atomic
def record_rejection(application, form):
    """Saves the rejection form for an application and moves it to rejected through the
    one stage-move method, so the timeline keeps the furthest stage reached. Recording
    again edits the same rejection. Returns (rejection, created).

    The application is locked first: a second POST racing this one (a double click)
    waits, then finds the rejection this one wrote, and edits it."""
    lock(Application.objects.filter(pk=application.pk))
    if form.instance.pk is None:
        existing = Rejection.objects.filter(application=application).first()
        if existing is not None:
            form.instance = construct_instance(form, existing, form._meta.fields)
    created = form.instance.pk is None
    rejection = form.save(commit=False)
    rejection.application = application
    rejection.save()
    if application.stage != Stage.REJECTED:
        application.move_to(Stage.REJECTED, note="Rejection recorded")
    note_reapply_from(application.company_id, rejection.received_on)
    return rejection, created


def reapply_day(received_on):
    """The day applying again makes sense after a "no" received on `received_on`."""
    return min(months_after(received_on, REAPPLY_AFTER_MONTHS), limits.LATEST_DAY)


def note_reapply_from(company_id, received_on):
    """The company's reapply_from becomes REAPPLY_AFTER_MONTHS after the rejection, never
    earlier than it already is: a second "no" can push it on, an older one never pulls
    it back. A blank one (the person chose no wait) is set afresh by a new rejection.
    `company_id` may be a query of company ids: each of them, in one UPDATE."""
    day = reapply_day(received_on)
    ids = {"pk": company_id} if isinstance(company_id, int) else {"pk__in": company_id}
    Company.objects.filter(**ids).filter(
        Q(reapply_from__isnull=True) | Q(reapply_from__lt=day)
    ).update(reapply_from=day, updated_at=timezone.now())


def perspective(user):
    """The numbers of step 1's perspective panel, from the user's own data, in a few
    aggregate queries whatever the size of the account."""
    now = timezone.now()
    interviews = Interview.objects.for_user(user)
    # A rejection that "led somewhere": an interview for another application of theirs
    # took place within 30 days of it.
    interview_after = interviews.filter(
        starts_at__date__gte=OuterRef("received_on"),
        starts_at__date__lte=OuterRef("window_end"),
    ).exclude(application=OuterRef("application"))
    rejections = Rejection.objects.for_user(user)
    followed = (
        rejections.annotate(
            window_end=ExpressionWrapper(
                F("received_on") + timedelta(days=FOLLOWED_WITHIN_DAYS), output_field=DateField()
            )
        )
        .filter(Exists(interview_after))
        .count()
    )
    numbers = {
        "active": Application.objects.for_user(user).filter(stage__in=ACTIVE_STAGES).count(),
        "interviews_30_days": interviews.filter(
            starts_at__gte=now - timedelta(days=30), starts_at__lte=now
        ).count(),
        "rejections": rejections.count(),
        "rejections_followed": followed,
        "followed_within_days": FOLLOWED_WITHIN_DAYS,
        "lessons_done": Lesson.objects.for_user(user).filter(status=Lesson.Status.DONE).count(),
    }
    return numbers | {"shown": shown_numbers(numbers), "base_rates": BASE_RATES}


def shown_numbers(numbers):
    """Which of the person's own numbers step 1 shows: those past their SHOW_* threshold,
    by name, in the order the page lists them."""
    shown = {
        "active": numbers["active"] >= SHOW_ACTIVE_FROM,
        "interviews_30_days": numbers["interviews_30_days"] >= SHOW_INTERVIEWS_FROM,
        "rejections_followed": numbers["rejections"] >= SHOW_REJECTIONS_FROM
        and numbers["rejections_followed"] >= SHOW_REJECTIONS_FOLLOWED_FROM,
        "lessons_done": numbers["lessons_done"] >= SHOW_LESSONS_FROM,
    }
    return {name: True for name, show in shown.items() if show}
