"""/rejections/<id>/feedback/: step 2, drafting a feedback request."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from contacts.models import Contact
from feedback.models import FeedbackRequest, Rejection, StepState
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    RejectionFactory,
)
from tests.html import field_errors, form_errors, input_value, page_messages, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def url(rejection):
    return reverse("rejections:feedback", args=[rejection.pk])


def message_on_page(response):
    return parse(response).find("textarea", name="message").text


def selected_option(response, name):
    options = parse(response).find("select", name=name).find_all("option")
    return next(option for option in options if "selected" in option.attrs)


def posted(**changes):
    data = {
        "action": "save",
        "contact": "",
        "contact_name": "",
        "contact_email": "",
        "contact_relation": "recruiter",
        "channel": "email",
        "message": "Dear Globex hiring team,\n\nCould you tell me one thing?\n",
    }
    data.update(changes)
    return data


def snapshot(rejection):
    rejection.refresh_from_db()
    return (
        rejection.feedback_state,
        rejection.feedback_skip_reason,
        FeedbackRequest.objects.count(),
        Contact.objects.count(),
    )


# The page


def test_owner_sees_step_2_with_a_drafted_request(owner_client, rejection):
    response = owner_client.get(url(rejection))

    assert response.status_code == 200
    current = parse(response).find("a", **{"aria-current": "step"})
    assert "Ask for feedback" in current.text
    message = message_on_page(response)
    assert message.startswith("Dear hiring team at Globex,")
    assert "Data engineer role at Globex" in message
    assert "CV" in message
    assert parse(response).find("button", **{"data-copy-target": "#id_message"}) is not None


def test_after_interviews_the_draft_is_worded_for_them(owner_client, user):
    rejection = RejectionFactory(
        application__owner=user,
        application__company__name="Initech",
        at_stage=Rejection.AtStage.INTERVIEW,
    )

    message = message_on_page(owner_client.get(url(rejection)))

    assert "interviews" in message
    assert "Initech" in message


def test_a_contact_in_the_address_greets_them(owner_client, rejection, jane):
    response = owner_client.get(url(rejection), {"contact": jane.pk})

    assert message_on_page(response).startswith("Dear Jane,")
    selected = selected_option(response, "contact")
    assert selected.attrs["value"] == str(jane.pk)
    assert "Jane Doe (recruiter)" in selected.text


@pytest.mark.parametrize("whose", ["stranger", "other-company", "garbage"])
def test_someone_elses_contact_in_the_address_is_ignored(
    owner_client, user, other_user, rejection, jane, whose
):
    contact_id = {
        "stranger": lambda: ContactFactory(owner=other_user, name="Secret Sam").pk,
        "other-company": lambda: ContactFactory(owner=user, name="Secret Sam").pk,
        "garbage": lambda: "1 OR 1=1",
    }[whose]()

    response = owner_client.get(url(rejection), {"contact": contact_id})

    assert response.status_code == 200
    assert message_on_page(response).startswith("Dear hiring team at Globex,")
    assertNotContains(response, "Secret Sam")


def test_only_the_companys_contacts_are_offered(owner_client, user, other_user, rejection, jane):
    ContactFactory(owner=user, name="Elsewhere Ed")
    ContactFactory(owner=other_user, company=None, name="Stranger Sam")

    response = owner_client.get(url(rejection))

    options = parse(response).find("select", name="contact").find_all("option")
    assert [option.text for option in options] == ["Nobody named yet", "Jane Doe (recruiter)"]


def test_the_requests_so_far_are_listed_with_their_status(owner_client, rejection, jane):
    FeedbackRequestFactory(rejection=rejection, contact=jane, status=FeedbackRequest.Status.SENT)
    FeedbackRequestFactory(rejection=rejection, status=FeedbackRequest.Status.DRAFT)

    response = owner_client.get(url(rejection))

    items = parse(response).find("ul", **{"class": "list-unstyled mb-0 request-summaries"})
    texts = [item.text for item in items.find_all("li")]
    assert texts[0].startswith("To the hiring team Draft")
    assert texts[1].startswith("To Jane Doe Sent, waiting")


def test_the_page_links_to_adding_a_lesson(owner_client, rejection):
    response = owner_client.get(url(rejection))

    assertContains(response, f'href="{reverse("lessons:create")}?rejection={rejection.pk}"')


# Creating a request


def test_a_request_to_a_company_contact_is_saved_as_a_draft(owner_client, rejection, jane):
    response = owner_client.post(
        url(rejection), posted(contact=jane.pk, message="Dear Jane,\n\nOne question?\n")
    )

    feedback_request = FeedbackRequest.objects.get()
    assertRedirects(response, feedback_request.get_absolute_url())
    assert feedback_request.rejection == rejection
    assert feedback_request.contact == jane
    assert feedback_request.status == FeedbackRequest.Status.DRAFT
    assert feedback_request.message == "Dear Jane,\n\nOne question?"
    rejection.refresh_from_db()
    assert rejection.feedback_state == StepState.IN_PROGRESS


def test_a_request_to_nobody_named_yet(owner_client, rejection):
    response = owner_client.post(url(rejection), posted(channel="linkedin"), follow=True)

    feedback_request = FeedbackRequest.objects.get()
    assert feedback_request.contact is None
    assert feedback_request.channel == FeedbackRequest.Channel.LINKEDIN
    assert page_messages(response) == [
        "Saved as a draft. Send it from your own mail, then say “I sent it” here."
    ]


def test_someone_new_becomes_a_contact_of_the_company(owner_client, user, rejection):
    owner_client.post(
        url(rejection),
        posted(
            contact_name="  Raj   Patel ",
            contact_email="raj@globex.example",
            contact_relation="hiring_manager",
        ),
    )

    contact = Contact.objects.get()
    assert (contact.owner, contact.company, contact.name, contact.email, contact.relation) == (
        user,
        rejection.application.company,
        "Raj Patel",
        "raj@globex.example",
        Contact.Relation.HIRING_MANAGER,
    )
    assert FeedbackRequest.objects.get().contact == contact


def test_someone_new_with_a_known_email_is_the_same_contact(owner_client, rejection, jane):
    owner_client.post(
        url(rejection), posted(contact_name="Jane", contact_email="JANE@globex.example")
    )

    assert Contact.objects.count() == 1
    assert FeedbackRequest.objects.get().contact == jane


def test_a_new_request_after_step_2_was_set_aside_reopens_it(owner_client, rejection):
    rejection.set_state("feedback", StepState.SKIPPED, "No one to ask")

    owner_client.post(url(rejection), posted())

    rejection.refresh_from_db()
    assert rejection.feedback_state == StepState.IN_PROGRESS
    assert rejection.feedback_skip_reason == ""


def test_a_new_request_leaves_a_done_step_done(owner_client, rejection):
    rejection.set_state("feedback", StepState.DONE)

    owner_client.post(url(rejection), posted())

    rejection.refresh_from_db()
    assert rejection.feedback_state == StepState.DONE


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"message": ""}, "message", "Write the message, or start again from the draft."),
        ({"channel": "pigeon"}, "channel", "Pick how you will ask."),
        (
            {"contact_email": "not-an-email", "contact_name": "Raj"},
            "contact_email",
            "Enter an email address such as jane@example.org.",
        ),
        (
            {"contact_email": "raj@globex.example"},
            "contact_name",
            "Enter the person’s name to add them.",
        ),
        ({"contact_name": "x" * 201}, "contact_name", "Ensure this value has at most 200"),
    ],
    ids=["empty-message", "unknown-channel", "bad-email", "email-without-name", "long-name"],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    owner_client, rejection, changes, field, message
):
    before = snapshot(rejection)
    response = owner_client.post(url(rejection), posted(**{"message": "Typed and kept", **changes}))

    assert response.status_code == 422
    assert any(error.startswith(message) for error in field_errors(response, field))
    assert snapshot(rejection) == before
    if "message" not in changes:
        assert message_on_page(response) == "Typed and kept"


def test_another_users_contact_id_is_refused(owner_client, other_user, rejection):
    theirs = ContactFactory(owner=other_user, name="Secret Sam")
    before = snapshot(rejection)

    response = owner_client.post(
        url(rejection), posted(contact=theirs.pk, message="Dear Sam, typed and kept")
    )

    assert response.status_code == 422
    assert field_errors(response, "contact") == ["Pick one of your contacts at this company."]
    assert message_on_page(response) == "Dear Sam, typed and kept"
    assert snapshot(rejection) == before
    assert not theirs.feedback_requests.exists()


def test_own_contact_at_another_company_is_refused(owner_client, user, rejection):
    elsewhere = ContactFactory(owner=user, name="Elsewhere Ed")

    response = owner_client.post(url(rejection), posted(contact=elsewhere.pk))

    assert response.status_code == 422
    assert field_errors(response, "contact") == ["Pick one of your contacts at this company."]
    assert not FeedbackRequest.objects.exists()


def test_a_contact_and_a_new_name_at_once_is_refused(owner_client, rejection, jane):
    response = owner_client.post(url(rejection), posted(contact=jane.pk, contact_name="Raj Patel"))

    assert response.status_code == 422
    assert field_errors(response, "contact_name")[0].startswith("You picked a contact above.")
    assert input_value(response, "contact_name") == "Raj Patel"
    assert not FeedbackRequest.objects.exists()
    assert Contact.objects.count() == 1


# "Use this contact": the draft again, for the person picked


def test_use_this_contact_redrafts_for_them_and_saves_nothing(owner_client, rejection, jane):
    response = owner_client.post(
        url(rejection), posted(action="redraft", contact=jane.pk, channel="linkedin")
    )

    assert response.status_code == 200
    assert message_on_page(response).startswith("Dear Jane,")
    assert selected_option(response, "channel").attrs["value"] == "linkedin"
    assert not FeedbackRequest.objects.exists()


def test_use_this_contact_with_a_new_name_greets_them_without_saving_them(owner_client, rejection):
    response = owner_client.post(
        url(rejection), posted(action="redraft", contact_name="Raj Patel", message="")
    )

    assert response.status_code == 200
    assert message_on_page(response).startswith("Dear Raj,")
    assert input_value(response, "contact_name") == "Raj Patel"
    assert not Contact.objects.exists()


def test_use_this_contact_with_another_users_contact_is_refused(
    owner_client, other_user, rejection
):
    theirs = ContactFactory(owner=other_user, name="Secret Sam")

    response = owner_client.post(url(rejection), posted(action="redraft", contact=theirs.pk))

    assert response.status_code == 422
    assert field_errors(response, "contact") == ["Pick one of your contacts at this company."]
    assert "Sam" not in message_on_page(response)


# Nobody can be asked


def test_nobody_can_be_asked_sets_the_step_aside_with_the_reason(owner_client, rejection):
    response = owner_client.post(
        url(rejection), {"action": "nobody", "reason": "An automated no-reply from a portal"}
    )

    assertRedirects(
        response, reverse("rejections:bridges", args=[rejection.pk]), fetch_redirect_response=False
    )
    rejection.refresh_from_db()
    assert rejection.feedback_state == StepState.SKIPPED
    assert rejection.feedback_skip_reason == "An automated no-reply from a portal"


def test_nobody_can_be_asked_needs_a_reason(owner_client, rejection):
    before = snapshot(rejection)

    response = owner_client.post(url(rejection), {"action": "nobody", "reason": "  "})

    assert response.status_code == 422
    assert field_errors(response, "reason") == ["Say in a few words why nobody can be asked."]
    assert snapshot(rejection) == before
    assert message_on_page(response).startswith("Dear hiring team at Globex,")
    assert form_errors(response) == []


# Access


def test_another_users_rejection_is_not_found_and_unchanged(stranger_client, rejection, jane):
    before = snapshot(rejection)

    assert stranger_client.get(url(rejection)).status_code == 404
    assert stranger_client.post(url(rejection), posted(contact=jane.pk)).status_code == 404
    nobody = {"action": "nobody", "reason": "x"}
    assert stranger_client.post(url(rejection), nobody).status_code == 404
    assert snapshot(rejection) == before


def test_anonymous_visitor_is_sent_to_log_in(client, rejection):
    before = snapshot(rejection)
    login = f"{reverse('login')}?next={url(rejection)}"

    assertRedirects(client.get(url(rejection)), login)
    assertRedirects(client.post(url(rejection), posted()), login)
    assert snapshot(rejection) == before


# "I sent it" on the draft itself


def test_the_draft_has_mail_copy_and_i_sent_it_with_today(owner_client, rejection, jane):
    response = owner_client.get(url(rejection) + f"?contact={jane.pk}")

    page = parse(response)
    link = page.find("a", **{"data-mailto-source": "#id_message"})
    assert link.text == "Open in mail app"
    assert link.attrs["href"].startswith("mailto:jane@globex.example?subject=Feedback%20on")
    assert page.find("button", **{"data-copy-target": "#id_message"}).text == "Copy"
    assert input_value(response, "sent_on") == "2025-06-10"
    assert page.find("button", value="sent").text == "I sent it"


def test_i_sent_it_saves_the_request_as_sent_and_opens_the_answer(owner_client, rejection):
    response = owner_client.post(
        url(rejection), posted(action="sent", sent_on="2025-06-09"), follow=True
    )

    feedback_request = FeedbackRequest.objects.get()
    assertRedirects(response, feedback_request.get_absolute_url() + "#answer-heading")
    assert feedback_request.status == FeedbackRequest.Status.SENT
    assert str(feedback_request.sent_on) == "2025-06-09"
    assert str(feedback_request.follow_up_on) == "2025-06-16"
    assert feedback_request.send_on is None  # no reminder to send what was sent
    rejection.refresh_from_db()
    assert rejection.feedback_state == StepState.DONE
    assert page_messages(response) == [
        "Marked as sent on 9 June. Onward reminds you to follow up on 16 June if no answer "
        "has come; record it below when it does."
    ]
    # The answer form is right there.
    assert parse(response).find("textarea", name="response") is not None


@pytest.mark.parametrize(
    ("sent_on", "error"),
    [
        ("", "Enter the day you sent it."),
        ("2025-06-20", "The sent date can’t be in the future."),
        ("2025-06-01", "The request can’t go out before the “no” came."),
        ("soon", "Enter a valid date."),
    ],
)
def test_a_bad_sent_date_is_explained_and_nothing_saved(owner_client, rejection, sent_on, error):
    before = snapshot(rejection)

    response = owner_client.post(url(rejection), posted(action="sent", sent_on=sent_on))

    assert response.status_code == 422
    assert field_errors(response, "sent_on") == [error]
    assert snapshot(rejection) == before
    assert "Could you tell me one thing?" in message_on_page(response)


def test_saving_a_draft_ignores_the_sent_date(owner_client, rejection):
    owner_client.post(url(rejection), posted(sent_on="2025-06-09"))

    feedback_request = FeedbackRequest.objects.get()
    assert feedback_request.status == FeedbackRequest.Status.DRAFT
    assert feedback_request.sent_on is None
