"""Why pay varies: the article's salary factors as curated records, with only the
figures it gives, shown on one page that every salary figure links to."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Role, SalaryFactor, Source
from tests.helpers.footnotes import sources_cited, without_references

URL = "/salary-factors/"


def factor_sections(response):
    """{slug: the visible text of that factor's entry, its footnote references aside}."""
    return {
        slug: text_of(without_references(body)) for slug, body in factor_markup(response).items()
    }


def factor_markup(response):
    """{slug: the markup of that factor's entry}."""
    html = response.content.decode()
    return dict(re.findall(r'<li class="factor" id="([^"]+)">(.*?)</li>', html, re.S))


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_page_shows_each_factor_with_the_articles_figures_and_sources(client):
    response = client.get(URL)
    assert "<h1>Why pay varies</h1>" in response.content.decode()
    factors = factor_sections(response)
    assert list(factors) == [
        "industry",
        "experience",
        "location",
        "specialisation",
        "responsibility",
    ]
    assert (
        "15–25% more, on average, at technology companies than in sectors outside tech"
        in factors["industry"]
    )
    assert (
        "Nearly 2\u00d7 a recent graduate’s pay, for engineers with more than five years"
        in factors["experience"]
    )
    for entry in factor_markup(response).values():
        cited = sources_cited(entry, response.content.decode())
        assert cited and cited[0].startswith("What Careers Can You Pursue")


def test_factors_the_article_gives_no_figure_for_show_none(client):
    factors = factor_sections(client.get(URL))
    for slug in ("location", "specialisation", "responsibility"):
        assert "Our source gives no figure for this factor." in factors[slug]
        assert not re.search(r"\d", factors[slug]), slug
    for slug in ("industry", "experience"):
        assert "no figure" not in factors[slug]


def test_every_salary_figure_links_to_why_pay_varies(client, settings):
    settings.ROLES_PER_PAGE = 50
    link = f'<a class="pay-varies" href="{URL}">Why pay varies</a>'
    with_figures = Role.objects.published().exclude(salary_low=None, salary_high=None)
    directory = client.get("/roles/").content.decode()
    assert directory.count(link) == with_figures.count()
    assert link in client.get("/roles/data-scientist/").content.decode()
    assert link not in client.get("/roles/ai-specialist/").content.decode()
    compare = client.get("/compare/", {"roles": ["data-scientist", "ai-specialist"]})
    assert compare.content.decode().count(link) == 1


def test_the_page_takes_the_same_queries_for_five_or_fifty_factors(client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    source = Source.objects.first()
    for number in range(45):
        SalaryFactor.objects.create(
            slug=f"f{number}", name=f"Factor {number}", summary="S.", source=source
        )
    assert count() == few <= 2
