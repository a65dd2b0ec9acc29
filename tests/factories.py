from datetime import timedelta
from itertools import pairwise

import factory
from django.utils import timezone

from accounts.models import User
from applications.models import (
    Application,
    Company,
    Interview,
    Stage,
    StageChange,
    rank,
    reached_rank,
)

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CompanyFactory(factory.django.DjangoModelFactory):
    """Goes through Company.save(), which sets the case-folded name_key."""

    class Meta:
        model = Company

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Company {n}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """Goes through Application.save(), which writes the initial StageChange."""

    class Meta:
        model = Application

    owner = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory, owner=factory.SelfAttribute("..owner"))
    title = factory.Sequence(lambda n: f"Role {n}")
    stage = Stage.APPLIED


class StageChangeFactory(factory.django.DjangoModelFactory):
    """A timeline row written directly, e.g. to backdate a move; code under test
    writes them through Application.move_to()."""

    class Meta:
        model = StageChange

    application = factory.SubFactory(ApplicationFactory)
    from_stage = Stage.APPLIED
    to_stage = Stage.SCREENING

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Keeps what move_to() keeps: the furthest stage reached and, when the row is the
        newest, the stage it moved to and when."""
        change = super()._create(model_class, *args, **kwargs)
        application = change.application
        application.reached = max(application.reached, rank(change.to_stage))
        if change.changed_at >= application.stage_changed_at:
            application.stage = change.to_stage
            application.stage_changed_at = change.changed_at
        application.save(update_fields=["stage", "reached", "stage_changed_at"])
        Application.objects.filter(pk=application.pk).refresh_news()
        application.refresh_from_db(fields=["news_at"])
        return change


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    application = factory.SubFactory(ApplicationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    kind = Interview.Kind.VIDEO


COMPANY_NAMES = ["Globex", "Initech", "Ünion Bank", "Hooli", "Stark Industries", "Umbrella"]
ROLES = ["Data engineer", "Backend developer", "Product analyst", "Site reliability engineer"]
PLACES = ["Berlin", "Lisbon", "Remote", "London", "Toronto"]
# Where each stage's application went on the way there.
PATHS = {
    Stage.SAVED: [Stage.SAVED],
    Stage.APPLIED: [Stage.SAVED, Stage.APPLIED],
    Stage.SCREENING: [Stage.APPLIED, Stage.SCREENING],
    Stage.INTERVIEWING: [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING],
    Stage.OFFER: [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER],
    Stage.ACCEPTED: [Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED],
    Stage.REJECTED: [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.REJECTED],
    Stage.WITHDRAWN: [Stage.SAVED, Stage.APPLIED, Stage.WITHDRAWN],
    Stage.NO_RESPONSE: [Stage.APPLIED, Stage.NO_RESPONSE],
}


def build_pipeline(owner, count):
    """`count` more applications for `owner`, as a real search looks: every stage,
    about three applications per company, a stage history for each, interviews (past
    and upcoming) where the stage had them, some follow-ups due. Later calls add to
    the same companies, so a page can be measured before and after growing."""
    now = timezone.now()
    start = Application.objects.filter(owner=owner).count()
    stages = list(Stage)
    changes, interviews, moved = [], [], []
    for number in range(start, start + count):
        path = PATHS[stages[number % len(stages)]]
        company = Company.for_name(owner, f"{COMPANY_NAMES[number % 6]} {number // 18}")
        began = now - timedelta(days=60 - number % 50, hours=number)
        application = ApplicationFactory(
            owner=owner,
            company=company,
            title=f"{ROLES[number % len(ROLES)]} {number}",
            stage=path[0],
            location=PLACES[number % len(PLACES)],
            notes=f"Heard about it from a friend. Application {number}.",
            salary_min=50_000 + number,
            salary_max=70_000 + number,
            currency="EUR",
            applied_on=None if path[-1] == Stage.SAVED else began.date(),
            follow_up_on=(now + timedelta(days=number % 7 - 3)).date(),
        )
        StageChange.objects.filter(application=application).update(changed_at=began)
        application.stage_changed_at = began
        for step, (before, after) in enumerate(pairwise(path), start=1):
            changes.append(
                StageChange(
                    application=application,
                    from_stage=before,
                    to_stage=after,
                    changed_at=began + timedelta(days=4 * step),
                    note="Recruiter called" if after == Stage.SCREENING else "",
                )
            )
            application.stage_changed_at = changes[-1].changed_at
        if Stage.INTERVIEWING in path:
            for offset in (-5, 3 + number % 10):
                interviews.append(
                    Interview(
                        application=application,
                        owner_id=application.owner_id,
                        starts_at=now + timedelta(days=offset, hours=number % 8),
                        kind=Interview.Kind.VIDEO,
                        with_whom="Hiring manager",
                    )
                )
        application.stage = path[-1]
        application.reached = reached_rank(path)  # as move_to() keeps it
        moved.append(application)
    StageChange.objects.bulk_create(changes)
    Interview.objects.bulk_create(interviews)
    Application.objects.bulk_update(moved, ["stage", "stage_changed_at", "reached"])
    Application.objects.filter(pk__in=[application.pk for application in moved]).refresh_news()
    return moved


# Contacts and rejections. Models named as "app.Model" strings, so this block needs no
# imports of its own at the top of the file.


class ContactFactory(factory.django.DjangoModelFactory):
    """Goes through Contact.save(), which computes next_check_in_on."""

    class Meta:
        model = "contacts.Contact"

    owner = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory, owner=factory.SelfAttribute("..owner"))
    name = factory.Sequence(lambda n: f"Person {n}")
    relation = "recruiter"
    email = factory.Sequence(lambda n: f"contact{n}@example.com")


class InteractionFactory(factory.django.DjangoModelFactory):
    """An interaction written directly; code under test logs them through
    Contact.log_interaction(), which also moves the contact's dates."""

    class Meta:
        model = "contacts.Interaction"

    contact = factory.SubFactory(ContactFactory)
    happened_on = factory.LazyFunction(lambda: timezone.localdate())
    kind = "email"


class RejectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Rejection"

    application = factory.SubFactory(ApplicationFactory, stage=Stage.REJECTED)
    received_on = factory.LazyFunction(lambda: timezone.localdate())
    at_stage = "cv"


class FeedbackRequestFactory(factory.django.DjangoModelFactory):
    """A drafted request to nobody in particular; pass contact=, status= and dates."""

    class Meta:
        model = "feedback.FeedbackRequest"

    rejection = factory.SubFactory(RejectionFactory)
    channel = "email"
    message = "Dear hiring team,\n\nCould you tell me one thing that would have helped?\n"
    status = "draft"


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Lesson"

    owner = factory.SubFactory(UserFactory)
    category = "skill"
    title = factory.Sequence(lambda n: f"Lesson {n}")
    status = "open"


def globex_rejection(owner, **fields):
    """A "no" to `owner`'s Data engineer application at Globex."""
    return RejectionFactory(
        application__owner=owner,
        application__title="Data engineer",
        application__company__name="Globex",
        **fields,
    )


def contact_at(rejection, **fields):
    """Someone the owner knows at the company that sent `rejection`."""
    application = rejection.application
    return ContactFactory(owner=application.owner, company=application.company, **fields)
