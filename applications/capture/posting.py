"""A job posting read from a page: the schema.org JobPosting it publishes (JSON-LD
first, then microdata or RDFa), else what OpenGraph, <title> and <h1> say, made into
the values of a new application (Posting.initial)."""

import html
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import lxml.html
from lxml import etree

from applications.capture.sanitise import DESCRIPTION_MAX, sanitise_description
from applications.capture.structured import json_ld_items, microdata_items, type_names
from core import limits

MAX_PAGE_BYTES = 2 * 1024 * 1024

EMPLOYMENT_TYPES = {
    "FULLTIME": "full_time",
    "PARTTIME": "part_time",
    "CONTRACTOR": "contract",
    "CONTRACT": "contract",
    "FREELANCE": "contract",
    "TEMPORARY": "temporary",
    "TEMP": "temporary",
    "INTERN": "internship",
    "INTERNSHIP": "internship",
    "VOLUNTEER": "other",
    "PERDIEM": "other",
    "OTHER": "other",
}
PERIODS = {"YEAR": "year", "ANNUAL": "year", "MONTH": "month", "WEEK": "week"}
PERIODS |= {"DAY": "day", "DAILY": "day", "HOUR": "hour", "HOURLY": "hour"}
# Work modes and salaries as people write them in fields (never in the HTML itself).
HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
REMOTE = re.compile(r"\b(remote|telecommute|work from home|wfh)\b", re.IGNORECASE)
SALARY_LIMIT = limits.AMOUNT_MAX  # the salary fields' own limit (core/limits.py)


@dataclass
class Posting:
    title: str = ""
    company: str = ""
    location: str = ""
    work_mode: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = ""
    salary_period: str = ""
    employment_type: str = ""
    date_posted: date | None = None
    closing_on: date | None = None
    url: str = ""
    description: str = ""
    found: list = field(default_factory=list)  # where the facts came from, in words

    def merge(self, other):
        """Fills what this posting lacks from `other` (a lesser source); `other`'s
        sources are named only when something was taken from them."""
        taken = False
        for name in self.__dataclass_fields__:
            if name != "found" and not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
                taken = taken or name != "url"
        if taken:
            self.found += [source for source in other.found if source not in self.found]
        return self

    @property
    def is_empty(self):
        return not (self.title or self.company or self.description)

    def initial(self):
        """The new-application form's initial values: a saved (not yet applied)
        application, with the day it was posted in the notes."""
        values = {
            name: getattr(self, name)
            for name in (
                *("title", "company", "location", "work_mode", "salary_min", "salary_max"),
                *("currency", "salary_period", "employment_type", "closing_on", "description"),
            )
            if getattr(self, name) not in ("", None)
        }
        values |= {"stage": "saved", "applied_on": None, "job_url": self.url}
        if self.date_posted:
            values["notes"] = f"Posted on {self.date_posted:%-d %B %Y}."
        return values


def read_posting(page, url=""):
    """The Posting a page publishes; `page` is its HTML source, or its text pasted."""
    tree = parse(page)
    if tree is None:
        return from_text(page, url)
    posting = Posting()
    items = json_ld_items(tree)
    postings = [item for item in items if "JobPosting" in type_names(item)]
    if postings:
        ids = {
            item["@id"]: item
            for item in items
            if isinstance(item.get("@id"), str) and set(item) - {"@id", "@type"}
        }
        posting.merge(
            from_item(resolved(pick(postings, url), ids), "the job details the page publishes")
        )
    complete = posting.title and posting.company and posting.description
    marked = "itemscope" in page or "typeof" in page  # the page has microdata or RDFa
    postings = []
    if marked and not complete:
        postings = [item for item in microdata_items(tree) if "JobPosting" in type_names(item)]
    if postings:
        posting.merge(from_item(pick(postings, url), "the job details marked in the page"))
    posting.merge(from_page(tree))
    if posting.is_empty:  # markup with nothing to go by: its words, as pasted text
        posting.merge(from_text(tree.text_content(), url))
    if url and not posting.url:
        posting.url = url
    if not posting.url or not posting.url.lower().startswith(("http://", "https://")):
        posting.url = url if url.lower().startswith(("http://", "https://")) else ""
    return posting


def parse(page):
    """The page as an lxml tree; None for text that has no markup at all."""
    if not re.search(r"<[A-Za-z!/]", page[:100_000]):
        return None
    try:
        return lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def resolved(item, ids):
    """The posting with the organisation and places it names by "@id" only (as in an
    @graph) replaced by the items of the page that have that @id."""
    item = dict(item)
    for key in ("hiringOrganization", "jobLocation"):
        values = [
            ids.get(value["@id"], value)
            if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value
            else value
            for value in as_list(item.get(key))
        ]
        item[key] = values if isinstance(item.get(key), list) else next(iter(values), None)
    return item


def pick(postings, url):
    """Of several postings on one page, the one at `url`, else the first."""
    for item in postings:
        if url and isinstance(item.get("url"), str) and item["url"].rstrip("/") == url.rstrip("/"):
            return item
    return postings[0]


def from_item(item, source):
    posting = Posting(found=[source])
    posting.title = one_line(text_of(item.get("title") or item.get("name")), 200)
    posting.company = one_line(name_of(item.get("hiringOrganization")), 200)
    posting.location = one_line(location_of(item), 200)
    posting.work_mode = work_mode_of(item, posting)
    posting.salary_min, posting.salary_max, posting.currency, posting.salary_period = salary_of(
        item.get("baseSalary") or item.get("estimatedSalary")
    )
    posting.employment_type = employment_type_of(item.get("employmentType"))
    posting.date_posted = day_of(item.get("datePosted"))
    posting.closing_on = day_of(item.get("validThrough"))
    posting.url = text_of(item.get("url"))
    posting.description = description_of(item.get("description"))
    return posting


def from_page(tree):
    """What any page says of itself: OpenGraph, <title>, <h1>, the canonical link."""
    posting = Posting()
    metas = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        for key in (element.get("property"), element.get("name")):
            if key and content:
                metas.setdefault(key.strip().lower(), content)

    def meta(*names):
        return next((metas[name] for name in names if name in metas), "")

    title = meta("og:title", "twitter:title")
    if not title:
        h1 = tree.xpath("//h1")
        title = h1[0].text_content() if h1 else ""
    if not title:
        found = tree.xpath("//title")
        title = found[0].text_content() if found else ""
    posting.title = one_line(title, 200)
    posting.company = one_line(meta("og:site_name"), 200)
    description = meta("og:description", "description")
    posting.description = (
        sanitise_description(f"<p>{html.escape(description)}</p>") if description else ""
    )
    canonical = [
        link.get("href", "") for link in tree.iter("link") if link.get("rel") == "canonical"
    ]
    posting.url = meta("og:url") or (canonical[0].strip() if canonical else "")
    if posting.title or posting.description:
        posting.found.append("the page’s title and summary")
    return posting


def from_text(text, url):
    """Pasted text: the first line is taken as the title, all of it as the description."""
    lines = [line.strip() for line in text.splitlines()]
    posting = Posting(url=url if url.lower().startswith(("http://", "https://")) else "")
    posting.title = one_line(next((line for line in lines if line), ""), 200)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    posting.description = sanitise_description(
        "".join(f"<p>{html.escape(p.strip()).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    )
    if posting.title:
        posting.found.append("the text you pasted")
    return posting


def text_of(value):
    """A plain value as text: the first of a list, the name of an object."""
    if isinstance(value, list):
        value = next((v for v in value if v), "")
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return html.unescape(str(value)).strip()
    return ""


def name_of(value):
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("legalName"))
    return text_of(value)


def one_line(text, limit):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def as_list(value):
    return value if isinstance(value, list) else [value] if value else []


def location_of(item):
    """Places as "Leeds, West Yorkshire, GB", several joined with "; "; for a remote
    posting with no place, where applicants may live ("Remote: United Kingdom")."""
    places = []
    for place in as_list(item.get("jobLocation")):
        words = address_of(place.get("address") if isinstance(place, dict) else place)
        if not words and isinstance(place, dict):
            words = text_of(place.get("name"))
        if words and words not in places:
            places.append(words)
    if places:
        return "; ".join(places)
    regions = [name_of(area) for area in as_list(item.get("applicantLocationRequirements"))]
    regions = [region for region in regions if region]
    if regions:
        return "Remote: " + ", ".join(regions)
    return ""


def address_of(address):
    if isinstance(address, list):
        address = next((a for a in address if a), None)
    if isinstance(address, str):
        return text_of(address)
    if not isinstance(address, dict):
        return ""
    parts = [
        name_of(address.get(key)) for key in ("addressLocality", "addressRegion", "addressCountry")
    ]
    kept = []
    for part in parts:
        if part and part not in kept:
            kept.append(part)
    return ", ".join(kept)


def work_mode_of(item, posting):
    types = " ".join(text_of(t) for t in as_list(item.get("jobLocationType")))
    said = " ".join([posting.title, posting.location, text_of(item.get("workHours"))])
    if HYBRID.search(said):
        return "hybrid"
    if "TELECOMMUTE" in types.upper() or REMOTE.search(said):
        return "remote"
    return ""


def salary_of(value):
    """(min, max, currency, period) of a MonetaryAmount (or a list of them)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    if not isinstance(value, dict):
        number = figure(value)
        return number, number, "", ""
    currency = text_of(value.get("currency")).upper()
    currency = currency if re.fullmatch(r"[A-Z]{3}", currency) else ""
    amount = value.get("value")
    if isinstance(amount, list):
        amount = next((v for v in amount if v), None)
    unit = value.get("unitText")
    if isinstance(amount, dict):
        low = figure(amount.get("minValue"))
        high = figure(amount.get("maxValue"))
        single = figure(amount.get("value"))
        if low is None and high is None:
            low = high = single
        unit = amount.get("unitText") or unit
    else:
        low = high = figure(amount)
    if low is None and high is None:
        low, high = figure(value.get("minValue")), figure(value.get("maxValue"))
    if low is not None and high is not None and low > high:
        low, high = high, low
    period = PERIODS.get(re.sub(r"[^A-Z]", "", text_of(unit).upper()), "")
    return low, high, currency, period


def figure(value):
    """A whole, non-negative amount from 48000, 48000.5, "48,000" or "48000.00"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.replace(",", "").replace(" ", "").strip()
    try:
        number = Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None
    if number is None or not number.is_finite() or number < 0 or number > SALARY_LIMIT:
        return None
    return int(number.to_integral_value())


def employment_type_of(value):
    for one in as_list(value):
        known = EMPLOYMENT_TYPES.get(re.sub(r"[^A-Z]", "", text_of(one).upper()))
        if known:
            return known
    return ""


def day_of(value):
    """The calendar day of "2026-03-14" or "2026-03-14T23:59:00+01:00", as written."""
    text = text_of(value)
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return None
    return day if 1970 <= day.year <= 2100 else None


def description_of(value):
    """The description as sanitised HTML. JSON-LD often carries it escaped once more
    ("&lt;p&gt;…"): then it is unescaped first."""
    if isinstance(value, list):
        value = " ".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str) or not value.strip():
        return ""
    if "<" not in value and re.search(r"&lt;\s*/?\s*[a-zA-Z]", value):
        value = html.unescape(value)
    if not re.search(r"<[a-zA-Z/]", value):
        paragraphs = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
        value = "".join(
            f"<p>{html.escape(html.unescape(p)).replace(chr(10), '<br>')}</p>" for p in paragraphs
        )
    if len(value) > DESCRIPTION_MAX:
        # Cut, not refused: the rest of the posting is still worth saving. nh3 closes
        # whatever the cut leaves open.
        value = value[: DESCRIPTION_MAX - 20_000]
    return sanitise_description(value)[:DESCRIPTION_MAX]
