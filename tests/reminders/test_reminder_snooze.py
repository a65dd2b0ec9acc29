"""POST /reminders/<kind>/<id>/snooze/: 1 day, 1 week or 1 month, moving the date on
the object itself."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Stage
from tests.checks import assert_sent_to_log_in
from tests.html import page_messages, parse
from tests.reminders.conftest import TODAY, in_zone

pytestmark = pytest.mark.django_db

LIST = reverse("reminders:list")
LENGTHS = [("1d", 1), ("1w", 7), ("1m", 30)]
KINDS = ["check-in", "feedback", "follow-up", "quiet"]


def url(kind, obj):
    return reverse("reminders:snooze", args=[kind, obj.pk])


def the_date(kind, obj):
    obj.refresh_from_db()
    return obj.next_check_in_on if kind == "check-in" else obj.follow_up_on


def snapshot(obj):
    obj.refresh_from_db()
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def group_of(response, kind, obj):
    """The heading of the group the object's reminder is listed under (a snoozed quiet
    application comes back as a follow-up)."""
    for kind_now in (kind, "follow-up"):
        item = parse(response).find("li", id=f"reminder-{kind_now}-{obj.pk}")
        if item is not None:
            return item.parent.parent.find("h2").text.rsplit(" ", 1)[0]
    return None


@pytest.fixture
def objects(jane, feedback_request, follow_up, quiet):
    return {"check-in": jane, "feedback": feedback_request, "follow-up": follow_up, "quiet": quiet}


@pytest.mark.parametrize(("length", "days"), LENGTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_snooze_moves_the_date_on_the_object(owner_client, objects, kind, length, days):
    obj = objects[kind]

    response = owner_client.post(url(kind, obj), {"length": length}, follow=True)

    assertRedirects(response, LIST)
    until = TODAY + dt.timedelta(days=days)
    assert the_date(kind, obj) == until
    assert page_messages(response) == [f"Snoozed until {until:%A} {until.day} {until:%B}."]
    assert group_of(response, kind, obj) == ("In the next 30 days" if days == 30 else "This week")


def test_a_snoozed_check_in_logs_nothing(owner_client, jane):
    owner_client.post(url("check-in", jane), {"length": "1w"})

    jane.refresh_from_db()
    assert jane.interactions.count() == 0
    assert jane.last_contacted_on == TODAY - dt.timedelta(days=92)
    assert jane.keep_in_touch_days == 90


def test_a_snoozed_quiet_application_becomes_a_follow_up_on_that_day(owner_client, quiet):
    owner_client.post(url("quiet", quiet), {"length": "1w"})

    quiet.refresh_from_db()
    assert quiet.stage == Stage.APPLIED
    page = parse(owner_client.get(LIST))
    assert page.find("li", id=f"reminder-quiet-{quiet.pk}") is None
    follow_up = page.find("li", id=f"reminder-follow-up-{quiet.pk}")
    assert "Tue 17 Jun (in 7 days)." in follow_up.text


def test_snooze_counts_from_the_users_own_today(owner_client, user, jane):
    in_zone(user, "Pacific/Auckland")  # the 11th there

    response = owner_client.post(url("check-in", jane), {"length": "1d"}, follow=True)

    assert the_date("check-in", jane) == dt.date(2025, 6, 12)
    assert page_messages(response) == ["Snoozed until Thursday 12 June."]


def contact_form(contact, **changes):
    data = {
        "name": contact.name,
        "company": contact.company.name,
        "title": contact.title,
        "relation": contact.relation,
        "email": contact.email,
        "phone": contact.phone,
        "linkedin_url": contact.linkedin_url,
        "keep_in_touch_days": contact.keep_in_touch_days,
        "last_contacted_on": contact.last_contacted_on.isoformat(),
        "notes": contact.notes,
        "version": contact.updated_at.isoformat(),
    }
    return {**data, **changes}


def test_a_snoozed_check_in_keeps_its_date_when_the_contact_is_edited(owner_client, jane):
    owner_client.post(url("check-in", jane), {"length": "1w"})
    jane.refresh_from_db()

    response = owner_client.post(
        reverse("contacts:edit", args=[jane.pk]), contact_form(jane, title="VP Data")
    )

    assert response.status_code == 302
    jane.refresh_from_db()
    assert jane.title == "VP Data"
    assert jane.next_check_in_on == TODAY + dt.timedelta(days=7)


def test_changing_the_cadence_after_a_snooze_recomputes_the_date(owner_client, jane):
    owner_client.post(url("check-in", jane), {"length": "1m"})
    jane.refresh_from_db()

    owner_client.post(
        reverse("contacts:edit", args=[jane.pk]), contact_form(jane, keep_in_touch_days=30)
    )

    jane.refresh_from_db()
    assert jane.next_check_in_on == jane.last_contacted_on + dt.timedelta(days=30)


@pytest.mark.parametrize("length", ["2y", "", "7"])
@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_length_is_refused_and_nothing_changes(owner_client, objects, kind, length):
    obj = objects[kind]
    before = snapshot(obj)

    response = owner_client.post(url(kind, obj), {"length": length})

    assert response.status_code == 422
    page = parse(response)
    assert page.find("div", role="alert").text == (
        "Pick how long to snooze: 1 day, 1 week or 1 month."
    )
    assert "Nothing was changed." in page.text
    assert snapshot(obj) == before


@pytest.mark.parametrize("kind", KINDS)
def test_get_is_not_allowed(owner_client, objects, kind):
    obj = objects[kind]
    before = snapshot(obj)

    assert owner_client.get(url(kind, obj), {"length": "1d"}).status_code == 405
    assert snapshot(obj) == before


@pytest.mark.parametrize("kind", KINDS)
def test_another_users_object_is_not_found_and_unchanged(stranger_client, objects, kind):
    obj = objects[kind]
    before = snapshot(obj)

    assert stranger_client.post(url(kind, obj), {"length": "1m"}).status_code == 404
    assert stranger_client.post(url(kind, obj), {"length": "bad"}).status_code == 404
    assert snapshot(obj) == before


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitor_is_sent_to_log_in(client, objects, kind):
    obj = objects[kind]
    month = {"length": "1m"}
    assert_sent_to_log_in(client, url(kind, obj), month, lambda: snapshot(obj), get=False)


def test_an_interview_or_unknown_kind_cannot_be_snoozed(owner_client, interview):
    before = snapshot(interview)

    for kind in ("interview", "bogus", "Check-in"):
        response = owner_client.post(f"/reminders/{kind}/{interview.pk}/snooze/", {"length": "1d"})
        assert response.status_code == 404
    assert snapshot(interview) == before


def test_a_next_page_on_the_site_is_where_it_returns(owner_client, jane):
    response = owner_client.post(url("check-in", jane), {"length": "1d", "next": "/?x=1"})
    assertRedirects(response, "/?x=1", fetch_redirect_response=False)

    response = owner_client.post(
        url("check-in", jane), {"length": "1d", "next": "https://evil.example/"}
    )
    assertRedirects(response, LIST, fetch_redirect_response=False)


@pytest.mark.parametrize("kind", KINDS)
def test_a_date_too_late_to_move_on_is_refused_in_words_and_nothing_changes(
    owner_client, objects, kind
):
    """Finding 4: a date near 9999-12-31 (the last day a date can be) moved on by a
    month raised OverflowError: a 500. Dates now end with 2100 (core/limits.py)."""
    obj = objects[kind]
    field = "next_check_in_on" if kind == "check-in" else "follow_up_on"
    type(obj).objects.filter(pk=obj.pk).update(**{field: dt.date(2100, 12, 20)})
    before = snapshot(obj)

    response = owner_client.post(url(kind, obj), {"length": "1m"})

    assert response.status_code == 422
    assert parse(response).find("div", role="alert").text == (
        "This reminder is already as late as Onward’s calendar goes (20 December 2100; "
        "dates end with 2100), so it can’t be snoozed any further. Change its date instead."
    )
    assert "Nothing was changed." in parse(response).text
    assert snapshot(obj) == before
