"""The rows of the insights page's tables of numbers ("The numbers" under each chart),
as HTML. The page has some sixty rows of three to five cells: the template engine would
spend longer on their variables than on the rest of the cards, so they are written
here, as the charts are (insights/charts.py), and each card's template puts them in
its table ({{ funnel.numbers }}). Each cell is escaped as the template escapes a
variable; a cell already made HTML (a link, by format_html) is kept as it is."""

import html

from django.utils.safestring import SafeData, mark_safe


def cell(value):
    return value if isinstance(value, SafeData) else html.escape(str(value))


def table_rows(rows):
    """<tr>s of the cells of each row: the first a row header, the others numbers."""
    return mark_safe(  # every cell is escaped above
        "\n".join(
            f'<tr><th scope="row">{cell(first)}</th>'
            + "".join(f'<td class="text-end">{cell(value)}</td>' for value in rest)
            + "</tr>"
            for first, *rest in rows
        )
    )
