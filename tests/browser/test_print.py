"""A role page on paper, printed by a real browser: at most two A4 or Letter pages,
nothing cut off, external links followed by their address, charts in black and
white, and the figures and their sources all there."""

import re

import pytest

from careers.formatting import salary_range
from careers.models import Role

# Live-server tests empty the database afterwards: marked transactional so that
# pytest-django runs them after every other test.
pytestmark = pytest.mark.django_db(transaction=True)

# The width of the printed column in CSS pixels: the paper less the page's side
# margins (12 mm each, static/css/site.css).
PAPER_WIDTHS = {"A4": 703, "Letter": 725}


def page_count(pdf):
    """The pages in a PDF from Chromium: one /Type /Page object each."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def printed(page, site, slug):
    page.goto(f"{site}/roles/{slug}/")
    page.emulate_media(media="print")


def test_every_role_page_prints_on_at_most_two_a4_or_letter_pages(page, site):
    counts = {}
    for slug in Role.objects.published().values_list("slug", flat=True):
        page.goto(f"{site}/roles/{slug}/")
        for paper in PAPER_WIDTHS:
            counts[slug, paper] = page_count(page.pdf(format=paper))
    assert counts and min(counts.values()) >= 1
    too_long = {key: pages for key, pages in counts.items() if pages > 2}
    assert not too_long, too_long


def test_on_paper_nothing_is_cut_off_and_the_charts_are_black_and_white(page, site):
    for paper, width in PAPER_WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 1000})
        printed(page, site, "machine-learning-engineer")
        cut_off = page.evaluate(
            """() => {
                const clipping = ['hidden', 'auto', 'scroll', 'clip'];
                const found = [];
                for (const element of document.querySelectorAll('body *')) {
                    if (!element.getClientRects().length) continue;  // not printed
                    if (element.closest('.visually-hidden')) continue;  // clipped by design
                    const style = getComputedStyle(element);
                    const wide = clipping.includes(style.overflowX)
                        && element.scrollWidth > element.clientWidth + 1;
                    const tall = clipping.includes(style.overflowY)
                        && element.scrollHeight > element.clientHeight + 1;
                    if (wide || tall) found.push(element.outerHTML.slice(0, 120));
                }
                const root = document.documentElement;
                if (root.scrollWidth > root.clientWidth) found.push('the page is too wide');
                return found;
            }"""
        )
        assert not cut_off, (paper, cut_off)

    # The charts as printed (bars, axes, the legend's keys): greys only.
    colours = page.evaluate(
        """() => {
            const printed = element => element.getClientRects().length;
            const shapes = [...document.querySelectorAll('svg.chart-bar *, svg.chart-axis *')]
                .filter(printed)
                .flatMap(shape => [getComputedStyle(shape).fill, getComputedStyle(shape).stroke]);
            const keys = [...document.querySelectorAll('.chart-key')].filter(printed)
                .map(key => getComputedStyle(key))
                .flatMap(key => [key.backgroundColor,
                                 key.borderTopWidth === '0px' ? '' : key.borderTopColor]);
            return [...shapes, ...keys].filter(colour => colour.startsWith('rgb'));
        }"""
    )
    assert len(colours) > 10, colours
    for colour in colours:
        red, green, blue = re.findall(r"\d+", colour)[:3]
        assert red == green == blue, colour


def test_on_paper_a_role_keeps_figures_sources_and_link_addresses_and_says_what_is_online(
    page, site
):
    printed(page, site, "machine-learning-engineer")
    role = Role.objects.get(slug="machine-learning-engineer")
    assert salary_range(role) in page.locator(".figures").inner_text()
    # Sources: a numbered reference by the figures, the sources in full at the foot.
    assert page.locator(".figures .ref").first.is_visible()
    assert page.locator(".footnotes cite.source").first.is_visible()
    assert page.locator(".official-occupation .official-median").first.is_visible()
    assert page.locator(".official-occupation .fact-source").first.is_visible()

    # Pay by location: the five best-paid metropolitan areas, not the map or every state.
    assert not page.locator(".pay-by-location .tile-map").is_visible()
    assert not page.locator("#states-pay-table").is_visible()
    metros = page.locator("#metros-pay-table tbody tr")
    assert [metros.nth(n).is_visible() for n in range(6)] == [True] * 5 + [False]
    location = page.locator(".pay-by-location").inner_text()
    assert f"On paper, the first five of these {metros.count()} areas." in location
    assert "The page online has every state’s figure, with a map." in location
    assert "Source: BLS OEWS" in location

    # Pay by industry: six rows of figures, no bars, and the source.
    rows = page.locator(".industry-pay tbody tr")
    assert [rows.nth(n).is_visible() for n in range(7)] == [True] * 6 + [False]
    assert not page.locator(".industry-pay .chart-bar").first.is_visible()
    industry = page.locator(".pay-by-industry").inner_text()
    assert re.search(r"On paper, the first six of these \d+ industries", industry)
    assert "Source: BLS OEWS" in industry

    # External links print their address after their text; links within the site do not.
    source_link = page.locator(".footnotes cite.source a").first
    href = source_link.get_attribute("href")
    assert href.startswith("https://")
    after = source_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert after == f'" ({href})"'
    # A link within the site prints no relative address after it.
    skill_link = page.locator(".link-list a").first
    assert skill_link.evaluate("link => getComputedStyle(link, '::after').content") == "none"
    assert page.locator(".print-address").inner_text() == (
        f"This page: {site}/roles/machine-learning-engineer/"
    )
