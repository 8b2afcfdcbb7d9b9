"""The home page ties the guide together: search, three ways in, the roles editors
feature, the headline figures with sources, and the guide."""

import html as html_lib
import re

from careers.models import ArticleListing, Role, Statistic
from tests.helpers import page_queries, text
from tests.helpers.charts import axis_labels, drawn_bars


def test_home_explains_the_guide_and_shows_headline_figures_with_sources(client):
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "Where can a machine-learning degree take you?" in page
    for statistic in Statistic.objects.headline():
        assert statistic.statement in page
        assert statistic.source.title in page
    assert "36% Projected growth" in page and "U.S. Bureau of Labor Statistics" in page
    assert "About 65% Share of machine learning graduates" in page


def test_home_offers_entry_points_by_the_articles_lists_and_track(client):
    html = client.get("/").content.decode()
    for listing in ArticleListing.objects.all():
        assert f'href="/roles/?stage={listing.slug}"' in html
    for track in Role.Track.values:
        assert f'href="/roles/?track={track}"' in html
    entry = ArticleListing.objects.get(slug="entry")
    assert f"{entry.title} {entry.roles.count()} roles" in text(client.get("/"))


def test_the_three_ways_in_are_what_you_know_stage_and_place(client):
    html = client.get("/").content.decode()
    ways = html.split('id="ways-heading"')[1].split("</section>")[0]
    cards = ways.split('<li class="way">')[1:]
    assert [re.search(r"<h3>(?:<a [^>]+>)?([^<]+)", card)[1] for card in cards] == [
        "By what you know",
        "By stage",
        "By place",
    ]
    assert '<h3><a href="/match/">By what you know</a></h3>' in cards[0]
    for listing in ArticleListing.objects.all():
        assert f'href="/roles/?stage={listing.slug}"' in cards[1]
    assert '<h3><a href="/places/">By place</a></h3>' in cards[2]
    # The map of paths is still one click away.
    assert 'href="/paths/">Career paths</a>' in html.split('id="explore-heading"')[1]


def test_each_stage_on_the_home_page_leads_to_as_many_roles_as_it_says(client):
    ways = text(client.get("/")).split("By stage")[1].split("By place")[0]
    for listing in ArticleListing.objects.with_published_role_counts():
        count = listing.role_count
        assert f"{listing.title} {count} role{'s' if count != 1 else ''}" in ways
        directory = client.get(listing.get_absolute_url())
        assert f"{count} role{'s' if count != 1 else ''} found" in text(directory)


def test_the_home_page_has_one_search_box_the_one_in_the_header(client):
    html = client.get("/").content.decode()
    assert len(re.findall(r"<form[^>]*role=\"search\"", html)) == 1
    assert len(re.findall(r'<input type="search"', html)) == 1
    header = html.split("</header>")[0]
    assert re.search(r'<form class="site-search"[^>]*action="/search/"[^>]*role="search"', header)


def test_featured_roles_are_the_ones_editors_ticked_with_their_salary_bars(client):
    featured = set(Role.objects.featured().values_list("title", flat=True))
    assert featured == {"AI Research Scientist", "Data Scientist", "Machine Learning Engineer"}
    html = client.get("/").content.decode()
    section = html.split('id="featured-heading"')[1].split("</section>")[0]
    shown = re.findall(r'class="role-card-title"><a href="[^"]+">([^<]+)</a>', section)
    assert shown == sorted(featured)
    assert len(drawn_bars(section, "article")) == 3  # each has the article's range
    assert len(axis_labels(section)) == 3
    assert "Why pay varies" in section


def test_an_unpublished_or_unfeatured_role_leaves_the_home_page(client):
    Role.objects.filter(slug="data-scientist").update(is_published=False)
    Role.objects.filter(slug="research-scientist").update(is_featured=False)
    section = client.get("/").content.decode().split('id="featured-heading"')[1]
    section = section.split("</section>")[0]
    assert "Data Scientist" not in section and "AI Research Scientist" not in section
    Role.objects.update(is_featured=False)
    assert 'id="featured-heading"' not in client.get("/").content.decode()


def test_headline_figures_show_with_sources_and_link_to_all_of_them(client):
    page = text(client.get("/"))
    for statistic in Statistic.objects.headline():
        assert statistic.statement in page and statistic.source.title in page
    html = client.get("/").content.decode()
    figures = html.split('id="figures-heading"')[1].split("</section>")[0]
    # One stat card per headline figure (the shared include), sources named, before the
    # featured roles.
    assert figures.count('<li class="stat"') == Statistic.objects.headline().count()
    for statistic in Statistic.objects.headline():
        assert html_lib.escape(statistic.source.title, quote=False) in figures
    assert html.index('id="figures-heading"') < html.index('id="featured-heading"')
    assert (
        'href="/guide/figures/">Every figure, with its source' in client.get("/").content.decode()
    )


def test_the_home_page_links_to_the_guide_and_why_pay_varies(client):
    html = client.get("/").content.decode()
    for href in ("/guide/#next-steps-heading", "/guide/#questions-heading", "/salary-factors/"):
        assert f'href="{href}"' in html


def test_the_navigation_is_short_and_the_rest_is_in_the_footer(client):
    html = client.get("/guide/figures/").content.decode()
    nav = html.split('<nav class="site-nav" aria-label="Main">')[1].split("</nav>")[0]
    links = ["Roles", "Match", "Paths", "Compare", "Places", "Guide"]
    assert re.findall(r">([^<>]+)</a>", nav) == links
    assert '<a href="/guide/" aria-current="page">Guide</a>' in nav
    footer = html.split('<nav class="footer-nav"')[1].split("</nav>")[0]
    for label in ("Skills", "Industries", "Credentials", "Why pay varies", "Search"):
        assert f">{label}</a>" in footer
    assert '<a href="/guide/figures/" aria-current="page">The field in figures</a>' in footer


def test_the_home_page_takes_the_same_queries_however_many_roles_are_featured(client, make_role):
    def count():
        response, queries = page_queries(client, "/")
        assert response.status_code == 200
        return queries

    few = count()
    for _ in range(40):
        make_role(is_featured=True, salary_low=50_000, salary_high=80_000)
    assert count() == few <= 8
