"""A student weighing where to live looks up a place: what the guide's roles pay there
beside what they pay nationally, how many people do them there and how concentrated
they are, each figure with its source; and finds the place by its name or its state."""

import re

import pytest
from django.db.models import Sum

from careers.models import Area, Occupation, Role, WageEstimate
from tests.helpers import page_queries, text
from tests.helpers.oews import add_metro_areas

SAN_JOSE = "/places/san-jose-sunnyvale-santa-clara-ca/"
CALIFORNIA = "/places/california/"


def row(response, code):
    """The text of the place table's row for one occupation (SOC code)."""
    html = response.content.decode()
    found = re.search(rf'<tr id="soc-{code}">(.*?)</tr>', html, re.S)
    assert found, f"no row for {code}"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def section(response, heading_id):
    html = response.content.decode()
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def local_estimate(code, area_slug):
    return WageEstimate.objects.local().filter(occupation__code=code, area__slug=area_slug)


# --- A place's page -----------------------------------------------------------------


def test_the_san_jose_page_shows_data_scientists_pay_against_the_nation(client):
    response = client.get(SAN_JOSE)
    assert response.status_code == 200
    assert "<h1>Pay in San Jose-Sunnyvale-Santa Clara, CA</h1>" in response.content.decode()
    data_scientists = row(response, "15-2051")
    assert "Data Scientists" in data_scientists
    assert "$185,080 here, $120,230 nationally" in data_scientists
    assert "$109,740 to $282,840" in data_scientists
    assert "6,060" in data_scientists
    # BLS's own two decimals: 3.16, as the role page and BLS's tables write it.
    assert "3.16× as concentrated as nationally" in data_scientists


def test_each_occupation_links_the_published_roles_it_stands_for(client):
    html = client.get(SAN_JOSE).content.decode()
    data_scientists = re.search(r'<tr id="soc-15-2051">(.*?)</tr>', html, re.S).group(1)
    for slug in ("data-scientist", "machine-learning-engineer", "business-intelligence-analyst"):
        assert f'href="/roles/{slug}/"' in data_scientists
    Role.objects.filter(slug="data-scientist").update(is_published=False)
    html = client.get(SAN_JOSE).content.decode()
    assert 'href="/roles/data-scientist/"' not in html


def test_every_figure_names_bls_the_release_the_place_and_when_it_was_published(client):
    page = text(client.get(SAN_JOSE))
    assert (
        "Source: BLS OEWS, May 2025, San Jose-Sunnyvale-Santa Clara, CA, all industries "
        "(published 15 May 2026 )" in page
    )
    assert "U.S. Bureau of Labor Statistics" in page


def test_the_best_paid_occupation_here_comes_first(client):
    html = client.get(SAN_JOSE).content.decode()
    medians = [
        int(amount.replace(",", ""))
        for amount in re.findall(r"\$([\d,]+) here", html.split("<tbody>")[1])
    ]
    assert medians == sorted(medians, reverse=True) and len(medians) > 5


def test_a_metro_page_links_to_its_state(client):
    response = client.get(SAN_JOSE)
    assert '<a href="/places/california/">See all of California</a>' in response.content.decode()


def test_the_california_page_shows_the_state_figures_and_the_places_in_it(client):
    response = client.get(CALIFORNIA)
    assert "$141,590 here, $120,230 nationally" in row(response, "15-2051")
    places = section(response, "areas-within-heading")
    assert 'href="/places/san-jose-sunnyvale-santa-clara-ca/"' in places
    assert "Outside the metropolitan areas" in places
    assert "nonmetropolitan area" in places
    assert 'href="/places/new-york-newark-jersey-city-ny-nj/"' not in places


def test_a_state_lists_the_metros_that_reach_into_it_from_next_door(client):
    places = section(client.get("/places/new-jersey/"), "areas-within-heading")
    assert "New York-Newark-Jersey City, NY-NJ" in places


def test_a_top_coded_figure_reads_at_least_the_top_code(client):
    local_estimate("15-2051", "san-jose-sunnyvale-santa-clara-ca").update(
        annual_median=239_200,
        annual_median_top_coded=True,
        annual_p75=239_200,
        annual_p75_top_coded=True,
    )
    assert "≥ $239,200 here, $120,230 nationally" in row(client.get(SAN_JOSE), "15-2051")


def test_figures_bls_withholds_read_not_published(client):
    local_estimate("15-2051", "san-jose-sunnyvale-santa-clara-ca").update(
        employment=None, location_quotient=None
    )
    data_scientists = row(client.get(SAN_JOSE), "15-2051")
    assert "$185,080 here" in data_scientists
    assert data_scientists.count("Not published") == 2


def test_a_missing_median_reads_not_published_here(client):
    local_estimate("15-2051", "california").update(
        annual_p25=None, annual_median=None, annual_p75=None
    )
    assert "Not published here, $120,230 nationally" in row(client.get(CALIFORNIA), "15-2051")


def test_an_occupation_less_concentrated_than_nationally_says_so(client):
    # Mathematicians (15-2011) are 0.41 times as concentrated in California as nationally.
    assert "Less concentrated than nationally (0.41×)" in row(client.get(CALIFORNIA), "15-2011")


def test_an_unknown_place_is_not_found_and_the_nation_is_the_official_data_page(client):
    assert client.get("/places/atlantis/").status_code == 404
    assert client.get("/places/%00/").status_code == 404
    response = client.get("/places/us/")
    assert response.status_code == 302 and response["Location"] == "/official-data/"


def test_a_place_without_figures_for_the_guides_occupations_says_so(client):
    Area.objects.create(code="99999", kind=Area.Kind.METROPOLITAN, title="Nowhere, CA", slug="nw")
    response = client.get("/places/nw/")
    assert response.status_code == 200
    assert "BLS publishes no figures in Nowhere, CA" in text(response)


# --- Finding a place ----------------------------------------------------------------


def test_the_list_shows_states_then_metros_with_how_many_do_the_work_there(client):
    response = client.get("/places/")
    html = response.content.decode()
    assert html.index('id="states-heading"') < html.index('id="metros-heading"')
    states = section(response, "states-heading")
    assert 'href="/places/california/"' in states and 'href="/places/puerto-rico/"' in states
    linked = Occupation.objects.linked_to_published_roles()
    california = (
        WageEstimate.objects.local()
        .filter(area__slug="california", occupation__in=linked)
        .aggregate(total=Sum("employment"))["total"]
    )
    assert f'California</a>\n    <span class="count">{california:,} employed' in states
    # Nonmetropolitan areas are found from their state's page, not here.
    assert "nonmetropolitan" not in section(response, "metros-heading")


def test_employment_bls_withholds_somewhere_in_a_place_reads_at_least(client):
    local_estimate("15-2051", "california").update(employment=None)
    states = section(client.get("/places/"), "states-heading")
    assert re.search(r"California</a>\s*<span class=\"count\">at least [\d,]+ employed", states)


def test_the_metros_come_fifty_to_a_page(client):
    response = client.get("/places/")
    metros = section(response, "metros-heading")
    count = Area.objects.local().where_roles_work().metropolitan().count()
    assert metros.count('<li><a href="/places/') == 50
    assert f"{count} metropolitan areas, by name: 1 to 50." in text(response)
    assert 'href="?page=2"' in metros
    second = section(client.get("/places/?page=2"), "metros-heading")
    assert "51 to 100" in second and metros != second


def test_searching_san_jose_finds_the_metro(client):
    response = client.get("/places/", {"q": "SAN jose "})
    assert f'href="{SAN_JOSE}"' in section(response, "metros-heading")
    page = text(response)
    found = "Places matching “SAN jose”: 0 of the states and territories, 1 metropolitan area."
    assert found in page
    assert "No state or territory matches “SAN jose”." in page


def test_a_state_code_finds_the_state_and_every_metro_in_it(client):
    response = client.get("/places/", {"q": "nj"})
    assert 'href="/places/new-jersey/"' in section(response, "states-heading")
    metros = section(response, "metros-heading")
    assert "New York-Newark-Jersey City, NY-NJ" in metros and "Trenton-Princeton, NJ" in metros
    assert "San Jose" not in metros


def test_a_search_that_finds_nothing_says_so_and_offers_every_place(client):
    page = text(client.get("/places/", {"q": "Atlantis"}))
    assert "No place matches “Atlantis”." in page
    assert "see every place" in page


def test_a_search_keeps_its_words_across_pages_of_metros(client):
    response = client.get("/places/", {"q": "ca"})
    assert 'href="?q=ca&amp;page=2"' not in response.content.decode()  # fewer than 50 in CA
    response = client.get("/places/", {"q": "a"})
    assert 'href="?q=a&amp;page=2"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "\x00"}, "Null characters are not allowed."),
        ({"q": "x" * 5000}, "at most 100 characters"),
        ({"q": ["zzz", "san jose"]}, "1 metropolitan area"),  # the last value counts
        ({"q": "São Paulo 🌎"}, "No place matches “São Paulo 🌎”."),
        ({"q": "'; DROP TABLE careers_area; --"}, "No place matches"),
        ({"q": "%_"}, "No place matches"),
        ({"page": "abc"}, "“abc” is not a page number, so here is page 1."),
        ({"page": "-1"}, "There is no page -1"),
        ({"page": "9" * 400}, "here is page 8 of 8"),
    ],
)
def test_odd_input_gets_a_page_with_a_message_never_an_error(client, query, message):
    response = client.get("/places/", query)
    assert response.status_code == 200
    assert message in text(response)
    assert "\x00" not in response.content.decode()


# --- Queries stay few -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/places/", "/places/?q=ca&page=2", CALIFORNIA, SAN_JOSE, "/roles/data-scientist/"]
)
def test_the_places_pages_queries_do_not_grow_with_the_number_of_places(client, url):
    response, before = page_queries(client, url)
    assert response.status_code == 200
    add_metro_areas(600)
    response, after = page_queries(client, url)
    assert response.status_code == 200
    assert after == before


def test_the_places_pages_take_a_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get("/places/")
    # A place page draws its bars on the site's one scale: one aggregate query more.
    with django_assert_max_num_queries(6):
        client.get(CALIFORNIA)
    with django_assert_max_num_queries(6):
        client.get(SAN_JOSE)


# --- Getting there ------------------------------------------------------------------


def test_places_are_in_the_main_navigation(client):
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
    assert '<a href="/places/">Places</a>' in nav
    here = client.get(SAN_JOSE).content.decode()
    assert '<a href="/places/" aria-current="page">Places</a>' in here


def test_the_role_page_links_each_metro_and_state_to_its_place_page(client):
    html = client.get("/roles/data-scientist/").content.decode()
    pay = html.split('id="pay-by-location-heading"')[1].split("</section>")[0]
    assert f'<a href="{SAN_JOSE}">San Jose-Sunnyvale-Santa Clara, CA</a>' in pay
    # The map's California square and its row in the table below it.
    assert re.search(r'<a class="tile-link" href="/places/california/">\s*<title>California:', pay)
    assert '<a href="/places/california/">California</a>' in pay
