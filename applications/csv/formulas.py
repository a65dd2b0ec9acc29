"""Text kept from becoming a formula in a spreadsheet, for the export and the import.

Formula injection: a spreadsheet runs a cell that starts with =, +, -, @, a tab or a
carriage return as a formula. The export puts an apostrophe in front of such a cell,
and of one that already starts with apostrophes followed by such a character; the
import takes one apostrophe off a cell that starts with apostrophes followed by such
a character. So every text survives a round trip unchanged, a formula never reaches a
spreadsheet, and an apostrophe in front of other text ("'90s") is left alone."""

import re

FORMULA_CHARACTERS = "=+-@\t\r"
_NEEDS_APOSTROPHE = re.compile(f"'*[{re.escape(FORMULA_CHARACTERS)}]")
_HAS_APOSTROPHE = re.compile(f"'+[{re.escape(FORMULA_CHARACTERS)}]")


def escape_formula(text):
    """The text as a spreadsheet should get it: never the start of a formula."""
    return "'" + text if _NEEDS_APOSTROPHE.match(text) else text


def unescape_formula(text):
    """escape_formula undone: one apostrophe off a cell that starts with apostrophes
    followed by a formula character. Any other apostrophe is the user's own."""
    return text[1:] if text[:1] == "'" and _HAS_APOSTROPHE.match(text) else text
