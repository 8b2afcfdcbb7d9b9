"""Cells a spreadsheet would run as formulae go out as text, by one rule for every CSV."""

import pytest

from careers import exporting
from careers.spreadsheets import safe_cell, unescaped_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("-3.5", "-3.5"),  # a plain number runs nothing and stays a number
        ("+12", "+12"),
        ("Data Scientist", "Data Scientist"),
        ("", ""),
        (None, ""),
        (120000, 120000),
    ],
)
def test_formula_like_text_is_prefixed_and_everything_else_kept(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize("value", ["=1+1", "-2 years", "@home", "'quoted'", "plain", ""])
def test_reading_a_cell_back_undoes_the_escape(value):
    assert unescaped_cell(safe_cell(value)) == value


def test_the_directory_download_uses_the_same_rule():
    assert exporting.safe_cell is safe_cell
