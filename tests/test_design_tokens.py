"""The design tokens (static/css/site.css's :root): one place for every colour, size and
weight, a dark scheme with the same roles, and text that reads at WCAG AA in both."""

import re

import pytest

from tests.helpers import ROOT
from tests.helpers.colours import contrast

CSS = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
# Text (or an icon's ink) and the background it sits on, in both schemes.
TEXT_PAIRS = [
    ("ink", "paper"),
    ("ink", "tint"),
    ("muted", "paper"),
    ("muted", "tint"),
    ("brand", "paper"),
    ("brand", "tint"),
    ("brand-dark", "paper"),
    ("on-brand", "brand"),
    ("on-header", "header"),
    ("accent", "paper"),
    ("official", "paper"),
    ("error", "error-bg"),
    ("ink", "highlight"),
    ("ink", "focus-fill"),
]
# Bars and keys against the page: WCAG's 3:1 for graphics.
GRAPHIC_PAIRS = [("chart-article", "paper"), ("chart-official", "paper"), ("chart-median", "paper")]


def tokens(block):
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})\s*;", block))


LIGHT = tokens(
    CSS.split("@media (prefers-color-scheme: dark)")[0].split(":root {")[1].split("}")[0]
)
DARK = tokens(CSS.split("@media (prefers-color-scheme: dark)")[1].split("}")[0])


def test_the_dark_scheme_gives_every_colour_token_a_value_of_its_own():
    assert set(DARK) == set(LIGHT) - {"focus"}  # the focus ring's yellow works on both
    assert all(DARK[name] != LIGHT[name] for name in DARK)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("ink", "background"), TEXT_PAIRS)
def test_text_reads_at_aa_contrast_in_both_schemes(scheme, ink, background):
    colours = LIGHT if scheme == "light" else {**LIGHT, **DARK}
    assert contrast(colours[ink], colours[background]) >= 4.5, (ink, background)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("ink", "background"), GRAPHIC_PAIRS)
def test_chart_marks_stand_out_from_the_page_in_both_schemes(scheme, ink, background):
    colours = LIGHT if scheme == "light" else {**LIGHT, **DARK}
    assert contrast(colours[ink], colours[background]) >= 3, (ink, background)


def test_the_article_and_official_bars_differ_in_colour_and_the_median_shows_on_both():
    for colours in (LIGHT, {**LIGHT, **DARK}):
        assert colours["chart-article"] != colours["chart-official"]
        for bar in ("chart-article", "chart-official"):
            assert contrast(colours["chart-median"], colours[bar]) >= 1.5, bar


def test_colours_outside_the_tokens_are_only_the_tile_maps_and_print_greys():
    rules = CSS.split("@media (prefers-color-scheme: dark)")[1].split("}", 2)[2]
    literal = re.findall(r"^([^{}]*)\{[^}]*#[0-9a-fA-F]{3,6}\b", rules, flags=re.M)
    assert all(
        "tile" in selector
        or "print" in selector
        or "shortlist-item" in selector
        or ".print-address" in selector
        for selector in literal
    ), literal


def test_at_most_two_font_weights():
    weights = set(re.findall(r"font-weight:\s*([^;}\s]+)", CSS))
    assert weights <= {"var(--regular)", "var(--bold)", "400", "600"}
    assert set(re.findall(r"--(?:regular|bold):\s*(\d+)", CSS)) == {"400", "600"}


def test_the_type_scale_steps_by_a_quarter():
    steps = {int(n): float(size) for n, size in re.findall(r"--step-(-?\d):\s*([\d.]+)rem", CSS)}
    for step in range(-1, 4):
        assert steps[step + 1] / steps[step] == pytest.approx(1.25, abs=0.005)
