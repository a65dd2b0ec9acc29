"""Contact's keep-in-touch rules: next_check_in_on = last contact + cadence, recomputed
whenever an interaction is logged or the cadence changes; no cadence, no check-in."""

import datetime as dt

import pytest

from contacts.models import Contact, Interaction
from tests.factories import ApplicationFactory, ContactFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 10)


def test_next_check_in_is_the_last_contact_plus_the_cadence(user):
    contact = ContactFactory(
        owner=user, keep_in_touch_days=90, last_contacted_on=dt.date(2025, 5, 1)
    )

    assert contact.next_check_in_on == dt.date(2025, 7, 30)


def test_with_no_contact_yet_the_cadence_counts_from_when_the_contact_was_added(user):
    contact = ContactFactory(owner=user, keep_in_touch_days=30)

    assert contact.next_check_in_on == TODAY + dt.timedelta(days=30)


def test_no_cadence_means_no_check_in(user):
    contact = ContactFactory(owner=user, keep_in_touch_days=None, last_contacted_on=TODAY)

    assert contact.next_check_in_on is None


def test_changing_the_cadence_recomputes_the_check_in(user):
    contact = ContactFactory(
        owner=user, keep_in_touch_days=90, last_contacted_on=dt.date(2025, 6, 1)
    )

    contact.keep_in_touch_days = 30
    contact.save()
    contact.refresh_from_db()
    assert contact.next_check_in_on == dt.date(2025, 7, 1)

    contact.keep_in_touch_days = None
    contact.save(update_fields=["keep_in_touch_days"])
    contact.refresh_from_db()
    assert contact.next_check_in_on is None


def test_logging_an_interaction_moves_the_last_contact_and_the_check_in(user):
    contact = ContactFactory(
        owner=user, keep_in_touch_days=60, last_contacted_on=dt.date(2025, 1, 5)
    )
    application = ApplicationFactory(owner=user, company=contact.company)

    interaction = contact.log_interaction(
        happened_on=dt.date(2025, 6, 9),
        kind=Interaction.Kind.CALL,
        summary="Caught up about the team.",
        application=application,
    )

    contact.refresh_from_db()
    assert contact.last_contacted_on == dt.date(2025, 6, 9)
    assert contact.next_check_in_on == dt.date(2025, 8, 8)
    assert interaction.contact == contact
    assert interaction.application == application


def test_logging_an_older_interaction_does_not_move_the_dates_back(user):
    contact = ContactFactory(
        owner=user, keep_in_touch_days=30, last_contacted_on=dt.date(2025, 6, 1)
    )

    contact.log_interaction(happened_on=dt.date(2025, 3, 1), kind=Interaction.Kind.EMAIL)

    contact.refresh_from_db()
    assert contact.last_contacted_on == dt.date(2025, 6, 1)
    assert contact.next_check_in_on == dt.date(2025, 7, 1)
    assert contact.interactions.count() == 1


def test_logging_with_no_cadence_moves_the_last_contact_only(user):
    contact = ContactFactory(owner=user, keep_in_touch_days=None)

    contact.log_interaction(happened_on=TODAY, kind=Interaction.Kind.MEETING)

    contact.refresh_from_db()
    assert contact.last_contacted_on == TODAY
    assert contact.next_check_in_on is None


def test_search_looks_at_name_title_email_and_company(user):
    ContactFactory(owner=user, name="Dana Lee", title="Recruiter", company__name="Globex")
    ContactFactory(owner=user, name="Sam Roe", email="sam@initech.example", company__name="Initech")
    mine = Contact.objects.for_user(user)

    def found(text):
        return sorted(mine.search(text).values_list("name", flat=True))

    assert found("dana") == ["Dana Lee"]
    assert found("RECRUIT") == ["Dana Lee"]
    assert found("initech.example") == ["Sam Roe"]
    assert found("globex") == ["Dana Lee"]
    assert found("  ") == ["Dana Lee", "Sam Roe"]


def test_contacts_are_owned(user, other_user):
    ContactFactory(owner=user, name="Mine")
    ContactFactory(owner=other_user, name="Theirs")

    assert list(Contact.objects.for_user(user).values_list("name", flat=True)) == ["Mine"]
    assert not Interaction.objects.for_user(other_user).exists()
