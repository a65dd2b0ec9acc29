"""Reading a pasted or uploaded rejection email (feedback/pasted/parse.py), who sent it
(senders.py) and its signature (signature.py), on real-looking fixtures."""

import datetime as dt
import zoneinfo
from email.message import EmailMessage
from pathlib import Path

import pytest

from contacts.models import Contact
from feedback.pasted.html_text import html_to_text
from feedback.pasted.parse import NotAnEmail, parse_paste, parse_upload
from feedback.pasted.prefill import reason_of
from feedback.pasted.senders import employer_domain, employer_names, is_automated
from feedback.pasted.signature import read_signature, relation_for

FIXTURES = Path(__file__).parent / "fixtures"
LONDON = zoneinfo.ZoneInfo("Europe/London")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def upload(name):
    return parse_upload((FIXTURES / name).read_bytes())


def paste(name):
    return parse_paste((FIXTURES / name).read_text(encoding="utf-8"))


def test_a_greenhouse_email_multipart_quoted_printable():
    email = upload("greenhouse.eml")
    assert email.subject == "Your application for Data Analyst at Northwind Analytics"
    assert email.sender_name == "Northwind Analytics"
    assert email.sender_address == "no-reply@us.greenhouse-mail.io"
    assert email.sent_at == dt.datetime(2025, 6, 3, 16, 42, 7, tzinfo=dt.UTC)
    # The plain part, its soft line breaks undone and UTF-8 read.
    assert "Unfortunately, we have decided to move forward with candidates whose" in email.body
    assert "We’ll keep your details on file" in email.body
    assert "<p>" not in email.body
    assert is_automated(email.sender_address, email.sender_name)
    assert employer_names(email.sender_name) == ["Northwind Analytics"]
    assert employer_domain(email.sender_address) == ""


def test_a_lever_email_in_base64():
    email = upload("lever.eml")
    assert email.sender_address == "no-reply@hire.lever.co"
    assert email.body.startswith("Hi Olive,\n\nThanks for applying to the Backend Engineer role")
    assert email.day_in(LONDON) == dt.date(2025, 6, 9)
    assert is_automated(email.sender_address)
    assert employer_names(email.sender_name) == ["Globex"]


def test_a_workday_email_with_only_html():
    email = upload("workday.eml")
    assert is_automated(email.sender_address, email.sender_name)
    assert "the position has been filled." in email.body
    assert "tracking" not in email.body  # the script's text is not read
    assert "Initech</title>" not in email.body and "display:none" not in email.body
    assert "• Keep an eye on our careers page & apply again" in email.body
    assert "Kind regards,\nInitech Talent Acquisition" in email.body
    # 23:30 UTC on 11 June is already 12 June in Tokyo: the day is the user's.
    assert email.day_in(LONDON) == dt.date(2025, 6, 12)
    assert email.day_in(zoneinfo.ZoneInfo("America/New_York")) == dt.date(2025, 6, 11)
    assert email.day_in(TOKYO) == dt.date(2025, 6, 12)


def test_a_human_recruiter_with_a_signature_and_a_quoted_reply():
    email = upload("recruiter.eml")
    assert email.sender_name == "Priya Shah"
    assert email.sender_address == "priya.shah@northwind-analytics.com"  # case-folded
    assert not is_automated(email.sender_address, email.sender_name)
    assert employer_domain(email.sender_address) == "northwind-analytics"
    # The quoted earlier message is not their message.
    assert "thanks for the interview today" not in email.body
    assert "On Mon, 2 Jun 2025" not in email.body
    signature = read_signature(email.body, email.sender_name)
    assert signature.name == "Priya Shah"
    assert signature.title == "Senior Talent Partner"
    assert signature.company == "Northwind Analytics"
    assert relation_for(signature.title) == Contact.Relation.RECRUITER
    # Hard-wrapped lines are read as sentences.
    assert reason_of(email.body) == (
        "I'm sorry to let you know that we have decided not to progress your application. "
        "We went with a candidate who has more experience with dbt and Airflow in production."
    )


def test_iso_8859_1_headers_and_body_with_windows_1252_punctuation():
    email = upload("latin1.eml")
    assert email.sender_name == "Jürgen Müller"
    assert email.subject == "Ihre Bewerbung als Geschäftsführer"
    assert "vielen Dank für Ihre Bewerbung" in email.body
    # Bytes 0x96 and 0x92, which ISO-8859-1 mail really means as Windows-1252.
    assert "entschieden – it’s not an easy decision" in email.body
    signature = read_signature(email.body, email.sender_name)
    assert (signature.name, signature.title) == ("Jürgen Müller", "Head of People")
    assert relation_for(signature.title) == Contact.Relation.HR


def test_quoted_printable_windows_1252():
    email = upload("quoted_printable_cp1252.eml")
    assert email.subject == "Your application – Analyst"
    assert "We’re sorry: we’ve chosen another candidate for the Analyst role – thank you" in (
        email.body
    )


def test_an_unknown_charset_degrades_to_readable_text():
    email = upload("unknown_charset.eml")
    assert email.body == (
        "Thank you for applying to Hooli. Unfortunately we will not be moving forward."
    )


def test_bytes_that_fit_no_charset_are_replaced_not_refused():
    message = (
        b"From: A <a@acme.example>\nSubject: No\nContent-Type: text/plain; charset=utf-8\n\n"
        b"Thank you \xff\xfe for applying. Unfortunately not this time.\n"
    )
    email = parse_upload(message)
    assert "Unfortunately not this time." in email.body


def test_pasted_outlook_text_with_from_sent_and_subject():
    email = paste("pasted_outlook.txt")
    assert email.sender_name == "Priya Shah"
    assert email.sender_address == "priya.shah@northwind-analytics.com"
    assert email.subject == "Data Analyst - update"
    assert email.sent_at is None and email.sent_on == dt.date(2025, 6, 5)
    assert email.day_in(TOKYO) == dt.date(2025, 6, 5)
    assert email.body.startswith("Hi Olive,")
    signature = read_signature(email.body, email.sender_name)
    assert signature.title == "Talent Acquisition Lead"
    assert signature.company == "Northwind Analytics"


def test_pasted_text_without_headers():
    email = paste("pasted_no_headers.txt")
    assert (email.subject, email.sender_address, email.sent_at, email.sent_on) == (
        "",
        "",
        None,
        None,
    )
    assert email.body.startswith("Dear Olive,")
    assert "not be progressing your application on this occasion" in email.body


def test_pasted_raw_source_is_read_as_a_message():
    raw = (FIXTURES / "greenhouse.eml").read_text()
    email = parse_paste(raw.replace("\n", "\r\n"))
    assert email.sender_address == "no-reply@us.greenhouse-mail.io"
    assert "candidates whose experience more closely matches" in email.body


def test_a_forwarded_email_counts_as_the_original():
    text = (
        "From: Olive Owner <olive@example.org>\nSubject: Fwd: Your application\n\n"
        "FYI\n\n---------- Forwarded message ---------\n"
        "From: Priya Shah <priya@northwind-analytics.com>\n"
        "Date: Thu, 5 Jun 2025 at 17:20\nSubject: Your application\nTo: Olive\n\n"
        "Hi Olive, unfortunately we went with another candidate.\n"
    )
    email = parse_paste(text)
    assert email.sender_address == "priya@northwind-analytics.com"
    assert email.sent_on == dt.date(2025, 6, 5)
    assert email.body == "Hi Olive, unfortunately we went with another candidate."


@pytest.mark.parametrize(
    ("date", "day"),
    [
        ("Thu, 05 Jun 2025 17:20:33 +0100", dt.date(2025, 6, 5)),
        ("Thursday, June 5, 2025 5:20 PM", dt.date(2025, 6, 5)),
        ("5 June 2025 at 17:20", dt.date(2025, 6, 5)),
        ("2025-06-05", dt.date(2025, 6, 5)),
        ("yesterday, sometime", None),
        ("31 February 2025", None),
    ],
)
def test_dates_as_mail_apps_write_them(date, day):
    email = parse_paste(f"From: a@b.example\nDate: {date}\nSubject: x\n\nUnfortunately no.")
    assert email.day_in(LONDON) == day


def test_a_multipart_alternative_with_an_empty_plain_part_reads_the_html():
    message = EmailMessage()
    message["From"] = "Hiring <jobs@acme.example>"
    message["Subject"] = "Update"
    message.set_content(" \n")
    message.add_alternative("<p>Unfortunately we <b>chose</b> someone else.</p>", subtype="html")
    email = parse_upload(message.as_bytes())
    assert email.body == "Unfortunately we chose someone else."


def test_an_email_with_attachments_reads_its_text():
    message = EmailMessage()
    message["From"] = "jobs@acme.example"
    message["Subject"] = "Your application"
    message.set_content("Unfortunately we will not proceed.")
    message.add_attachment(b"%PDF-1.4 binary", maintype="application", subtype="pdf")
    assert parse_upload(message.as_bytes()).body == "Unfortunately we will not proceed."


@pytest.mark.parametrize("name", ["garbage.bin", "empty.eml"])
def test_garbage_and_empty_files_are_refused_in_words(name):
    with pytest.raises(NotAnEmail) as problem:
        upload(name)
    assert "email" in str(problem.value) or "empty" in str(problem.value)


def test_binary_noise_without_nul_bytes_is_refused():
    noise = bytes(range(128, 256)) * 20
    with pytest.raises(NotAnEmail):
        parse_upload(noise)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_an_empty_paste_is_refused(text):
    with pytest.raises(NotAnEmail):
        parse_paste(text)


@pytest.mark.parametrize(
    "header",
    [
        "From: =?utf-8?q?broken",
        "From: <<<@@@>>>",
        "Date: Mon, 99 Foo 20250 99:99:99 +9999",
        "Subject: =?x-unknown?B?AAAA?=",
        "From: " + "a" * 5000,
    ],
)
def test_malformed_headers_are_read_as_far_as_they_go(header):
    email = parse_upload(f"{header}\nSubject: Hi\n\nUnfortunately not.\n".encode())
    assert email.body == "Unfortunately not."


def test_html_to_text_keeps_blocks_and_drops_hidden_text():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<h1>Update</h1><p>Dear&nbsp;Olive,</p><p>We&rsquo;re sorry<br>truly.</p>"
        "<table><tr><td>Cell one</td><td>Cell two</td></tr></table>"
        "<script>alert(1)</script><p>Bye &amp; good luck</p><p>unclosed <b>bold"
    )
    text = html_to_text(html)
    assert [line for line in text.split("\n") if line] == [
        *("Update", "Dear Olive,", "We’re sorry", "truly.", "Cell one", "Cell two"),
        *("Bye & good luck", "unclosed bold"),
    ]
    assert "\n\n\n" not in text


@pytest.mark.parametrize(
    ("address", "name", "automated"),
    [
        ("no-reply@northwind.example", "", True),
        ("noreply@northwind.example", "", True),
        ("do-not-reply@northwind.example", "", True),
        ("donotreply@northwind.example", "", True),
        ("jobs@northwind.greenhouse.io", "", True),
        ("northwind@hire.lever.co", "", True),
        ("initech@myworkday.com", "", True),
        ("x@smartrecruiters.com", "", True),
        ("x@ashbyhq.com", "", True),
        ("x@talent.icims.com", "", True),
        ("x@taleo.net", "", True),
        ("x@successfactors.eu", "", True),
        ("x@acme.bamboohr.com", "", True),
        ("x@workablemail.com", "", True),
        ("x@teamtailor.com", "", True),
        ("x@recruitee.com", "", True),
        ("x@personio.de", "", True),
        ("x@jobvite.com", "", True),
        ("priya@mail.greenhouse.io.evil.example", "", False),
        ("recruiter@northwind.example", "Jane Doe via Greenhouse", True),
        ("priya.shah@northwind-analytics.com", "Priya Shah", False),
        ("careers@northwind.example", "Northwind Careers", False),
        ("", "", False),
    ],
)
def test_automated_senders(address, name, automated):
    assert is_automated(address, name) is automated


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("jobs@northwind-analytics.com", "northwind-analytics"),
        ("talent@mail.northwind.co.uk", "northwind"),
        ("someone@gmail.com", ""),
        ("x@us.greenhouse-mail.io", ""),
        ("bad-address", ""),
    ],
)
def test_employer_domain(address, label):
    assert employer_domain(address) == label


def test_on_behalf_of_names_the_employer():
    assert "Northwind" in employer_names(
        "Greenhouse", "This message was sent on behalf of Northwind. Hi Olive"
    )
