"""A student who will live in California switches the directory's official pay to
California: every card, the official-median filter and the sort then use it, the
heading says so, and the link can be shared."""

import re

from careers.models import Occupation
from tests.helpers import page_queries, text
from tests.helpers.oews import add_metro_areas

URL = "/roles/"


def text_of(html):
    """A piece of markup's words, tags removed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def official_medians(response):
    """[(area named on the card, median)] in page order, from each card's official bar's
    caption: "BLS, California: $77,480 to $224,920, median $141,590"."""
    return re.findall(
        r"BLS, ([^:$]+?): (?:\$[\d,]+ to \$[\d,]+(?: or more)?, )?median (\$[\d,]+)",
        text(response),
    )


def test_pay_in_a_state_switches_every_card_the_sort_and_the_heading(client):
    response = client.get(URL, {"pay_in": "california", "sort": "official-median-high"})

    assert response.status_code == 200
    assert "with official pay in California" in response.content.decode().split("</h1>")[0]
    figures = official_medians(response)
    assert figures and {area for area, _ in figures} == {"California"}
    amounts = [int(figure.strip("$").replace(",", "")) for _, figure in figures]
    assert amounts == sorted(amounts, reverse=True)
    # Data scientists in California: $141,590 (nationally $120,230).
    cards = response.content.decode().split('<article class="role-card">')
    scientist = next(card for card in cards if 'href="/roles/data-scientist/"' in card)
    assert "BLS, California:" in text_of(scientist) and "median $141,590" in text_of(scientist)
    assert "BLS OEWS, May 2025, California, all industries" in text(response)
    assert (
        '<a href="/places/california/">Every role’s pay in California</a>'
        in response.content.decode()
    )


def test_the_official_median_filter_reads_the_chosen_area(client):
    everywhere = client.get(URL, {"official_median_min": 200_000})
    in_san_jose = client.get(
        URL, {"official_median_min": 200_000, "pay_in": "san-jose-sunnyvale-santa-clara-ca"}
    )
    count = lambda response: int(re.search(r"(\d+) roles? found", text(response))[1])  # noqa: E731
    assert count(in_san_jose) > count(everywhere)


def test_the_choice_is_kept_in_the_shareable_link_and_can_be_removed(client):
    response = client.get(URL, {"pay_in": "california"})
    html = response.content.decode()
    assert '<option value="california" selected>California</option>' in html
    assert "Remove filter Official pay in: California" in text(response)


def test_an_unknown_or_odd_area_is_a_form_error_not_a_crash(client):
    for value in ("atlantis", "x" * 5000, "cali\x00fornia", "ü"):
        response = client.get(URL, {"pay_in": value})
        assert response.status_code == 200
        assert "Select a valid choice" in text(response)
    repeated = client.get(URL + "?pay_in=atlantis&pay_in=california")
    assert "with official pay in California" in text(repeated)


def test_the_directory_runs_the_same_queries_whatever_the_number_of_areas(client):
    _, before = page_queries(client, URL, {"pay_in": "california"})
    add_metro_areas(600, Occupation.objects.filter(role_links__isnull=False).distinct())
    _, after = page_queries(client, URL, {"pay_in": "california"})
    assert after == before
