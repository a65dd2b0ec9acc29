from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from applications.models import Application, Stage
from contacts.models import Contact
from core.limits import validate_day, validate_moment
from core.links import object_url
from core.models import ChoiceLabels
from core.owned import OwnedQuerySet


class StepState(models.TextChoices):
    TODO = "todo", "To do"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


FINISHED_STATES = [StepState.DONE, StepState.SKIPPED]


class Step(models.TextChoices):
    """The three steps, named as their URLs and state fields are."""

    REFLECT = "reflect", "Don’t take it personally"
    FEEDBACK = "feedback", "Ask for feedback"
    BRIDGES = "bridges", "Keep the bridge"


class RejectionQuerySet(OwnedQuerySet):
    def steps_open(self):
        return self.exclude(
            reflect_state__in=FINISHED_STATES,
            feedback_state__in=FINISHED_STATES,
            bridges_state__in=FINISHED_STATES,
        )

    def handled(self):
        return self.filter(
            reflect_state__in=FINISHED_STATES,
            feedback_state__in=FINISHED_STATES,
            bridges_state__in=FINISHED_STATES,
        )


class Rejection(ChoiceLabels, models.Model):
    class AtStage(models.TextChoices):
        CV = "cv", "CV / application"
        SCREENING = "screening", "Screening call"
        INTERVIEW = "interview", "Interview"
        FINAL_ROUND = "final_round", "Final round"
        OFFER = "offer", "Offer stage"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        PORTAL = "portal", "Job portal"
        IN_PERSON = "in_person", "In person"
        # Ghosting is a "no" too: no message came (feedback/silence.py).
        NO_RESPONSE = "no_response", "No response"

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="rejection"
    )
    # The application's owner, kept here by save() (and by the bulk writers: account
    # import, seed_demo): a user's rejections and their feedback requests are read from
    # (owner, …) indexes, not joined through every user's applications.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    received_on = models.DateField("received on", validators=[validate_day])
    at_stage = models.CharField("at which stage", max_length=20, choices=AtStage)
    channel = models.CharField(max_length=20, choices=Channel, default=Channel.EMAIL)
    reason_given = models.TextField("reason given", blank=True, max_length=5_000)
    message = models.TextField(
        "their message", blank=True, max_length=20_000, help_text="Paste it here to keep it."
    )
    # Who sent the "no", when Onward knows: drafts are addressed to them.
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rejections_sent",
        verbose_name="who told you",
    )
    # The subject of the email, when the "no" was pasted: a reply to it says "Re: …".
    email_subject = models.CharField("email subject", max_length=300, blank=True)
    # Sent by a no-reply address or an applicant tracking system: a feedback request
    # needs a human address first.
    sender_automated = models.BooleanField("sent automatically", default=False)
    reflect_state = models.CharField(max_length=20, choices=StepState, default=StepState.TODO)
    reflect_skip_reason = models.CharField(max_length=500, blank=True)
    feedback_state = models.CharField(max_length=20, choices=StepState, default=StepState.TODO)
    feedback_skip_reason = models.CharField(max_length=500, blank=True)
    bridges_state = models.CharField(max_length=20, choices=StepState, default=StepState.TODO)
    bridges_skip_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    objects = RejectionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["owner", "updated_at"], name="rejection_owner_updated"),
            models.Index(fields=["-received_on"]),
            # /insights/ counts a user's rejections per stage from this index alone.
            models.Index(fields=["owner", "at_stage"], name="rejection_owner_stage"),
            models.Index(fields=["owner", "-received_on"]),
        ]

    def __str__(self):
        return f"Rejection for {self.application}"

    def save(self, *args, **kwargs):
        if self.owner_id is None:
            self.owner_id = self.application.owner_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("rejections:detail", self.pk)

    @staticmethod
    def at_stage_for(stage):
        """Where an application stood, as a rejection's at_stage."""
        return {
            Stage.SCREENING: Rejection.AtStage.SCREENING,
            Stage.INTERVIEWING: Rejection.AtStage.INTERVIEW,
            Stage.OFFER: Rejection.AtStage.OFFER,
        }.get(stage, Rejection.AtStage.CV)

    @property
    def after_interviews(self):
        return self.at_stage in (
            self.AtStage.INTERVIEW,
            self.AtStage.FINAL_ROUND,
            self.AtStage.OFFER,
        )

    def state_of(self, step):
        return StepState(getattr(self, f"{Step(step)}_state"))

    def skip_reason_of(self, step):
        return getattr(self, f"{Step(step)}_skip_reason")

    def steps(self):
        """The three steps with their state, in order, for templates."""
        return [
            {
                **badge,
                "skip_reason": self.skip_reason_of(badge["step"]),
                "url": reverse(f"rejections:{badge['step']}", args=[self.pk]),
            }
            for badge in self.step_badges()
        ]

    def step_badges(self):
        """The three steps and their states, in order: what a list row shows."""
        return [{"step": step, "state": self.state_of(step)} for step in Step]

    def next_step(self):
        """The first step that is neither done nor skipped, or None when all are."""
        for step in Step:
            if self.state_of(step) not in FINISHED_STATES:
                return step
        return None

    @property
    def is_handled(self):
        return self.next_step() is None

    def set_state(self, step, state, skip_reason=""):
        step = Step(step)
        setattr(self, f"{step}_state", StepState(state))
        setattr(self, f"{step}_skip_reason", skip_reason if state == StepState.SKIPPED else "")
        self.save(update_fields=[f"{step}_state", f"{step}_skip_reason", "updated_at"])

    def advance(self, step, state):
        """Moves a step forward to `state`, never back: a step that is done stays done."""
        order = [StepState.TODO, StepState.IN_PROGRESS, StepState.DONE]
        current = self.state_of(step)
        if current == StepState.SKIPPED or order.index(state) > order.index(current):
            self.set_state(step, state)


class Reflection(models.Model):
    rejection = models.OneToOneField(Rejection, on_delete=models.CASCADE, related_name="reflection")
    # The rejection's owner, kept here by save() (and by the bulk writers): /insights/
    # reads a user's moods per month from (owner, created_at), not from every user's.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    feelings = models.TextField("how you feel", blank=True, max_length=10_000)
    mood = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        null=True,
        blank=True,
        help_text="1 is low, 5 is fine.",
    )
    reframe = models.TextField("a kinder way to see it", blank=True, max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    class Meta:
        # /insights/ counts the moods of a user's months from this index alone.
        indexes = [
            models.Index(
                fields=["owner", "created_at", "mood"], name="reflection_owner_created_mood"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mood__isnull=True) | Q(mood__gte=1, mood__lte=5),
                name="reflection_mood_1_to_5",
                violation_error_message="Mood is a number from 1 to 5.",
            )
        ]

    def __str__(self):
        return f"Reflection on {self.rejection}"

    def save(self, *args, **kwargs):
        if self.owner_id is None:
            self.owner_id = self.rejection.owner_id
        super().save(*args, **kwargs)


# A request or a question with no answer is followed up this many days after it went out.
FOLLOW_UP_AFTER_DAYS = 7


class FeedbackRequestQuerySet(OwnedQuerySet):
    def awaiting_answer(self):
        return self.filter(status=FeedbackRequest.Status.SENT)


class FeedbackRequest(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent, waiting"
        RECEIVED = "received", "Answer received"
        DECLINED = "declined", "Declined to say"
        NO_RESPONSE = "no_response", "No response"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        LINKEDIN = "linkedin", "LinkedIn message"
        PHONE = "phone", "Phone"
        OTHER = "other", "Other"

    rejection = models.ForeignKey(
        Rejection, on_delete=models.CASCADE, related_name="feedback_requests"
    )
    # The rejection's owner, kept here by save() (and by the bulk writers).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_requests",
    )
    channel = models.CharField(max_length=20, choices=Channel, default=Channel.EMAIL)
    message = models.TextField(max_length=10_000)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    # When to send a draft: recruiters advise 24 to 48 hours after a "no" at interview.
    send_on = models.DateField("send on", null=True, blank=True, validators=[validate_day])
    sent_on = models.DateField("sent on", null=True, blank=True, validators=[validate_day])
    follow_up_on = models.DateField(
        "follow up on", null=True, blank=True, validators=[validate_day]
    )
    received_on = models.DateField(
        "answer received on", null=True, blank=True, validators=[validate_day]
    )
    response = models.TextField("their answer", blank=True, max_length=20_000)
    is_generic = models.BooleanField(
        "the answer is generic",
        default=False,
        help_text="A stock phrase that says nothing you can act on.",
    )
    dig_deeper = models.TextField("dig-deeper question", blank=True, max_length=10_000)
    # The dig-deeper question is a follow-up of the same request, tracked to its answer.
    dig_deeper_sent_on = models.DateField(
        "question sent on", null=True, blank=True, validators=[validate_day]
    )
    dig_deeper_follow_up_on = models.DateField(
        "follow up the question on", null=True, blank=True, validators=[validate_day]
    )
    dig_deeper_answered_on = models.DateField(
        "question answered on", null=True, blank=True, validators=[validate_day]
    )
    dig_deeper_answer = models.TextField(
        "their answer to the question", blank=True, max_length=20_000
    )
    # What the person did that covers what the answer said was missing (a project, a
    # result): the push-back is drafted from it, and only when it is there.
    evidence = models.TextField("your evidence", blank=True, max_length=5_000)
    push_back = models.TextField("polite push-back", blank=True, max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    objects = FeedbackRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "updated_at"], name="request_owner_updated"),
            models.Index(fields=["status", "follow_up_on"]),
            # The list, newest first: a page is read in order, not sorted from all.
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["owner", "-created_at", "-id"]),
            # Reminders: requests sent and waiting, by the day to follow them up.
            models.Index(
                fields=["owner", "follow_up_on"],
                condition=models.Q(status="sent"),
                name="feedback_sent_follow_up",
            ),
            # Reminders: drafts, by the day to send them.
            models.Index(
                fields=["owner", "send_on"],
                condition=models.Q(status="draft"),
                name="feedback_draft_send_on",
            ),
            # Reminders: dig-deeper questions sent and not answered, by the day to
            # follow them up.
            models.Index(
                fields=["owner", "dig_deeper_follow_up_on"],
                condition=models.Q(
                    status="received",
                    dig_deeper_sent_on__isnull=False,
                    dig_deeper_answered_on__isnull=True,
                ),
                name="feedback_question_follow_up",
            ),
            # /insights/ counts a user's requests per status, answer and wait from this
            # index alone.
            models.Index(
                fields=["owner", "status", "is_generic", "sent_on", "received_on"],
                name="feedback_request_yield",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True)
                | Q(sent_on__isnull=True)
                | Q(follow_up_on__gte=F("sent_on")),
                name="feedback_follow_up_not_before_sent",
                violation_error_message="The follow-up date can’t be before the sent date.",
            ),
            models.CheckConstraint(
                condition=Q(dig_deeper_follow_up_on__isnull=True)
                | Q(dig_deeper_sent_on__isnull=True)
                | Q(dig_deeper_follow_up_on__gte=F("dig_deeper_sent_on")),
                name="feedback_question_follow_up_not_before_sent",
                violation_error_message="The follow-up date can’t be before the day the "
                "question was sent.",
            ),
        ]

    def __str__(self):
        who = f" to {self.contact}" if self.contact_id else ""
        return f"Feedback request{who} about {self.rejection.application}"

    def save(self, *args, **kwargs):
        if self.owner_id is None:
            self.owner_id = self.rejection.owner_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("feedback:detail", self.pk)

    def mark_sent(self, sent_on, follow_up_on=None):
        """A draft marked as sent on `sent_on`, to follow up `follow_up_on` (a week later
        by default). False, changing nothing, for a request already sent."""
        if self.status != self.Status.DRAFT:
            return False
        self.status = self.Status.SENT
        self.sent_on = sent_on
        self.follow_up_on = follow_up_on or sent_on + timedelta(days=FOLLOW_UP_AFTER_DAYS)
        self.save(update_fields=["status", "sent_on", "follow_up_on", "updated_at"])
        return True

    @property
    def is_answered(self):
        return self.status in (self.Status.RECEIVED, self.Status.DECLINED, self.Status.NO_RESPONSE)


class LessonQuerySet(OwnedQuerySet):
    def open(self):
        return self.exclude(status=Lesson.Status.DONE)


class Lesson(ChoiceLabels, models.Model):
    class Category(models.TextChoices):
        SKILL = "skill", "A skill to learn"
        QUALIFICATION = "qualification", "A qualification to earn"
        EXPERIENCE = "experience", "Experience to gain"
        CV_PRESENTATION = "cv_presentation", "How the CV presents experience"
        INTERVIEW_CONDUCT = "interview_conduct", "Interview conduct"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons"
    )
    category = models.CharField(max_length=20, choices=Category)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True, max_length=10_000)
    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    rejection = models.ForeignKey(
        Rejection, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    feedback_request = models.ForeignKey(
        FeedbackRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
    )
    target_on = models.DateField(
        "aim to finish by", null=True, blank=True, validators=[validate_day]
    )
    done_on = models.DateField("done on", null=True, blank=True, validators=[validate_day])
    applications = models.ManyToManyField(Application, blank=True, related_name="lessons_addressed")
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_moment])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_moment])

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        # Also what /insights/ counts lessons per kind and status from, alone.
        indexes = [
            models.Index(fields=["owner", "updated_at"], name="lesson_owner_updated"),
            models.Index(fields=["owner", "status", "category"], name="lesson_owner_status_kind"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("lessons:detail", self.pk)

    def move_to(self, status, today):
        self.status = self.Status(status)
        self.done_on = today if self.status == self.Status.DONE else None
        self.save(update_fields=["status", "done_on", "updated_at"])
