"""The import journey (issue 6), clicked through as a person would: bring in the
spreadsheet kept before Onward, see the preview flag a row that can't be read, fix
the file and upload it again, confirm, find the applications on the list, and see
them counted in the funnel on /insights/.

Screenshots of the two previews, for a person to look at, when asked for:

    ONWARD_SCREENSHOTS=/tmp/shots .venv/bin/python -m pytest \
        tests/browser/test_import_insights_journey.py
"""

import csv
import os
import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect

from applications.models import Application, Stage
from tests.browser.test_accounts_journeys import path_is

SHOTS = os.environ.get("ONWARD_SCREENSHOTS", "").strip()
HEADER = ["Company", "Job Title", "Status", "Date Applied", "Link", "Notes"]


def write_csv(path, rows):
    """The file a spreadsheet saves as "CSV UTF-8": a byte-order mark, CRLF lines."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows([HEADER, *rows])


def spreadsheet(today, wayne):
    """The person's old tracker, in its own words. `wayne` is the row that differs
    between the first file and the fixed one. Dates are written three ways, all of
    them within the last twelve weeks."""

    def day(days_ago, style):
        when = today - timedelta(days=days_ago)
        return {
            "iso": when.isoformat(),
            "dmy": f"{when.day} {when:%B %Y}",
            "mdy": f"{when:%B} {when.day}, {when.year}",
        }[style]

    return [
        ["Acme Corp", "Backend Developer", "Applied", day(3, "iso"), "acme.example/jobs/1", ""],
        ["Globex", "Data Engineer", "Phone screen", day(10, "dmy"), "", "Recruiter call, 30 min"],
        ["Initech", "Platform Engineer", "Interviewing", day(20, "mdy"), "", "Onsite next week"],
        # Turned down after interviews; the spreadsheet only says "Rejected".
        ["Umbrella", "Site Reliability Engineer", "Rejected", day(30, "iso"), "", "Final round"],
        ["Hooli", "Frontend Developer", "Ghosted", day(40, "iso"), "", ""],
        ["Stark Industries", "ML Engineer", "Wishlist", "", "https://stark.example/ml", ""],
        wayne,
    ]


def shoot(page, name):
    if SHOTS:
        folder = Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}.png", full_page=True)


def test_import_a_spreadsheet_fix_a_bad_row_and_see_the_funnel(signed_in_page, person, tmp_path):
    page = signed_in_page
    today = person.today()
    navbar = page.get_by_role("navigation", name="Main")
    csv_file = tmp_path / "job-search.csv"
    # Row 8 of the spreadsheet: a stage from nowhere and a date nobody can put on a calendar.
    bad_row = ["Wayne Enterprises", "Product Analyst", "Maybe", "next Tuesday", "", ""]
    write_csv(csv_file, spreadsheet(today, bad_row))

    # A new account: Insights has nothing to count yet.
    navbar.get_by_role("link", name="Insights").click()
    expect(page).to_have_url(path_is("/insights/"))
    expect(page.get_by_role("heading", name="Nothing to show yet")).to_be_visible()
    expect(page.locator("#funnel-caption")).to_have_count(0)

    # Applications → Import, and upload the spreadsheet.
    navbar.get_by_role("link", name="Applications").click()
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page).to_have_url(path_is("/applications/import/"))
    expect(page.get_by_role("heading", name="Import applications from a CSV file")).to_be_visible()
    expect(page.get_by_text("At most 10 MB and 10,000 rows per file")).to_be_visible()
    page.get_by_label("CSV file").set_input_files(csv_file)
    page.get_by_role("button", name="Upload and preview").click()

    # The preview: six rows ready, one flagged in words, nothing written yet.
    expect(page.get_by_role("heading", name="Check your import")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/applications/import/\d+/$"))
    expect(page.get_by_text("job-search.csv: 7 rows read.")).to_be_visible()
    summary = page.get_by_role("region", name="Summary")
    expect(summary).to_contain_text("6 applications will be added.")
    expect(summary).to_contain_text("1 row with problems will not be imported")
    expect(summary.get_by_role("button", name="Import 6 applications")).to_be_visible()

    problems = page.get_by_role("region", name="Rows with problems")
    expect(problems).to_be_visible()
    flagged = problems.get_by_role("row")
    expect(flagged).to_have_count(3)  # a header and the row's two problems
    expect(flagged.nth(1).get_by_role("cell")).to_have_text(
        ["8", "Status", re.compile(r"^“Maybe” is not a stage Onward knows\. Use one of: saved,")]
    )
    expect(flagged.nth(2).get_by_role("cell")).to_have_text(
        [
            "8",
            "Date Applied",
            re.compile(r"^“next Tuesday” is not a date Onward can read\. Write it like 2026-03-14"),
        ]
    )

    # The other tracker's stage names, read as Onward's.
    to_add = page.get_by_role("region", name="Applications to add").get_by_role("row")
    expect(to_add).to_have_count(7)  # a header and six rows
    for index, (row, title, stage) in enumerate(
        [
            ("2", "Backend Developer", "Applied"),
            ("3", "Data Engineer", "Screening"),
            ("4", "Platform Engineer", "Interviewing"),
            ("5", "Site Reliability Engineer", "Rejected"),
            ("6", "Frontend Developer", "No response"),
            ("7", "ML Engineer", "Saved"),
        ],
        start=1,
    ):
        cells = to_add.nth(index).get_by_role("cell")
        expect(cells.nth(0)).to_have_text(row)
        expect(cells.nth(1)).to_have_text(title)
        expect(cells.nth(3)).to_have_text(stage)
    expect(page.get_by_role("region", name="How the columns were read")).to_contain_text(
        "“Date Applied” → Applied on"
    )
    shoot(page, "import-preview-with-problem")
    assert not Application.objects.filter(owner=person).exists()

    # Fix row 8 in the spreadsheet, save over the file, and upload it again.
    write_csv(
        csv_file,
        spreadsheet(
            today,
            [
                "Wayne Enterprises",
                "Product Analyst",
                "Offered",
                (today - timedelta(days=50)).isoformat(),
                "",
                "Offer in writing, answer by Friday",
            ],
        ),
    )
    summary.get_by_role("link", name="Upload another file").click()
    expect(page).to_have_url(path_is("/applications/import/"))
    page.get_by_label("CSV file").set_input_files(csv_file)
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_role("heading", name="Check your import")).to_be_visible()
    expect(summary).to_contain_text("7 applications will be added.")
    expect(summary).not_to_contain_text("problems")
    expect(page.get_by_role("region", name="Rows with problems")).to_have_count(0)
    wayne = to_add.filter(has_text="Product Analyst").get_by_role("cell")
    expect(wayne.nth(0)).to_have_text("8")
    expect(wayne.nth(3)).to_have_text("Offer")
    shoot(page, "import-preview-fixed")
    assert not Application.objects.filter(owner=person).exists()

    # Confirm: the list shows all seven.
    summary.get_by_role("button", name="Import 7 applications").click()
    expect(page).to_have_url(path_is("/applications/"))
    expect(page.get_by_role("status")).to_have_text("Imported 7 applications from job-search.csv.")
    expect(page.get_by_text("7 applications", exact=True)).to_be_visible()
    listed = page.get_by_role("row")
    expect(listed).to_have_count(8)  # a header and seven applications
    for title, company, stage in [
        ("Backend Developer", "Acme Corp", "Applied"),
        ("Data Engineer", "Globex", "Screening"),
        ("Platform Engineer", "Initech", "Interviewing"),
        ("Site Reliability Engineer", "Umbrella", "Rejected"),
        ("Frontend Developer", "Hooli", "No response"),
        ("ML Engineer", "Stark Industries", "Saved"),
        ("Product Analyst", "Wayne Enterprises", "Offer"),
    ]:
        cells = listed.filter(has=page.get_by_role("link", name=title, exact=True))
        expect(cells.get_by_role("cell").nth(1)).to_have_text(company)
        expect(cells.get_by_role("cell").nth(2)).to_have_text(stage)
    stages = dict(Application.objects.filter(owner=person).values_list("title", "stage"))
    assert stages["Product Analyst"] == Stage.OFFER
    assert stages["ML Engineer"] == Stage.SAVED

    # An imported application's timeline is one row, its stage at the time of the
    # import: what the spreadsheet knew of earlier stages is not there.
    page.get_by_role("link", name="Site Reliability Engineer").click()
    timeline = page.get_by_role("region", name="Timeline").get_by_role("listitem")
    expect(timeline).to_have_count(1)
    expect(timeline.nth(0)).to_contain_text("Added as rejected: Imported from a CSV file")

    # Insights counts each application at the furthest stage its timeline reached:
    # sent = everything but the wishlist row (applied, screening, interviewing,
    # rejected, ghosted, offer: 6); screening or further = Globex, Initech, Wayne (3);
    # interviewing or further = Initech, Wayne (2); an offer = Wayne (1). Umbrella's
    # "Rejected" (after the final round, says its note) counts as sent only: its
    # timeline starts at rejected.
    navbar.get_by_role("link", name="Insights").click()
    expect(page).to_have_url(path_is("/insights/"))
    expect(page.get_by_role("heading", name="Nothing to show yet")).to_have_count(0)
    funnel = page.get_by_role("region", name="From applied to accepted")
    expect(funnel.locator("#funnel-caption")).to_have_text(
        "Of 6 applications sent, 3 (50%) reached screening, 2 (33%) interviews, 1 (17%) an "
        "offer and 0 (0%) were accepted. The biggest drop is before screening: 50% of those "
        "at applied get there."  # not "Most stop before accepted: 0%" from one offer
    )
    expect(funnel.get_by_role("img", name=re.compile(r"^Of 6 applications sent"))).to_be_visible()

    numbers = funnel.get_by_role("table")
    expect(numbers).to_be_hidden()
    funnel.get_by_text("The numbers").click()
    expect(numbers).to_be_visible()
    steps = numbers.get_by_role("row")
    expect(steps).to_have_count(6)  # a header and five stages
    for index, cells in enumerate(
        [
            ["Applied", "6", "100%", "–"],
            ["Screening", "3", "50%", "50%"],
            # Fewer than five at the step before: no share yet (words.MIN_SAMPLE).
            ["Interviewing", "2", "33%", "too few to say yet"],
            ["Offer", "1", "17%", "too few to say yet"],
            ["Accepted", "0", "0%", "too few to say yet"],
        ],
        start=1,
    ):
        expect(steps.nth(index).get_by_role("cell")).to_have_text(cells[1:])
        expect(steps.nth(index).get_by_role("rowheader")).to_have_text(cells[0])

    shoot(page, "insights-after-import")

    # The dated rows show in the weekly pace too (the wishlist row has no date).
    expect(page.locator("#weeks-caption")).to_contain_text("6 applications in the 12 weeks since")
