"""Reading a rejection email: an uploaded .eml file (bytes) or text pasted from a mail
app, with or without its headers.

An .eml file, or pasted text that is a raw message (it has MIME headers), is read with
the standard `email` package (policy.default): headers decoded (RFC 2047), the body
chosen from a multipart message (plain text first, else HTML as text), any transfer
encoding (quoted-printable, base64) undone and the charset applied; an unknown or wrong
charset degrades to UTF-8 or Windows-1252 with replacement characters, never an error.

Pasted text without MIME headers may start with the lines a mail app shows ("From:",
"Sent:" or "Date:", "To:", "Subject:"); they are read when present."""

import email
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email import policy
from email.utils import parseaddr, parsedate_to_datetime

from applications.csv.cells import CellProblem
from applications.csv.dates import parse_date
from feedback.pasted.html_text import html_to_text

# What an upload may weigh; the view's upload handler stops keeping bytes past it.
MAX_BYTES = 1024 * 1024
# A pasted text longer than this is refused as not one email.
MAX_CHARS = MAX_BYTES

# Header names a mail app shows at the top of a copied email; "Sent" is Outlook's date.
LOOSE_HEADERS = {
    "from": "from",
    "von": "from",
    "de": "from",
    "sender": "from",
    "to": "to",
    "an": "to",
    "cc": "cc",
    "subject": "subject",
    "betreff": "subject",
    "objet": "subject",
    "date": "date",
    "sent": "date",
    "datum": "date",
    "gesendet": "date",
    "reply-to": "reply_to",
}
LOOSE_HEADER = re.compile(r"^\s*([A-Za-z][A-Za-z-]{0,40})\s*:\s*(.*)$")
# Headers only a raw message has: text with these at the top is parsed as one.
RAW_HEADERS = {
    *("content-type", "mime-version", "received", "message-id", "return-path"),
    *("content-transfer-encoding", "dkim-signature", "x-mailer", "delivered-to"),
}
# Where a quoted earlier message starts: the rest is not their message.
QUOTE_START = re.compile(
    r"^\s*(?:On .{4,200}wrote:|Am .{4,200}schrieb .{1,200}:|Le .{4,200}a écrit ?:"
    r"|-{2,}\s*Original Message\s*-{2,}|_{10,})\s*$",
    re.IGNORECASE,
)
FORWARDED = re.compile(r"^\s*-{2,}\s*Forwarded message\s*-{2,}\s*$", re.IGNORECASE)
# Charsets mail says it uses, read as what it really means (as browsers do).
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252"}


class NotAnEmail(ValueError):
    """What was given cannot be read as an email: the message says why, in words."""


@dataclass
class PastedEmail:
    subject: str = ""
    sender_name: str = ""
    sender_address: str = ""
    reply_to: str = ""
    sent_at: datetime | None = None  # an instant (aware), when the Date had a time
    sent_on: date | None = None  # a calendar day, when the date had none
    body: str = ""

    @property
    def sender_domain(self):
        return self.sender_address.rpartition("@")[2].casefold()

    def day_in(self, zone):
        """The day the email was sent, in `zone` (the user's); None when unknown."""
        if self.sent_at is not None:
            return self.sent_at.astimezone(zone).date()
        return self.sent_on

    @property
    def is_empty(self):
        return not (self.body.strip() or self.subject.strip())


# --- Entry points -----------------------------------------------------------------


def parse_upload(data):
    """An uploaded .eml file (bytes) read as a PastedEmail; NotAnEmail when it is not
    one (a binary file, an empty file)."""
    if not data.strip():
        raise NotAnEmail("The file is empty.")
    if b"\x00" in data[:4096]:
        raise NotAnEmail(
            "This file is not an email Onward can read. Save the email from your mail "
            "app as a .eml file (or copy its text into the box)."
        )
    message = email.message_from_bytes(data, policy=policy.default)
    found = from_message(message)
    if not (found.subject or found.sender_address or found.sent_at) and not mostly_text(data):
        raise NotAnEmail(
            "This file is not an email Onward can read. Save the email from your mail "
            "app as a .eml file (or copy its text into the box)."
        )
    if not readable(found.body) and not (found.subject and not found.body.strip()):
        raise NotAnEmail(
            "This file doesn’t look like an email: Onward found no text in it that it "
            "can read. Save the email from your mail app as a .eml file, or copy its "
            "text into the box."
        )
    return found


def parse_paste(text):
    """Text pasted from a mail app (headers optional) read as a PastedEmail."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise NotAnEmail("Paste the email, or choose a .eml file.")
    if looks_raw(text):
        return from_message(email.message_from_string(text, policy=policy.default))
    return from_loose_text(text)


# --- A MIME message -----------------------------------------------------------------


def from_message(message):
    found = PastedEmail(
        subject=header(message, "subject"),
        body=trim_quoted(body_of(message)),
    )
    found.sender_name, found.sender_address = address(message, "from")
    found.reply_to = address(message, "reply-to")[1]
    found.sent_at = message_date(message)
    return with_forwarded(found)


def header(message, name):
    """A header as text, decoded; "" when missing or unreadable."""
    try:
        value = message.get(name)
        return " ".join(str(value).split()) if value is not None else ""
    except Exception:  # a malformed header: the email package may raise anything here
        return ""


def address(message, name):
    """(display name, address) of the first address in a header."""
    try:
        value = message.get(name)
        addresses = getattr(value, "addresses", ()) if value is not None else ()
        if addresses:
            first = addresses[0]
            return " ".join(first.display_name.split()), first.addr_spec.casefold()
    except Exception:  # malformed: read it the old way below
        pass
    return loose_address(header(message, name))


def loose_address(text):
    name, addr = parseaddr(text or "")
    name = " ".join(name.strip("\"' ").split())
    if "@" not in addr:
        return (name or " ".join((text or "").split())), ""
    return name, addr.casefold()


def message_date(message):
    try:
        value = message.get("date")
        moment = getattr(value, "datetime", None) if value is not None else None
    except Exception:
        moment = None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def body_of(message):
    """The text of the message: its plain part, else its HTML part as text."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        return ""
    text = decode_part(part)
    if part.get_content_subtype() == "html":
        return html_to_text(text)
    if not text.strip():
        # An empty plain part beside an HTML one: read the HTML.
        try:
            html = message.get_body(preferencelist=("html",))
        except Exception:
            html = None
        if html is not None:
            return html_to_text(decode_part(html))
    return text.replace("\r\n", "\n")


def decode_part(part):
    """A text part's content as str, whatever charset it claims."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    charset = (part.get_content_charset() or "us-ascii").casefold()
    return decode_bytes(payload, CHARSET_ALIASES.get(charset, charset))


def decode_bytes(payload, charset):
    for candidate in (charset, "utf-8"):
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("cp1252", errors="replace")


def mostly_text(data):
    """Mostly printable ASCII, as every saved email is (its headers, and a body that is
    encoded or written in a Latin script): not a picture, an archive or noise."""
    sample = data[:4096]
    text = sum(1 for byte in sample if 32 <= byte < 127 or byte in (9, 10, 13))
    return text >= len(sample) * 0.7


def readable(text):
    """Mostly letters, digits, spaces and punctuation: not a binary file's noise."""
    sample = text[:5000]
    if not sample.strip():
        return False
    bad = sum(1 for char in sample if char == "\ufffd" or (ord(char) < 32 and char not in "\n\t"))
    return bad <= len(sample) * 0.05


# --- Pasted text --------------------------------------------------------------------


def looks_raw(text):
    """True for the source of a message: its first lines are headers, MIME ones among
    them."""
    names = set()
    for line in text.lstrip("\n").split("\n")[:60]:
        if not line.strip():
            break
        if line[:1] in " \t":
            continue
        match = LOOSE_HEADER.match(line)
        if not match:
            return False
        names.add(match[1].casefold())
    return bool(names & RAW_HEADERS)


def from_loose_text(text):
    headers, body = split_loose_headers(text)
    found = PastedEmail(subject=headers.get("subject", ""), body=trim_quoted(body).strip("\n"))
    found.sender_name, found.sender_address = loose_address(headers.get("from", ""))
    found.reply_to = loose_address(headers.get("reply_to", ""))[1]
    found.sent_at, found.sent_on = loose_date(headers.get("date", ""))
    return with_forwarded(found)


def split_loose_headers(text):
    """The header lines a mail app shows at the top ({name: value}), and the rest."""
    lines = text.split("\n")
    headers, index = {}, 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines):
        match = LOOSE_HEADER.match(lines[index])
        name = LOOSE_HEADERS.get(match[1].casefold()) if match else None
        if name is None:
            break
        headers.setdefault(name, " ".join(match[2].split()))
        index += 1
    return headers, "\n".join(lines[index:]) if headers else text


TIME_PART = re.compile(r"(?:\s+(?:at|um|à)\s+|,?\s+)\d{1,2}[:.]\d{2}.*$", re.IGNORECASE)


def loose_date(text):
    """(instant, day) from a date as a mail app writes it: RFC 2822 ("Mon, 3 Mar 2025
    10:02:00 +0000") gives an instant; "Monday, 3 March 2025 10:02" or "March 3, 2025 at
    10:02 AM" a day (its zone is unknown)."""
    text = " ".join((text or "").split())
    if not text:
        return None, None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None and moment.tzinfo is not None:
        return moment, None
    if moment is not None:
        return None, moment.date()
    try:
        day = parse_date(TIME_PART.sub("", text)[:100])
    except CellProblem:
        return None, None
    return None, day


# --- The body -------------------------------------------------------------------------


def trim_quoted(body):
    """The body without a quoted earlier message ("On … wrote:", "> " lines)."""
    kept = []
    for line in (body or "").replace("\r\n", "\n").split("\n"):
        if QUOTE_START.match(line):
            break
        if line.startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip("\n")


def with_forwarded(found):
    """An email forwarded to oneself: the forwarded message's sender, date and subject
    are the ones that count, and its text is the body."""
    lines = found.body.split("\n")
    for index, line in enumerate(lines[:40]):
        if FORWARDED.match(line):
            inner = from_loose_text("\n".join(lines[index + 1 :]))
            if inner.sender_address or inner.subject:
                inner.sent_at = inner.sent_at or (None if inner.sent_on else found.sent_at)
                return inner
            break
    return found
