"""How figures read: the same words on every page."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from careers.formatting import (
    Wage,
    concentration,
    count,
    counted,
    employed,
    growth,
    here_and_nationally,
    long_date,
    outlook,
    percent,
    plain,
    salary_range,
    usd,
    wage,
    wage_range,
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


def test_figures_side_by_side_read_compactly_and_never_look_exact_when_top_coded():
    assert wage(Wage(239_200, top_coded=True), compact=True) == "\u2265 $239,200"
    assert wage(Wage(185_080), compact=True) == "$185,080"
    assert wage(Wage(None), compact=True) == "Not published"
    assert count(None, compact=True) == "Not published"


def test_a_place_figure_reads_beside_the_national_one_and_as_a_span():
    assert here_and_nationally(Wage(185_080), Wage(120_230)) == "$185,080 here, $120,230 nationally"
    assert here_and_nationally(Wage(None), None) == "Not published here, not published nationally"
    assert wage_range(Wage(109_740), Wage(239_200, top_coded=True)) == "$109,740 to \u2265 $239,200"
    assert wage_range(Wage(None), None) == "Not published"


def test_people_employed_in_a_place_say_when_some_are_withheld():
    assert employed(619_940) == "619,940 employed"
    assert employed(42_230, partial=True) == "at least 42,230 employed"
    assert employed(None) == "Employment not published"


@pytest.mark.parametrize(
    ("quotient", "expected"),
    [
        (Decimal("3.16"), "3.16\u00d7 as concentrated as nationally"),
        (Decimal("12.5"), "12.50\u00d7 as concentrated as nationally"),
        (Decimal("1.00"), "As concentrated as nationally (1.00\u00d7)"),
        # Never rounded to "1.0×": below 1 is less concentrated, whatever the rounding.
        (Decimal("0.96"), "Less concentrated than nationally (0.96\u00d7)"),
        (None, "Not published"),
    ],
)
def test_a_location_quotient_reads_in_words_with_bls_own_figure(quotient, expected):
    assert concentration(quotient) == expected


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
