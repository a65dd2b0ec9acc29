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
