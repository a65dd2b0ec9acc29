"""Stock answers: a generic phrase in feedback that says nothing a person can act on.

The list is kept here, in one place, and matched case-insensitively with the spacing
and punctuation of the answer folded, so "Other  candidates had MORE experience." matches.
"""

import re

GENERIC_PHRASES = [
    # Most specific first: the first match shapes the dig-deeper question.
    "other candidates had more experience",
    "candidates who had more experience",
    "candidates with more experience",
    "more experienced candidates",
    "stronger candidates",
    "a stronger candidate",
    "candidates whose experience more closely",
    "more closely matches",
    "more closely aligned",
    "better aligned",
    "a better fit",
    "better suited",
    "not the right fit",
    "not a fit at this time",
    "decided to move forward with other candidates",
    "decided to move forward with another candidate",
    "decided to proceed with other candidates",
    "decided to pursue other candidates",
    "decided not to move forward",
    "decided not to proceed",
    "will not be moving forward",
    "won't be moving forward",
    "not be progressing",
    "unable to progress your application",
    "we had a large number of applications",
    "high volume of applications",
    "very competitive field",
    "highly competitive",
    "after careful consideration",
    "we have decided to go in a different direction",
    "went with an internal candidate",
    "we will keep your cv on file",
    "keep your details on file",
]


def fold(text):
    """Lower-case, straight apostrophes, single spaces, no punctuation but apostrophes."""
    text = (text or "").casefold().replace("’", "'")
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


_FOLDED = [(phrase, fold(phrase)) for phrase in GENERIC_PHRASES]


def generic_phrases_in(text):
    """The generic phrases an answer contains, in list order."""
    folded = f" {fold(text)} "
    return [phrase for phrase, key in _FOLDED if f" {key} " in folded]


def is_generic(text):
    return bool(generic_phrases_in(text))
