"""The directory reads at a glance on a phone: the results come first, the filters fold
into a disclosure that counts the active ones, each active filter is a chip that removes
just itself, and the number of roles found heads the results."""

import html as html_lib
import re
from urllib.parse import parse_qsl

import pytest

from careers.models import Industry, Role, RoleSkill, Skill
from tests.helpers import text

URL = "/roles/"


def chips(response):
    """[(visible text, accessible name, href)] for the chips above the results."""
    found = []
    for href, inner in re.findall(
        r'<a class="filter-chip" href="([^"]*)">(.*?)</a>', response.content.decode(), re.S
    ):
        name = re.sub(r'<span class="filter-chip-x"\s+aria-hidden="true">.*?</span>', "", inner)
        visible = re.sub(r'<span class="visually-hidden">.*?</span>', "", inner, flags=re.S)
        found.append((flat(visible), flat(name), html_lib.unescape(href)))
    return found


def flat(fragment):
    return html_lib.unescape(" ".join(re.sub(r"<[^>]+>", " ", fragment).split()))


def follow(client, href):
    """Open a chip's link the way a browser resolves "?…" against /roles/."""
    assert href.startswith("?")
    return client.get(URL + href)


def summary(response):
    html = response.content.decode()
    return flat(re.search(r'<summary class="filter-panel-summary">(.*?)</summary>', html, re.S)[1])


def test_each_active_filter_is_a_chip_that_removes_only_itself(client):
    response = client.get(
        URL,
        {"industry": "finance", "skill": ["python", "statistics"], "sort": "salary-high"},
    )
    shown = {visible: (name, href) for visible, name, href in chips(response)}
    assert shown == {
        "Industry: Finance ×": ("Remove filter Industry: Finance", shown["Industry: Finance ×"][1]),
        "Skill: Python ×": ("Remove filter Skill: Python", shown["Skill: Python ×"][1]),
        "Skill: Statistics ×": ("Remove filter Skill: Statistics", shown["Skill: Statistics ×"][1]),
    }
    without_python = shown["Skill: Python ×"][1]
    assert parse_qsl(without_python[1:]) == [
        ("industry", "finance"),
        ("skill", "statistics"),
        ("sort", "salary-high"),
    ]
    after = follow(client, without_python)
    assert [visible for visible, _, _ in chips(after)] == [
        "Industry: Finance ×",
        "Skill: Statistics ×",
    ]
    expected = Role.objects.published().filter(
        industries__slug="finance", role_skills__skill__slug="statistics"
    )
    assert after.context["page"].paginator.count == expected.count()
    assert 'href="/roles/">Clear all filters</a>' in response.content.decode()


def test_removing_a_chip_keeps_repeated_values_and_drops_the_page_number(client):
    response = client.get(URL + "?skill=python&skill=r&track=core&page=2")
    by_chip = {visible: href for visible, _, href in chips(response)}
    assert parse_qsl(by_chip["Track: Core machine learning & data ×"][1:]) == [
        ("skill", "python"),
        ("skill", "r"),
    ]
    assert parse_qsl(by_chip["Skill: R ×"][1:]) == [("skill", "python"), ("track", "core")]


def test_a_value_sent_twice_is_one_chip_and_its_link_drops_both_copies(client):
    response = client.get(URL + "?skill=python&skill=python&skill=r")
    assert [visible for visible, _, _ in chips(response)] == ["Skill: Python ×", "Skill: R ×"]
    assert chips(response)[0][2] == "?skill=r"
    assert summary(response) == "Filters (2 active)"


def test_a_unicode_search_is_a_chip_and_survives_removing_another_filter(client):
    words = "数据科学 ✨"
    response = client.get(URL, {"q": words, "industry": "finance"})
    assert response.status_code == 200
    by_chip = {visible: href for visible, _, href in chips(response)}
    assert f"Search: {words} ×" in by_chip
    without_industry = by_chip["Industry: Finance ×"]
    assert "%E6%95%B0" in without_industry  # encoded, not raw, in the link
    after = follow(client, without_industry)
    assert after.status_code == 200
    assert [visible for visible, _, _ in chips(after)] == [f"Search: {words} ×"]


def test_markup_typed_in_the_search_is_shown_as_text_in_its_chip(client):
    response = client.get(URL, {"q": '"><b>bold</b>'})
    assert "<b>bold</b>" not in response.content.decode()
    assert chips(response)[0][0] == 'Search: "><b>bold</b> ×'


def test_refused_values_make_no_chip_but_a_form_error_and_open_the_filters(client):
    response = client.get(
        URL, {"skill": "no-such-skill", "salary_min": "lots", "stage": "senior", "track": "core"}
    )
    assert response.status_code == 200
    assert [visible for visible, _, _ in chips(response)] == [
        "Track: Core machine learning & data ×"
    ]
    assert set(response.context["filter"].form.errors) == {"skill", "salary_min", "stage"}
    assert "Some filters could not be used" in text(response)
    assert summary(response) == "Filters (1 active)"
    # Open, so the error summary's links lead to fields a phone user can see.
    assert '<details class="filters filter-panel" open>' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("", 0),
        ("?q=&industry=&skill=&credential=&education=&stage=&track=&salary_min=&pay_in=", 0),
        ("?sort=salary-high&page=2", 0),
        ("?q=%20%20", 0),
        ("?skill=python&skill=python&skill=", 1),
        ("?industry=finance&industry=finance", 1),
        ("?skill=python&skill=r&industry=finance&sort=growth", 3),
        ("?salary_min=0&growth_min=0", 2),
        ("?skill=nope&track=core&salary_min=abc", 1),
    ],
)
def test_the_filters_summary_counts_only_the_filters_in_force(client, query, count):
    response = client.get(URL + query)
    assert response.status_code == 200
    assert response.context["filter"].active_filter_count() == count
    assert len(chips(response)) == count
    assert summary(response) == (f"Filters ({count} active)" if count else "Filters")


def test_without_a_refused_filter_the_filters_start_folded(client):
    for query in ("", "?skill=python&industry=technology"):
        html = client.get(URL + query).content.decode()
        assert '<details class="filters filter-panel">' in html


def test_the_number_of_roles_found_heads_the_results_before_any_card(client):
    response = client.get(URL, {"industry": "technology", "skill": "python"})
    html = response.content.decode()
    expected = Role.objects.published().filter(
        industries__slug="technology", role_skills__skill__slug="python"
    )
    results = html.split('<section class="results" aria-labelledby="results-heading">')[1]
    heading = re.match(
        r'\s*<div class="results-head">\s*<h2 id="results-heading">([^<]+)</h2>', results
    )
    assert heading and heading[1] == f"{expected.count()} roles found"
    assert results.index("results-heading") < results.index('class="role-card"')
    # The results come straight after the folded filters in the page's reading order.
    assert html.index('</details>\n\n  <section class="results"') < html.index("role-card")
    # Inside the filters, a link skips what is left of them to that heading.
    assert f'href="#results-heading">Skip to the {expected.count()} results' in " ".join(
        html.split()
    )
    one = client.get(URL, {"q": "genetic"})
    assert '<h2 id="results-heading">1 role found</h2>' in one.content.decode()


def test_no_chips_and_no_clear_link_without_filters(client):
    html = client.get(URL).content.decode()
    assert 'class="filter-chip"' not in html and 'class="clear-filters"' not in html


def test_an_industry_and_a_skill_an_editor_adds_are_offered_and_filter_at_once(client, make_role):
    space = Industry.objects.create(name="Space exploration", slug="space")
    orbits = Skill.objects.create(name="Orbital mechanics", slug="orbits", category="specialism")
    astronaut = make_role(title="Astronaut", slug="astronaut")
    astronaut.industries.add(space)
    RoleSkill.objects.create(role=astronaut, skill=orbits)
    response = client.get(URL, {"industry": "space", "skill": "orbits"})
    html = response.content.decode()
    assert '<option value="space" selected>Space exploration</option>' in html
    assert re.search(r'name="skill" value="orbits"[^>]*checked', html)
    assert [role.title for role in response.context["page"].object_list] == ["Astronaut"]
    assert [visible for visible, _, _ in chips(response)] == [
        "Industry: Space exploration ×",
        "Skill: Orbital mechanics ×",
    ]
