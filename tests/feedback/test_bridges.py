"""Step 3, don't burn bridges: /rejections/<id>/bridges/."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from contacts.models import Contact, Interaction
from feedback.models import Step, StepState
from tests.checks import count_queries
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    RejectionFactory,
    contact_at,
    globex_rejection,
)
from tests.html import field_errors, input_value, page_messages, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

TODAY = dt.date(2025, 6, 10)


@pytest.fixture
def rejection(user):
    return globex_rejection(user, at_stage="interview", received_on=dt.date(2025, 6, 9))


@pytest.fixture
def dana(rejection):
    """Globex's recruiter, with no keep-in-touch cadence yet."""
    return contact_at(
        rejection, name="Dana Lee", email="dana@globex.example", keep_in_touch_days=None
    )


def url(rejection):
    return reverse("rejections:bridges", args=[rejection.pk])


def reply(contact=None, **changes):
    data = {
        "action": "reply",
        "reply-message": "Dear Dana,\n\nThank you for letting me know.\n",
        "reply-contact": contact.pk if contact else "",
        "reply-new_name": "",
        "reply-new_email": "",
        "reply-happened_on": "2025-06-10",
    }
    data.update(changes)
    return data


def new_contact(**changes):
    data = {
        "action": "contact",
        "contact-name": "Ravi Shah",
        "contact-email": "ravi@globex.example",
        "contact-relation": "hiring_manager",
        "contact-title": "Head of data",
        "contact-keep_in_touch_days": "90",
    }
    data.update(changes)
    return data


def draft_text(response):
    """The reply's textarea as the person sees it, line breaks and all."""
    textarea = parse(response).find("textarea", name="reply-message")
    text = "".join(child for child in textarea.children if isinstance(child, str))
    return text.removeprefix("\n")  # HTML drops the newline right after <textarea>


def state(rejection):
    rejection.refresh_from_db()
    return rejection.state_of(Step.BRIDGES)


def snapshot(rejection):
    rejection.refresh_from_db()
    return (
        rejection.bridges_state,
        rejection.updated_at,
        Contact.objects.count(),
        Interaction.objects.count(),
        list(Contact.objects.values_list("last_contacted_on", "next_check_in_on")),
    )


# The page


def test_the_page_shows_the_steps_with_this_one_current(owner_client, rejection):
    response = owner_client.get(url(rejection))

    assert response.status_code == 200
    current = parse(response).find("a", **{"aria-current": "step"})
    assert current.attrs["href"] == url(rejection)
    assert "Keep the bridge" in current.text


def test_the_drafted_reply_names_the_role_the_company_and_the_person(owner_client, rejection, dana):
    response = owner_client.get(url(rejection))

    text = draft_text(response)
    assert text.startswith("Dear Dana,")
    assert "Data engineer role" in text
    assert "Globex" in text
    assert "interview" in text  # the "no" came after interviews
    assert text.rstrip().endswith("Best wishes,\nOlive Owner")
    assert len(text.split()) < 120
    assertContains(response, "Subject:</span> Thank you: the Data engineer role", html=False)


def test_a_cv_stage_reply_does_not_mention_interviews(owner_client, user):
    rejection = RejectionFactory(application__owner=user, at_stage="cv")

    text = draft_text(owner_client.get(url(rejection)))

    assert "interview" not in text
    assert "consider my application" in text
    assert len(text.split()) < 120


def test_with_nobody_named_the_reply_greets_the_hiring_team(owner_client, rejection):
    response = owner_client.get(url(rejection))

    assert draft_text(response).startswith("Dear hiring team at Globex,")
    assertContains(response, "Nobody yet.")


def test_the_reply_can_be_copied_and_opened_in_the_mail_program(owner_client, rejection, dana):
    response = owner_client.get(url(rejection))

    page = parse(response)
    button = page.find("button", **{"data-copy-target": "#id_reply-message"})
    assert button is not None and button.attrs["type"] == "button"
    link = next(a for a in page.find_all("a") if a.attrs.get("href", "").startswith("mailto:"))
    parts = urlsplit(link.attrs["href"])
    assert parts.path == "dana@globex.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you: the Data engineer role"]
    assert query["body"][0].startswith("Dear Dana,")


def test_the_draft_can_be_addressed_to_another_of_the_companys_contacts(
    owner_client, user, rejection, dana
):
    ravi = ContactFactory(owner=user, company=dana.company, name="Ravi Shah")

    response = owner_client.get(url(rejection), {"to": ravi.pk})

    assert draft_text(response).startswith("Dear Ravi,")
    options = parse(response).find("select", name="reply-contact").find_all("option")
    assert [o.attrs["value"] for o in options if "selected" in o.attrs] == [str(ravi.pk)]


def test_another_users_contact_cannot_be_drafted_to(owner_client, other_user, rejection, dana):
    theirs = ContactFactory(owner=other_user, name="Zed Stranger", company__name="Globex")

    response = owner_client.get(url(rejection), {"to": theirs.pk})

    assert draft_text(response).startswith("Dear Dana,")
    assertNotContains(response, "Zed")


def test_the_companys_contacts_are_listed_with_cadence_and_check_in(
    owner_client, user, other_user, rejection, dana
):
    ContactFactory(
        owner=user,
        company=dana.company,
        name="Ravi Shah",
        keep_in_touch_days=90,
        last_contacted_on=dt.date(2025, 6, 1),
    )
    ContactFactory(owner=user, company__name="Initech", name="Elsewhere Person")
    ContactFactory(owner=other_user, company__name="Globex", name="Their Person")

    response = owner_client.get(url(rejection))

    items = [
        li.text
        for li in parse(response)
        .find("ul", **{"class": "list-group list-group-flush mb-0 bridge-contacts"})
        .find_all("li")
    ]
    assert len(items) == 2
    assert items[0].startswith("Dana Lee")
    assert "No reminders" in items[0]
    assert items[1].startswith("Ravi Shah")
    assert "Every three months · next check-in 30 Aug 2025" in items[1]
    assertNotContains(response, "Elsewhere Person")
    assertNotContains(response, "Their Person")


def test_the_add_a_contact_form_starts_with_the_users_cadence(owner_client, user, rejection):
    user.keep_in_touch_days = 180
    user.save()

    response = owner_client.get(url(rejection))

    select = parse(response).find("select", name="contact-keep_in_touch_days")
    assert [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs] == ["180"]
    assert input_value(response, "reply-happened_on") == "2025-06-10"


# Logging the reply


def test_logging_the_reply_records_a_thank_you_and_moves_the_last_contact(
    owner_client, rejection, dana
):
    response = owner_client.post(url(rejection), reply(dana), follow=True)

    assertRedirects(response, f"{url(rejection)}?to={dana.pk}")
    assert page_messages(response) == [
        "Logged your reply to Dana Lee. "
        "Choose how often to keep in touch, and Onward will remind you."
    ]
    interaction = Interaction.objects.get()
    assert interaction.contact == dana
    assert interaction.kind == Interaction.Kind.THANK_YOU
    assert interaction.application == rejection.application
    assert interaction.happened_on == TODAY
    assert interaction.summary == "Dear Dana,\n\nThank you for letting me know."
    dana.refresh_from_db()
    assert dana.last_contacted_on == TODAY
    # Dana has no cadence yet, so the step is under way, not done.
    assert state(rejection) == StepState.IN_PROGRESS
    logged = parse(response).find("ul", **{"class": "list-unstyled replies"})
    assert [item.text for item in logged.find_all("li")] == ["To Dana Lee on 10 June 2025"]


def test_logging_the_reply_to_a_kept_contact_finishes_the_step(owner_client, rejection, dana):
    dana.keep_in_touch_days = 90
    dana.save()

    response = owner_client.post(url(rejection), reply(dana), follow=True)

    assertRedirects(response, rejection.get_absolute_url())
    assert page_messages(response) == [
        "Logged your reply to Dana Lee. Next check-in: 8 September 2025. "
        "Step 3 is done: the door stays open."
    ]
    assert state(rejection) == StepState.DONE
    dana.refresh_from_db()
    assert dana.next_check_in_on == dt.date(2025, 9, 8)


def test_logging_the_reply_to_someone_new_adds_them_at_the_company(owner_client, user, rejection):
    user.keep_in_touch_days = 60
    user.save()

    owner_client.post(
        url(rejection),
        reply(**{"reply-new_name": " Ravi  Shah ", "reply-new_email": "ravi@globex.example"}),
    )

    ravi = Contact.objects.get()
    assert ravi.owner == user
    assert ravi.name == "Ravi Shah"
    assert ravi.email == "ravi@globex.example"
    assert ravi.company == rejection.application.company
    assert ravi.keep_in_touch_days == 60
    assert ravi.last_contacted_on == TODAY
    assert ravi.interactions.get().kind == Interaction.Kind.THANK_YOU
    # Kept with the user's cadence and the reply logged: done.
    assert state(rejection) == StepState.DONE


def test_adding_a_contact_with_a_cadence_and_logging_the_reply_finishes_the_step(
    owner_client, rejection
):
    response = owner_client.post(url(rejection), new_contact(), follow=True)

    ravi = Contact.objects.get()
    assertRedirects(response, f"{url(rejection)}?to={ravi.pk}")
    assert page_messages(response) == ["Added Ravi Shah. Next check-in: 8 September 2025."]
    assert ravi.company == rejection.application.company
    assert ravi.relation == Contact.Relation.HIRING_MANAGER
    assert ravi.title == "Head of data"
    assert ravi.keep_in_touch_days == 90
    assert state(rejection) == StepState.IN_PROGRESS
    # The draft now greets the person just added.
    assert draft_text(response).startswith("Dear Ravi,")

    owner_client.post(url(rejection), reply(ravi))

    assert state(rejection) == StepState.DONE


def test_a_reply_and_a_kept_contact_can_be_different_people(owner_client, user, rejection, dana):
    owner_client.post(url(rejection), reply(dana), follow=True)
    assert state(rejection) == StepState.IN_PROGRESS

    response = owner_client.post(url(rejection), new_contact(), follow=True)

    assert state(rejection) == StepState.DONE
    assertRedirects(response, rejection.get_absolute_url())
    assert page_messages(response) == [
        "Added Ravi Shah. Next check-in: 8 September 2025. Step 3 is done: the door stays open."
    ]


def test_a_thank_you_about_another_application_does_not_count(owner_client, user, rejection, dana):
    dana.keep_in_touch_days = 90
    dana.save()
    earlier = ApplicationFactory(owner=user, company=dana.company)
    dana.log_interaction(happened_on=TODAY, kind=Interaction.Kind.THANK_YOU, application=earlier)

    owner_client.post(url(rejection), new_contact(**{"contact-keep_in_touch_days": ""}))

    assert state(rejection) == StepState.IN_PROGRESS


def test_a_done_step_stays_done(owner_client, rejection, dana):
    rejection.set_state(Step.BRIDGES, StepState.DONE)

    owner_client.post(url(rejection), new_contact(**{"contact-keep_in_touch_days": ""}))

    assert state(rejection) == StepState.DONE


def test_acting_on_a_skipped_step_takes_it_up_again(owner_client, rejection):
    rejection.set_state(Step.BRIDGES, StepState.SKIPPED, skip_reason="Later")

    owner_client.post(url(rejection), new_contact())

    assert state(rejection) == StepState.IN_PROGRESS


# Bad input: 422, the error at the field, what was typed kept, nothing saved


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"reply-happened_on": "2025-06-11"},
            "reply-happened_on",
            "The sent date can’t be in the future.",
        ),
        ({"reply-happened_on": ""}, "reply-happened_on", "This field is required."),
        ({"reply-contact": ""}, "reply-new_name", "Write who you sent it to."),
        ({"reply-new_name": "Ravi"}, "reply-new_name", "You picked Dana Lee above."),
        ({"reply-message": " "}, "reply-message", "Keep the text of your reply"),
    ],
    ids=["future", "no-date", "nobody", "both", "no-text"],
)
def test_a_bad_reply_is_explained_and_nothing_is_saved(
    owner_client, rejection, dana, changes, field, message
):
    before = snapshot(rejection)
    data = reply(dana, **{"reply-new_email": "typed@example.org"})
    data.update(changes)

    response = owner_client.post(url(rejection), data)

    assert response.status_code == 422
    assert field_errors(response, field)[0].startswith(message)
    assert input_value(response, "reply-new_email") == "typed@example.org"
    assert snapshot(rejection) == before


def test_an_edited_reply_is_kept_after_an_error(owner_client, rejection, dana):
    response = owner_client.post(
        url(rejection), reply(dana, **{"reply-message": "My own words", "reply-happened_on": "x"})
    )

    assert response.status_code == 422
    assert draft_text(response) == "My own words"


def test_another_users_contact_id_is_refused(owner_client, other_user, rejection, dana):
    theirs = ContactFactory(owner=other_user, company__name="Globex", name="Zed Stranger")
    before = snapshot(rejection)

    response = owner_client.post(url(rejection), reply(theirs))

    assert response.status_code == 422
    assert field_errors(response, "reply-contact") == [
        "Pick one of your contacts at Globex, or someone new."
    ]
    assert snapshot(rejection) == before
    assert not theirs.interactions.exists()


def test_the_owners_contact_at_another_company_is_refused(owner_client, user, rejection, dana):
    elsewhere = ContactFactory(owner=user, company=CompanyFactory(owner=user, name="Initech"))

    response = owner_client.post(url(rejection), reply(elsewhere))

    assert response.status_code == 422
    assert not Interaction.objects.exists()


def test_with_nobody_at_the_company_a_forged_contact_id_is_ignored(
    owner_client, other_user, rejection
):
    theirs = ContactFactory(owner=other_user, company__name="Globex")

    response = owner_client.post(url(rejection), reply(theirs))

    assert response.status_code == 422
    assert field_errors(response, "reply-new_name") == ["Write who you sent it to."]
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"contact-name": "  "}, "contact-name", "Enter the person’s name."),
        (
            {"contact-email": "ravi"},
            "contact-email",
            "Enter an email address such as jane@example.org.",
        ),
        (
            {"contact-keep_in_touch_days": "14"},
            "contact-keep_in_touch_days",
            "Pick how often to keep in touch from the list.",
        ),
        ({"contact-relation": "boss"}, "contact-relation", "Pick who they are from the list."),
    ],
    ids=["name", "email", "cadence", "relation"],
)
def test_a_bad_contact_is_explained_and_nothing_is_saved(
    owner_client, rejection, changes, field, message
):
    before = snapshot(rejection)

    response = owner_client.post(url(rejection), new_contact(**changes))

    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert input_value(response, "contact-title") == "Head of data"
    assert snapshot(rejection) == before


def test_an_owner_or_company_in_the_contact_post_is_ignored(
    owner_client, user, other_user, rejection
):
    theirs = CompanyFactory(owner=other_user, name="Umbrella")

    owner_client.post(
        url(rejection),
        new_contact(**{"contact-owner": other_user.pk, "contact-company": theirs.pk}),
    )

    ravi = Contact.objects.get()
    assert ravi.owner == user
    assert ravi.company == rejection.application.company


def test_an_unknown_action_is_refused(owner_client, rejection):
    before = snapshot(rejection)

    response = owner_client.post(url(rejection), {"action": "explode"})

    assert response.status_code == 422
    assertContains(response, "That form wasn’t recognised.", status_code=422)
    assert snapshot(rejection) == before


# Access


def test_another_user_gets_404_and_nothing_changes(stranger_client, rejection, dana):
    before = snapshot(rejection)

    assert stranger_client.get(url(rejection)).status_code == 404
    assert stranger_client.post(url(rejection), reply(dana)).status_code == 404
    assert stranger_client.post(url(rejection), new_contact()).status_code == 404

    assert snapshot(rejection) == before


def test_anonymous_visitor_is_sent_to_log_in(client, rejection, dana):
    before = snapshot(rejection)

    response = client.post(url(rejection), reply(dana))

    assertRedirects(response, f"{reverse('login')}?next={url(rejection)}")
    assert snapshot(rejection) == before


def test_same_query_count_with_more_contacts_and_replies(
    owner_client, user, rejection, django_assert_num_queries
):
    def grow(count):
        for _ in range(count):
            contact = ContactFactory(owner=user, company=rejection.application.company)
            contact.log_interaction(
                happened_on=TODAY,
                kind=Interaction.Kind.THANK_YOU,
                application=rejection.application,
            )

    grow(2)
    expected = count_queries(owner_client, url(rejection))

    grow(20)

    with django_assert_num_queries(expected):
        response = owner_client.get(url(rejection))
    assert response.status_code == 200


def test_the_page_says_when_the_next_check_in_is_and_where_it_shows(owner_client, rejection):
    """Three months on is past the due list's 30 days: the page gives the day, how far
    off it is in the owner's days, and the way to it among the later reminders."""
    owner_client.post(url(rejection), new_contact())
    ravi = Contact.objects.get()

    response = owner_client.get(url(rejection))

    item = parse(response).find("li", id="next-check-in")
    said = item.text.replace(" :", ":")  # the link's text is joined with a space
    assert "Next check-in with Ravi Shah: 8 September 2025 (in 3 months)." in said
    assert item.find("a", href=ravi.get_absolute_url())
    assert item.find("a", href=f"{reverse('reminders:list')}?show=later")
    people = parse(response).find(
        "ul", **{"class": "list-group list-group-flush mb-0 bridge-contacts"}
    )
    assert "next check-in 8 Sep 2025 (in 3 months)" in people.text


def test_the_first_check_in_among_several_is_the_one_named(owner_client, rejection):
    contact_at(rejection, name="Later Lee", keep_in_touch_days=180, last_contacted_on=TODAY)
    soon = contact_at(rejection, name="Soon Sato", keep_in_touch_days=30, last_contacted_on=TODAY)

    item = parse(owner_client.get(url(rejection))).find("li", id="next-check-in")

    assert "with Soon Sato: 10 July 2025 (in 4 weeks)" in item.text.replace(" :", ":")
    # Within the due list's 30 days: the link goes to the due list.
    assert soon.next_check_in_on == dt.date(2025, 7, 10)
    assert item.find("a", href=reverse("reminders:list"))
