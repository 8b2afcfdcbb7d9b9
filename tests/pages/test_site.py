"""What every page shares: one heading, landmarks and a skip link, the current section
marked, no inline scripts or styles, nothing loaded from elsewhere, and a styled 404."""

import re

import pytest

from tests.helpers import RECORD_PAGES


def test_pages_have_one_h1_landmarks_and_a_skip_link(client):
    for url in (
        *RECORD_PAGES,
        "/salary-factors/",
        "/guide/",
        "/guide/figures/",
        "/match/",
        "/match/?skill=python&skill=statistics",
        "/paths/",
        "/search/",
        "/search/?q=data",
        "/nowhere/",
    ):
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert '<a class="skip-link" href="#main">' in html, url
        assert (
            '<main id="main"' in html
            and "<header" in html
            and "<footer" in html
            and '<nav class="site-nav" aria-label="Main">' in html
        ), url
        assert '<html lang="en">' in html


def test_the_current_section_is_marked_in_the_navigation(client):
    html = client.get("/skills/python/").content.decode()
    assert '<a href="/skills/" aria-current="page">Skills</a>' in html
    assert '<a href="/roles/">Roles</a>' in html


def test_pages_carry_no_inline_scripts_or_styles_and_load_nothing_from_elsewhere(client):
    for url in (
        "/",
        "/roles/",
        "/roles/data-scientist/",
        "/compare/?roles=data-scientist&roles=data-analyst",
        "/skills/python/",
        "/salary-factors/",
        "/guide/",
        "/guide/figures/",
        "/match/?skill=python&skill=statistics&skill=nope",
        "/paths/",
        "/search/?q=data+%3Cb%3E",
        "/nowhere/",
    ):
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        for tag in scripts:
            # Only files of our own, or JSON-LD data (never executed).
            assert (
                re.search(r'src="/static/[^"]+\.js"', tag) or 'type="application/ld+json"' in tag
            ), tag
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>\s*\S", html), url
        assert "style=" not in html and "<style" not in html, url
        # Nothing is loaded from elsewhere (links to cited sources are fine).
        assert not re.search(r'src="(?:https?:)?//(?!testserver)', html), url
        assert not re.search(r'<link[^>]+href="(?:https?:)?//(?!testserver)', html), url


@pytest.mark.parametrize(
    "url",
    [
        "/skills/nope/",
        "/industries/nope/",
        "/credentials/nope/",
        "/nowhere/",
        "/roles/%F0%9F%A4%96/",
    ],
)
def test_every_unknown_address_is_a_404(client, url):
    assert client.get(url).status_code == 404
