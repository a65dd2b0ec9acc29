"""reminders (sources, building, drafts): dates on objects turned into one dated list,
grouped by the user's own today, counted for the navbar in one query, and the drafted
messages."""

import datetime as dt

import pytest
import time_machine

from applications.models import Stage
from feedback.models import FeedbackRequest, Lesson
from reminders import building, drafts, sources
from reminders.kinds import ReminderKind
from tests.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    LessonFactory,
    RejectionFactory,
)
from tests.reminders.conftest import NOW, TODAY, in_zone

pytestmark = pytest.mark.django_db


def due_by_today(person, kinds=None):
    today = person.today()
    return building.collect(person, today, today, kinds)


def rewrite(application, **fields):
    """Writes the row directly (as a move long ago would have left it), keeping its last
    news as every writer does (applications/news.py)."""
    rows = type(application).objects.filter(pk=application.pk)
    rows.update(**fields)
    rows.refresh_news()


def titles(reminders):
    return [reminder.title for reminder in reminders]


def grouped_titles(person, days=30):
    today = person.today()
    groups = building.group(building.collect(person, today, today + dt.timedelta(days=days)), today)
    return {name: titles(items) for name, items in groups.items()}


# Keep in touch


def test_a_check_in_says_who_and_recalls_the_earlier_process(user, jane, turned_down):
    [reminder] = due_by_today(user)

    assert reminder.kind == ReminderKind.CHECK_IN
    assert reminder.due == dt.date(2025, 6, 8)
    assert reminder.title == "Check in with Jane Doe, hiring manager at Acme."
    assert reminder.detail == (
        "Last contact 92 days ago; they turned you down for Data Analyst in March."
    )
    assert reminder.url == jane.get_absolute_url()
    assert reminder.uid == f"check-in-{jane.pk}"
    assert reminder.actionable


def test_a_check_in_names_the_latest_rejection_and_its_year_when_not_this_one(user, acme):
    ContactFactory(
        owner=user,
        company=acme,
        name="Sam Roe",
        title="Head of Data",
        keep_in_touch_days=30,
        last_contacted_on=TODAY - dt.timedelta(days=31),
    )
    RejectionFactory(
        application__owner=user,
        application__company=acme,
        application__title="Analyst",
        received_on=dt.date(2023, 5, 2),
    )
    RejectionFactory(
        application__owner=user,
        application__company=acme,
        application__title="Senior Analyst",
        received_on=dt.date(2024, 11, 20),
    )

    [reminder] = due_by_today(user)

    assert reminder.title == "Check in with Sam Roe, Head of Data at Acme."
    assert reminder.detail == (
        "Last contact 31 days ago; they turned you down for Senior Analyst in November 2024."
    )


def test_a_check_in_with_no_contact_logged_counts_from_when_the_contact_was_added(user):
    with time_machine.travel(NOW - dt.timedelta(days=30), tick=False):
        ContactFactory(owner=user, company=None, name="Ravi Shah", keep_in_touch_days=30)

    [reminder] = due_by_today(user)

    assert reminder.due == TODAY
    assert reminder.title == "Check in with Ravi Shah, recruiter."
    assert reminder.detail == "No contact logged yet."


def test_another_users_rejection_at_a_same_named_company_is_not_recalled(
    user, other_user, jane, strangers_things
):
    RejectionFactory(
        application__owner=other_user,
        application__company__owner=other_user,
        application__company__name="Acme",
        application__title="Their role",
    )

    [reminder] = due_by_today(user)

    assert reminder.detail == "Last contact 92 days ago."


def test_check_ins_come_from_next_check_in_on(user, acme):
    ContactFactory(
        owner=user, company=acme, name="No cadence", last_contacted_on=dt.date(2024, 1, 1)
    )
    soon = ContactFactory(
        owner=user,
        company=acme,
        name="Soon",
        keep_in_touch_days=30,
        last_contacted_on=TODAY - dt.timedelta(days=25),
    )

    assert due_by_today(user) == []
    [reminder] = building.collect(user, TODAY, TODAY + dt.timedelta(days=5))
    assert (reminder.pk, reminder.due) == (soon.pk, soon.next_check_in_on)
    assert soon.next_check_in_on == TODAY + dt.timedelta(days=5)


# Feedback follow-ups: only while the request is sent and unanswered


def test_a_sent_request_with_no_answer_is_followed_up(user, feedback_request):
    [reminder] = due_by_today(user, [ReminderKind.FEEDBACK])

    assert reminder.due == dt.date(2025, 6, 9)
    assert reminder.title == (
        "Follow up your feedback request to Jane Doe about Data Analyst at Acme."
    )
    assert reminder.detail == "Sent 9 days ago; no answer recorded yet."
    assert reminder.url == feedback_request.get_absolute_url()


@pytest.mark.parametrize(
    "status",
    [
        FeedbackRequest.Status.DRAFT,
        FeedbackRequest.Status.RECEIVED,
        FeedbackRequest.Status.DECLINED,
        FeedbackRequest.Status.NO_RESPONSE,
    ],
)
def test_a_request_not_waiting_for_an_answer_is_not_followed_up(user, feedback_request, status):
    FeedbackRequest.objects.filter(pk=feedback_request.pk).update(status=status)

    assert due_by_today(user, [ReminderKind.FEEDBACK]) == []


def test_a_request_to_nobody_in_particular_still_reads_well(user, turned_down):
    FeedbackRequestFactory(
        rejection=turned_down,
        status=FeedbackRequest.Status.SENT,
        sent_on=TODAY,
        follow_up_on=TODAY,
    )

    [reminder] = due_by_today(user)

    assert reminder.title == "Follow up your feedback request about Data Analyst at Acme."
    assert reminder.detail == "Sent today; no answer recorded yet."


# Application follow-ups: only for active stages


@pytest.mark.parametrize(
    "stage", [Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER]
)
def test_an_active_application_is_followed_up_on_its_date(user, acme, stage):
    application = ApplicationFactory(
        owner=user,
        company=acme,
        title="Backend developer",
        stage=stage,
        applied_on=dt.date(2025, 5, 20),
        follow_up_on=TODAY - dt.timedelta(days=1),
    )

    [reminder] = due_by_today(user)

    assert (reminder.kind, reminder.pk, reminder.due) == (
        ReminderKind.FOLLOW_UP,
        application.pk,
        TODAY - dt.timedelta(days=1),
    )
    assert reminder.title == "Follow up on Backend developer at Acme."
    assert reminder.detail == f"Applied 20 May; now at {stage.label.lower()}."


@pytest.mark.parametrize(
    "stage", [Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.NO_RESPONSE]
)
def test_a_closed_application_is_not_followed_up(user, acme, stage):
    ApplicationFactory(owner=user, company=acme, stage=stage, follow_up_on=TODAY)

    assert due_by_today(user) == []


# Quiet applications: the per-stage thresholds (more in test_no_news.py)


def test_an_application_applied_for_is_quiet_after_14_days(user, quiet):
    [reminder] = due_by_today(user)

    assert (reminder.kind, reminder.pk, reminder.due) == (ReminderKind.QUIET, quiet.pk, TODAY)
    assert reminder.title == "No news about Product analyst at Globex since 27 May."
    assert reminder.detail == (
        "14 days without news after applying. Send a polite nudge: the draft is ready."
    )
    assert reminder.actionable


def test_a_screening_call_is_quiet_after_10_days(user, quiet):
    rewrite(quiet, stage=Stage.SCREENING, stage_changed_at=NOW - dt.timedelta(days=10))

    [reminder] = due_by_today(user)

    assert (reminder.kind, reminder.due) == (ReminderKind.QUIET, TODAY)
    assert reminder.detail.startswith("10 days without news after a screening call.")


def test_a_day_short_of_quiet_is_due_tomorrow(user, quiet):
    rewrite(quiet, stage_changed_at=NOW - dt.timedelta(days=13))

    assert due_by_today(user) == []
    [reminder] = building.collect(user, TODAY, TODAY + dt.timedelta(days=1))
    assert (reminder.kind, reminder.due) == (ReminderKind.QUIET, TODAY + dt.timedelta(days=1))


def test_quiet_follows_the_users_own_setting(user, quiet):
    rewrite(quiet, stage_changed_at=NOW - dt.timedelta(days=10))
    assert due_by_today(user) == []

    user.quiet_applied_days = 10
    user.save()

    [reminder] = due_by_today(user)
    assert (reminder.kind, reminder.due) == (ReminderKind.QUIET, TODAY)


def test_a_stage_change_inside_the_window_is_news(user, quiet):
    quiet.move_to(Stage.SCREENING)

    assert due_by_today(user, [ReminderKind.QUIET]) == []


def test_an_application_with_a_follow_up_date_is_not_quiet(user, quiet):
    type(quiet).objects.filter(pk=quiet.pk).update(follow_up_on=TODAY + dt.timedelta(days=3))

    assert due_by_today(user) == []


@pytest.mark.parametrize(
    "starts_at",
    [NOW - dt.timedelta(days=5), NOW + dt.timedelta(days=2)],
    ids=["past-interview-in-window", "upcoming-interview"],
)
def test_an_application_with_an_interview_in_the_window_is_not_quiet(user, quiet, starts_at):
    InterviewFactory(application=quiet, starts_at=starts_at)

    assert due_by_today(user, [ReminderKind.QUIET]) == []


def test_an_interview_before_the_window_does_not_count_as_news(user, quiet):
    InterviewFactory(application=quiet, starts_at=NOW - dt.timedelta(days=15))

    assert [r.kind for r in due_by_today(user)] == [ReminderKind.QUIET]


@pytest.mark.parametrize(
    "stage", [Stage.SAVED, Stage.OFFER, Stage.REJECTED, Stage.NO_RESPONSE, Stage.WITHDRAWN]
)
def test_saved_offers_and_closed_applications_do_not_go_quiet(user, quiet, stage):
    type(quiet).objects.filter(pk=quiet.pk).update(stage=stage)

    assert due_by_today(user) == []


def test_quiet_counts_from_the_users_own_day(user, quiet):
    # The stage changed at 23:30 UTC on 27 May: already the 28th in Auckland, so there
    # the application goes quiet a day later, on the 11th, which is Auckland's today.
    in_zone(user, "Pacific/Auckland")

    [reminder] = due_by_today(user)

    assert reminder.due == dt.date(2025, 6, 11) == user.today()
    assert reminder.title == "No news about Product analyst at Globex since 28 May."


# Interviews: for information


def test_interviews_are_listed_for_information_in_the_users_zone(user, interview):
    in_zone(user, "Europe/Berlin")

    [reminder] = building.collect(user, TODAY, TODAY + dt.timedelta(days=7))

    assert reminder.kind == ReminderKind.INTERVIEW
    assert not reminder.actionable
    assert reminder.due == dt.date(2025, 6, 12)
    assert reminder.at == interview.starts_at
    assert reminder.title == "Video call interview for Data engineer at Initech, 11:00."
    assert reminder.detail == "Interview with Priya. Good luck!"
    assert reminder.url == interview.application.get_absolute_url()


def test_interviews_start_from_the_beginning_of_the_users_today(user, interview):
    # 10:00 UTC on 10 June: earlier today in Los Angeles, yesterday in Auckland.
    type(interview).objects.filter(pk=interview.pk).update(
        starts_at=dt.datetime(2025, 6, 10, 10, 0, tzinfo=dt.UTC)
    )

    in_zone(user, "America/Los_Angeles")
    assert [r.due for r in due_by_today(user)] == [dt.date(2025, 6, 10)]

    in_zone(user, "Pacific/Auckland")
    assert due_by_today(user) == []


# The list as a whole


def test_the_list_holds_every_kind_sorted_by_due_date(
    user,
    jane,
    turned_down,
    feedback_request,
    follow_up,
    quiet,
    interview,
    closing,
    strangers_things,
):
    reminders = building.collect(user, TODAY, TODAY + dt.timedelta(days=30))

    assert [(r.kind, r.due) for r in reminders] == [
        (ReminderKind.CHECK_IN, dt.date(2025, 6, 8)),
        (ReminderKind.FEEDBACK, dt.date(2025, 6, 9)),
        (ReminderKind.FOLLOW_UP, TODAY),
        (ReminderKind.QUIET, TODAY),
        (ReminderKind.INTERVIEW, dt.date(2025, 6, 12)),
        (ReminderKind.CLOSING, dt.date(2025, 6, 12)),
    ]
    assert [r.uid for r in reminders] == [
        f"check-in-{jane.pk}",
        f"feedback-{feedback_request.pk}",
        f"follow-up-{follow_up.pk}",
        f"quiet-{quiet.pk}",
        f"interview-{interview.pk}",
        f"closing-{closing.pk}",
    ]


def test_kinds_narrow_the_list(
    user,
    jane,
    feedback_request,
    follow_up,
    quiet,
    interview,
    to_send,
    question_asked,
    closing,
    reapply,
):
    until = TODAY + dt.timedelta(days=30)

    for kind in ReminderKind:
        assert [r.kind for r in building.collect(user, TODAY, until, [kind])] == [kind]


def test_groups_are_overdue_today_this_week_and_later(user, acme):
    for days in (-1, 0, 1, 7, 8, 30):
        ApplicationFactory(
            owner=user, company=acme, title=f"Day {days}", follow_up_on=TODAY + dt.timedelta(days)
        )

    assert grouped_titles(user) == {
        "overdue": ["Follow up on Day -1 at Acme."],
        "today": ["Follow up on Day 0 at Acme."],
        "week": ["Follow up on Day 1 at Acme.", "Follow up on Day 7 at Acme."],
        "later": ["Follow up on Day 8 at Acme.", "Follow up on Day 30 at Acme."],
    }


def test_nothing_beyond_the_horizon(user, acme):
    ApplicationFactory(owner=user, company=acme, follow_up_on=TODAY + dt.timedelta(days=31))

    assert grouped_titles(user) == {"overdue": [], "today": [], "week": [], "later": []}


# Day boundaries: at 23:30 UTC a date is "tomorrow" for one user and "today" for another


@pytest.mark.parametrize(
    ("zone", "group_of_the_10th", "group_of_the_11th"),
    [
        ("America/Los_Angeles", "today", "week"),  # 16:30 on the 10th
        ("UTC", "today", "week"),  # 23:30 on the 10th
        ("Asia/Kolkata", "overdue", "today"),  # 05:00 on the 11th
        ("Pacific/Auckland", "overdue", "today"),  # 11:30 on the 11th
    ],
)
def test_groups_follow_the_users_own_day(user, acme, zone, group_of_the_10th, group_of_the_11th):
    in_zone(user, zone)
    ContactFactory(
        owner=user,
        company=acme,
        name="Due the 10th",
        keep_in_touch_days=30,
        last_contacted_on=dt.date(2025, 5, 11),
    )
    ApplicationFactory(
        owner=user, company=acme, title="Due the 11th", follow_up_on=dt.date(2025, 6, 11)
    )

    groups = grouped_titles(user)

    assert "Check in with Due the 10th, recruiter at Acme." in groups[group_of_the_10th]
    assert "Follow up on Due the 11th at Acme." in groups[group_of_the_11th]


def test_a_day_later_the_reminder_due_tomorrow_is_due_today(user, acme, frozen_clock):
    in_zone(user, "America/Los_Angeles")
    ApplicationFactory(owner=user, company=acme, title="Role", follow_up_on=dt.date(2025, 6, 11))
    assert grouped_titles(user)["week"] == ["Follow up on Role at Acme."]

    frozen_clock.move_to(dt.datetime(2025, 6, 11, 7, 0, tzinfo=dt.UTC))  # midnight in LA

    assert grouped_titles(user)["today"] == ["Follow up on Role at Acme."]


# The navbar's count


def test_due_count_counts_what_wants_action_today_in_one_query(
    user,
    jane,
    feedback_request,
    follow_up,
    quiet,
    interview,
    strangers_things,
    acme,
    django_assert_num_queries,
):
    ApplicationFactory(owner=user, company=acme, follow_up_on=TODAY + dt.timedelta(days=1))
    expected = [r for r in due_by_today(user) if r.actionable]
    assert len(expected) == 4

    with django_assert_num_queries(1):
        count = sources.due_count(user, TODAY)

    assert count == 4


def test_due_count_is_zero_with_nothing_due(user, other_user, strangers_things):
    assert sources.due_count(user, TODAY) == 0
    assert sources.due_count(other_user, TODAY) == 4


@pytest.mark.parametrize(("zone", "count"), [("America/Los_Angeles", 1), ("Pacific/Auckland", 2)])
def test_due_count_follows_the_users_day(user, acme, zone, count):
    in_zone(user, zone)
    ApplicationFactory(owner=user, company=acme, follow_up_on=dt.date(2025, 6, 10))
    ApplicationFactory(owner=user, company=acme, follow_up_on=dt.date(2025, 6, 11))

    assert sources.due_count(user, user.today()) == count
    assert count == len(due_by_today(user))


# Drafted messages


def test_the_check_in_draft_is_friendly_and_says_what_is_new(user, jane, turned_down):
    done = {"owner": user, "status": Lesson.Status.DONE}
    LessonFactory(**done, title="A statistics course", done_on=TODAY - dt.timedelta(days=30))
    LessonFactory(
        **done, title="Mock system design interviews", done_on=TODAY - dt.timedelta(days=2)
    )
    LessonFactory(**done, title="Before we spoke", done_on=TODAY - dt.timedelta(days=100))
    LessonFactory(owner=user, title="Still open")
    LessonFactory(status=Lesson.Status.DONE, title="Someone else's", done_on=TODAY)

    draft = drafts.check_in_draft(jane, user)

    assert draft.subject == "Catching up – Acme"
    assert draft.body.startswith("Dear Jane,\n\nI hope all is well at Acme.")
    assert "about the Data Analyst role" in draft.body
    assert (
        "Since we last spoke, I have been working on:\n"
        "- Mock system design interviews\n"
        "- A statistics course\n" in draft.body
    )
    assert "before we spoke" not in draft.body.lower()
    assert "still open" not in draft.body.lower()
    assert "someone else" not in draft.body.lower()
    assert draft.body.endswith("Best wishes,\nOlive Owner\n")


def test_the_check_in_draft_without_a_process_or_lessons(user):
    contact = ContactFactory(owner=user, company=None, name="Ravi Shah", keep_in_touch_days=30)

    draft = drafts.check_in_draft(contact, user)

    assert draft.subject == "Catching up"
    assert "Dear Ravi," in draft.body
    assert "I enjoyed our last conversation and wanted to stay in touch." in draft.body
    assert "Since we last spoke" not in draft.body


def test_the_nudge_draft_is_polite_and_names_the_role(user, quiet):
    draft = drafts.nudge_draft(quiet, user)

    assert draft.subject == "My application for the Product analyst role"
    assert draft.body.startswith("Dear hiring team at Globex,")
    assert "my application for the Product analyst role at Globex, which I sent on 20 May" in (
        draft.body
    )
    assert draft.body.endswith("Kind regards,\nOlive Owner\n")
