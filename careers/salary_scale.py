"""Salaries on one shared scale, so bars on any page can be compared by eye."""

import math
from dataclasses import dataclass

# The multiples of a power of ten a scale may end on: 180,000 rounds up to 200,000,
# 110,000 to 120,000, 42,000 to 50,000.
ROUND_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


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


@dataclass(frozen=True)
class SalaryBar:
    """Where a role's figures sit on the scale, as percentages of its width."""

    start: float
    width: float
    median: float | None
    # A single figure ("from $90,000") is drawn as a marker, not a range.
    is_range: bool
    # Official distributions: the middle half (25th to 75th percentile) drawn thicker,
    # and an open end when the top figure is top-coded (the real value is higher).
    inner_start: float | None = None
    inner_width: float = 0.0
    open_end: bool = False


@dataclass(frozen=True)
class SalaryScale:
    """US$0 to `maximum` a year: one axis shared by every bar on a page."""

    maximum: int

    @classmethod
    def up_to(cls, highest):
        """The scale for the highest published figure (None when there is none)."""
        return cls(maximum=round_up(highest)) if highest else None

    def position(self, amount):
        """`amount` as a percentage of the scale, clamped to 0–100."""
        return max(0.0, min(100.0, round(100 * amount / self.maximum, 2)))

    def bar(self, role):
        """The bar for `role`'s salary figures, or None when it has none."""
        low, median, high = role.salary_low, role.salary_median, role.salary_high
        if low is None and high is None and median is None:
            return None
        median_at = self.position(median) if median is not None else None
        if low is not None and high is not None and low != high:
            start = self.position(low)
            return SalaryBar(
                start=start, width=self.position(high) - start, median=median_at, is_range=True
            )
        single = next(amount for amount in (low, high, median) if amount is not None)
        return SalaryBar(start=self.position(single), width=0.0, median=median_at, is_range=False)

    def distribution(self, estimate):
        """The bar for an official wage estimate: 10th to 90th percentile, the middle
        half thicker, the median marked; None when it has no annual figures.

        `estimate` is a careers.models.WageEstimate (read by attribute, so this module
        needs no import of the models).
        """
        present = [
            (getattr(estimate, field), getattr(estimate, f"{field}_top_coded"))
            for field in ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")
            if getattr(estimate, field) is not None
        ]
        if not present:
            return None
        low, high = present[0][0], present[-1][0]
        start = self.position(low)
        median = estimate.annual_median
        inner_start, inner_width = None, 0.0
        if estimate.annual_p25 is not None and estimate.annual_p75 is not None:
            inner_start = self.position(estimate.annual_p25)
            inner_width = self.position(estimate.annual_p75) - inner_start
        return SalaryBar(
            start=start,
            width=self.position(high) - start,
            median=self.position(median) if median is not None else None,
            is_range=low != high,
            inner_start=inner_start,
            inner_width=inner_width,
            open_end=present[-1][1],
        )
