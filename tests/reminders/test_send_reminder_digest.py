"""manage.py send_reminder_digest: what is due today and overdue, emailed at most once
per user per local day, to confirmed addresses with the digest on."""

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.test import override_settings

from reminders import digest
from reminders.management.commands.send_reminder_digest import Command
from tests.factories import ApplicationFactory, ContactFactory, UserFactory
from tests.html import parse
from tests.reminders.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db

SITE = "https://onward.example"
BROKEN = "broken@example.org"


class FailingBackend(locmem.EmailBackend):
    """The test backend, except that the mail server refuses BROKEN."""

    def send_messages(self, messages):
        for message in messages:
            if BROKEN in message.to:
                raise smtplib.SMTPRecipientsRefused({BROKEN: (550, b"5.1.1 Mailbox unavailable")})
        return super().send_messages(messages)


FAILING = "tests.reminders.test_send_reminder_digest.FailingBackend"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("send_reminder_digest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def reader(email, zone="UTC", **extra):
    """A user with a confirmed address and the digest on (the default), and one
    application whose follow-up is due on their today."""
    person = UserFactory(email=email, time_zone=zone, **{"email_confirmed": True, **extra})
    ApplicationFactory(owner=person, title="Role", follow_up_on=person.today())
    return person


def sent_to():
    return [address for message in mail.outbox for address in message.to]


@pytest.fixture
def confirmed(user):
    user.email_confirmed = True
    user.save()
    return user


def test_the_digest_lists_overdue_and_today_with_links(
    confirmed, jane, turned_down, feedback_request, follow_up, quiet, interview
):
    out, _ = run()

    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert message.subject == "Onward: 4 things for today"
    assert out.splitlines() == [
        "Sent owner@example.org 4 reminder(s) for 2025-06-10.",
        "Sent 1 digest(s); 0 failed.",
    ]
    text = message.body
    assert text.startswith(
        "Hello Olive,\n\nHere is what is due in your job search today, Tuesday 10 June.\n"
    )
    assert (
        "OVERDUE\n\n"
        "- Check in with Jane Doe, hiring manager at Acme.\n"
        "  Last contact 92 days ago; they turned you down for Data Analyst in March. (due 8 Jun)\n"
        f"  {SITE}{jane.get_absolute_url()}\n"
    ) in text
    assert (
        "TODAY\n\n"
        "- Follow up on Backend developer at Acme.\n"
        "  Applied 20 May; now at screening.\n"
        f"  {SITE}{follow_up.get_absolute_url()}\n"
    ) in text
    assert f"{SITE}{feedback_request.get_absolute_url()}" in text
    assert f"{SITE}{quiet.get_absolute_url()}" in text
    assert "Data engineer" not in text  # the interview is on Thursday
    assert f"All your reminders: {SITE}/reminders/" in text
    assert f"Turn it off in your settings: {SITE}/accounts/settings/" in text

    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    links = {a.attrs["href"]: a.text for a in parse(html).find_all("a")}
    assert links[f"{SITE}{jane.get_absolute_url()}"] == (
        "Check in with Jane Doe, hiring manager at Acme."
    )
    assert links[f"{SITE}{quiet.get_absolute_url()}"] == (
        "No news about Product analyst at Globex since 27 May."
    )
    assert all(href.startswith(SITE) for href in links)
    assert [h2.text for h2 in parse(html).find_all("h2")] == ["Overdue", "Today"]


def test_an_interview_today_is_in_the_digest(confirmed, follow_up, interview):
    type(interview).objects.filter(pk=interview.pk).update(starts_at=NOW - dt.timedelta(hours=2))

    run()

    [message] = mail.outbox
    assert "Video call interview for Data engineer at Initech, 21:30." in message.body


def test_one_email_per_user_however_often_it_runs_the_same_day(confirmed, follow_up, frozen_clock):
    run()
    run()
    frozen_clock.move_to(NOW - dt.timedelta(hours=23))  # earlier the same day
    out, _ = run()

    assert sent_to() == ["owner@example.org"]
    assert out.splitlines() == ["Sent 0 digest(s); 0 failed."]
    confirmed.refresh_from_db()
    assert confirmed.digest_sent_on == TODAY


def test_the_next_day_brings_the_next_email(confirmed, follow_up, frozen_clock):
    run()
    frozen_clock.move_to(NOW + dt.timedelta(hours=1))  # 00:30 on the 11th in UTC

    run()

    assert sent_to() == ["owner@example.org", "owner@example.org"]


@pytest.mark.parametrize(
    "extra",
    [
        {"email_confirmed": False},
        {"digest_enabled": False},
        {"is_active": False},
    ],
    ids=["unconfirmed", "digest-off", "inactive"],
)
def test_no_email_to_those_who_should_not_get_one(extra):
    person = reader("someone@example.org", **extra)

    out, _ = run()

    assert mail.outbox == []
    assert out.splitlines() == ["Sent 0 digest(s); 0 failed."]
    person.refresh_from_db()
    assert person.digest_sent_on is None


def test_no_email_with_nothing_due(confirmed, interview, acme):
    ApplicationFactory(owner=confirmed, company=acme, follow_up_on=TODAY + dt.timedelta(days=1))

    run()

    assert mail.outbox == []
    confirmed.refresh_from_db()
    assert confirmed.digest_sent_on is None


def test_each_owner_gets_theirs_on_their_own_day(frozen_clock):
    # At 23:30 UTC on the 10th it is already the 11th in Auckland, still the 10th in LA.
    kiwi = UserFactory(email="kiwi@example.org", time_zone="Pacific/Auckland", email_confirmed=True)
    angeleno = UserFactory(
        email="angeleno@example.org", time_zone="America/Los_Angeles", email_confirmed=True
    )
    ContactFactory(
        owner=kiwi, name="Aroha", keep_in_touch_days=30, last_contacted_on=dt.date(2025, 5, 12)
    )
    ApplicationFactory(owner=angeleno, title="LA role", follow_up_on=dt.date(2025, 6, 11))

    run()
    assert sent_to() == ["kiwi@example.org"]
    assert "Wednesday 11 June" in mail.outbox[0].body
    assert "Check in with Aroha" in mail.outbox[0].body

    frozen_clock.move_to(dt.datetime(2025, 6, 11, 8, 0, tzinfo=dt.UTC))  # 01:00 in LA
    run()
    assert sent_to() == ["kiwi@example.org", "angeleno@example.org"]
    assert "Follow up on LA role" in mail.outbox[1].body

    frozen_clock.move_to(dt.datetime(2025, 6, 11, 12, 30, tzinfo=dt.UTC))  # 00:30 in Auckland
    run()
    assert sent_to() == ["kiwi@example.org", "angeleno@example.org", "kiwi@example.org"]
    kiwi.refresh_from_db()
    angeleno.refresh_from_db()
    assert (kiwi.digest_sent_on, angeleno.digest_sent_on) == (
        dt.date(2025, 6, 12),
        dt.date(2025, 6, 11),
    )


def test_a_dry_run_lists_and_sends_and_claims_nothing(confirmed, follow_up, quiet):
    reader("second@example.org")

    out, _ = run("--dry-run")

    assert out.splitlines() == [
        "Would send owner@example.org 2 reminder(s) for 2025-06-10.",
        "Would send second@example.org 1 reminder(s) for 2025-06-10.",
        "Dry run: 2 digest(s) would be sent; nothing was sent.",
    ]
    assert mail.outbox == []
    confirmed.refresh_from_db()
    assert confirmed.digest_sent_on is None

    run()
    assert sent_to() == ["owner@example.org", "second@example.org"]


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_mail_failure_is_reported_the_run_goes_on_and_the_next_run_retries():
    broken = reader(BROKEN)
    fine = reader("fine@example.org")
    err = StringIO()

    with pytest.raises(
        CommandError, match=r"1 digest\(s\) could not be sent; they will be retried"
    ):
        call_command("send_reminder_digest", stdout=StringIO(), stderr=err)

    assert err.getvalue().startswith(f"Could not email {BROKEN}: ")
    assert "Mailbox unavailable" in err.getvalue()
    assert err.getvalue().rstrip().endswith("Will retry next run.")
    assert sent_to() == ["fine@example.org"]
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (broken.digest_sent_on, fine.digest_sent_on) == (None, TODAY)

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        out, _ = run()

    assert sent_to() == ["fine@example.org", BROKEN]
    assert out.splitlines()[-1] == "Sent 1 digest(s); 0 failed."
    broken.refresh_from_db()
    assert broken.digest_sent_on == TODAY


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=1,  # nothing listens there: connection refused
    EMAIL_TIMEOUT=2,
)
def test_a_misconfigured_mail_server_is_reported_and_nothing_is_lost():
    first, second = reader("first@example.org"), reader("second@example.org")
    err = StringIO()

    with pytest.raises(CommandError, match=r"2 digest\(s\) could not be sent"):
        call_command("send_reminder_digest", stdout=StringIO(), stderr=err)

    assert [line.split(":")[0] for line in err.getvalue().splitlines()] == [
        "Could not email first@example.org",
        "Could not email second@example.org",
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.digest_sent_on, second.digest_sent_on) == (None, None)


def test_a_claim_is_taken_once_per_day(confirmed):
    assert Command.claim(confirmed, TODAY) is True
    assert Command.claim(confirmed, TODAY) is False
    assert Command.claim(confirmed, TODAY + dt.timedelta(days=1)) is True


def test_two_runs_at_once_send_one_email(confirmed, follow_up, monkeypatch):
    # This run has read the user (not yet sent today) when another run claims them.
    real_due_today = digest.due_today

    def another_run_claims_first(person, today):
        assert Command.claim(person, today)
        return real_due_today(person, today)

    monkeypatch.setattr(digest, "due_today", another_run_claims_first)

    out, _ = run()

    assert mail.outbox == []
    assert out.splitlines() == ["Sent 0 digest(s); 0 failed."]
    confirmed.refresh_from_db()
    assert confirmed.digest_sent_on == TODAY
