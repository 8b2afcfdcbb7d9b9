"""How figures read: the same words on every page."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from careers.formatting import (
    Wage,
    compact_wage,
    count,
    counted,
    growth,
    long_date,
    outlook,
    percent,
    plain,
    salary_range,
    usd,
    wage,
)
from careers.templatetags.career_format import time_element


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


@pytest.mark.parametrize(
    ("figure", "short", "expected"),
    [
        (Wage(120_230), False, "$120,230"),
        (Wage(239_200, top_coded=True), False, "$239,200 or more"),
        (Wage(Decimal("57.80"), hourly=True), False, "$57.80 an hour"),
        (Wage(Decimal("57.80"), hourly=True), True, "$57.80"),
        (Wage(Decimal("1234.50"), hourly=True), False, "$1,234.50 an hour"),
        (Wage(Decimal("115.00"), top_coded=True, hourly=True), False, "$115.00 or more an hour"),
        (Wage(None), False, "Not available"),
        (None, False, "Not available"),
    ],
)
def test_official_figures_never_look_more_exact_than_bls_says(figure, short, expected):
    assert wage(figure, short=short) == expected


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (Wage(132_380), "$132,380"),
        (Wage(239_200, top_coded=True), "≥ $239,200"),
        (Wage(None), "not published"),
        (None, "not published"),
    ],
)
def test_a_table_cell_says_top_coded_and_missing_figures_in_few_words(figure, expected):
    assert compact_wage(figure) == expected


def test_counts_read_with_the_right_noun():
    assert counted(1, "role") == "1 role"
    assert counted(0, "role") == "0 roles"
    assert counted(12_345, "new estimate") == "12,345 new estimates"
    assert count(262_440) == "262,440" and count(None) == "Not available"


def test_outlook_names_its_period_only_with_a_figure():
    assert outlook(
        SimpleNamespace(outlook_growth_pct=Decimal("36"), outlook_period="2023–2033")
    ) == ("+36% (2023–2033)")
    assert outlook(SimpleNamespace(outlook_growth_pct=None, outlook_period="2023–2033")) == (
        "No figure yet"
    )


def test_dates_read_as_people_write_them_and_as_machines_read_them():
    published = datetime.date(2026, 5, 15)
    assert long_date(published) == "15 May 2026" and long_date(None) == ""
    assert time_element(published) == '<time datetime="2026-05-15">15 May 2026</time>'
    assert time_element(None) == ""


def test_editors_reports_say_values_plainly():
    assert [plain(value) for value in (None, "", True, False, 120_230, Decimal("57.80"))] == [
        "not available",
        "not available",
        "yes",
        "no",
        "120,230",
        "57.80",
    ]
