"""Every page stays the same size, and asks the database the same few questions,
however many roles the guide holds: measured with the seed (20 roles) and with 1,000
generated ones (careers.demo_data)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.demo_data import generate_demo_data
from careers.models import Role
from tests.helpers import shortlist_pages, text

# Every public page type, with and without its options. KB: the most HTML it may send
# at 1,000 roles (the seed's size, measured, with room to spare).
PAGES = {
    "/": 40,
    "/roles/": 120,
    "/roles/?skill=python&sort=salary-high": 120,
    "/roles/?q=data&industry=finance&sort=growth": 120,
    "/roles/data-scientist/": 150,
    "/compare/": 60,
    "/compare/?roles=data-scientist&roles=ai-ethicist": 70,
    "/compare/?roles=data-scientist&roles=ai-ethicist&area=california": 70,
    "/compare/?find=scientist": 60,
    "/match/": 30,
    "/match/?skill=python&skill=statistics": 120,
    "/paths/": 60,
    "/paths/?stage=entry-level&page=2": 60,
    "/skills/": 20,
    "/skills/python/": 20,
    "/industries/": 15,
    "/industries/finance/": 120,
    "/credentials/": 15,
    "/credentials/masters-degree/": 20,
    "/guide/": 30,
    "/guide/figures/": 20,
    "/salary-factors/": 20,
    "/official-data/": 50,
    "/places/": 30,
    "/places/california/": 50,
    "/search/?q=data": 30,
    "/search/?q=zzzzqqq": 15,  # nothing found, nothing to mend: suggestions at most
    "/search/?q=scintist": 30,  # mended to "scientist" and searched again
}
QUERY_BUDGET = 8


@pytest.fixture
def thousand_roles():
    """1,000 demo roles beside the seed's 20, with their skills, industries and steps."""
    generate_demo_data(1000)


def measure(client, urls):
    """{url: (status, queries, bytes)}, each page asked for twice and the second time
    counted: the map's layout is cached after the first."""
    found = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        found[url] = (response.status_code, len(queries), len(response.content))
    return found


def test_every_page_asks_as_many_queries_with_1000_roles_as_with_20_and_few(client):
    urls = [*PAGES, *(path for _, path in shortlist_pages()[:1])]
    few = measure(client, urls)
    generate_demo_data(1000)
    many = measure(client, urls)
    assert {url: many[url][0] for url in urls} == dict.fromkeys(urls, 200)
    grew = {url: (few[url][1], many[url][1]) for url in urls if few[url][1] != many[url][1]}
    assert grew == {}
    too_many = {url: count for url, (_, count, _) in many.items() if count > QUERY_BUDGET}
    assert too_many == {}


def test_every_page_stays_small_with_1000_roles(client, thousand_roles):
    sizes = {url: size for url, (_, _, size) in measure(client, PAGES).items()}
    too_big = {url: size // 1024 for url, size in sizes.items() if size > PAGES[url] * 1024}
    assert too_big == {}


def page_links(html):
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    return nav, re.findall(r'<a href="[^"]*page=(\d+)"', nav)


def test_the_directory_links_a_few_pages_either_side_and_elides_the_rest(client, thousand_roles):
    html = client.get("/roles/", {"track": "core", "page": 20}).content.decode()
    nav, linked = page_links(html)
    last = str(-(-Role.objects.published().filter(track="core").count() // 12))
    assert linked == ["19", "1", "18", "19", "20", "21", "22", last, "21"]  # prev … next
    assert nav.count('<li class="pagination-gap" aria-hidden="true">…</li>') == 2
    assert '<a href="?track=core&amp;page=20" aria-current="page"' in nav
    assert 'aria-label="Pages of results"' in nav


def test_a_student_with_python_and_statistics_sees_data_scientist_among_the_first_matches(
    client, thousand_roles
):
    response = client.get("/match/", {"skill": ["python", "statistics"]})
    html = response.content.decode()
    assert html.count('<li class="match">') == 20
    assert "Data Scientist" in [m.role.title for m in response.context["matches"][:5]]
    nav, _ = page_links(html)
    assert 'href="?skill=python&amp;skill=statistics&amp;page=2"' in nav
    second = client.get("/match/", {"skill": ["python", "statistics"], "page": 2})
    assert "Showing 21 to 40, the best matches first." in text(second)
    assert not {m.role.pk for m in second.context["matches"]} & {
        m.role.pk for m in response.context["matches"]
    }


def test_the_paths_page_draws_one_list_at_a_time_once_the_guide_is_large(client, thousand_roles):
    response = client.get("/paths/")
    page = text(response)
    assert "choose a list, and we draw its roles 20 at a time" in page
    assert '<select name="stage"' in response.content.decode()
    assert "The map: Open to new graduates, roles 1 to 20 of" in page
    stage = client.get("/paths/", {"stage": "unlisted"})
    assert "The map: In none of the article’s lists" in text(stage)


def test_the_paths_page_draws_the_whole_seed_map_without_a_chooser(client):
    html = client.get("/paths/").content.decode()
    assert '<select name="stage"' not in html
    assert html.count('<section class="path-group"') >= 4


@pytest.mark.parametrize(
    "query",
    [{"stage": "atlantis"}, {"stage": ["entry-level", "%00"]}, {"stage": "☃", "page": "10**9"}],
)
def test_an_unknown_list_on_the_paths_page_is_explained(client, query, thousand_roles):
    response = client.get("/paths/", query)
    assert response.status_code == 200
    assert "choose one of ours" in text(response)


def test_compare_offers_a_search_not_a_checkbox_for_every_role(client, thousand_roles):
    response = client.get("/compare/", {"roles": "data-scientist", "find": "scientist"})
    html = response.content.decode()
    assert html.count('type="checkbox" name="roles"') <= 21
    assert re.search(
        r'<input type="checkbox" name="roles" value="data-scientist"[^>]* checked', html
    )
    assert 'value="research-scientist"' in html
    assert "Choose at least" not in text(response)  # still choosing
    assert '<input type="text" name="find"' in html


@pytest.mark.parametrize(
    "query",
    [
        {"roles": ["data-scientist", "astronaut"]},
        {"roles": ["a", "b", "c", "d", "e", "f"] * 10},
        {"roles": ["data-scientist", "ai-ethicist"], "find": "x" * 500},
        {"roles": ["data-scientist", "ai-ethicist"], "bogus": "1", "area": "☃"},
    ],
)
def test_bad_compare_links_show_the_form_with_an_error(client, query):
    response = client.get("/compare/", query)
    assert response.status_code == 200
    assert 'class="notice notice-error"' in response.content.decode()


def test_role_lists_on_industry_skill_and_credential_pages_come_a_page_at_a_time(
    client, thousand_roles
):
    industry = client.get("/industries/finance/")
    assert industry.content.decode().count('<article class="role-card">') == 12
    assert 'aria-label="Pages of results"' in industry.content.decode()
    for url in ("/skills/python/", "/credentials/masters-degree/"):
        response = client.get(url)
        assert len(response.context["page"].object_list) <= 50
        assert "Page 1 of" in text(response)
    assert "There is no page 999" in text(client.get("/skills/python/", {"page": 999}))
