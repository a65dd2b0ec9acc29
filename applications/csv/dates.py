"""Dates in an imported file: a cell read as a calendar day (parse_date), and whether a
file writes its numeric dates day first or month first (read_date_order)."""

import re
from datetime import date

from applications.csv.cells import CellProblem, clip, readable

_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_ISO_DATE = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_ORDINAL = re.compile(r"(?i)(\d)(st|nd|rd|th)\b")
_WORDS = re.compile(r"[^\W\d_]+|\d+")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ["jan", "january"],
            ["feb", "february"],
            ["mar", "march"],
            ["apr", "april"],
            ["may"],
            ["jun", "june"],
            ["jul", "july"],
            ["aug", "august"],
            ["sep", "sept", "september"],
            ["oct", "october"],
            ["nov", "november"],
            ["dec", "december"],
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = set(
    re.findall(
        r"\w+",
        "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday "
        "sat saturday sun sunday",
    )
)
DATE_FIELDS = ("applied_on", "follow_up_on")


def read_date_order(body, columns, notices):
    """True when dates like 03/04/2026 are day first. They are, unless the file has
    dates only a month-first reading makes sense of (03/14/2026) and none only a
    day-first reading does (14/03/2026). A notice says which was chosen when it
    mattered."""
    indexes = [index for index, key in columns.items() if key in DATE_FIELDS]
    day_first = month_first = ambiguous = False
    for _, cells in body:
        for index in indexes:
            match = _NUMERIC_DATE.fullmatch(cells[index].strip()) if index < len(cells) else None
            if not match:
                continue
            first, second = int(match[1]), int(match[2])
            day_first |= first > 12 >= second
            month_first |= second > 12 >= first
            ambiguous |= first <= 12 and second <= 12 and first != second
    if month_first and not day_first:
        if ambiguous:
            notices.append(
                [
                    "info",
                    "Dates such as 03/04/2026 were read as month/day/year (March 4), because "
                    "the file has dates like 03/14/2026.",
                ]
            )
        return False
    if ambiguous:
        notices.append(
            ["info", "Dates such as 03/04/2026 were read as day/month/year (3 April 2026)."]
        )
    return True


def parse_date(text, day_first=True):
    """A calendar day from the ways people write one: 2026-03-14, 14/03/2026 (or
    03/14/2026 in a month-first file), 14 March 2026, March 14, 2026."""
    text = readable(text, "date")
    if not text:
        return None
    try:
        if match := _ISO_DATE.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC_DATE.fullmatch(text):
            day, month = int(match[1]), int(match[2])
            if not day_first:
                day, month = month, day
            return date(full_year(match[3]), month, day)
        words = _WORDS.findall(_ORDINAL.sub(r"\1", text))
        words = [word.casefold() for word in words]
        words = [word for word in words if word not in WEEKDAYS]
        if len(words) == 3 and "".join(words[1:]).isdigit() and words[0] in MONTHS:
            return date(full_year(words[2]), MONTHS[words[0]], int(words[1]))
        if len(words) == 3 and (words[0] + words[2]).isdigit() and words[1] in MONTHS:
            return date(full_year(words[2]), MONTHS[words[1]], int(words[0]))
    except ValueError:
        raise CellProblem(f"“{clip(text)}” is not a real date.") from None
    raise CellProblem(
        f"“{clip(text)}” is not a date Onward can read. Write it like 2026-03-14, "
        "14/03/2026, 14 March 2026 or March 14, 2026."
    )


def full_year(digits):
    year = int(digits)
    if len(digits) == 2:
        return 2000 + year
    if len(digits) != 4 or year < 1900:
        raise ValueError
    return year
