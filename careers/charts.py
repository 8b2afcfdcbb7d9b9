"""The site's one chart system: salaries drawn on one shared dollar axis, so a bar on
the directory, a role page, the compare table or a pay table can be compared by eye.

Every chart is the same size (CHART_WIDTH × BAR_HEIGHT drawing units, one fixed CSS
size), so a bar means the same length for the same dollars on every page. This module
holds only geometry: where things sit, in drawing units. careers.chart_drawing writes
it as SVG with classes, for the tags of careers.templatetags.career_format.
"""

import functools
import math
from dataclasses import dataclass

# Drawing units of every bar and axis (viewBox width); the stylesheet draws them at one
# fixed size (15rem by 1rem), so 16 units are one rem and text inside stays unstretched.
CHART_WIDTH = 240
BAR_HEIGHT = 16
# A bar's body: the same height for the article's range and the official spread.
BAR_TOP, BAR_THICKNESS = 3, 10
# How far past its last figure an open (top-coded) end is drawn, and at most to the edge;
# the width of a single figure's marker and of an open end's arrowhead.
OPEN_END_LENGTH = 14
MARKER_WIDTH = 4
ARROWHEAD = 4

# The multiples of a power of ten a scale may end on: 180,000 rounds up to 200,000,
# 110,000 to 120,000, 42,000 to 50,000.
ROUND_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
# The steps an axis may count in (times a power of ten), and at most this many intervals,
# so its labels ("$250k") never crowd one another at CHART_WIDTH.
TICK_STEPS = (1, 2, 2.5, 5)
MOST_TICK_INTERVALS = 5


def round_up(amount, steps=ROUND_STEPS):
    """The smallest round number (a multiple of a power of ten by one of `steps`, which
    ends on 10) at or above `amount`."""
    if amount <= 0:
        return 0
    magnitude = 10 ** math.floor(math.log10(amount))
    for step in steps:
        ceiling = int(step * magnitude)
        if ceiling >= amount:
            return ceiling
    return 10 * magnitude  # unreachable: the last step, 10, always suffices


def tick_step(maximum):
    """The round step an axis up to `maximum` counts in: the smallest that needs no more
    than MOST_TICK_INTERVALS intervals and ends on the scale's end if one does
    (300,000 → 100,000; 250,000 → 50,000), else the smallest that fits (120,000 → 25,000)."""
    magnitude = 10 ** math.floor(math.log10(maximum / MOST_TICK_INTERVALS))
    steps = (step * magnitude * power for power in (1, 10) for step in TICK_STEPS)
    # Whole dollars only, even on a scale up to a few dollars.
    fitting = [
        int(step)
        for step in steps
        if step == int(step) >= 1 and maximum / step <= MOST_TICK_INTERVALS
    ]
    ending = [step for step in fitting if maximum % step == 0]
    return (ending or fitting)[0]


def dollars_short(amount):
    """An axis label: 0 → "$0", 50,000 → "$50k", 2,500 → "$2.5k", 1,500,000 → "$1.5M"."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if amount >= size:
            return f"${amount / size:g}{suffix}"
    return f"${amount:g}"


@dataclass(frozen=True)
class Tick:
    """One labelled mark on the axis: where it sits and how its label is anchored."""

    amount: int
    x: float
    label: str
    anchor: str  # SVG text-anchor: the end labels stay inside the chart


@dataclass(frozen=True)
class Bar:
    """Where one bar's parts sit, in drawing units from the left of the chart.

    `end` is None for a single figure (drawn as a marker at `start`); `median` is None
    when unknown; `open_end` when the top figure is top-coded ("$239,200 or more"), so
    the bar runs on, open, to `open_to`.
    """

    start: float
    end: float | None
    median: float | None = None
    open_end: bool = False

    @property
    def is_range(self):
        return self.end is not None

    @property
    def width(self):
        return self.end - self.start if self.is_range else 0.0

    @property
    def tip(self):
        """Where the last figure sits: the range's end, or the single figure."""
        return self.end if self.is_range else self.start

    @property
    def marker_x(self):
        """The left edge of a single figure's marker, centred on it and inside the chart."""
        return max(0.0, min(CHART_WIDTH - MARKER_WIDTH, self.start - MARKER_WIDTH / 2))

    @property
    def open_to(self):
        return min(float(CHART_WIDTH), self.tip + OPEN_END_LENGTH)

    @property
    def arrowhead_x(self):
        return self.open_to - ARROWHEAD


@dataclass(frozen=True)
class SalaryScale:
    """US$0 to `maximum` a year: one axis shared by every bar on a page."""

    maximum: int

    @classmethod
    def up_to(cls, highest):
        """The scale for the highest published figure (None when there is none)."""
        return cls(maximum=round_up(highest)) if highest else None

    def position(self, amount):
        """`amount` in drawing units along the chart, clamped to it."""
        return max(0.0, min(float(CHART_WIDTH), round(CHART_WIDTH * amount / self.maximum, 2)))

    def ticks(self):
        """The axis's labelled marks, $0 to the scale's end in round steps. Worked out
        once per scale: every bar on a page draws its grid from them."""
        return _ticks(self)

    def span(self, low, median, high, open_end=False):
        """The bar for figures from `low` to `high` (either may be None), with the
        median marked; None when there is no figure at all. A figure past the scale's end
        (a BLS industry estimate above every national one, say) runs off it, open."""
        if low is None and high is None and median is None:
            return None
        open_end = open_end or any(
            amount is not None and amount > self.maximum for amount in (low, median, high)
        )
        median_at = self.position(median) if median is not None else None
        if low is not None and high is not None and low != high:
            return Bar(self.position(low), self.position(high), median_at, open_end)
        single = next(amount for amount in (low, high, median) if amount is not None)
        return Bar(self.position(single), None, median_at, open_end)

    def bar(self, role):
        """The bar for the article's salary figures for `role`, or None."""
        return self.span(role.salary_low, role.salary_median, role.salary_high)

    def distribution(self, estimate):
        """The bar for an official wage estimate: its 10th to 90th percentile (or the
        nearest published), the median marked, open when the top figure is top-coded;
        None without annual figures. `estimate` is a careers.models.WageEstimate, read by
        attribute so this module imports no models."""
        present = [
            (getattr(estimate, field), getattr(estimate, f"{field}_top_coded"))
            for field in ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")
            if getattr(estimate, field) is not None
        ]
        if not present:
            return None
        return self.span(
            present[0][0], estimate.annual_median, present[-1][0], open_end=present[-1][1]
        )

    def official_spread(self, role):
        """The official bar for a role annotated by RoleQuerySet.with_official_median()."""
        return self.span(
            getattr(role, "official_p10", None),
            getattr(role, "official_median", None),
            getattr(role, "official_p90", None),
            open_end=bool(getattr(role, "official_p90_top_coded", False)),
        )


@functools.cache
def _ticks(scale):
    step = tick_step(scale.maximum)
    amounts = range(0, scale.maximum + 1, step)
    last = amounts[-1]
    return tuple(
        Tick(
            amount=amount,
            x=scale.position(amount),
            label=dollars_short(amount),
            anchor="start" if amount == 0 else "end" if amount == last else "middle",
        )
        for amount in amounts
    )
