"""Reading one cell of an imported row: names matched as header_key() spells them, the
stage, work mode and source names other trackers use, salaries and currencies. Dates
are in dates.py. A cell that can't be read raises CellProblem."""

import re
import unicodedata

from applications.models import Application, Stage
from core.limits import AMOUNT_MAX


class CellProblem(Exception):
    """One cell can't be read; the message says why, in words."""


def header_key(name):
    """The form a column or stage name is matched in: letters and digits only,
    case-folded, so "Date Applied", "date_applied" and "DATE-APPLIED" are one name."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", name).casefold())


def alias_table(table):
    """{header_key(name): value} from {value: "name | name | ..."}."""
    return {
        header_key(name): str(value) for value, names in table.items() for name in names.split("|")
    }


# Each choice's value and label are known too ("no_response", "No response").
STAGE_ALIASES = alias_table(
    {
        **{value: f"{value} | {label}" for value, label in Stage.choices},
        Stage.SAVED: "saved | wishlist | wish list | bookmarked | bookmark | interested",
        Stage.APPLIED: "applied | submitted | application submitted | application sent",
        Stage.SCREENING: "screening | phone screen | screen | recruiter screen",
        Stage.INTERVIEWING: "interviewing | interview | interviews | interviewed | onsite",
        Stage.OFFER: "offer | offered | offer received",
        Stage.ACCEPTED: "accepted | hired | offer accepted",
        Stage.REJECTED: "rejected | declined by employer | not selected | unsuccessful",
        Stage.WITHDRAWN: "withdrawn | withdrew | declined | offer declined",
        Stage.NO_RESPONSE: "no response | no_response | ghosted | no reply | no answer",
    }
)
WORK_MODE_ALIASES = alias_table(
    {
        Application.WorkMode.ONSITE: "onsite | on site | office | in office | in person",
        Application.WorkMode.HYBRID: "hybrid",
        # Yes or no: a "Remote" column.
        Application.WorkMode.REMOTE: "remote | fully remote | wfh | yes | y | true",
        "": "no | n | false",
    }
)
SOURCE_ALIASES = alias_table(
    {
        **{value: f"{value} | {label}" for value, label in Application.Source.choices},
        Application.Source.JOB_BOARD: (
            "job_board | job board | job site | linkedin | indeed | glassdoor | monster | "
            "stepstone | reed | totaljobs | ziprecruiter | wellfound | otta"
        ),
        Application.Source.COMPANY_SITE: (
            "company_site | company site | company website | careers page | careers site | "
            "website | direct"
        ),
        Application.Source.REFERRAL: "referral | referred",
        Application.Source.RECRUITER: "recruiter | recruiter approached me | headhunter",
        Application.Source.AGENCY: "agency | recruitment agency | staffing agency",
        Application.Source.NETWORKING: "networking | network | event | meetup",
    }
)

CURRENCY_SYMBOLS = [
    ("CA$", "CAD"),
    ("C$", "CAD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("US$", "USD"),
    ("R$", "BRL"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("$", "USD"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("zł", "PLN"),
]
CURRENCY_CODES = set(
    re.findall(
        r"\w+",
        "AED AUD BGN BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF IDR ILS INR JPY KRW MXN NOK NZD PLN "
        "RON SEK SGD TRY UAH USD ZAR",
    )
)
# More digits than this before the decimal point are never a salary: a figure is
# refused on its length, before int() or float() converts it (past 4,300 digits int()
# refuses; "9" * 400 + "k" is an infinite float). This only bounds the parsing, two
# digits past the largest amount; the limit itself is the model field's (core/limits.py),
# which rows.py runs on what is read.
FIGURE_DIGITS = len(str(AMOUNT_MAX)) + 2
# The longest cell read as a figure, a date, a currency or a name from a list. Longer is
# nothing a person typed there, and is refused before any parsing: reading it would
# only cost time.
LONGEST_READ = 100
# What a cell loses, and what in a file says it is binary data rather than text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The parsers' regular expressions. None has two unbounded quantifiers over the same
# characters next to each other or nested, so each reads a cell in linear time (a
# salary cell of "1", 100,000 spaces and "x" once took one of them 30 s).
_CURRENCY_CODE = re.compile(r"(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])")
_SALARY_NOISE = re.compile(
    r"(?i)\b(per\s+(year|annum)|a\s+year|p\.?\s?a\.?|yearly|annual(ly)?|gross|base)(?!\w)"
    r"|/\s*(year|yr|y|annum)\b|[~≈]|\b(approx\.?|about|around)"
)
_CEILING_WORDS = re.compile(r"(?i)\s*(up\s+to|max\.?|maximum)\b")
_RANGE_SEPARATOR = re.compile(r"[-–—−‑]|\bto\b")
_AMOUNT = re.compile(r"\d[\d,.'\s\u00a0\u202f]*")
_AMOUNT_SPACES = re.compile(r"['\s\u00a0\u202f]")
_THOUSANDS = re.compile(r"\d{1,3}(?:[,.]\d{3})+")
_DECIMAL = re.compile(r"\d+(?:[,.]\d+)?")
SUFFIXES = {"": 1, "k": 1000, "m": 1_000_000}


def clip(text, length=60):
    return text if len(text) <= length else text[: length - 1] + "…"


def readable(text, what):
    """The cell stripped, or CellProblem when it is far too long to be a `what`: the
    cap every parser applies before it looks at the text."""
    text = text.strip()
    if len(text) > LONGEST_READ:
        raise CellProblem(
            f"This {what} is too long to read: it has {len(text):,} characters, and a "
            f"{what} fits in {LONGEST_READ}."
        )
    return text


def too_large(text):
    return CellProblem(f"“{clip(text)}” is too large to be a salary.")


def parse_salary(text):
    """(low, high, currency code) from a salary as people write it: "50000", "£50k",
    "50,000-60,000", "EUR 45.000 - 55.000", "$120k+", "up to 60k". A single figure
    is both ends; "+" is a floor, "up to" a ceiling. None for an empty cell."""
    text = readable(text, "salary")
    if not text:
        return None
    if text.isascii() and text.isdigit():
        if len(text.lstrip("0")) > FIGURE_DIGITS:
            raise too_large(text)
        return int(text), int(text), ""
    rest, currency = salary_currency(text)
    rest = _SALARY_NOISE.sub(" ", rest)
    floor = rest.rstrip().endswith("+")
    ceiling = bool(_CEILING_WORDS.match(rest))
    if ceiling:
        rest = rest[_CEILING_WORDS.match(rest).end() :]
    rest = rest.strip().rstrip("+")
    parts = _RANGE_SEPARATOR.split(rest)
    if not 1 <= len(parts) <= 2 or (len(parts) == 2 and (floor or ceiling)):
        raise CellProblem(SALARY_HELP.format(clip(text)))
    amounts = [parse_amount(part, text) for part in parts]
    if len(amounts) == 2:
        (low, low_k), (high, high_k) = amounts
        # "50-60k": the k belongs to both figures.
        if high_k and not low_k and low < 1000:
            low *= 1000
        if low_k and not high_k and high < 1000:
            high *= 1000
    else:
        low = high = amounts[0][0]
        if floor:
            high = None
        if ceiling:
            low = None
    if low is not None and high is not None and low > high:
        raise CellProblem(f"In “{clip(text)}” the first figure is above the second.")
    return low, high, currency


def salary_currency(text):
    """(the text without its currency, the currency code): the first symbol it has
    ("£", "CA$"), else the first three-letter code Onward knows; every known code is
    taken out in one pass."""
    rest, currency = text, ""
    for symbol, code in CURRENCY_SYMBOLS:
        if symbol.casefold() in rest.casefold():
            currency = code
            rest = re.sub(re.escape(symbol), " ", rest, flags=re.IGNORECASE)
            break
    found = []

    def known_code(match):
        if match[0].upper() not in CURRENCY_CODES:
            return match[0]
        found.append(match[0].upper())
        return " "

    rest = _CURRENCY_CODE.sub(known_code, rest)
    return rest, currency or (found[0] if found else "")


SALARY_HELP = (
    "“{}” is not a salary Onward can read. Write a figure or a range, like 50000, "
    "£50k or 50,000–60,000."
)


def parse_amount(part, text):
    """(whole number, whether it had a k) from "50,000", "50.000", "50 000", "52.5k".
    The figure's length is checked before it is converted."""
    part = part.strip()
    suffix = part[-1:].lower() if part[-1:] in ("k", "K", "m", "M") else ""
    if suffix:
        part = part[:-1].rstrip()
    if not _AMOUNT.fullmatch(part):
        raise CellProblem(SALARY_HELP.format(clip(text)))
    number = _AMOUNT_SPACES.sub("", part)
    if "," in number and "." in number:
        # The later one marks the decimals: 50,000.00 or 50.000,00.
        decimal = "." if number.rfind(".") > number.rfind(",") else ","
        number = number.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif _THOUSANDS.fullmatch(number) and not suffix:
        number = number.replace(",", "").replace(".", "")
    elif _DECIMAL.fullmatch(number):
        number = number.replace(",", ".")
    else:
        raise CellProblem(SALARY_HELP.format(clip(text)))
    if len(number.partition(".")[0].lstrip("0")) > FIGURE_DIGITS:
        raise too_large(text)
    return round(float(number) * SUFFIXES[suffix]), bool(suffix)


def parse_currency(text):
    text = readable(text, "currency")
    if not text:
        return ""
    for symbol, code in CURRENCY_SYMBOLS:
        if text.casefold() == symbol.casefold():
            return code
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    raise CellProblem(
        f"“{clip(text)}” is not a currency. Use a three-letter code, like EUR or USD."
    )


def choice(aliases, text, what, allowed):
    value = aliases.get(header_key(readable(text, what)))
    if value is None:
        raise CellProblem(
            f"“{clip(text)}” is not a {what} Onward knows. Use one of: {', '.join(allowed)}."
        )
    return value


SALARY_PERIOD_ALIASES = alias_table(
    {
        "year": "year | a year | per year | yearly | annual | annually | per annum | pa | p.a.",
        "month": "month | a month | per month | monthly | pm",
        "week": "week | a week | per week | weekly | pw",
        "day": "day | a day | per day | daily | day rate",
        "hour": "hour | an hour | per hour | hourly | ph",
    }
)
EMPLOYMENT_TYPE_ALIASES = alias_table(
    {
        **{value: f"{value} | {label}" for value, label in Application.EmploymentType.choices},
        "full_time": "full time | fulltime | ft | permanent",
        "part_time": "part time | parttime | pt",
        "contract": "contract | contractor | freelance | fixed term",
        "temporary": "temporary | temp | seasonal",
        "internship": "internship | intern | placement | traineeship",
    }
)

STAGE_NAMES = [label.lower() for _, label in Stage.choices]
WORK_MODE_NAMES = [label.lower() for _, label in Application.WorkMode.choices]
SOURCE_NAMES = [label.lower() for _, label in Application.Source.choices]
SALARY_PERIOD_NAMES = Application.SalaryPeriod.values
EMPLOYMENT_TYPE_NAMES = [label.lower() for _, label in Application.EmploymentType.choices]
