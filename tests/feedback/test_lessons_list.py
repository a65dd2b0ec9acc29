"""/lessons/: lessons grouped by status, filtered by kind, each group paginated."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from feedback.models import Lesson
from feedback.views import lessons
from feedback.views.lessons import GROUP_PAGE_SIZE as PAGE_SIZE
from tests.checks import count_queries
from tests.factories import ApplicationFactory, LessonFactory, RejectionFactory, globex_rejection
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("lessons:list")
Status = Lesson.Status


def groups(response):
    """{group heading: [lesson titles]} as a person reads the page."""
    found = {}
    for section in parse(response).find_all("section"):
        if "lesson-group" not in section.attrs.get("class", ""):
            continue
        heading = section.find("h2").children[0].strip()
        items = section.find("ul", **{"class": "list-group"})
        found[heading] = [item.find("a").text for item in items.find_all("li")] if items else []
    return found


def test_owner_sees_lessons_grouped_by_status(owner_client, user):
    LessonFactory(owner=user, title="Learn Kafka", status=Status.OPEN)
    LessonFactory(owner=user, title="Get the AWS certificate", status=Status.IN_PROGRESS)
    LessonFactory(owner=user, title="Practise STAR answers", status=Status.DONE)

    response = owner_client.get(URL)

    assert response.status_code == 200
    assert groups(response) == {
        "Open": ["Learn Kafka"],
        "In progress": ["Get the AWS certificate"],
        "Done": ["Practise STAR answers"],
    }


def test_each_lesson_shows_where_it_came_from_and_what_addressed_it(owner_client, user):
    rejection = globex_rejection(user)
    lesson = LessonFactory(
        owner=user, title="Learn Kafka", rejection=rejection, target_on=dt.date(2025, 7, 1)
    )
    lesson.applications.add(ApplicationFactory(owner=user), ApplicationFactory(owner=user))

    response = owner_client.get(URL)

    item = parse(response).find("ul", **{"class": "list-group"}).find("li")
    assert "A skill to learn · aim by 1 Jul 2025 · from Data engineer at Globex" in item.text
    assert "addressed in 2 applications" in item.text
    assertContains(response, f'href="{rejection.get_absolute_url()}"')


def test_open_lessons_with_the_nearest_target_come_first(owner_client, user):
    LessonFactory(owner=user, title="No date")
    LessonFactory(owner=user, title="Later", target_on=dt.date(2025, 9, 1))
    LessonFactory(owner=user, title="Soon", target_on=dt.date(2025, 7, 1))

    assert groups(owner_client.get(URL))["Open"] == ["Soon", "Later", "No date"]


def test_another_users_lessons_are_not_listed(owner_client, user, other_user):
    LessonFactory(owner=user, title="Mine")
    LessonFactory(owner=other_user, title="Theirs")

    response = owner_client.get(URL)

    assert groups(response)["Open"] == ["Mine"]
    assertNotContains(response, "Theirs")


def test_the_list_filters_by_kind(owner_client, user):
    LessonFactory(owner=user, title="Learn Kafka", category=Lesson.Category.SKILL)
    LessonFactory(owner=user, title="Reword my CV", category=Lesson.Category.CV_PRESENTATION)

    response = owner_client.get(URL, {"category": "cv_presentation"})

    assert groups(response)["Open"] == ["Reword my CV"]


def test_an_unknown_kind_is_explained_and_everything_shown(owner_client, user):
    LessonFactory(owner=user, title="Learn Kafka")

    response = owner_client.get(URL, {"category": "vibes"})

    assertContains(response, "“vibes” is not a kind of lesson. Showing all.")
    assert groups(response)["Open"] == ["Learn Kafka"]


def test_each_group_pages_on_its_own(owner_client, user):
    for number in range(PAGE_SIZE + 1):
        LessonFactory(owner=user, title=f"Open {number:02}", target_on=dt.date(2025, 7, 1))
    LessonFactory(owner=user, title="Done one", status=Status.DONE)

    first = owner_client.get(URL, {"category": "skill"})
    second = owner_client.get(URL, {"category": "skill", "open_page": 2})

    assert len(groups(first)["Open"]) == PAGE_SIZE
    assert groups(second)["Open"] == ["Open 00"]
    assert groups(second)["Done"] == ["Done one"]
    next_link = parse(first).find("a", href="?category=skill&open_page=2")
    assert next_link is not None and next_link.text == "Next"


def test_each_group_keeps_its_order_from_page_to_page(owner_client, user, monkeypatch):
    monkeypatch.setattr(lessons, "GROUP_PAGE_SIZE", 2)
    day = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)

    def lesson(title, status, updated_at, **dates):
        made = LessonFactory(owner=user, title=title, status=status, **dates)
        Lesson.objects.filter(pk=made.pk).update(updated_at=updated_at)

    # Saved out of order, so that neither the pk nor the update time gives the order.
    lesson("No date, old", Status.IN_PROGRESS, day)
    lesson("5 Jul", Status.IN_PROGRESS, day, target_on=dt.date(2025, 7, 5))
    lesson("1 Jul, old", Status.IN_PROGRESS, day, target_on=dt.date(2025, 7, 1))
    lesson("No date, new", Status.IN_PROGRESS, day + dt.timedelta(days=1))
    lesson(
        "1 Jul, new", Status.IN_PROGRESS, day + dt.timedelta(days=1), target_on=dt.date(2025, 7, 1)
    )
    lesson("Done, no date", Status.DONE, day + dt.timedelta(days=2))
    lesson("Done 1 Jul", Status.DONE, day, done_on=dt.date(2025, 7, 1))
    lesson("Done 3 Jul", Status.DONE, day, done_on=dt.date(2025, 7, 3))

    def shown(group, page):
        query = {"in_progress_page": page, "done_page": page}
        return groups(owner_client.get(URL, query))[group]

    assert [*shown("In progress", 1), *shown("In progress", 2), *shown("In progress", 3)] == [
        "1 Jul, new",
        "1 Jul, old",
        "5 Jul",
        "No date, new",
        "No date, old",
    ]
    assert [*shown("Done", 1), *shown("Done", 2)] == ["Done 3 Jul", "Done 1 Jul", "Done, no date"]


def test_a_done_lesson_shows_when_it_was_done(owner_client, user):
    rejection = RejectionFactory(application__owner=user)
    LessonFactory(owner=user, status=Status.DONE, done_on=dt.date(2025, 7, 3), rejection=rejection)

    response = owner_client.get(URL)

    item = parse(response).find("ul", **{"class": "list-group"}).find("li")
    assert "A skill to learn · done 3 Jul 2025 · from" in item.text
    assertNotContains(response, "addressed in")
    form = item.find("form")
    assert form.attrs["action"] == reverse("lessons:status", args=[rejection.lessons.get().pk])
    assert form.find("button", name="status").attrs["value"] == "open"


def test_the_status_buttons_post_and_come_back_here(owner_client, user):
    LessonFactory(owner=user, title="Learn Kafka")

    response = owner_client.get(URL, {"category": "skill"})

    form = parse(response).find("ul", **{"class": "list-group"}).find("form")
    assert form.find("input", name="next").attrs["value"] == f"{URL}?category=skill"
    assert form.find("button", name="status").attrs["value"] == "in_progress"


def test_a_new_user_is_told_where_lessons_come_from(owner_client):
    assertContains(owner_client.get(URL), "Lessons come from feedback and rejections")


def test_anonymous_visitor_is_sent_to_log_in(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")


def make_lessons(user, count):
    statuses = list(Status)
    for number in range(count):
        rejection = RejectionFactory(application__owner=user) if number % 2 else None
        lesson = LessonFactory(
            owner=user,
            status=statuses[number % 3],
            rejection=rejection,
            category=Lesson.Category.values[number // 3 % len(Lesson.Category.values)],
        )
        if number % 3 == 0:
            lesson.applications.add(ApplicationFactory(owner=user))


@pytest.mark.parametrize("query", ["", "?category=skill"])
def test_the_query_count_is_the_same_at_n_and_10n(
    owner_client, user, django_assert_num_queries, query
):
    make_lessons(user, 6)
    expected = count_queries(owner_client, URL + query)

    make_lessons(user, 54)

    with django_assert_num_queries(expected):
        response = owner_client.get(URL + query)
    assert response.status_code == 200
    assert all(groups(response).values())
    assert expected <= 10


@pytest.mark.parametrize("category", ["", Lesson.Category.SKILL])
def test_the_first_pages_kept_statement_reads_what_the_orm_reads(user, other_user, category):
    """The first pages come from a statement built once (core/prepared.py): for each
    filter, the rows the ORM's own query reads, this user's only, dates as dates."""
    from core import prepared

    prepared._statements.clear()
    for owner in (user, other_user):
        for number, status in enumerate([*Status] * (2 * PAGE_SIZE + 2)):
            LessonFactory(
                owner=owner,
                status=status,
                category=[Lesson.Category.SKILL, Lesson.Category.OTHER][number % 2],
                target_on=dt.date(2025, 7, 1) + dt.timedelta(days=number),
                done_on=dt.date(2025, 6, 1) + dt.timedelta(days=number)
                if status == Status.DONE
                else None,
            )
    filters = lessons.LessonFilterForm({"category": category})
    mine = filters.filter(Lesson.objects.for_user(user))
    statuses = tuple(Status)
    expected = list(
        lessons.page_rows(
            mine,
            [
                mine.filter(status=status)
                .order_by(*lessons.GROUP_ORDER[status])
                .values("pk")[:PAGE_SIZE]
                for status in statuses
            ],
        ).values(*lessons.ROW_FIELDS, **lessons.ROW_EXPRESSIONS)
    )
    for _ in range(2):  # built, then kept
        key = ("test", category, statuses)
        found = prepared.run(
            key, lambda user, *_: lessons.first_pages(filters, user, statuses), user, None, None
        )
        assert found == expected
    assert len(expected) == 3 * PAGE_SIZE
    assert all(isinstance(row["target_on"], dt.date) for row in expected)
