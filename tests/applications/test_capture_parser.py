"""Reading a job posting from saved pages shaped like the ones job boards and career
sites publish (tests/applications/fixtures/postings/)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from applications.capture.posting import MAX_PAGE_BYTES, read_posting

POSTINGS = Path(__file__).parent / "fixtures" / "postings"


def page(name):
    return (POSTINGS / name).read_text(encoding="utf-8")


def test_json_ld_in_a_graph_with_the_organisation_named_by_id():
    posting = read_posting(page("jsonld_graph.html"))

    assert posting.title == "Senior Backend Engineer"  # not the OpenGraph title
    assert posting.company == "Northwind Analytics Ltd"  # the @graph's Organization
    assert posting.location == "Leeds, West Yorkshire, GB"
    assert (posting.salary_min, posting.salary_max) == (48000, 55000)
    assert (posting.currency, posting.salary_period) == ("GBP", "year")
    assert posting.employment_type == "full_time"
    assert posting.date_posted == dt.date(2026, 11, 20)
    assert posting.closing_on == dt.date(2026, 12, 31)
    assert posting.url == "https://careers.northwind.example/jobs/4711-senior-backend-engineer"
    assert posting.description.startswith(
        "<p>We are looking for a <strong>Senior Backend Engineer</strong>"
    )
    assert "<li>Designing APIs</li>" in posting.description
    assert "script" not in posting.description and "onclick" not in posting.description
    assert posting.found == ["the job details the page publishes"]


def test_a_list_of_postings_gives_the_one_at_the_address_sent():
    posting = read_posting(page("jsonld_list.html"), "https://jobs.fjordlabs.example/data-engineer")

    assert posting.title == "Data Engineer (Remote)"
    assert posting.company == "Fjord Labs AS"  # a plain string
    assert posting.work_mode == "remote"  # jobLocationType TELECOMMUTE
    assert posting.location == "Remote: Norway, Sweden"  # applicantLocationRequirements
    assert (posting.salary_min, posting.salary_max) == (600, 750)  # "750.50" rounded down
    assert (posting.currency, posting.salary_period) == ("EUR", "day")  # "eur" upper-cased
    assert posting.employment_type == "contract"  # the first known of a list
    assert posting.closing_on == dt.date(2026, 11, 30)
    assert posting.description == (
        "<p>Build pipelines.</p><p>Work from anywhere in Norway or Sweden.</p>"
    )


def test_a_list_of_postings_without_an_address_gives_the_first():
    posting = read_posting(page("jsonld_list.html"))

    assert posting.title == "Product Designer"
    assert posting.location == "Oslo, Norway"  # addressCountry as a Country object
    assert (posting.salary_min, posting.salary_max) == (650_000, 650_000)  # "650,000"
    assert (posting.currency, posting.employment_type) == ("NOK", "part_time")


def test_microdata_only():
    posting = read_posting(page("microdata.html"))

    assert posting.title == "Junior Marketing Manager"
    assert posting.company == "Alpenblick GmbH"
    assert posting.location == "München, DE"
    assert (posting.salary_min, posting.salary_max, posting.currency) == (3800, 4400, "EUR")
    assert posting.salary_period == "month"
    assert posting.employment_type == "full_time"
    assert (posting.date_posted, posting.closing_on) == (dt.date(2026, 11, 2), dt.date(2027, 1, 15))
    assert "<h2>Deine Aufgaben</h2>" in posting.description
    assert "<b>Social Media</b>" in posting.description
    for gone in ("<img", "onerror", "style=", "tracker.example"):
        assert gone not in posting.description
    assert posting.found == ["the job details marked in the page"]


def test_rdfa_lite():
    posting = read_posting(page("rdfa.html"))

    assert (posting.title, posting.company) == ("Nurse Practitioner", "St Brigid's Clinic")
    assert (posting.location, posting.employment_type) == ("Cork, Ireland", "part_time")
    assert posting.description == "<p>Three days a week.</p>"


def test_opengraph_only():
    posting = read_posting(page("opengraph.html"))

    assert posting.title == "Head of Customer Success"
    assert posting.company == "Quillworks"
    assert posting.url == "https://quillworks.example/careers/head-of-customer-success"
    assert posting.description == (
        "<p>Lead a team of 12 across Europe &amp; the US. Salary &lt;negotiable&gt;.</p>"
    )
    assert posting.found == ["the page’s title and summary"]


def test_broken_json_is_skipped_and_the_page_still_read():
    posting = read_posting(page("broken_json.html"))

    assert posting.title == "Warehouse Team Lead"  # from the <h1>
    assert posting.company == "Brightline Logistics"  # og:site_name
    assert posting.description == "<p>Lead the night shift in our Bristol warehouse.</p>"


def test_html_entities_are_read_once():
    posting = read_posting(page("entities.html"))

    assert posting.title == "R&D Engineer – Acoustics"
    assert posting.company == "Smith & Søn A/S"
    # Escaped HTML in JSON-LD is unescaped once: "&amp;amp;" was a written "&amp;".
    assert posting.description == (
        "<p>Join our R&amp;D team in Aarhus &amp; remote.</p><ul><li>Signal processing</li></ul>"
    )
    assert posting.work_mode == "remote"
    assert posting.date_posted == dt.date(2026, 11, 28)


def test_a_page_with_no_posting_reads_its_title_and_h1():
    posting = read_posting("<html><head><title>Careers</title></head><body><h1>Welder</h1>")

    assert posting.title == "Welder"  # the <h1> comes before <title>


def test_pasted_text_takes_its_first_line_as_the_title():
    posting = read_posting("  \nPlumber, Leeds\n\nFixing pipes & taps, 5 < 6.\nVan provided.\n")

    assert posting.title == "Plumber, Leeds"
    assert posting.description == (
        "<p>Plumber, Leeds</p><p>Fixing pipes &amp; taps, 5 &lt; 6.<br>Van provided.</p>"
    )


def test_markup_with_nothing_to_go_by_is_read_as_its_text():
    posting = read_posting("<div>Plumber, Leeds</div>\n\n<div>Fixing <taps>.</div>")

    assert posting.title == "Plumber, Leeds"


def test_a_two_megabyte_page_is_read_in_good_time():
    body = page("jsonld_graph.html")
    filler = "<div class='ad'><p>Similar jobs near you: welder, plumber, carpenter.</p></div>\n"
    padded = body.replace(
        "<main>", "<main>" + filler * ((MAX_PAGE_BYTES - len(body)) // len(filler))
    )
    assert MAX_PAGE_BYTES - 200 < len(padded.encode()) <= MAX_PAGE_BYTES

    posting = read_posting(padded)

    assert (posting.title, posting.company) == (
        "Senior Backend Engineer",
        "Northwind Analytics Ltd",
    )


@pytest.mark.parametrize(
    "value",
    [
        {"@type": "MonetaryAmount", "currency": "GBP", "value": -5},
        {"@type": "MonetaryAmount", "currency": "GBP", "value": "lots"},
        {"@type": "MonetaryAmount", "currency": "GBP", "value": 10**40},
        {"@type": "MonetaryAmount", "currency": "GBP", "value": True},
        {"@type": "MonetaryAmount", "currency": "GBP", "value": "NaN"},
        "a lot",
        [],
    ],
)
def test_salaries_that_make_no_sense_are_left_out(value):
    data = {"@type": "JobPosting", "title": "Chef", "baseSalary": value}
    html = f'<script type="application/ld+json">{json.dumps(data)}</script>'

    posting = read_posting(html)

    assert (posting.title, posting.salary_min, posting.salary_max) == ("Chef", None, None)


@pytest.mark.parametrize(
    "data",
    [
        {"@type": "JobPosting", "title": ["Chef", "Cook"], "hiringOrganization": [None, 3]},
        {"@type": "JobPosting", "title": {"name": "Chef"}, "jobLocation": "Paris"},
        {"@type": "JobPosting", "title": "Chef", "datePosted": "yesterday", "validThrough": 5},
        {"@type": "JobPosting", "title": "Chef", "validThrough": "9999-12-31"},
        {"@type": "JobPosting", "title": "Chef", "description": ["<p>a</p>", 5]},
        {"@type": "JobPosting", "title": "Chef", "jobLocation": [{"address": [None]}]},
    ],
)
def test_odd_shapes_read_without_error(data):
    posting = read_posting(f'<script type="application/ld+json">{json.dumps(data)}</script>')

    assert posting.title == "Chef"
    assert posting.closing_on is None


def test_deeply_nested_json_ld_does_not_exhaust_the_stack():
    deep = "[" * 5000 + "]" * 5000

    posting = read_posting(f'<script type="application/ld+json">{deep}</script><h1>Chef</h1>')

    assert posting.title == "Chef"
