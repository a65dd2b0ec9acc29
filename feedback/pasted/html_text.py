"""An HTML email body as plain text, with the standard library's HTML parser (never a
regular expression over HTML): blocks become lines, scripts, styles and the head are
dropped, entities are decoded."""

from html.parser import HTMLParser

BLOCKS = {
    *("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "footer"),
    *("form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav"),
    *("ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr"),
    "ul",
}
# Elements whose text is not part of what a person reads.
HIDDEN = {"head", "script", "style", "template", "title", "noscript", "svg"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("• ")

    def handle_startendtag(self, tag, attrs):
        if tag == "br" or tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html):
    """The text a person reads in `html`: one line per block, spaces folded, at most one
    empty line in a row."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # badly broken markup: keep what was read
        pass
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text, blank = [], False
    for line in lines:
        if not line:
            blank = bool(text)
            continue
        if blank:
            text.append("")
        text.append(line)
        blank = False
    return "\n".join(text)
