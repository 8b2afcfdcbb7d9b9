"""Reading the chart system's bars and axes (careers.charts) back out of a page."""

import re
from dataclasses import dataclass

BAR_SVG = re.compile(
    r'<svg class="chart-bar chart-bar--(?P<kind>article|official)"[^>]*>(?P<body>.*?)</svg>', re.S
)
AXIS_SVG = re.compile(r'<svg class="chart-axis"[^>]*>(?P<body>.*?)</svg>', re.S)
NUMBER = r"(-?[\d.]+)"


@dataclass(frozen=True)
class DrawnBar:
    """A bar as drawn: its kind, where it starts and ends (end None for a marker), the
    median's position and whether its top end is open."""

    kind: str
    start: float
    end: float | None
    median: float | None
    open_end: bool
    svg: str


def drawn_bars(html, kind=None):
    """Every bar in `html`, in order; only those of `kind` ("article"/"official") if given."""
    found = []
    for match in BAR_SVG.finditer(html):
        body = match.group("body")
        rect = re.search(
            rf'<rect class="chart-\w+( chart-point)?" x="{NUMBER}"\s+y="\d+"\s+width="{NUMBER}"',
            body,
        )
        x, width = float(rect.group(2)), float(rect.group(3))
        median = re.search(rf'class="chart-median" x1="{NUMBER}"', body)
        if rect.group(1):  # a single figure's marker, 4 units wide, centred on it
            start, end = x + 2, None
        else:
            start, end = x, round(x + width, 2)
        found.append(
            DrawnBar(
                kind=match.group("kind"),
                start=start,
                end=end,
                median=float(median.group(1)) if median else None,
                open_end='class="chart-open-end"' in body,
                svg=match.group(0),
            )
        )
    return [bar for bar in found if kind is None or bar.kind == kind]


def axis_labels(html):
    """The labels of every axis in `html`: [["$0", "$100k", …], …]."""
    return [
        re.findall(r'<text class="chart-tick-label"[^>]*>([^<]+)</text>', match.group("body"))
        for match in AXIS_SVG.finditer(html)
    ]


def units(amount, maximum=300_000):
    """`amount` in drawing units on a scale up to `maximum` (240 units wide)."""
    return round(240 * amount / maximum, 2)
