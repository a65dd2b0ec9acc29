"""/insights/: the search as a whole, from aggregate queries over the owner's rows.

Read the way a person reads the page: the sentence under each chart and the table of
numbers behind it."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from applications.models import Application, Stage
from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection
from insights.charts import BAR_AREA, ROW_HEIGHT, Chart, Row, Segment
from insights.figures.counts import counted
from insights.figures.feedback import days_text
from insights.figures.mood import MONTH_KEYS, MOOD_MONTHS, month_starts
from insights.figures.page import insights
from insights.figures.rejections import rejection_row
from insights.figures.weeks import week_starts
from insights.figures.words import TOO_FEW, percent
from tests.factories import (
    ApplicationFactory,
    FeedbackRequestFactory,
    LessonFactory,
    RejectionFactory,
    build_pipeline,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("insights:insights")
NOW = dt.datetime(2025, 6, 10, 12, 0, tzinfo=dt.UTC)  # a Tuesday
QUERY_BUDGET = 10
Status = FeedbackRequest.Status
AtStage = Rejection.AtStage


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


# Reading the page


def section(response, name):
    found = parse(response).find("section", **{"aria-labelledby": f"{name}-heading"})
    assert found is not None, f"no {name} section"
    return found


def caption(response, name):
    """The sentence under a chart, which is also the chart's accessible name."""
    figure = parse(response).find(**{"aria-labelledby": f"{name}-caption"})
    assert figure is not None, f"no {name} chart"
    assert figure.attrs["role"] == "img"
    return figure.find(id=f"{name}-caption").text


def table(response, name, number=0):
    """The rows of a section's table of numbers, as the cells' text."""
    body = section(response, name).find_all("tbody")[number]
    return [
        [cell.text for cell in row.children if getattr(cell, "tag", None) in ("th", "td")]
        for row in body.find_all("tr")
    ]


# Building data


def application(owner, *path, **fields):
    """An application that went through `path`, each move written to its timeline."""
    made = ApplicationFactory(owner=owner, stage=path[0], **fields)
    for stage in path[1:]:
        made.move_to(stage)
    return made


def request(owner, status=Status.SENT, sent_on=None, received_on=None, **fields):
    if status != Status.DRAFT and sent_on is None:
        sent_on = dt.date(2025, 5, 1)
    return FeedbackRequestFactory(
        rejection__application__owner=owner,
        status=status,
        sent_on=sent_on,
        received_on=received_on,
        **fields,
    )


def answered_after(owner, *days):
    """Answered requests that took these numbers of days."""
    sent = dt.date(2025, 5, 1)
    for wait in days:
        request(owner, Status.RECEIVED, sent, sent + dt.timedelta(days=wait))


def reflection(owner, mood, created_at):
    made = Reflection.objects.create(
        rejection=RejectionFactory(application__owner=owner), mood=mood
    )
    Reflection.objects.filter(pk=made.pk).update(created_at=created_at)
    return made


def grow(owner, count):
    """`count` more applications with their timelines (tests.factories.build_pipeline),
    and for each rejected one a rejection, a reflection, an answered feedback request
    and a lesson: every figure of the page has rows to count."""
    added = build_pipeline(owner, count)
    for number, made in enumerate(added):
        if made.stage != Stage.REJECTED:
            continue
        rejection = RejectionFactory(application=made, at_stage=AtStage.values[number % 5])
        Reflection.objects.create(rejection=rejection, mood=number % 5 + 1)
        sent = dt.date(2025, 5, 1)
        FeedbackRequestFactory(
            rejection=rejection,
            status=Status.RECEIVED,
            sent_on=sent,
            received_on=sent + dt.timedelta(days=number % 9),
            is_generic=number % 2 == 0,
        )
        LessonFactory(owner=owner, rejection=rejection, status=Lesson.Status.values[number % 3])


# Access and the empty page


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('login')}?next={URL}")


def test_the_navbar_links_here(owner_client):
    response = owner_client.get(reverse("insights:dashboard"))

    link = parse(response).find("a", href=URL)
    assert link is not None and link.text == "Insights"


def test_an_empty_account_sees_what_each_part_will_show(owner_client):
    response = owner_client.get(URL)

    assert response.status_code == 200
    assertContains(response, "Nothing to show yet")
    page = parse(response)
    assert page.find("svg") is None  # no empty charts
    assert page.find(role="img") is None
    explained = {
        "funnel": "how many reached screening, interviews, an offer and a yes",
        "weeks": "how many you send each week",
        "rejections": "the stage rejections come at",
        "feedback": "how many were answered",
        "sources": "which sources lead to interviews",
        "lessons": "how many you have opened and finished",
        "mood": "how your mood has moved month by month",
    }
    for name, words in explained.items():
        assert words in section(response, name).text, name
    assertNotContains(response, "Median time to an answer")


def test_the_page_keeps_a_strict_csp(owner_client, user):
    grow(user, 20)

    response = owner_client.get(URL)

    assert response.status_code == 200
    assertNotContains(response, "style=")
    page = parse(response)
    assert all("src" in script.attrs for script in page.find_all("script"))
    charts = page.find_all("svg")
    assert len(charts) == 8
    for chart in charts:
        assert chart.attrs["aria-hidden"] == "true"
    figures = page.find_all(role="img")  # each chart, named by its caption
    assert len(figures) == 8
    for figure in figures:
        assert figure.find(id=figure.attrs["aria-labelledby"]).text


# The funnel


def test_funnel_counts_each_application_at_the_furthest_stage_it_reached(owner_client, user):
    application(user, Stage.APPLIED)
    application(user, Stage.APPLIED, Stage.SCREENING)
    # Turned down after interviews: still counts as having reached interviewing.
    application(user, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.REJECTED)
    # Went straight to interviews: it passed screening's step too.
    application(user, Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)
    application(user, Stage.APPLIED, Stage.NO_RESPONSE)
    application(user, Stage.REJECTED)  # recorded as rejected from the start: it was sent
    application(user, Stage.SAVED)  # never sent: not in the funnel
    application(user, Stage.SAVED, Stage.WITHDRAWN)

    response = owner_client.get(URL)

    # A share of fewer than five says nothing yet (words.MIN_SAMPLE).
    assert table(response, "funnel") == [
        ["Applied", "6", "100%", "–"],
        ["Screening", "3", "50%", "50%"],
        ["Interviewing", "2", "33%", TOO_FEW],
        ["Offer", "1", "17%", TOO_FEW],
        ["Accepted", "1", "17%", TOO_FEW],
    ]
    # Half is not most; only a step with five or more before it is judged.
    assert caption(response, "funnel") == (
        "Of 6 applications sent, 3 (50%) reached screening, 2 (33%) interviews, "
        "1 (17%) an offer and 1 (17%) was accepted. "
        "The biggest drop is before screening: 50% of those at applied get there."
    )


def test_a_two_application_account_is_told_too_few_not_a_percentage(owner_client, user):
    """Not "Most stop before offer: 0% …": two applications say nothing yet."""
    application(user, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.REJECTED)
    application(user, Stage.APPLIED)

    response = owner_client.get(URL)

    text = caption(response, "funnel")
    assert text == (
        "Of 2 applications sent, 1 reached screening, 1 interviews, 0 an offer and 0 were "
        "accepted. Too few applications to say where most stop yet."
    )
    assert "%" not in text
    assert "%" not in section(response, "funnel").find("svg").text
    assert [row[2] for row in table(response, "funnel")] == [TOO_FEW] * 5


def test_most_stop_where_fewer_than_half_go_on(owner_client, user):
    for _ in range(8):
        application(user, Stage.APPLIED)
    for _ in range(2):
        application(user, Stage.APPLIED, Stage.SCREENING)

    response = owner_client.get(URL)

    assert caption(response, "funnel").endswith(
        "Most stop before screening: only 20% of those at applied get there."
    )


def test_the_busiest_weeks_tie(owner_client, user):
    ApplicationFactory(owner=user, applied_on=dt.date(2025, 6, 2))
    ApplicationFactory(owner=user, applied_on=dt.date(2025, 6, 10))

    response = owner_client.get(URL)

    assert "the busiest were the weeks of 2 June and 9 June, with 1 each." in caption(
        response, "weeks"
    )


def test_conversion_rates_round_but_never_hide_a_small_share(user):
    application(user, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING)
    for _ in range(199):
        application(user, Stage.APPLIED)

    steps = insights(user, user.today())["funnel"]["steps"]

    assert [(step["count"], step["of_applied"], step["from_previous"]) for step in steps] == [
        (200, "100%", ""),
        (1, "1%", "1%"),  # 0.5% is not nothing
        (1, "1%", TOO_FEW),  # 1 of 1 is not "100%" of anything
        (0, "0%", TOO_FEW),
        (0, "0%", TOO_FEW),  # nothing to go on from
    ]
    assert percent(399, 400) == 99  # nor is 99.75% everything


# Rejections and the suggestion


def reject(owner, *stages):
    for at_stage in stages:
        RejectionFactory(application__owner=owner, at_stage=at_stage)


def test_rejections_by_the_stage_they_came_at(owner_client, user):
    reject(user, AtStage.CV, AtStage.CV, AtStage.CV, AtStage.SCREENING, AtStage.FINAL_ROUND)

    response = owner_client.get(URL)

    assert table(response, "rejections") == [
        ["CV / application", "3", "60%"],
        ["Screening call", "1", "20%"],
        ["Interview", "0", "0%"],
        ["Final round", "1", "20%"],
        ["Offer stage", "0", "0%"],
    ]
    assert caption(response, "rejections") == (
        "Of 5 rejections: 3 (60%) at the CV stage; 1 (20%) after a screening call; "
        "1 (20%) after the final round."
    )


@pytest.mark.parametrize(
    ("stages", "words", "category"),
    [
        (
            [AtStage.CV, AtStage.CV, AtStage.CV, AtStage.INTERVIEW, AtStage.SCREENING],
            "Most of your rejections (3 of 5, 60%) came at the CV stage, before anyone "
            "spoke to you. That is usually about how the CV presents your experience",
            "cv_presentation",
        ),
        (
            [AtStage.CV, AtStage.INTERVIEW, AtStage.FINAL_ROUND, AtStage.OFFER, AtStage.OFFER],
            "Most of your rejections (4 of 5, 80%) came after interviews. Your CV is doing "
            "its job: you are getting into the room. Look at interview conduct",
            "interview_conduct",
        ),
        (
            [AtStage.SCREENING] * 3 + [AtStage.CV] * 2,
            "Most of your rejections (3 of 5, 60%) came after a screening call.",
            "interview_conduct",
        ),
        # More than any other group but not more than half: not "most".
        (
            [AtStage.CV] * 3 + [AtStage.SCREENING] * 2 + [AtStage.INTERVIEW] * 2,
            "The largest share of your rejections (3 of 7, 43%) came at the CV stage",
            "cv_presentation",
        ),
    ],
)
def test_a_suggestion_where_most_rejections_came(owner_client, user, stages, words, category):
    reject(user, *stages)

    response = owner_client.get(URL)

    tip = parse(response).find("div", id="rejections-suggestion")
    assert words in tip.text
    assert tip.find("a", href=f"{reverse('lessons:list')}?category={category}")
    assert tip.find("a", href=reverse("lessons:create")).text == "Add a lesson"


def test_a_tie_is_said_as_a_tie(owner_client, user):
    """Two CV rejections, two after interviews and one after screening: the chart shows
    two bars of equal length, so no sentence may call one of them "most"."""
    reject(user, AtStage.CV, AtStage.CV, AtStage.INTERVIEW, AtStage.FINAL_ROUND)
    reject(user, AtStage.SCREENING)

    response = owner_client.get(URL)

    tip = parse(response).find("div", id="rejections-suggestion")
    assert "Most of your" not in tip.text and "largest share" not in tip.text
    assert (
        "No one stage stands out yet: as many of your rejections came at the CV stage "
        "and after interviews (2 each, of 5)." in " ".join(tip.text.split())
    )


@pytest.mark.parametrize("count", [2, 4])
def test_no_suggestion_from_too_few_rejections(owner_client, user, count):
    reject(user, *[AtStage.CV] * count)

    response = owner_client.get(URL)

    tip = parse(response).find("div", id="rejections-suggestion")
    assert tip.text.startswith("With a few more rejections recorded")
    assert tip.find("a") is None


# Feedback


def test_feedback_yield_and_the_generic_specific_split(owner_client, user):
    request(user, Status.DRAFT)
    request(user, Status.SENT)
    request(user, Status.RECEIVED, received_on=dt.date(2025, 5, 3))
    request(user, Status.RECEIVED, received_on=dt.date(2025, 5, 4))
    request(user, Status.RECEIVED, received_on=dt.date(2025, 5, 8), is_generic=True)
    request(user, Status.DECLINED, received_on=dt.date(2025, 5, 2))
    request(user, Status.NO_RESPONSE)

    response = owner_client.get(URL)

    assert table(response, "feedback") == [
        ["Sent", "6", "100%"],
        ["Answered", "4", "67%"],
        ["Specific answer", "2", "33%"],
        ["Generic answer", "1", "17%"],
        ["Declined to say", "1", "17%"],
        ["Still waiting", "1", ""],
        ["No response", "1", ""],
    ]
    assert caption(response, "feedback") == (
        "You sent 6 requests for feedback and 4 (67%) were answered: 2 with something "
        "specific, 1 with a generic answer and 1 declined to say. "
        "1 is still waiting and 1 never got an answer."
    )
    # Waits of 1, 2, 3 and 7 days: the median is between 2 and 3.
    assert parse(response).find("dd", id="median-days").text == "2.5 days (over 4 answers)"
    assertContains(response, "Drafts not sent yet")


@pytest.mark.parametrize(
    ("waits", "median"),
    [
        ([9, 2, 5], 5),  # odd: the middle one
        ([9, 2, 5, 10], 7),  # even: halfway between the middle two
        ([4, 1, 4, 8, 3, 30], 4),
        ([1], 1),
        ([1, 2], 1.5),
        ([3, 3, 3, 3], 3),  # all in one group of equal waits
        ([2, 2, 3, 3], 2.5),  # the middle two in two groups
        ([0, 6, 6, 6, 9], 6),
    ],
)
def test_median_days_to_an_answer(user, waits, median):
    answered_after(user, *waits)
    request(user, Status.SENT)  # no answer yet: not counted

    feedback = insights(user, user.today())["feedback"]

    assert feedback["median_days"] == median
    assert feedback["timed"] == len(waits)


def test_median_days_without_answers(owner_client, user):
    request(user, Status.SENT)
    request(user, Status.NO_RESPONSE)

    response = owner_client.get(URL)

    assert insights(user, user.today())["feedback"]["median_days"] is None
    assert parse(response).find("dd", id="median-days").text == "No answer with both dates yet"


def test_days_are_written_as_people_write_them():
    assert days_text(1) == "1 day"
    assert days_text(7.0) == "7 days"
    assert days_text(2.5) == "2.5 days"


# Applications per week


@pytest.mark.parametrize("zone", ["Pacific/Auckland"])
def test_weeks_follow_the_users_zone_at_a_week_boundary(client_for, user, zone):
    user.time_zone = zone
    user.save()
    # Sunday 8 June 20:00 in UTC is already Monday 9 June, 08:00 in Auckland: a new week.
    with time_machine.travel(dt.datetime(2025, 6, 8, 20, 0, tzinfo=dt.UTC), tick=False):
        ApplicationFactory(owner=user, applied_on=dt.date(2025, 6, 9))
        ApplicationFactory(owner=user, applied_on=dt.date(2025, 6, 8))
        ApplicationFactory(owner=user, applied_on=dt.date(2025, 6, 2))
        ApplicationFactory(owner=user, applied_on=dt.date(2025, 3, 24))  # 12 weeks back
        ApplicationFactory(owner=user, applied_on=dt.date(2025, 3, 23))  # 13 weeks back
        ApplicationFactory(owner=user, applied_on=None)

        response = client_for(user).get(URL)

    weeks = table(response, "weeks")
    assert len(weeks) == 12
    assert weeks[0] == ["Mon 24 Mar 2025", "1"]
    assert weeks[-2] == ["Mon 2 Jun 2025", "2"]
    assert weeks[-1] == ["Mon 9 Jun 2025 (this week)", "1"]
    assert sum(int(count) for _, count in weeks) == 4
    assert caption(response, "weeks").startswith(
        "4 applications in the 12 weeks since 24 March; the busiest was the week of 2 June, "
        "with 2. This week so far"
    )
    assertContains(response, f"in your time zone ({zone})")


def test_week_starts_end_with_this_weeks_monday():
    mondays = week_starts(dt.date(2025, 6, 15))  # a Sunday

    assert mondays[-1] == dt.date(2025, 6, 9)
    assert mondays[0] == dt.date(2025, 3, 24)
    assert {monday.weekday() for monday in mondays} == {0}


# Sources


def test_sources_that_lead_to_interviews(owner_client, user):
    Source = Application.Source
    for _ in range(2):
        application(user, Stage.APPLIED, source=Source.JOB_BOARD)
    application(user, Stage.APPLIED, Stage.INTERVIEWING, Stage.REJECTED, source=Source.JOB_BOARD)
    application(user, Stage.APPLIED, Stage.INTERVIEWING, source=Source.REFERRAL)
    application(user, Stage.APPLIED, Stage.SCREENING, Stage.OFFER, source=Source.REFERRAL)
    application(user, Stage.APPLIED, Stage.INTERVIEWING)  # no source recorded
    application(user, Stage.SAVED, source=Source.NETWORKING)  # never sent

    response = owner_client.get(URL)

    assert table(response, "sources") == [
        ["Job board", "3", "1", TOO_FEW],
        ["Referral", "2", "2", TOO_FEW],
        ["Not recorded", "1", "1", TOO_FEW],
    ]
    assert caption(response, "sources") == (
        "Too few applications per source to say which leads to interviews most often "
        "yet: a source needs 5. Most applications came from job board: 3."
    )


def test_no_source_has_led_to_interviews_yet(owner_client, user):
    for source in (Application.Source.JOB_BOARD, Application.Source.REFERRAL):
        for _ in range(5):
            application(user, Stage.APPLIED, source=source)

    response = owner_client.get(URL)

    assert caption(response, "sources") == (
        "No source with 5 or more applications has led to an interview yet. "
        "Most applications came from job board and referral: 5 each."
    )


def test_one_source_alone_is_not_called_the_best(owner_client, user):
    for _ in range(5):
        application(user, Stage.APPLIED, source=Application.Source.JOB_BOARD)

    response = owner_client.get(URL)

    assert caption(response, "sources") == (
        "All your applications with a source came from job board: 0 of 5 (0%) reached interviews."
    )


def test_the_leader_is_picked_by_the_rule_the_chart_shows(owner_client, user):
    """Agency 2 of 5 beside networking 3 of 3: networking's rate is too few to say, and
    the sentence says it speaks of the sources with five or more."""
    Source = Application.Source
    for path in [[Stage.APPLIED, Stage.INTERVIEWING]] * 2 + [[Stage.APPLIED]] * 3:
        application(user, *path, source=Source.AGENCY)
    for path in [[Stage.APPLIED, Stage.INTERVIEWING]] + [[Stage.APPLIED]] * 4:
        application(user, *path, source=Source.REFERRAL)
    for _ in range(3):
        application(user, Stage.APPLIED, Stage.INTERVIEWING, source=Source.NETWORKING)

    response = owner_client.get(URL)

    assert table(response, "sources") == [
        ["Referral", "5", "1", "20%"],
        ["Agency", "5", "2", "40%"],
        ["Networking", "3", "3", TOO_FEW],
    ]
    assert caption(response, "sources") == (
        "Of the sources with 5 or more applications, agency led to interviews most "
        "often: 2 of 5 (40%). Most applications came from referral and agency: 5 each."
    )
    chart = section(response, "sources").find("svg").text
    assert "3 of 3" in chart and "100%" not in chart


def test_a_single_source_with_enough_is_said_alone(owner_client, user):
    Source = Application.Source
    for path in [[Stage.APPLIED, Stage.INTERVIEWING]] * 2 + [[Stage.APPLIED]] * 3:
        application(user, *path, source=Source.AGENCY)
    for _ in range(3):
        application(user, Stage.APPLIED, Stage.INTERVIEWING, source=Source.NETWORKING)

    response = owner_client.get(URL)

    assert caption(response, "sources") == (
        "Only agency has 5 or more applications so far: 2 of 5 (40%) reached interviews; "
        "the other sources have too few to compare yet."
    )


def test_sources_with_equal_rates_are_said_to_be_equal(owner_client, user):
    Source = Application.Source
    for source in (Source.AGENCY, Source.REFERRAL):
        for path in [[Stage.APPLIED, Stage.INTERVIEWING]] * 2 + [[Stage.APPLIED]] * 3:
            application(user, *path, source=source)

    response = owner_client.get(URL)

    assert caption(response, "sources") == (
        "Referral and agency led to interviews equally often: 40% each. "
        "Most applications came from referral and agency: 5 each."
    )


# Lessons


def test_lessons_opened_and_done_by_kind(owner_client, user):
    Category, LessonStatus = Lesson.Category, Lesson.Status
    LessonFactory(owner=user, category=Category.SKILL, status=LessonStatus.DONE)
    LessonFactory(owner=user, category=Category.SKILL, status=LessonStatus.OPEN)
    LessonFactory(owner=user, category=Category.INTERVIEW_CONDUCT, status=LessonStatus.DONE)
    LessonFactory(owner=user, category=Category.INTERVIEW_CONDUCT, status=LessonStatus.OPEN)
    LessonFactory(owner=user, category=Category.INTERVIEW_CONDUCT, status=LessonStatus.IN_PROGRESS)

    response = owner_client.get(URL)

    assert table(response, "lessons") == [
        ["A skill to learn", "2", "1", "0", "1"],
        ["Interview conduct", "3", "1", "1", "1"],
    ]
    assert caption(response, "lessons") == (
        "5 lessons opened: 2 done (40%), 1 in progress and 2 still open."
    )


def test_a_share_of_too_few_lessons_is_not_given(owner_client, user):
    LessonFactory(owner=user, status=Lesson.Status.DONE)
    LessonFactory(owner=user, status=Lesson.Status.OPEN)

    response = owner_client.get(URL)

    assert caption(response, "lessons") == (
        "2 lessons opened: 1 done, 0 in progress and 1 still open."
    )
    lessons = section(response, "lessons")
    assert lessons.find("a", href=f"{reverse('lessons:list')}?category=skill")


# Mood


def test_mood_by_month_in_the_users_zone_and_how_often_each_was_given(owner_client, user):
    user.time_zone = "Europe/Berlin"
    user.save()
    reflection(user, 3, dt.datetime(2025, 4, 10, 9, 0, tzinfo=dt.UTC))
    # 31 May 22:30 in UTC is 1 June, 00:30 in Berlin: June.
    reflection(user, 4, dt.datetime(2025, 5, 31, 22, 30, tzinfo=dt.UTC))
    reflection(user, 5, dt.datetime(2025, 6, 5, 9, 0, tzinfo=dt.UTC))
    reflection(user, None, dt.datetime(2025, 6, 6, 9, 0, tzinfo=dt.UTC))  # no mood given
    reflection(user, 1, dt.datetime(2024, 5, 20, 9, 0, tzinfo=dt.UTC))  # over a year ago

    response = owner_client.get(URL)

    months, moods = table(response, "mood", 0), table(response, "mood", 1)
    assert months == [["April 2025", "1", "3.0"], ["May 2025", "0", "–"], ["June 2025", "2", "4.5"]]
    assert moods == [
        ["1 (low)", "0", TOO_FEW],
        ["2", "0", TOO_FEW],
        ["3", "1", TOO_FEW],
        ["4", "1", TOO_FEW],
        ["5 (fine)", "1", TOO_FEW],
    ]
    assert caption(response, "mood-months") == (
        "Your average mood was 4.0 out of 5 over 3 reflections; by month: "
        "April 3.0, May none, June 4.5."
    )
    # Three moods given once each: a tie, said as one.
    assert caption(response, "mood-distribution") == (
        "3, 4 and 5 were the moods you gave most often, equally: 1 time each."
    )


def test_each_reflection_counts_in_its_month_at_the_bounds(user):
    """A reflection at the first instant of a month in the user's zone counts in that
    month, one an instant earlier in the month before; none counts before the first
    month or after the last (the months are found by halving: see MonthIndex)."""
    user.time_zone = "Europe/Berlin"
    user.save()
    today = user.today()
    for day in month_starts(today):
        bound = dt.datetime.combine(day, dt.time(), tzinfo=user.zone)
        reflection(user, 5, bound)
        reflection(user, 1, bound - dt.timedelta(microseconds=1))

    _, per_mood = rejection_row(counted(user, today))

    every_month = dict.fromkeys(MONTH_KEYS, 1)
    assert per_mood == {5: every_month, 1: every_month}


def test_mood_months_cross_the_year():
    starts = month_starts(dt.date(2025, 2, 14))

    assert len(starts) == MOOD_MONTHS + 1
    assert starts[0] == dt.date(2024, 3, 1)
    assert starts[-2:] == [dt.date(2025, 2, 1), dt.date(2025, 3, 1)]


# Chart geometry


def test_bars_are_in_proportion_and_a_small_one_stays_visible():
    chart = Chart.horizontal(
        [
            Row("Sent", "400", [Segment(400)]),
            Row("Answered", "1", [Segment(1)]),
            Row("None", "0", [Segment(0)]),
            Row(
                "Stacked",
                "",
                [Segment(100), Segment(100), Segment(50, overlay=True)],
            ),
        ],
        scale=400,
    )

    widths = [[segment.width for segment in row.segments] for row in chart.rows]
    assert widths == [[BAR_AREA], [2], [0], [55, 55, 28]]
    assert [segment.x for segment in chart.rows[3].segments] == [0, 55, 0]
    assert chart.rows[3].text_x == 110 + 8
    assert chart.height == 4 * ROW_HEIGHT


# Owner only


def test_another_users_rows_are_never_counted(owner_client, user, other_user):
    grow(other_user, 30)
    reflection(other_user, 2, NOW - dt.timedelta(days=3))
    application(other_user, Stage.APPLIED, Stage.INTERVIEWING, source=Application.Source.AGENCY)
    application(user, Stage.APPLIED, source=Application.Source.REFERRAL, applied_on=NOW.date())

    response = owner_client.get(URL)

    assert table(response, "funnel")[0] == ["Applied", "1", TOO_FEW, "–"]
    assert table(response, "sources") == [["Referral", "1", "0", TOO_FEW]]
    assert sum(int(count) for _, count in table(response, "weeks")) == 1
    figures = insights(user, user.today())
    assert figures["rejections"]["total"] == 0
    assert figures["feedback"]["sent"] == figures["feedback"]["drafts"] == 0
    assert figures["feedback"]["median_days"] is None
    assert figures["lessons"]["opened"] == 0
    assert figures["mood"]["total"] == 0
    for name in ("rejections", "feedback", "lessons", "mood"):
        assert section(response, name).find(role="img") is None, name


# Queries


def test_same_queries_at_n_and_ten_times_n(owner_client, user, django_assert_num_queries):
    grow(user, 9)
    owner_client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        response = owner_client.get(URL)
    assert response.status_code == 200
    expected = len(captured)
    assert insights(user, user.today())["feedback"]["timed"]  # the median's query runs

    grow(user, 81)

    with django_assert_num_queries(expected):
        response = owner_client.get(URL)
    assert response.status_code == 200
    assert expected <= QUERY_BUDGET
    assert len(parse(response).find_all(role="img")) == 8
