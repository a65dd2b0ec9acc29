"""A posting's description kept as HTML that is safe to show: nh3 (the Rust ammonia
sanitiser) keeps basic formatting and nothing that runs, loads or styles."""

import lxml.html
import nh3
from lxml import etree

# The longest description kept, in characters of sanitised HTML.
DESCRIPTION_MAX = 200_000
# Paragraphs, line breaks, lists, emphasis, small headings and links: what a job
# description needs to stay readable. No images, tables, styles or scripts.
TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h2", "h3", "h4", "a"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Removed together with everything inside them, not only their tags.
DROPPED_WITH_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "svg"}

# Tags a posting uses that have a kept equivalent.
RENAMED = {"h1": "h2", "h5": "h4", "h6": "h4", "dt": "h4"}
# Blocks that nh3 would drop leaving their words run together ("<div>a</div><div>b"
# reading "ab"): a block holding no other block becomes a paragraph; one that does
# keeps only its content, with a space either side.
BLOCKS = {
    *("div", "section", "article", "header", "footer", "main", "aside", "blockquote"),
    *("pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dd"),
    *("figure", "figcaption", "address", "center", "details", "summary"),
}
HOLDS_BLOCKS = BLOCKS | {"p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "li"}


def sanitise_description(html):
    """`html` with only the formatting tags above; a link keeps an http, https or
    mailto address, and opens nothing with the page's powers (rel=nofollow noopener).
    Sanitising what is already sanitised changes nothing."""
    if not html or not html.strip():
        return ""
    cleaned = nh3.clean(
        with_kept_blocks(html),
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return cleaned.strip()


def with_kept_blocks(html):
    """`html` with RENAMED tags renamed and BLOCKS made paragraphs or unwrapped; `html`
    itself when it has none (so sanitised text goes through nh3 alone)."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    elements = [el for el in root.iterdescendants() if isinstance(el.tag, str)]
    if not any(el.tag in RENAMED or el.tag in BLOCKS for el in elements):
        return html
    for el in reversed(elements):  # innermost first
        if el.tag in RENAMED:
            el.tag = RENAMED[el.tag]
        elif el.tag in BLOCKS:
            if any(isinstance(inner.tag, str) and inner.tag in HOLDS_BLOCKS for inner in el):
                el.text = " " + (el.text or "")
                el.tail = " " + (el.tail or "")
                el.drop_tag()
            else:
                el.tag = "p"
                el.attrib.clear()
    return "".join(
        [root.text or ""] + [lxml.html.tostring(child, encoding="unicode") for child in root]
    )
