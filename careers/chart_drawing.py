"""The chart system's SVG: careers.charts says where a bar's parts sit, this module
writes them as markup for the salary_bar, official_bar, role_official_bar and pay_axis
tags (careers.templatetags.career_format).

Written in Python rather than an included template: a role page draws some 80 bars, and
an inclusion tag's context and template render cost a quarter of a millisecond each,
a fifth of the page's rendering. A bar's markup depends only on its geometry and its
scale, both immutable, so each distinct one is written once per process.
"""

import functools

from django.utils.html import format_html, format_html_join

from careers import charts

KINDS = ("article", "official")
AXIS_HEIGHT = 18


def svg_number(value):
    """A coordinate for an SVG attribute: plain digits and a dot, whatever the locale."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def bar_svg(kind, scale, bar):
    """One bar (a charts.Bar on `scale`, a charts.SalaryScale) of `kind` ("article": the
    article's range; "official": BLS's 10th to 90th percentile), its median marked and
    an open end past a top-coded figure; "" when there is no bar. Decorative: the
    figures are written beside it, so it is hidden from assistive technology."""
    if bar is None or scale is None:
        return ""
    if kind not in KINDS:
        raise ValueError(f"unknown bar kind {kind!r}")
    return _bar_svg(kind, scale.maximum, bar)


@functools.lru_cache(maxsize=4096)
def _bar_svg(kind, maximum, bar):
    # Keyed by the scale's end, not the scale: a page's scale may be a lazy object.
    scale = charts.SalaryScale(maximum)
    top, thickness = charts.BAR_TOP, charts.BAR_THICKNESS
    height = charts.BAR_HEIGHT
    grid = format_html_join(
        "",
        '<line class="chart-grid" x1="{0}" y1="0" x2="{0}" y2="{1}"/>',
        ((svg_number(tick.x), height) for tick in scale.ticks()[1:-1]),
    )
    if bar.is_range:
        body = format_html(
            '<rect class="chart-{}" x="{}" y="{}" width="{}" height="{}"/>',
            kind,
            svg_number(bar.start),
            top,
            svg_number(bar.width),
            thickness,
        )
    else:
        body = format_html(
            '<rect class="chart-{} chart-point" x="{}" y="{}" width="{}" height="{}"/>',
            kind,
            svg_number(bar.marker_x),
            top,
            charts.MARKER_WIDTH,
            thickness,
        )
    open_end = ""
    if bar.open_end:
        tip, to, head = svg_number(bar.tip), svg_number(bar.open_to), svg_number(bar.arrowhead_x)
        middle = svg_number(height / 2)
        open_end = format_html(
            '<path class="chart-open-end" d="M{} {} H{} M{} {} L{} {} L{} {}"/>',
            *(tip, middle, to, head, top, to, middle, head, top + thickness),
        )
    median = ""
    if bar.median is not None:
        median = format_html(
            '<line class="chart-median" x1="{0}" y1="0" x2="{0}" y2="{1}"/>',
            svg_number(bar.median),
            height,
        )
    return format_html(
        '<svg class="chart-bar chart-bar--{}" viewBox="0 0 {} {}" aria-hidden="true" '
        'focusable="false">{}{}{}{}</svg>',
        *(kind, charts.CHART_WIDTH, height, grid, body, open_end, median),
    )


def axis_svg(scale):
    """The dollar axis under a chart's bars, the same width as every bar so its labels
    line up with them; "" without a scale. Decorative: the legend says the scale in
    words."""
    return "" if scale is None else _axis_svg(scale.maximum)


@functools.lru_cache(maxsize=64)
def _axis_svg(maximum):
    scale = charts.SalaryScale(maximum)
    ticks = format_html_join(
        "",
        '<line class="chart-tick" x1="{0}" y1="0" x2="{0}" y2="4"/>'
        '<text class="chart-tick-label" x="{0}" y="15" text-anchor="{1}">{2}</text>',
        ((svg_number(tick.x), tick.anchor, tick.label) for tick in scale.ticks()),
    )
    width = charts.CHART_WIDTH
    return format_html(
        '<svg class="chart-axis" viewBox="0 0 {0} {1}" aria-hidden="true" focusable="false">'
        '<line class="chart-axis-line" x1="0" y1="0.5" x2="{0}" y2="0.5"/>{2}</svg>',
        width,
        AXIS_HEIGHT,
        ticks,
    )
