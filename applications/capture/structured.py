"""schema.org items read from a page parsed by lxml: JSON-LD scripts, microdata
(itemscope/itemprop) and RDFa Lite (typeof/property), each item as a dict shaped like
JSON-LD ({"@type": ..., "title": ..., "hiringOrganization": {...}})."""

import html
import json

from lxml import etree

# A value of a property given by an attribute rather than the element's text.
URL_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "img": "src", "source": "src"}
# Properties whose value is the element's markup, not its text.
HTML_PROPERTIES = {"description", "responsibilities", "qualifications", "skills"}
# JSON-LD nested deeper than this is not walked (a hostile page could nest for ever).
MAX_DEPTH = 30


def type_names(item):
    """The item's types as short names: "JobPosting" from "JobPosting",
    "schema:JobPosting", "http://schema.org/JobPosting" or a list of them."""
    types = item.get("@type") if isinstance(item, dict) else None
    if isinstance(types, str):
        types = types.split()
    if not isinstance(types, list):
        return set()
    return {str(name).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for name in types}


def json_ld_items(tree):
    """Every dict in the page's JSON-LD scripts, at any depth (in lists, in @graph, as
    a property's value), in document order. A script that isn't valid JSON is skipped:
    the others still count."""
    found = []
    for script in tree.iter("script"):
        if script.get("type", "").split(";")[0].strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        if text.startswith("<!--"):
            text = text.removeprefix("<!--").removesuffix("-->")
        try:
            data = json.loads(text, strict=False)  # raw newlines inside strings happen
        except (ValueError, RecursionError):
            continue
        walk(data, found, 0)
    return found


def walk(data, found, depth):
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            walk(item, found, depth + 1)
    elif isinstance(data, dict):
        found.append(data)
        for value in data.values():
            if isinstance(value, dict | list):
                walk(value, found, depth + 1)


def microdata_items(tree):
    """Top-level microdata items (itemscope with an itemtype) and RDFa Lite items
    (typeof), as dicts; nested items are dicts inside them."""
    items = []
    # One walk of the page for both kinds (a 2 MB page is walked in a few milliseconds).
    for element in tree.xpath("//*[@itemscope or @typeof]"):
        if element.get("itemscope") is not None and element.get("itemprop") is None:
            items.append(read_item(element, "itemprop", "itemtype", "itemscope"))
        elif element.get("typeof") is not None and element.get("property") is None:
            items.append(read_item(element, "property", "typeof", "typeof"))
    return items


def read_item(element, prop, kind, scope, depth=0):
    item = {"@type": (element.get(kind) or "").split()}
    for child, name in properties(element, prop, scope):
        if depth < MAX_DEPTH and child.get(scope) is not None:
            value = read_item(child, prop, kind, scope, depth + 1)
        else:
            value = property_value(child, name)
        for one in name.split():
            one = one.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
            item.setdefault(one, value)
    return item


def properties(element, prop, scope):
    """(element, property name) for the properties of the item `element` starts: its
    descendants with `prop`, not looking inside nested items."""
    for child in element.iterchildren():
        if not isinstance(child.tag, str):
            continue
        name = child.get(prop)
        if name:
            yield child, name
        if child.get(scope) is None:
            yield from properties(child, prop, scope)


def property_value(element, name):
    for attribute in ("content", "datetime"):
        if element.get(attribute) is not None:
            return element.get(attribute)
    if element.tag in URL_ATTRIBUTES and element.get(URL_ATTRIBUTES[element.tag]):
        return element.get(URL_ATTRIBUTES[element.tag])
    if element.tag == "meta":
        return element.get("content", "")
    if name.rsplit("/", 1)[-1] in HTML_PROPERTIES:
        return inner_html(element)
    return " ".join(element.text_content().split())


def inner_html(element):
    return html.escape(element.text or "", quote=False) + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in element
    )
