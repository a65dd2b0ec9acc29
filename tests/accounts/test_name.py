"""POST /accounts/name/: the small "Your name, to sign your messages" form that a page
shows above a draft while the account has no name. It saves the name and goes back."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from tests.checks import assert_sent_to_log_in
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    RejectionFactory,
    UserFactory,
)
from tests.html import field_errors, page_messages, parse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:name")


@pytest.fixture
def nameless(db):
    return UserFactory(email="nameless@example.org", name="")


@pytest.fixture
def nameless_client(client_for, nameless):
    return client_for(nameless)


def test_the_name_is_saved_and_the_page_comes_back_signed(nameless_client, nameless):
    rejection = RejectionFactory(application__owner=nameless)
    step_3 = reverse("rejections:bridges", args=[rejection.pk])

    response = nameless_client.post(URL, {"name": "  Nora   New ", "next": step_3}, follow=True)

    assertRedirects(response, step_3)
    nameless.refresh_from_db()
    assert nameless.name == "Nora New"
    assert page_messages(response) == ["Thank you. Your drafts are now signed “Nora New”."]
    assert parse(response).find("textarea", name="reply-message").text.endswith("Nora New")
    assert parse(response).find("section", id="name-prompt") is None


def test_a_blank_name_is_refused_in_words_on_a_page_of_its_own(nameless_client, nameless):
    response = nameless_client.post(URL, {"name": "   ", "next": "/reminders/"})

    assert response.status_code == 422
    assert field_errors(response, "name") == [
        "Enter your name: it signs the messages Onward drafts for you."
    ]
    page = parse(response)
    assert page.find("input", type="hidden", name="next").attrs["value"] == "/reminders/"
    [back] = [link for link in page.find_all("a") if link.text == "Back"]
    assert back.attrs["href"] == "/reminders/"
    nameless.refresh_from_db()
    assert nameless.name == ""


def test_a_name_longer_than_the_model_allows_is_refused(nameless_client, nameless):
    response = nameless_client.post(URL, {"name": "N" * 151})

    assert response.status_code == 422
    assert field_errors(response, "name") == [
        "Ensure this value has at most 150 characters (it has 151)."
    ]
    nameless.refresh_from_db()
    assert nameless.name == ""


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "", "abc"])
def test_somewhere_off_the_site_is_never_where_it_goes(nameless_client, next_url):
    response = nameless_client.post(URL, {"name": "Nora New", "next": next_url})

    assertRedirects(response, reverse("insights:dashboard"), fetch_redirect_response=False)


def test_a_named_account_can_rename_itself_here_too(owner_client, user):
    owner_client.post(URL, {"name": "Olive O. Owner"})

    user.refresh_from_db()
    assert user.name == "Olive O. Owner"


def test_it_only_takes_a_post(nameless_client):
    assert nameless_client.get(URL).status_code == 405


def test_anonymous_is_sent_to_log_in_and_nothing_changes(client, nameless):
    def read():
        nameless.refresh_from_db()
        return nameless.name

    assert_sent_to_log_in(client, URL, {"name": "Intruder"}, read, get=False)


def test_it_only_ever_names_the_signed_in_account(nameless_client, nameless, other_user):
    nameless_client.post(URL, {"name": "Nora New", "pk": other_user.pk, "email": "x@y.z"})

    other_user.refresh_from_db()
    nameless.refresh_from_db()
    assert (other_user.name, other_user.email) == ("Sam Stranger", "stranger@example.org")
    assert (nameless.name, nameless.email) == ("Nora New", "nameless@example.org")


def test_the_prompt_is_shown_above_every_draft_until_there_is_a_name(nameless_client, nameless):
    rejection = RejectionFactory(application__owner=nameless, at_stage="interview")
    contact = ContactFactory(owner=nameless, company=rejection.application.company)
    answered = FeedbackRequestFactory(
        rejection=rejection,
        status="received",
        response="Other candidates had more experience.",
        is_generic=True,
    )
    pages = [
        reverse("rejections:feedback", args=[rejection.pk]),
        reverse("rejections:bridges", args=[rejection.pk]),
        reverse("feedback:detail", args=[answered.pk]),  # the dig-deeper and push-back
        reverse("reminders:done", args=["check-in", contact.pk]),
        reverse("reminders:done", args=["quiet", rejection.application.pk]),
    ]
    for page_url in pages:
        response = nameless_client.get(page_url)
        prompt = parse(response).find("section", id="name-prompt")
        assert prompt is not None, page_url
        assert prompt.find("label").text.startswith("Your name, to sign your messages")
        assert prompt.find("input", name="next").attrs["value"] == page_url
        assert prompt.find("form").attrs["action"] == URL
        assertContains(response, "Your drafts end without a name until you add one.")


def test_an_unsigned_draft_has_no_dangling_sign_off(nameless_client, nameless):
    rejection = RejectionFactory(application__owner=nameless, at_stage="cv")

    response = nameless_client.get(reverse("rejections:bridges", args=[rejection.pk]))

    text = parse(response).find("textarea", name="reply-message").text
    assert not text.rstrip().endswith(",")
    assert "Best wishes" not in text
