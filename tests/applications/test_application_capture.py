"""/applications/capture/: a job advert's page read into the new-application form,
prefilled; nothing saved until that form is saved. And the relay the bookmarklet posts
to from the job board's site."""

import datetime as dt
from pathlib import Path

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from applications.capture.posting import MAX_PAGE_BYTES
from applications.models import Application, Company, Stage
from tests.checks import assert_sent_to_log_in, login_url
from tests.html import field_errors, input_value, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

URL = reverse("applications:capture")
RELAY = reverse("applications:capture_relay")
POSTINGS = Path(__file__).parent / "fixtures" / "postings"
GRAPH = (POSTINGS / "jsonld_graph.html").read_text(encoding="utf-8")
ADVERT = "https://careers.northwind.example/jobs/4711-senior-backend-engineer"


def selected(select):
    """The value of a <select>'s selected option ("" for none)."""
    chosen = [option for option in select.find_all("option") if "selected" in option.attrs]
    return chosen[0].attrs["value"] if chosen else ""


def relayed_page(response):
    """The page in the relay form's textarea, exactly as a browser would send it."""
    tree = lxml.html.document_fromstring(response.content.decode())
    return tree.xpath('//textarea[@name="page"]')[0].text


def bookmarklet(response):
    links = [a for a in parse(response).find_all("a") if "data-bookmarklet" in a.attrs]
    return links[0] if links else None


def rows():
    return (Application.objects.count(), Company.objects.count())


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_read(client):
    assert_sent_to_log_in(client, URL, {"page": GRAPH}, read=rows)


def test_the_paste_form(owner_client):
    response = owner_client.get(URL)

    assert response.status_code == 200
    form = parse(response).find("form", action=URL)
    assert form.attrs["enctype"] == "multipart/form-data"
    assert form.find("textarea", name="page") is not None
    assertContains(response, "Drag this button to your browser’s bookmarks bar")


def test_a_posted_page_prefills_the_new_application_form_and_saves_nothing(owner_client):
    response = owner_client.post(URL, {"page": GRAPH, "url": ADVERT})

    assert response.status_code == 200
    assert rows() == (0, 0)
    page = parse(response)
    form = page.find("form", action=reverse("applications:create"))
    assert form is not None
    assert input_value(response, "title") == "Senior Backend Engineer"
    assert input_value(response, "company") == "Northwind Analytics Ltd"
    assert input_value(response, "location") == "Leeds, West Yorkshire, GB"
    assert input_value(response, "salary_min") == "48000"
    assert input_value(response, "salary_max") == "55000"
    assert input_value(response, "currency") == "GBP"
    assert input_value(response, "closing_on") == "2026-12-31"
    assert input_value(response, "applied_on") is None  # saved, not applied for
    assert input_value(response, "job_url") == ADVERT
    for name, value in [
        ("salary_period", "year"),
        ("employment_type", "full_time"),
        ("stage", "saved"),
    ]:
        assert selected(page.find("select", name=name)) == value
    assert page.find("textarea", name="notes").text.strip() == "Posted on 20 November 2026."
    description = page.find("textarea", name="description").text
    assert description.startswith("<p>We are looking for a <strong>Senior Backend Engineer")
    assert "script" not in description
    assertContains(
        response, "Filled in from the job details the page publishes. Nothing is saved yet"
    )


def test_saving_the_prefilled_form_adds_the_application_with_its_description(owner_client):
    page = parse(owner_client.post(URL, {"page": GRAPH, "url": ADVERT}))
    form = page.find("form", action=reverse("applications:create"))
    data = {}
    for field in form.find_all("input"):
        if field.attrs.get("name") and field.attrs.get("type") != "checkbox":
            data[field.attrs["name"]] = field.attrs.get("value", "")
    for field in form.find_all("textarea"):
        data[field.attrs["name"]] = field.text.removeprefix("\n")
    for field in form.find_all("select"):
        data[field.attrs["name"]] = selected(field)

    response = owner_client.post(reverse("applications:create"), data)

    application = Application.objects.get()
    assertRedirects(response, application.get_absolute_url())
    assert (application.title, application.company.name) == (
        "Senior Backend Engineer",
        "Northwind Analytics Ltd",
    )
    assert application.stage == Stage.SAVED
    assert application.salary_text == "£48,000–55,000 a year"
    assert application.closing_on == dt.date(2026, 12, 31)
    assert application.employment_type == Application.EmploymentType.FULL_TIME
    assert "<li>Designing APIs</li>" in application.description
    assert application.job_url == ADVERT
    detail = owner_client.get(application.get_absolute_url())
    box = parse(detail).find("details")
    assert box.find("summary") is not None and "open" not in box.attrs
    assert box.find("li").text == "Python and PostgreSQL"
    assertContains(detail, "£48,000–55,000 a year")


def test_a_page_with_nothing_to_read_says_so(owner_client):
    response = owner_client.post(URL, {"page": "<html><body><img src=x></body></html>"})

    assert response.status_code == 422
    assert field_errors(response, "page") == [
        "Onward found no job title or description in this page. Paste the page’s source "
        "(or its text), or fill in the form yourself."
    ]
    assert rows() == (0, 0)


def test_an_empty_post_says_what_to_paste(owner_client):
    response = owner_client.post(URL, {"page": "  "})

    assert response.status_code == 422
    assert field_errors(response, "page") == [
        "Paste the job advert’s page (its source or its text)."
    ]


def test_a_page_of_exactly_two_megabytes_is_read(owner_client):
    filler = "<p>Similar jobs near you.</p>\n"
    page = GRAPH.replace(
        "<main>", "<main>" + filler * ((MAX_PAGE_BYTES - len(GRAPH)) // len(filler))
    )
    assert len(page.encode()) <= MAX_PAGE_BYTES

    response = owner_client.post(URL, {"page": page})

    assert response.status_code == 200
    assert input_value(response, "title") == "Senior Backend Engineer"


def test_a_page_over_two_megabytes_is_refused_in_words(owner_client):
    page = GRAPH + "x" * (MAX_PAGE_BYTES - len(GRAPH) + 1)

    response = owner_client.post(URL, {"page": page})

    assert response.status_code == 422
    assert field_errors(response, "page") == [
        "This page is 2.1 MB; Onward reads pages of up to 2 MB. Paste only the part with "
        "the job advert, or fill in the form yourself."
    ]


def test_a_body_past_the_upload_limit_is_refused_before_it_is_read(owner_client):
    response = owner_client.post(URL, {"page": "x" * (4 * 1024 * 1024)})

    assert response.status_code == 413
    assert field_errors(response, "page") == [
        "This page is 4.0 MB; Onward reads pages of up to 2 MB. Paste only the part with "
        "the job advert, or fill in the form yourself."
    ]
    assert rows() == (0, 0)


def test_a_url_that_is_not_a_web_address_is_left_out(owner_client):
    response = owner_client.post(URL, {"page": GRAPH, "url": "javascript:alert(1)"})

    # The posting's own url is used instead.
    assert input_value(response, "job_url") == ADVERT


def test_the_capture_post_is_csrf_protected(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post(URL, {"page": GRAPH})

    assert response.status_code == 403


# The relay: the bookmarklet's cross-site POST arrives with no session cookie and no
# CSRF cookie (both SameSite=Lax). It shows nobody's data and saves nothing.


def test_the_relay_passes_the_page_on_from_onwards_own_origin():
    client = Client(enforce_csrf_checks=True)

    response = client.post(RELAY, {"page": GRAPH, "url": ADVERT})

    assert response.status_code == 200
    form = parse(response).find("form", action=URL)
    assert "data-auto-submit" in form.attrs
    assert relayed_page(response) == GRAPH
    assert form.find("input", name="url").attrs["value"] == ADVERT
    assert form.find("input", name="csrfmiddlewaretoken") is not None
    assert "csrftoken" in response.cookies  # so the relayed POST passes the CSRF check
    assert rows() == (0, 0)


def test_the_relayed_post_reaches_the_signed_in_person_with_csrf_checked(user):
    client = Client(enforce_csrf_checks=True)
    relayed = client.post(RELAY, {"page": GRAPH, "url": ADVERT})
    form = parse(relayed).find("form", action=URL)
    data = {
        "csrfmiddlewaretoken": form.find("input", name="csrfmiddlewaretoken").attrs["value"],
        "page": relayed_page(relayed),
        "url": form.find("input", name="url").attrs["value"],
    }

    anonymous = client.post(URL, data)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    signed_in = client.post(URL, data)

    assertRedirects(anonymous, login_url(URL), fetch_redirect_response=False)
    assert signed_in.status_code == 200
    assert input_value(signed_in, "title") == "Senior Backend Engineer"
    assert rows() == (0, 0)


def test_the_relay_shows_no_signed_in_persons_data(owner_client, user):
    response = owner_client.post(RELAY, {"page": "<h1>Welder</h1>"})

    assertNotContains(response, user.email)
    assertNotContains(response, "Olive Owner")


def test_the_relay_answers_only_a_post(client):
    assert client.get(RELAY).status_code == 405


def test_the_relay_refuses_an_empty_or_oversized_page_in_words(client):
    empty = client.post(RELAY, {"page": ""})
    big = client.post(RELAY, {"page": "x" * (MAX_PAGE_BYTES + 1)})

    assert empty.status_code == 422
    assert big.status_code == 422
    assert field_errors(big, "page")[0].startswith("This page is 2.1 MB")


def test_the_new_application_page_offers_the_bookmarklet_and_capture(owner_client):
    response = owner_client.get(reverse("applications:create"))

    link = bookmarklet(response)
    assert link.attrs["href"].startswith("javascript:(function(){")
    assert '"http://testserver/applications/capture/relay/"' in link.attrs["href"]
    assert "document.documentElement.outerHTML" in link.attrs["href"]
    assertContains(response, f'href="{URL}"')


def test_settings_offers_the_bookmarklet(owner_client):
    response = owner_client.get(reverse("accounts:settings"))

    assert bookmarklet(response) is not None
    assertContains(response, "Onward never visits the job site itself")
