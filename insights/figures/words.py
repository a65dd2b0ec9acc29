"""Numbers and words as the insights page writes them."""

from decimal import ROUND_HALF_UP, Decimal


def number(value):
    """12,345: a count as people write it."""
    return f"{value:,}"


def short_number(value):
    """A count that fits above a narrow column: 950, 1.3k, 12k."""
    if value < 1000:
        return str(value)
    if value < 10_000:
        return f"{value / 1000:.1f}k".replace(".0k", "k")
    return f"{round(value / 1000)}k"


def percent(part, whole):
    """A whole percentage, or None when there is nothing to divide by. A share that is
    not zero never shows as 0%, nor one short of all as 100%."""
    if not whole:
        return None
    share = 100 * part / whole
    if 0 < share < 1:
        return 1
    if 99 < share < 100:
        return 99
    return round(share)


def one_decimal(value):
    """3.5: as floatformat:1 writes a number (its text read as a decimal, halves
    rounded up), without the template filter's localisation lookups."""
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent_text(part, whole):
    share = percent(part, whole)
    return "–" if share is None else f"{share}%"


# Below this many, a share says nothing yet: 2 of 3 is not "67%" of anything. Every
# percentage on the page (charts, sentences, tables) goes through share() so none slips
# through, and the sentences pick their leaders from the same numbers the charts draw.
MIN_SAMPLE = 5
TOO_FEW = "too few to say yet"


def share(part, whole):
    """percent(), or None when `whole` is below MIN_SAMPLE (or nothing)."""
    if whole < MIN_SAMPLE:
        return None
    return percent(part, whole)


def share_text(part, whole):
    """ "40%", or "too few to say yet" below MIN_SAMPLE."""
    found = share(part, whole)
    return TOO_FEW if found is None else f"{found}%"


def count_share(part, whole, of=""):
    """ "2 (40%)" (with `of`: "2 (40% of sent)"), or just "2" below MIN_SAMPLE: a
    sentence or a chart drops the share rather than printing a meaningless one."""
    found = share(part, whole)
    if found is None:
        return number(part)
    return f"{number(part)} ({found}%{f' {of}' if of else ''})"


def and_list(items):
    """["a", "b", "c"] → "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def leaders(items, key):
    """All the items with the greatest `key`, in their order: a tie is a tie, never
    quietly the first of equals."""
    if not items:
        return []
    best = max(key(item) for item in items)
    return [item for item in items if key(item) == best]
