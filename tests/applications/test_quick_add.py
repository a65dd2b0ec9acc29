"""Quick add (/applications/quick-add/, POST `text`): "<title> at <company>" makes a saved
application through the full form's path: its first timeline row, the company matched
by name or created, one row per submit key."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from applications.models import Application, Company, Stage, StageChange
from applications.quick_add import parse as parse_line
from tests.checks import assert_sent_to_log_in
from tests.factories import ApplicationFactory, CompanyFactory
from tests.html import page_messages, parse

pytestmark = pytest.mark.django_db

URL = reverse("applications:quick_add")
BOARD = reverse("applications:board")
LIST = reverse("applications:list")


def rows():
    return list(Application.objects.values_list("owner", "title", "company__name", "stage"))


@pytest.mark.parametrize(
    ("line", "title", "company"),
    [
        ("Data engineer at Acme", "Data engineer", "Acme"),
        ("  Data   engineer  AT   Acme  Labs ", "Data engineer", "Acme Labs"),
        ("Data engineer @ Acme", "Data engineer", "Acme"),
        ("Data engineer@Acme", "Data engineer", "Acme"),
        ("Head of Data at Scale at Acme", "Head of Data at Scale", "Acme"),
        ("Software engineer at AT&T", "Software engineer", "AT&T"),
        ("Senior engineer – Payments at Monzo", "Senior engineer – Payments", "Monzo"),
        ("Data engineer at Ünion Bank", "Data engineer", "Ünion Bank"),
        ("Chatbot designer at Atlassian", "Chatbot designer", "Atlassian"),
    ],
)
def test_the_line_is_read_as_title_then_company(line, title, company):
    assert parse_line(line)[:2] == (title, company)


def test_a_line_makes_a_saved_application_with_its_first_timeline_row(owner_client, user):
    response = owner_client.post(URL, {"text": "Data engineer at Globex", "next": BOARD})

    assertRedirects(response, BOARD, fetch_redirect_response=False)
    application = Application.objects.get()
    assert (application.owner, application.title, application.stage) == (
        user,
        "Data engineer",
        Stage.SAVED,
    )
    assert application.company.name == "Globex"
    assert application.applied_on is None
    assert list(StageChange.objects.values_list("application", "from_stage", "to_stage")) == [
        (application.pk, "", Stage.SAVED)
    ]
    board = owner_client.get(BOARD)
    assert page_messages(board) == ["Added Data engineer at Globex to saved."]
    saved = parse(board).find("section", **{"aria-labelledby": "column-saved"})
    assert [card.find("h3").text for card in saved.find_all("article")] == ["Data engineer"]


def test_without_next_it_goes_to_the_boards_saved_column(owner_client):
    response = owner_client.post(URL, {"text": "Data engineer at Globex"})

    assertRedirects(response, f"{BOARD}?stage=saved", fetch_redirect_response=False)


def test_from_the_list_it_goes_back_to_the_list(owner_client):
    page = parse(owner_client.get(LIST))
    form = page.find("form", id="quick-add")
    assert form.attrs["action"] == URL
    assert "hx-post" not in form.attrs  # a plain form on the list
    back = form.find("input", name="next").attrs["value"]

    response = owner_client.post(URL, {"text": "Analyst @ Initech", "next": back}, follow=True)

    assertRedirects(response, LIST)
    assert page_messages(response) == ["Added Analyst at Initech to saved."]
    assert "Analyst" in parse(response).find("tbody").text


def test_the_company_is_matched_by_name_not_duplicated(owner_client, user, other_user):
    mine = CompanyFactory(owner=user, name="Globex Corporation")
    CompanyFactory(owner=other_user, name="Initech")

    owner_client.post(URL, {"text": "Data engineer at GLOBEX  corporation"})
    owner_client.post(URL, {"text": "Analyst at initech"})

    assert Application.objects.get(title="Data engineer").company == mine
    initech = Application.objects.get(title="Analyst").company
    assert (initech.owner, initech.name) == (user, "initech")
    assert Company.objects.filter(owner=user).count() == 2


def test_a_form_sent_twice_adds_one_application(owner_client):
    form = parse(owner_client.get(BOARD)).find("form", id="quick-add")
    key = form.find("input", name="submit_key").attrs["value"]
    data = {"text": "Data engineer at Globex", "submit_key": key, "next": BOARD}

    first = owner_client.post(URL, data)
    second = owner_client.post(URL, data, follow=True)

    assert Application.objects.count() == 1
    assert first["Location"] == BOARD
    assertRedirects(second, BOARD)
    assert "This form was sent twice" in page_messages(second)[-1]


def test_each_board_brings_a_new_key(owner_client):
    def key():
        form = parse(owner_client.get(BOARD)).find("form", id="quick-add")
        return form.find("input", name="submit_key").attrs["value"]

    assert key() != key()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "Type a job title and its company, such as “Data engineer at Acme”."),
        ("   ", "Type a job title and its company, such as “Data engineer at Acme”."),
        (
            "Data engineer",
            "Onward couldn’t tell which company this is. Write the job title, then “at” (or "
            "“@”) and the company, such as “Data engineer at Acme”.",
        ),
        ("Data engineer at", "Type the company after “at”, such as “Data engineer at Acme”."),
        ("Data engineer @ ", "Type the company after “at”, such as “Data engineer at Acme”."),
        ("at Globex", "Type the job title before “at”, such as “Data engineer at Acme”."),
        ("@", "Type a job title and its company, such as “Data engineer at Acme”."),
        (
            "x" * 201 + " at Globex",
            "The job title: Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            "Data engineer at " + "ß" * 150,
            "The company: This name is too long. Shorten it a little.",
        ),
        ("x" * 501, "Ensure this value has at most 500 characters (it has 501)."),
        ("Data\x00engineer at Globex", "Null characters are not allowed."),
    ],
    ids=[
        "empty",
        "blank",
        "no-company",
        "nothing-after-at",
        "nothing-after-@",
        "nothing-before-at",
        "only-@",
        "title-too-long",
        "company-too-long",
        "line-too-long",
        "nul",
    ],
)
def test_a_line_that_cannot_be_read_is_explained_and_adds_nothing(owner_client, line, message):
    response = owner_client.post(URL, {"text": line, "next": LIST})

    assert response.status_code == 422
    form = parse(response).find("form", id="quick-add")
    error = form.find(id="quick-add-error")
    assert error.text == message
    field = form.find("input", name="text")
    assert "quick-add-error" in field.attrs["aria-describedby"].split()
    assert field.attrs["aria-invalid"] == "true"
    assert "Nothing was added yet." in parse(response).text
    assert rows() == []


def test_the_full_form_is_one_click_away_with_what_was_typed(owner_client):
    response = owner_client.post(URL, {"text": "Data engineer at", "next": LIST})

    links = [a for a in parse(response).find_all("a") if a.text == "Use the full form"]
    assert len(links) == 1
    href = urlsplit(links[0].attrs["href"])
    assert href.path == reverse("applications:create")
    assert parse_qs(href.query) == {"title": ["Data engineer"], "stage": ["saved"]}

    full = owner_client.get(links[0].attrs["href"])
    page = parse(full)
    assert page.find("input", name="title").attrs["value"] == "Data engineer"
    assert "selected" in page.find("option", value="saved").attrs


def test_an_unreadable_line_goes_whole_into_the_full_forms_title(owner_client):
    response = owner_client.post(URL, {"text": "Data engineer, Globex"})

    (link,) = [a for a in parse(response).find_all("a") if a.text == "Use the full form"]
    assert parse_qs(urlsplit(link.attrs["href"]).query)["title"] == ["Data engineer, Globex"]


def test_the_board_offers_the_full_form_too(owner_client):
    form = parse(owner_client.get(BOARD)).find("form", id="quick-add")
    (link,) = [a for a in form.find_all("a") if a.text == "Use the full form"]
    assert link.attrs["href"] == f"{reverse('applications:create')}?stage=saved"


def test_htmx_from_the_board_gets_the_new_board(owner_client):
    response = owner_client.post(
        URL,
        {"text": "Data engineer at Globex", "next": f"{BOARD}?stage=saved"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="board",
    )

    # htmx follows the redirect and swaps in the board's #board, which has the card.
    assertRedirects(response, f"{BOARD}?stage=saved", fetch_redirect_response=False)
    board = owner_client.get(f"{BOARD}?stage=saved", HTTP_HX_REQUEST="true")
    box = parse(board).find("div", id="board")
    saved = box.find("section", **{"aria-labelledby": "column-saved"})
    assert "is-shown" in saved.attrs["class"].split()
    assert [card.find("h3").text for card in saved.find_all("article")] == ["Data engineer"]
    assert (
        "Added Data engineer at Globex to saved." in box.find("div", **{"class": "messages"}).text
    )


def test_htmx_with_an_unreadable_line_swaps_only_the_form(owner_client):
    response = owner_client.post(
        URL,
        {"text": "Data engineer", "next": BOARD},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="board",
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == "#quick-add"
    assert response["HX-Reswap"] == "outerHTML"
    assert response["HX-Reselect"] == "#quick-add"
    form = parse(response).find("form", id="quick-add")
    assert "couldn’t tell which company" in form.find(id="quick-add-error").text
    # What was typed stays, and so does the key (nothing was added with it).
    assert form.find("input", name="text").attrs["value"] == "Data engineer"
    assert form.find("input", name="next").attrs["value"] == BOARD
    assert form.attrs["hx-post"] == URL
    assert form.attrs["hx-target"] == "#board"
    assert rows() == []


def test_get_is_not_allowed(owner_client):
    assert owner_client.get(URL, {"text": "Data engineer at Globex"}).status_code == 405
    assert rows() == []


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_added(client):
    assert_sent_to_log_in(client, URL, {"text": "Data engineer at Globex"}, read=rows, get=False)


def test_a_stranger_adds_to_their_own_account_only(stranger_client, user, other_user):
    ApplicationFactory(owner=user, company__name="Globex", title="Mine")

    stranger_client.post(URL, {"text": "Data engineer at Globex"})

    theirs = Application.objects.get(title="Data engineer")
    assert theirs.owner == other_user
    assert theirs.company.owner == other_user
    assert Company.objects.filter(name="Globex").count() == 2
    assert Application.objects.get(title="Mine").owner == user


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "abc"])
def test_next_is_honoured_only_for_same_site_paths(owner_client, target):
    response = owner_client.post(URL, {"text": "Data engineer at Globex", "next": target})

    assertRedirects(response, f"{BOARD}?stage=saved", fetch_redirect_response=False)
