from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import User
from applications.models import Application, Company, Interview, StageChange
from contacts.models import Contact, Interaction
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from tests.factories import PASSWORD, ApplicationFactory
from tests.html import field_errors, parse
from transfer.delete import end_sessions

pytestmark = pytest.mark.django_db

URL = reverse("accounts:delete")
DEMO_PASSWORD = "demo password 2026"


def seed(email, applications=100):
    call_command("seed_demo", applications=applications, email=email, stdout=StringIO())
    return User.objects.get(email=email)


def owned(user_id):
    """How many rows of each kind the user with this id owns."""
    return {
        "companies": Company.objects.filter(owner_id=user_id).count(),
        "applications": Application.objects.filter(owner_id=user_id).count(),
        "stage changes": StageChange.objects.filter(application__owner_id=user_id).count(),
        "interviews": Interview.objects.filter(application__owner_id=user_id).count(),
        "contacts": Contact.objects.filter(owner_id=user_id).count(),
        "interactions": Interaction.objects.filter(contact__owner_id=user_id).count(),
        "rejections": Rejection.objects.filter(application__owner_id=user_id).count(),
        "reflections": Reflection.objects.filter(rejection__application__owner_id=user_id).count(),
        "feedback requests": FeedbackRequest.objects.filter(
            rejection__application__owner_id=user_id
        ).count(),
        "lessons": Lesson.objects.filter(owner_id=user_id).count(),
        "lesson applications": Lesson.applications.through.objects.filter(
            lesson__owner_id=user_id
        ).count(),
    }


def sessions_of(user_id):
    return [
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get(SESSION_KEY) == str(user_id)
    ]


def delete(client, password=PASSWORD):
    return client.post(URL, {"password": password})


def test_owner_sees_the_confirmation_with_the_export_first(client_for):
    seeded = seed("seeded@example.org", applications=40)

    response = client_for(seeded).get(URL)

    assertContains(response, "Delete your account")
    assertContains(response, "40 applications, 10 companies")
    assertContains(response, f'href="{reverse("accounts:export")}?download=1"')
    assertContains(response, 'name="password"')
    assert User.objects.filter(pk=seeded.pk).exists()


def test_anonymous_is_sent_to_login_and_nothing_is_deleted(client, user):
    ApplicationFactory(owner=user)

    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")
    response = delete(client)

    assert response.status_code == 302
    assert User.objects.filter(pk=user.pk).exists()
    assert Application.objects.filter(owner=user).count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("not my password", "That is not your password. Nothing was deleted; try again."),
        (PASSWORD.upper(), "That is not your password. Nothing was deleted; try again."),
        ("", "This field is required."),
    ],
    ids=["wrong", "wrong-case", "empty"],
)
def test_a_wrong_password_is_422_and_nothing_is_deleted(client_for, password, message):
    seeded = seed("seeded@example.org", applications=20)
    before = owned(seeded.pk)
    seeded_client = client_for(seeded)

    response = delete(seeded_client, password)

    assert response.status_code == 422
    assert field_errors(response, "password") == [message]
    assert User.objects.filter(pk=seeded.pk).exists()
    assert owned(seeded.pk) == before
    assert seeded_client.get(reverse("insights:dashboard")).status_code == 200


def test_no_password_field_at_all_is_422(owner_client, user):
    response = owner_client.post(URL, {})

    assert response.status_code == 422
    assert field_errors(response, "password") == ["This field is required."]
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_a_full_account_deletes_everything_it_owns_and_nothing_else(client_for):
    """A seeded account has every kind of row, including applications whose company
    is RESTRICT: the cascade from the user removes both, on SQLite and PostgreSQL."""
    seeded = seed("seeded@example.org")
    other = seed("other@example.org")
    seeded_id = seeded.pk
    mine, theirs = owned(seeded_id), owned(other.pk)
    assert all(mine.values()), mine  # every kind of row is there to delete
    assert all(theirs.values()), theirs

    response = delete(client_for(seeded), DEMO_PASSWORD)

    assert response.status_code == 200
    assertContains(response, "Your account is deleted")
    assert not User.objects.filter(pk=seeded_id).exists()
    assert not User.objects.filter(email="seeded@example.org").exists()
    assert set(owned(seeded_id).values()) == {0}
    assert owned(other.pk) == theirs
    assert User.objects.filter(pk=other.pk).exists()


def test_every_session_of_the_user_ends_and_other_users_stay_signed_in(
    client_for, user, other_user
):
    here, phone, laptop = client_for(user), client_for(user), client_for(user)
    stranger = client_for(other_user)
    assert len(sessions_of(user.pk)) == 3
    user_id = user.pk

    response = delete(here)

    assert response.status_code == 200
    assert sessions_of(user_id) == []
    assert len(sessions_of(other_user.pk)) == 1
    dashboard = reverse("insights:dashboard")
    for device in (here, phone, laptop):
        assertRedirects(
            device.get(dashboard), f"{reverse('login')}?next={dashboard}", target_status_code=200
        )
    assert stranger.get(dashboard).status_code == 200


def test_a_session_left_behind_by_another_backend_names_no_one(client_for, user):
    """Sessions are gone from the database; and a session that survived elsewhere (a
    cookie-based or cached backend) names a user that no longer exists, whose id is
    never given to anyone else, so it signs in as no one."""
    other_device = client_for(user)
    kept = {key: Session.objects.get(pk=key).session_data for key in sessions_of(user.pk)}

    delete(client_for(user))
    for key, data in kept.items():
        Session.objects.create(
            session_key=key, session_data=data, expire_date="2100-01-01T00:00:00Z"
        )

    dashboard = reverse("insights:dashboard")
    response = other_device.get(dashboard)
    assertRedirects(response, f"{reverse('login')}?next={dashboard}")
    newcomer = User.objects.create_user("new@example.org", PASSWORD)
    assert newcomer.pk != user.pk


def test_the_deleted_address_can_sign_up_again(client, client_for, user):
    delete(client_for(user))

    response = client.post(
        reverse("accounts:signup"),
        {
            "name": "Olive Owner",
            "email": "owner@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="owner@example.org").pk != user.pk


def test_get_deletes_nothing(owner_client, user):
    ApplicationFactory(owner=user)

    owner_client.get(URL)

    assert Application.objects.filter(owner=user).count() == 1


def test_the_settings_page_links_to_export_import_and_delete(owner_client):
    response = owner_client.get(reverse("accounts:settings"))

    for name in ("export", "import", "delete"):
        assertContains(response, f'href="{reverse(f"accounts:{name}")}"')


def test_the_cached_database_backend_loses_both_copies(settings, user, other_user):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    stores = []
    for person in (user, user, other_user):
        store = SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store.create()
        stores.append(store)

    assert end_sessions(user) == 2

    mine, _, theirs = (SessionStore(session_key=store.session_key) for store in stores)
    assert mine.load() == {}
    assert theirs.load() == {SESSION_KEY: str(other_user.pk)}
    assert not Session.objects.filter(session_key=stores[0].session_key).exists()


# The dry run: the page reads the export back as an import would before it offers
# deletion (issue 16: export → delete → import lost whole accounts).


def test_the_page_says_the_export_was_read_back_and_offers_the_button(owner_client, user):
    ApplicationFactory(owner=user, salary_min=2_500_000_000, salary_max=3_000_000_000)
    before = owned(user.pk)

    response = owner_client.get(URL)

    assertContains(response, "everything in it would come back")
    assertContains(response, "Delete my account and all my data")
    assert 'name="delete_anyway"' not in response.content.decode()
    assert owned(user.pk) == before  # a dry run: nothing written
    assert delete(owner_client).status_code == 200
    assert not User.objects.filter(pk=user.pk).exists()


@pytest.fixture
def unimportable(user):
    """Rows an older Onward let in (through its import) that no form takes: an
    interview at the end of time and a check-in on 9999-12-31."""
    application = ApplicationFactory(owner=user, title="Data engineer")
    interview = Interview.objects.create(application=application, starts_at=application.created_at)
    Interview.objects.filter(pk=interview.pk).update(starts_at="9999-12-31T23:00:00Z")
    contact = Contact.objects.create(owner=user, name="Jane Roe")
    Contact.objects.filter(pk=contact.pk).update(next_check_in_on="9999-12-31")
    return user


def test_an_export_that_would_not_import_is_listed_and_deleting_needs_a_tick(
    owner_client, unimportable
):
    user = unimportable
    before = owned(user.pk)

    response = owner_client.get(URL)

    problems = parse(response).find(id="export-problems")
    assert problems is not None
    items = [item.text for item in problems.find_all("li")]
    assert items == [
        "Application 1, interview 1: “starts_at”: Enter a date between 1970 and 2100.",
        "Contact 1: “next_check_in_on”: Enter a date between 1970 and 2100.",
    ]
    assertContains(response, 'name="delete_anyway"')
    assertContains(response, "Delete my account anyway")
    assert "everything in it would come back" not in response.content.decode()

    refused = delete(owner_client)
    assert refused.status_code == 422
    assert field_errors(refused, "delete_anyway")[0].startswith("Your export would not bring")
    assert owned(user.pk) == before

    done = owner_client.post(URL, {"password": PASSWORD, "delete_anyway": "on"})
    assert done.status_code == 200
    assert not User.objects.filter(pk=user.pk).exists()


def test_an_export_past_the_import_cap_is_a_problem_too(owner_client, user, monkeypatch):
    from transfer import reader

    ApplicationFactory(owner=user)
    monkeypatch.setattr(reader, "MAX_BYTES", 100)

    response = owner_client.get(URL)

    assertContains(response, "and the import reads files of up to 0 MB")
    assertContains(response, 'name="delete_anyway"')
