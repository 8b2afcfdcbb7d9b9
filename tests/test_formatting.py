"""How figures read: the same words on every page."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from careers.formatting import growth, percent, salary_range, usd


def role(low=None, median=None, high=None):
    return SimpleNamespace(salary_low=low, salary_median=median, salary_high=high)


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (role(110_000, None, 160_000), "$110,000 – $160,000"),
        (role(110_000, 130_000, 160_000), "$110,000 – $160,000 (median $130,000)"),
        (role(90_000), "from $90,000"),
        (role(high=140_000), "up to $140,000"),
        (role(median=120_000), "median $120,000"),
        (role(100_000, None, 100_000), "$100,000"),
        (role(), "No figure yet"),
    ],
)
def test_salary_ranges_read_naturally(figures, expected):
    assert salary_range(figures) == expected


def test_amounts_and_growth_are_formatted_once():
    assert usd(1_234_567) == "$1,234,567"
    assert usd(None) == ""
    assert growth(Decimal("22.0")) == "+22%"
    assert growth(Decimal("-3.5")) == "−3.5%"
    assert growth(Decimal("0")) == "0%"
    assert growth(None) == "No figure yet"
    assert percent(Decimal("36.0")) == "36"
    assert percent(Decimal("12.5")) == "12.5"
