"""Export → delete the account → sign up again → import gives the same rows and
content: exporting the new account gives the same document, but for the time of
export. The ids come out equal too, as an import writes rows in file order."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from applications.models import Application, Company, Interview, StageChange
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InteractionFactory,
    LessonFactory,
    RejectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EMAIL = "roundtrip@example.org"
PASSWORD = "demo password 2026"
NEW_PASSWORD = "a brand new passphrase"
DOWNLOAD = reverse("accounts:export") + "?download=1"


def seed(email, applications):
    call_command("seed_demo", applications=applications, email=email, stdout=StringIO())
    return User.objects.get(email=email)


def log_in(email, password):
    client = Client()
    response = client.post(reverse("login"), {"username": email, "password": password})
    assert response.status_code == 302
    return client


def download(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return response.content


def comparable(raw):
    document = json.loads(raw)
    del document["exported_at"]
    return document


def row_counts(user):
    return {
        model.__name__: model.objects.filter(**{path: user}).count()
        for model, path in [
            (Company, "owner"),
            (Application, "owner"),
            (StageChange, "application__owner"),
            (Interview, "application__owner"),
            (Contact, "owner"),
            (Interaction, "contact__owner"),
            (Rejection, "application__owner"),
            (Reflection, "rejection__application__owner"),
            (FeedbackRequest, "rejection__application__owner"),
            (Lesson, "owner"),
            (Lesson.applications.through, "lesson__owner"),
        ]
    }


def reached(user):
    """Each application's furthest stage (Application.reached), in file order."""
    return list(
        Application.objects.filter(owner=user).order_by("pk").values_list("reached", flat=True)
    )


def round_trip(email, password, sign_up_as=None):
    """Exports the account, deletes it through the delete page, signs up (as the same
    address unless told otherwise) and imports the file through the import page.
    Returns the first export, the user after the import and their client."""
    client = log_in(email, password)
    exported = download(client)
    assert client.post(reverse("accounts:delete"), {"password": password}).status_code == 200
    assert not User.objects.filter(email=email).exists()

    newcomer = Client()
    sign_up_as = sign_up_as or email
    response = newcomer.post(
        reverse("accounts:signup"),
        {
            "name": "Nora New",
            "email": sign_up_as,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    response = newcomer.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile("export.json", exported)}
    )
    assert response.status_code == 302, response.content.decode()
    return exported, User.objects.get(email=sign_up_as), newcomer


def assert_owners_kept(user):
    """Interviews, rejections, reflections and feedback requests carry their parent's
    owner (kept on write, for the indexes that count what is due and read the moods):
    none is anyone else's."""
    assert Interview.objects.filter(application__owner=user).exclude(owner=user).count() == 0
    assert Rejection.objects.filter(application__owner=user).exclude(owner=user).count() == 0
    requests = FeedbackRequest.objects.filter(rejection__application__owner=user)
    assert requests.exclude(owner=user).count() == 0
    reflections = Reflection.objects.filter(rejection__application__owner=user)
    assert reflections.exclude(owner=user).count() == 0
    assert Interview.objects.filter(owner=user).exists()
    assert requests.exists()
    assert reflections.exists()


def test_a_seeded_account_comes_back_the_same():
    seed(EMAIL, applications=120)
    other = seed("other@example.org", applications=60)
    other_before = download(log_in("other@example.org", PASSWORD))
    counts_before = row_counts(User.objects.get(email=EMAIL))
    reached_before = reached(User.objects.get(email=EMAIL))

    exported, restored, client = round_trip(EMAIL, PASSWORD)

    assert comparable(download(client)) == comparable(exported)
    assert row_counts(restored) == counts_before
    # Not in the file: recomputed from the imported timelines, to the same values.
    assert reached(restored) == reached_before
    assert len(set(reached_before)) > 2
    assert all(counts_before.values()), counts_before
    assert restored.check_password(NEW_PASSWORD)
    assert (restored.name, restored.time_zone) == ("Alex Morgan", "Europe/London")
    assert comparable(download(log_in("other@example.org", PASSWORD))) == comparable(other_before)
    assert User.objects.get(email="other@example.org").pk == other.pk
    assert_owners_kept(restored)  # written by the import
    assert_owners_kept(other)  # written by seed_demo


def test_the_same_data_under_a_new_address():
    seed(EMAIL, applications=40)

    exported, _, client = round_trip(EMAIL, PASSWORD, sign_up_as="moved@example.org")

    before, after = comparable(exported), comparable(download(client))
    assert after["profile"].pop("email") == "moved@example.org"
    assert before["profile"].pop("email") == EMAIL
    assert after == before


def test_edge_values_survive():
    """Empty and maximal values, text beyond ASCII, optional links left empty and
    timestamps to the microsecond."""
    owner = UserFactory(email=EMAIL, name="Zoë Ünal 王", time_zone="Pacific/Chatham")
    owner.keep_in_touch_days = 365
    owner.quiet_applied_days = 180
    owner.digest_enabled = False
    owner.save()
    application = ApplicationFactory(
        owner=owner,
        company__name="Ünion Bank 🏦",
        title="T" * 200,
        notes="N" * 20_000,
        salary_min=2_147_483_647,
        salary_max=2_147_483_647,
        stage="offer",
    )
    ApplicationFactory(owner=owner, company=application.company, title="Second")
    contact = ContactFactory(owner=owner, company=None, keep_in_touch_days=None, email="")
    InteractionFactory(contact=contact, application=None, summary="Tab\there, quote \"'")
    rejection = RejectionFactory(application__owner=owner, application__company=application.company)
    FeedbackRequestFactory(rejection=rejection, contact=None)
    LessonFactory(owner=owner, rejection=None, feedback_request=None)
    StageChange.objects.filter(application=application).update(
        changed_at="2026-01-05T08:00:00.000001Z"
    )
    counts_before = row_counts(owner)

    exported, restored, client = round_trip(EMAIL, FACTORY_PASSWORD)

    assert comparable(download(client)) == comparable(exported)
    assert row_counts(restored) == counts_before
    assert '"changed_at":"2026-01-05T08:00:00.000001Z"' in exported.decode()
    assert "Ünion Bank 🏦" in exported.decode()
    assert restored.name == "Zoë Ünal 王"
    assert (restored.time_zone, restored.keep_in_touch_days) == ("Pacific/Chatham", 365)
    assert (restored.quiet_applied_days, restored.digest_enabled) == (180, False)
