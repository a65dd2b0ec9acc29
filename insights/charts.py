"""The SVG charts of the insights pages: their geometry and their drawing.

Geometry is in the units of the SVG's viewBox. The SVG scales to its box with CSS; all
drawing is done by SVG attributes and classes (no inline style: CSP).
"""

import html
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

# The width suits a phone (about 1:1 there) and a desktop column (CSS caps the size).
CHART_WIDTH = 360
BAR_AREA = 220  # horizontal bars: the rest of the width holds the value's text
ROW_HEIGHT = 44
BAR_HEIGHT = 16
COLUMN_AREA = 120  # vertical bars: the tallest bar
COLUMN_TOP = 20  # room for the value above the tallest bar


@dataclass
class Segment:
    value: float
    tone: str = ""
    overlay: bool = False  # drawn from the start of the bar, over the ones before
    x: int = 0
    width: int = 0


@dataclass
class Row:
    label: str
    text: str
    segments: list
    label_y: int = 0
    bar_y: int = 0
    text_x: int = 0
    text_y: int = 0


@dataclass
class Column:
    label: str
    text: str
    value: float
    tone: str = ""
    show_label: bool = True
    x: int = 0
    y: int = 0
    height: int = 0
    center: int = 0
    text_y: int = 0


@dataclass
class Chart:
    rows: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    width: int = CHART_WIDTH
    height: int = 0
    bar_height: int = BAR_HEIGHT
    bar_area: int = BAR_AREA
    column_width: int = 0
    baseline: int = 0
    label_y: int = 0
    standing: bool = False  # columns (vertical) rather than rows

    @classmethod
    def horizontal(cls, rows, scale):
        """Bars left to right, a label above each and the value's text after it.
        Segments follow one another (stacked) unless marked as an overlay."""
        for index, row in enumerate(rows):
            top = index * ROW_HEIGHT
            row.label_y = top + 15
            row.bar_y = top + 22
            row.text_y = row.bar_y + BAR_HEIGHT - 3
            end = 0
            for segment in row.segments:
                segment.width = bar_length(segment.value, scale, BAR_AREA)
                segment.x = 0 if segment.overlay else end
                end = max(end, segment.x + segment.width)
            row.text_x = end + 8
        return cls(rows=rows, height=len(rows) * ROW_HEIGHT)

    @classmethod
    def vertical(cls, columns, scale=None):
        """Bars bottom to top, the value above each and a label below."""
        scale = scale if scale is not None else max((c.value for c in columns), default=0)
        step = CHART_WIDTH // max(len(columns), 1)
        width = round(step * 0.65)
        baseline = COLUMN_TOP + COLUMN_AREA
        for index, column in enumerate(columns):
            column.height = bar_length(column.value, scale, COLUMN_AREA)
            column.x = index * step + (step - width) // 2
            column.center = index * step + step // 2
            column.y = baseline - column.height
            column.text_y = column.y - 6
        return cls(
            columns=columns,
            standing=True,
            height=baseline + 24,
            column_width=width,
            baseline=baseline,
            label_y=baseline + 18,
        )

    def svg(self):
        """The drawing, as the <svg> element the insights partials put in the page
        ({{ chart.svg }}). Written here rather than in template tags: a page
        draws hundreds of shapes, and the template engine would spend longer on them
        than the database on all the figures. Numbers are plain integers (coordinates,
        never localised); words are escaped."""
        parts = [
            f'<svg class="chart" viewBox="0 0 {self.width} {self.height}" width="{self.width}" '
            f'height="{self.height}" aria-hidden="true" focusable="false">'
        ]
        if self.standing:
            parts.append(
                f'<line class="chart-axis" x1="0" y1="{self.baseline}" x2="{self.width}" '
                f'y2="{self.baseline}"></line>'
            )
            for column in self.columns:
                if column.height:
                    parts.append(
                        f'<rect class="chart-bar {escape(column.tone)}" x="{column.x}" '
                        f'y="{column.y}" width="{self.column_width}" height="{column.height}" '
                        'rx="2"></rect>'
                    )
                if column.text:
                    parts.append(
                        f'<text class="chart-value chart-column-value" x="{column.center}" '
                        f'y="{column.text_y}" text-anchor="middle">{escape(column.text)}</text>'
                    )
                if column.show_label:
                    parts.append(
                        f'<text class="chart-label chart-label-small" x="{column.center}" '
                        f'y="{self.label_y}" text-anchor="middle">{escape(column.label)}</text>'
                    )
        else:
            for row in self.rows:
                parts.append(
                    f'<text class="chart-label" x="0" y="{row.label_y}">{escape(row.label)}</text>'
                    f'<rect class="chart-track" x="0" y="{row.bar_y}" width="{self.bar_area}" '
                    f'height="{self.bar_height}" rx="2"></rect>'
                )
                parts.extend(
                    f'<rect class="chart-bar {escape(segment.tone)}" x="{segment.x}" '
                    f'y="{row.bar_y}" width="{segment.width}" height="{self.bar_height}" '
                    'rx="2"></rect>'
                    for segment in row.segments
                    if segment.width
                )
                parts.append(
                    f'<text class="chart-value" x="{row.text_x}" y="{row.text_y}">'
                    f"{escape(row.text)}</text>"
                )
        parts.append("</svg>")
        return mark_safe("\n".join(parts))  # every word above is escaped


def escape(text):
    """Text made safe for the SVG, as django.utils.html.escape does it (html.escape of
    str), without its lazy-string wrapper: a page escapes a few hundred words."""
    return html.escape(str(text))


def bar_length(value, scale, area):
    """A bar's length: in proportion, and never invisible for a value above zero."""
    if not scale or not value:
        return 0
    return max(2, round(area * value / scale))
