"""Matches marked in what a result shows, built with format_html: the text is escaped,
only the <mark> around a matching word is markup."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from search.words import found_spans

EXCERPT = 160  # characters of a long field around its first match


def _marked(text, found, start=0, end=None):
    end = len(text) if end is None else end
    pieces, at = [], start
    for begin, finish in found:
        if begin < start or finish > end:
            continue
        pieces.append(escape(text[at:begin]))
        pieces.append(format_html("<mark>{}</mark>", text[begin:finish]))
        at = finish
    pieces.append(escape(text[at:end]))
    return mark_safe("".join(pieces))  # every piece is escaped or format_html's


def highlight(text, query_words):
    """The whole text, its matching words marked."""
    text = text or ""
    return _marked(text, found_spans(text, query_words))


def excerpt(text, query_words):
    """About EXCERPT characters of `text` around its first matching word, marked, with
    "…" where it was cut; "" when no word of the text matches."""
    text = " ".join((text or "").split())
    found = found_spans(text, query_words)
    if not found:
        return ""
    first = found[0][0]
    start = max(0, first - EXCERPT // 3)
    end = min(len(text), start + EXCERPT)
    # Cut at spaces, not inside a word.
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", found[0][1], end)
        end = space if space != -1 else end
    body = _marked(text, found, start, end)
    return format_html("{}{}{}", "…" if start > 0 else "", body, "…" if end < len(text) else "")
