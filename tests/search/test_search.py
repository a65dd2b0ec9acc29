"""/search/: one search over applications (and their companies), contacts, rejections'
reasons, feedback answers, lessons and interview notes, grouped by kind.

The expected results are written out once and hold on SQLite (search.words.matches as
a function) and on PostgreSQL (tsvectors behind GIN indexes) alike: the suite runs on
both, so these tests are what says the two give the same rows for the same data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Stage
from feedback.models import FeedbackRequest
from search import backends
from search.results import OVERVIEW_SIZE
from tests.checks import count_queries
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InterviewFactory,
    LessonFactory,
    RejectionFactory,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def world(user, mark=""):
    """One of each kind, with words worth searching for; `mark` goes into every title
    so that another user's copy can be told apart."""
    union = CompanyFactory(owner=user, name=f"Ünion Bank{mark}")
    acme = CompanyFactory(owner=user, name=f"Acme-Rockets{mark}")
    engineer = ApplicationFactory(
        owner=user,
        company=union,
        title=f"Data Engineer{mark}",
        location="Zürich",
        notes="Referral from Jane; salary £48,000–55,000 a year.",
    )
    ApplicationFactory(
        owner=user, company=acme, title=f"Rocket scientist{mark}", notes="C++ and e-mail tooling"
    )
    rejected = ApplicationFactory(
        owner=user, company=acme, title=f"Analyst{mark}", stage=Stage.REJECTED
    )
    ContactFactory(
        owner=user,
        company=acme,
        name=f"Jane O’Neil{mark}",
        title="Hiring manager",
        email="jane.oneil@acme.example",
        notes="Met at the PyCon booth",
    )
    ContactFactory(owner=user, company=None, name=f"Sam Free{mark}", email="sam@free.example")
    rejection = RejectionFactory(
        application=rejected,
        reason_given="Other candidates had more Kubernetes experience",
        message="Thank you for your time…",
    )
    FeedbackRequestFactory(
        rejection=rejection,
        status=FeedbackRequest.Status.RECEIVED,
        received_on=timezone.localdate(),
        response="Your system-design answer lacked depth on caching.",
        dig_deeper_answer="Mostly Redis eviction policies",
    )
    LessonFactory(owner=user, title=f"Learn Kubernetes{mark}", detail="Take the CKA exam")
    InterviewFactory(
        application=engineer,
        with_whom="Priya (team lead)",
        notes="Asked about streaming pipelines & Kafka",
        starts_at=timezone.now() - timedelta(days=2),
    )


def flat(element):
    """The text of an element as it reads: its parts joined as they are."""
    parts = [child if isinstance(child, str) else flat(child) for child in element.children]
    return " ".join("".join(parts).split())


def with_class(element, tag, name):
    return [e for e in element.find_all(tag) if name in e.attrs.get("class", "").split()]


def found(client, query, **params):
    """{group heading: [result titles]} as the page shows them."""
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200, response.content[:500]
    groups = {}
    for section in parse(response).find_all("section"):
        heading = flat(section.find("h2")).rsplit(" (", 1)[0]
        groups[heading] = [
            flat(item.find("a")) for item in with_class(section, "li", "search-result")
        ]
    return groups


@pytest.fixture
def data(user, other_user):
    world(user)
    world(other_user, mark=" (stranger)")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A word matches the start of a word, in any case.
        ("eng", {"Applications": ["Data Engineer at Ünion Bank"]}),
        ("ENGINEER", {"Applications": ["Data Engineer at Ünion Bank"]}),
        ("neer", {}),
        # Every word must match, in any field of the row: title and company name.
        ("data ünion", {"Applications": ["Data Engineer at Ünion Bank"]}),
        ("data acme", {}),
        # Letters keep their accents, in upper or lower case.
        ("ÜNION", {"Applications": ["Data Engineer at Ünion Bank"]}),
        ("union", {}),
        ("zür", {"Applications": ["Data Engineer at Ünion Bank"]}),
        # Punctuation breaks words: hyphens, apostrophes, e-mail addresses, prices.
        (
            "rockets",
            {
                "Applications": ["Analyst at Acme-Rockets", "Rocket scientist at Acme-Rockets"],
                "Contacts": ["Jane O’Neil"],
            },
        ),
        ("neil", {"Contacts": ["Jane O’Neil"]}),
        ("acme.example", {"Contacts": ["Jane O’Neil"]}),
        ("free", {"Contacts": ["Sam Free"]}),
        ("48 000", {"Applications": ["Data Engineer at Ünion Bank"]}),
        ("c++ tool", {"Applications": ["Rocket scientist at Acme-Rockets"]}),
        ("mail", {"Applications": ["Rocket scientist at Acme-Rockets"]}),
        # Each kind's own fields.
        (
            "kubernetes",
            {"Rejections": ["Analyst at Acme-Rockets"], "Lessons": ["Learn Kubernetes"]},
        ),
        ("caching", {"Feedback answers": ["Analyst at Acme-Rockets"]}),
        ("eviction", {"Feedback answers": ["Analyst at Acme-Rockets"]}),
        ("cka", {"Lessons": ["Learn Kubernetes"]}),
        ("kafka", {"Interviews": ["Data Engineer at Ünion Bank"]}),
        ("priya", {"Interviews": ["Data Engineer at Ünion Bank"]}),
        ("pycon", {"Contacts": ["Jane O’Neil"]}),
        # Search syntax of either database is only punctuation here.
        ("kafka & !(streaming) | 'pipe':*", {"Interviews": ["Data Engineer at Ünion Bank"]}),
        ('"jane" OR 1=1 --', {}),
        ("jane", {"Applications": ["Data Engineer at Ünion Bank"], "Contacts": ["Jane O’Neil"]}),
    ],
)
def test_what_matches(owner_client, data, query, expected):
    assert found(owner_client, query) == expected


def test_a_strangers_rows_never_appear(owner_client, stranger_client, data):
    mine = found(owner_client, "kubernetes")
    theirs = found(stranger_client, "kubernetes")
    assert "stranger" not in str(mine)
    assert theirs == {
        "Rejections": ["Analyst (stranger) at Acme-Rockets (stranger)"],
        "Lessons": ["Learn Kubernetes (stranger)"],
    }
    # The stranger's company name is no way into the owner's rows either.
    assert found(owner_client, "stranger") == {}


def test_groups_have_counts_and_a_page_each(owner_client, user):
    company = CompanyFactory(owner=user, name="Globex")
    for number in range(30):
        ApplicationFactory(owner=user, company=company, title=f"Platform engineer {number}")
    LessonFactory(owner=user, title="Platform thinking")
    response = owner_client.get(URL, {"q": "platform"})
    page = parse(response)
    assert "31 results" in flat(page)
    kinds = [flat(a) for a in page.find("nav", **{"aria-label": "Kinds of results"}).find_all("a")]
    assert kinds == ["All 31", "Applications 30", "Lessons 1"]
    assert len(found(owner_client, "platform")["Applications"]) == OVERVIEW_SIZE == 5
    more = [a for a in page.find_all("a") if flat(a) == "Show all 30 applications"]
    assert more[0].attrs["href"] == "?q=platform&kind=applications"

    first = found(owner_client, "platform", kind="applications")
    second = found(owner_client, "platform", kind="applications", page="2")
    assert list(first) == ["Applications"] and len(first["Applications"]) == 25
    assert len(second["Applications"]) == 5
    assert not set(first["Applications"]) & set(second["Applications"])
    # Newest first, as the applications list sorts.
    assert first["Applications"][0] == "Platform engineer 29 at Globex"
    # A page past the end is the last page; a kind with no result says so.
    assert found(owner_client, "platform", kind="applications", page="99") == second
    response = owner_client.get(URL, {"q": "platform", "kind": "contacts"})
    assert "No contacts match “platform”." in flat(parse(response))


def test_only_a_kind_with_more_than_the_overview_links_to_all(owner_client, user):
    for number in range(OVERVIEW_SIZE):
        ApplicationFactory(owner=user, title=f"Platform engineer {number}")
        LessonFactory(owner=user, title=f"Platform lesson {number}")
    LessonFactory(owner=user, title="Platform lesson, one more")
    page = parse(owner_client.get(URL, {"q": "platform"}))
    links = {flat(a): a.attrs["href"] for a in page.find_all("a") if "Show all" in flat(a)}
    assert links == {"Show all 6 lessons": "?q=platform&kind=lessons"}
    shown = found(owner_client, "platform")
    assert len(shown["Applications"]) == len(shown["Lessons"]) == OVERVIEW_SIZE
    assert shown["Lessons"][0] == "Platform lesson, one more"  # newest first


@pytest.mark.parametrize("query", ["eng", "eng lead"])
def test_a_row_counts_once_however_many_of_its_words_match(owner_client, user, query):
    acme = CompanyFactory(owner=user, name="Engage Ltd")
    ApplicationFactory(owner=user, company=acme, title="Engineering lead", notes="engines")
    LessonFactory(owner=user, title="Engineering for engineers, a lead's lessons")
    page = parse(owner_client.get(URL, {"q": query}))
    kinds = [flat(a) for a in page.find("nav", **{"aria-label": "Kinds of results"}).find_all("a")]
    assert kinds == ["All 2", "Applications 1", "Lessons 1"]


def test_each_result_links_to_its_row_and_says_what_it_is(owner_client, user):
    """Each kind's link and line of context, as the row's own methods write them."""
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from applications.models import Application, Interview
    from contacts.models import Contact
    from feedback.models import Lesson, Rejection

    world(user)
    FeedbackRequestFactory(
        rejection=Rejection.objects.get(),
        contact=Contact.objects.get(name__startswith="Jane"),
        status=FeedbackRequest.Status.RECEIVED,
        received_on=None,
        response="Practise caching",
    )
    shown = set()
    for query in ("engineer", "kubernetes", "jane sam", "caching", "kafka", "sam", "jane"):
        for item in with_class(parse(owner_client.get(URL, {"q": query})), "li", "search-result"):
            context = with_class(item, "div", "small")
            shown.add((item.find("a").attrs["href"], flat(context[0]) if context else ""))

    def day(value):
        return date_format(value, "j M Y")

    expected = set()
    for row in Application.objects.filter(title__startswith="Data"):
        applied = f" · applied {day(row.applied_on)}" if row.applied_on else ""
        expected.add((row.get_absolute_url(), f"{row.get_stage_display()}{applied}"))
    for row in Contact.objects.all():
        expected.add((row.get_absolute_url(), row.describe()))
    for row in Rejection.objects.all():
        received = day(row.received_on)
        expected.add(
            (row.get_absolute_url(), f"{row.get_at_stage_display()} · received {received}")
        )
    for row in FeedbackRequest.objects.all():
        who = f"from {row.contact.name}" if row.contact_id else row.get_status_display()
        when = f" · {day(row.received_on)}" if row.received_on else ""
        expected.add((row.get_absolute_url(), f"{who}{when}"))
    for row in Lesson.objects.all():
        expected.add(
            (row.get_absolute_url(), f"{row.get_category_display()} · {row.get_status_display()}")
        )
    for row in Interview.objects.all():
        starts = date_format(localtime(row.starts_at), "j M Y, H:i")
        expected.add((row.get_absolute_url(), f"{row.get_kind_display()} · {starts}"))
    assert shown == expected


def test_many_matches_read_in_order_find_the_same_rows(owner_client, user, monkeypatch):
    """Past backends.MANY matches SQLite looks the rows of the list's order up among
    the matches rather than sorting the matches: the same rows, in the same order."""
    grow(user, 8)
    ApplicationFactory(owner=user, title="Sales lead", notes="")  # matches neither
    ContactFactory(owner=user, name="Eng Outsider", company=CompanyFactory(owner=user))
    queries = [("eng", None), ("eng", "applications"), ("eng initech", "contacts")]

    def pages():
        return [
            found(owner_client, query, **({"kind": kind} if kind else {}))
            for query, kind in queries
        ]

    few = pages()
    monkeypatch.setattr(backends, "MANY", 0)
    many = pages()
    assert many == few
    assert all(few) and "Sales lead" not in str(few) and "Eng Outsider" not in str(few[2])


def test_matches_are_marked_and_escaped(owner_client, user):
    ApplicationFactory(
        owner=user,
        title="<script>alert(1)</script> engineer",
        notes="Some <b>bold</b> notes about the engineering team & more " * 10,
    )
    response = owner_client.get(URL, {"q": "engineer"})
    body = response.content.decode()
    assert "<script>alert" not in body and "<b>bold</b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>engineer</mark>" in body
    item = with_class(parse(response), "li", "search-result")[0]
    assert [flat(mark) for mark in item.find_all("mark")][:3] == [
        "engineer",
        "engineering",
        "engineering",
    ]
    excerpt = flat(with_class(item, "p", "search-excerpt")[0])
    assert len(excerpt) < 200 and excerpt.endswith("…")


def test_an_empty_search_says_what_search_does(owner_client, data):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = owner_client.get(URL, params)
        assert response.status_code == 200
        assert "Search everything you keep in Onward" in response.content.decode()


def test_symbols_alone_are_nothing_to_search_for(owner_client, data):
    response = owner_client.get(URL, {"q": "&|!():*'\"<>"})
    assert response.status_code == 200
    assert "Nothing to search for" in response.content.decode()


def test_no_match_says_how_words_match(owner_client, data):
    response = owner_client.get(URL, {"q": "zeppelin"})
    assert response.status_code == 200
    assert "Nothing matches “zeppelin”" in response.content.decode()


def test_a_query_too_long_is_refused_in_words(owner_client, data):
    response = owner_client.get(URL, {"q": "engineer " * 30})
    assert response.status_code == 400
    page = parse(response)
    error = flat(page.find(id="id_q_error"))
    assert "at most 200 characters" in error and "this was 269" in error
    assert "id_q_error" in page.find("input", id="id_q").attrs["aria-describedby"]
    assert owner_client.get(URL, {"q": "e" * 200}).status_code == 200


@pytest.mark.parametrize(
    "query_string",
    [
        "q=a%00b",
        "q=%ff%fe%ed%a0%80engineer",
        "q=%",
        "q=eng&q=kafka",
        "q=eng&kind=nonsense&page=-1",
        "q=eng&kind=applications&page=99999999999999999999",
        "q=" + "%E2%80%AE" * 60,
        "q=" + "a+" * 99,
    ],
)
def test_odd_input_is_never_a_500(owner_client, data, query_string):
    response = owner_client.generic("GET", URL, QUERY_STRING=query_string)
    assert response.status_code in (200, 400)
    if "%00" in query_string:
        assert response.status_code == 400
        assert "null byte" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL, {"q": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def grow(user, times):
    company = CompanyFactory(owner=user, name=f"Initech {times}")
    for number in range(times):
        application = ApplicationFactory(
            owner=user, company=company, title=f"Engineer {number}", notes="kafka"
        )
        InterviewFactory(application=application, notes="kafka engineer")
        ContactFactory(owner=user, company=company, name=f"Eng Contact {number}")
        LessonFactory(owner=user, title=f"Engineering lesson {number}")
        rejected = ApplicationFactory(
            owner=user, company=company, title=f"Engineer {number}", stage=Stage.REJECTED
        )
        rejection = RejectionFactory(application=rejected, reason_given="more engineering depth")
        FeedbackRequestFactory(
            rejection=rejection, status="received", response="engineering answer"
        )


@pytest.mark.parametrize("params", [{"q": "eng"}, {"q": "eng initech", "kind": "interviews"}])
def test_queries_stay_flat_as_data_grows(owner_client, user, django_assert_num_queries, params):
    url = f"{URL}?q={params['q']}" + (f"&kind={params['kind']}" if "kind" in params else "")
    grow(user, 3)
    expected = count_queries(owner_client, url)
    grow(user, 27)
    with django_assert_num_queries(expected):
        response = owner_client.get(url)
    assert response.status_code == 200
    assert expected <= 10
