"""Read a response's HTML the way a person sees it: the error under a field, the value
left in an input, the banner above a form. Standard library only."""

from html.parser import HTMLParser

VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    @property
    def text(self):
        parts = []
        for child in self.children:
            parts.append(child.text if isinstance(child, Element) else child)
        return " ".join(" ".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID_TAGS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response_or_html):
    html = response_or_html
    if not isinstance(html, str):
        html = response_or_html.content.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def field_errors(response, name):
    """The error messages shown right under the form field `name` (crispy's bootstrap5
    markup puts them in <div id="id_<name>_error">)."""
    box = parse(response).find(id=f"id_{name}_error")
    return [] if box is None else [p.text for p in box.find_all("p")]


def form_errors(response):
    """The messages in the banner above a form: errors not tied to one field."""
    return [
        item.text
        for alert in parse(response).find_all("div")
        if "alert-danger" in alert.attrs.get("class", "").split()
        for item in alert.find_all("li")
    ]


def input_value(response, name):
    """What an <input name=...> shows: the value a person typed stays after an error."""
    field = parse(response).find("input", name=name)
    assert field is not None, f"no <input name={name!r}> on the page"
    return field.attrs.get("value")


def page_messages(response):
    """The flash messages shown at the top of the page."""
    box = parse(response).find("div", **{"class": "messages"})
    return [] if box is None else [alert.text for alert in box.find_all("div")]


def facts(response):
    """The page's first definition list, as {term: description}."""
    box = parse(response).find("dl")
    return dict(
        zip(
            [term.text for term in box.find_all("dt")],
            [description.text for description in box.find_all("dd")],
            strict=True,
        )
    )
