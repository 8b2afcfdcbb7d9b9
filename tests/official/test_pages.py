"""Students see BLS's official wage figures beside the article's ranges: on role pages,
in comparisons, in the directory, in structured data, and on one page of their own."""

import csv
import datetime
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import (
    Area,
    NaicsIndustry,
    Occupation,
    Role,
    RoleOccupation,
    WageEstimate,
    WageRelease,
)
from tests.helpers import cards, json_ld, text
from tests.helpers.charts import axis_labels, drawn_bars, units


def official_bars(html):
    return drawn_bars(html, "official")


def official_section(response):
    """The role page's official figures, as visible text."""
    section = text(response).split("Official U.S. pay figures")[1]
    return section.split("About the role")[0].split("Pay by location")[0]


def official_html(html):
    """The role page's official figures section, as markup (pay by industry, further
    down, draws bars on a scale of its own)."""
    return html.split('id="official-heading"')[1].split("</section>")[0]


def link(role_slug, code, note="Closest official occupation.", position=5):
    return RoleOccupation.objects.create(
        role=Role.objects.get(slug=role_slug),
        occupation=Occupation.objects.get_or_create(code=code, defaults={"title": code})[0],
        note=note,
        position=position,
    )


def add_release(name, month, published, **figures):
    """Another release with one estimate for data scientists (15-2051)."""
    release = WageRelease.objects.create(
        name=name,
        reference_month=month,
        published=published,
        source=WageRelease.objects.get(name="May 2025").source,
        hourly_top_code="115.00",
    )
    WageEstimate.objects.create(
        release=release,
        occupation=Occupation.objects.get(code="15-2051"),
        area=Area.objects.get(kind=Area.Kind.NATIONAL),
        industry=NaicsIndustry.objects.get(naics="000000", ownership="1235"),
        **figures,
    )
    return release


# --- The role page --------------------------------------------------------------------


def test_the_data_scientist_page_shows_blss_distribution_beside_the_articles_range(client):
    response = client.get("/roles/data-scientist/")
    section = official_section(response)
    assert "Data Scientists (SOC 15-2051)" in section
    assert "The official occupation for this role." in section
    for label, figure in [
        ("10th percentile", "$67,240"),
        ("25th percentile", "$85,660"),
        ("median", "$120,230"),
        ("75th percentile", "$158,880"),
        ("90th percentile", "$199,130"),
        ("Hourly median", "$57.80 an hour"),
        ("Employed", "262,440"),
    ]:
        assert f"{label} {figure}" in section
    # The release and its source are named and linked.
    assert "May 2025 estimates for the whole U.S., all industries, published 15 May 2026" in section
    html = response.content.decode()
    assert 'href="https://www.bls.gov/oes/tables.htm"' in html
    assert 'datetime="2026-05-15"' in html
    # The article's range is still there, before the official figures.
    assert text(response).index("$95,000 – $150,000") < text(response).index("$67,240")


def test_the_official_bar_shares_the_article_bars_scale(client):
    html = client.get("/roles/data-scientist/").content.decode()
    (bar,) = official_bars(official_html(html))
    scale = Role.objects.published().salary_scale().maximum  # $300,000
    assert bar.start == units(67_240, scale) and bar.end == units(199_130, scale)
    assert bar.median == units(120_230, scale)
    assert 'aria-hidden="true"' in bar.svg
    assert not bar.open_end  # no top-coded end
    assert axis_labels(official_html(html)) == [["$0", "$100k", "$200k", "$300k"]]
    assert f"one scale: ${scale:,} a year at its right end" in html


def test_a_role_with_two_official_occupations_shows_both_in_the_editors_order(client):
    section = official_section(client.get("/roles/machine-learning-engineer/"))
    assert section.index("Software Developers (SOC 15-1252)") < section.index(
        "Data Scientists (SOC 15-2051)"
    )
    assert "$135,980" in section and "$120,230" in section
    assert "Also close: the modeling half of the job is data science." in section


def test_a_top_coded_figure_reads_or_more_and_is_never_shown_as_exact(client):
    link("data-scientist", "11-1011", note="A test link to the chief executives.")
    response = client.get("/roles/data-scientist/")
    section = official_section(response)
    chiefs = section.split("Chief Executives")[1]
    assert "75th percentile $239,200 or more" in chiefs
    assert "90th percentile $239,200 or more" in chiefs
    assert not re.search(r"\$239,200(?! or more)", chiefs)
    bars = official_bars(official_html(response.content.decode()))
    assert len(bars) == 2 and bars[1].open_end and not bars[0].open_end
    # Structured data cannot say "or more", so it leaves those percentiles out.
    (chief_salary,) = [
        salary for salary in json_ld(response)["estimatedSalary"] if "11-1011" in salary["name"]
    ]
    assert chief_salary["median"] == 213_990
    assert "percentile75" not in chief_salary and "percentile90" not in chief_salary


def test_hourly_only_and_annual_only_occupations_say_what_bls_publishes(client):
    link("data-scientist", "27-2011", note="Actors: hourly wages only.")
    link("data-scientist", "11-9032", note="School administrators: annual wages only.")
    section = official_section(client.get("/roles/data-scientist/"))
    actors = section.split("Actors (SOC 27-2011)")[1].split("Bars draw")[0]
    assert "Hourly median $29.05 an hour" in actors
    assert "only hourly wages" in actors and "percentile" not in actors
    assert "$60,320" not in actors  # never turned into an annual figure
    administrators = section.split("(SOC 11-9032)")[1]
    assert "median $105,870" in administrators
    assert "Hourly median Not available" in administrators
    assert "only annual wages" in administrators
    # Structured data gives no annual distribution for the actors, only their code.
    data = json_ld(client.get("/roles/data-scientist/"))
    assert not [salary for salary in data["estimatedSalary"] if "27-2011" in salary["name"]]
    assert "27-2011" in [category["codeValue"] for category in data["occupationalCategory"]]


def test_the_newest_release_is_shown_and_older_ones_stay(client):
    add_release(
        "May 2024", datetime.date(2024, 5, 1), datetime.date(2025, 4, 2), annual_median=110_000
    )
    section = official_section(client.get("/roles/data-scientist/"))
    assert "$120,230" in section and "$110,000" not in section
    add_release(
        "May 2026",
        datetime.date(2026, 5, 1),
        datetime.date(2026, 11, 1),
        annual_median=130_000,
        annual_p10=70_000,
        annual_p90=210_000,
    )
    section = official_section(client.get("/roles/data-scientist/"))
    assert "median $130,000" in section and "May 2026 estimates" in section
    assert "25th percentile Not available" in section
    assert WageEstimate.objects.national().filter(occupation__code="15-2051").count() == 3


def test_an_editors_correction_to_a_release_shows_in_every_table_of_the_role_page(client):
    client.get("/roles/data-scientist/")  # the releases are kept until the next change
    release = WageRelease.objects.get(name="May 2025")
    release.published = datetime.date(2026, 4, 30)
    release.save()
    release.source.title = "Occupational Employment and Wage Statistics (corrected)"
    release.source.save()
    page = text(client.get("/roles/data-scientist/"))
    assert "15 May 2026" not in page
    assert "May 2025 estimates for the whole U.S., all industries, published 30 April 2026" in page
    assert "by state and metropolitan area, all industries (published 30 April 2026 )" in page
    assert "national estimates by industry (published 30 April 2026 )" in page
    assert "Occupational Employment and Wage Statistics (corrected)" in page


def test_a_role_without_an_official_occupation_or_without_figures_says_so(client):
    assert "No official occupation fits this role" in official_section(
        client.get("/roles/ai-ethicist/")
    )
    Occupation.objects.create(code="15-1255", title="Web and Digital Interface Designers")
    link("hci-specialist", "15-1255", note="Closest official occupation.")
    section = official_section(client.get("/roles/hci-specialist/"))
    assert "Web and Digital Interface Designers (SOC 15-1255)" in section
    assert "not loaded yet" in section


def test_role_page_structured_data_carries_the_official_percentiles_and_soc_codes(client):
    data = json_ld(client.get("/roles/data-scientist/"))
    article, official = data["estimatedSalary"]
    assert (article["minValue"], article["maxValue"]) == (95_000, 150_000)
    assert official == {
        "@type": "MonetaryAmountDistribution",
        "name": "Data Scientists (SOC 15-2051): BLS OEWS May 2025, United States, annual wage",
        "currency": "USD",
        "duration": "P1Y",
        "percentile10": 67_240,
        "percentile25": 85_660,
        "median": 120_230,
        "percentile75": 158_880,
        "percentile90": 199_130,
    }
    (category,) = data["occupationalCategory"]
    assert category["codeValue"] == "15-2051" and category["name"] == "Data Scientists"
    assert category["inCodeSet"]["name"] == "Standard Occupational Classification (SOC)"


def test_role_page_queries_do_not_grow_with_official_occupations_or_releases(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/roles/data-scientist/").status_code == 200
        return len(captured)

    few = queries()
    for code in ("15-1252", "15-2041", "15-2031", "11-1011", "27-2011"):
        link("data-scientist", code)
    add_release("May 2024", datetime.date(2024, 5, 1), datetime.date(2025, 4, 2))
    assert queries() == few


# --- Comparing roles ------------------------------------------------------------------


def test_the_compare_page_sets_each_roles_official_figures_side_by_side(client):
    response = client.get(
        "/compare/", {"roles": ["data-scientist", "machine-learning-engineer", "ai-ethicist"]}
    )
    page = text(response)
    row = page.split("Official pay (BLS, US$ a year)")[1].split("Job-outlook growth")[0]
    assert "Data Scientists (SOC 15-2051) Median $120,230 ; the middle 80% earn $67,240 to" in row
    assert "Software Developers (SOC 15-1252) Median $135,980" in row
    assert "No official occupation fits this role." in row
    assert len(official_bars(response.content.decode())) == 3  # 1 + 2 + 0


def test_compare_queries_do_not_grow_with_official_occupations(client):
    roles = {"roles": ["data-scientist", "research-scientist"]}
    with CaptureQueriesContext(connection) as before:
        client.get("/compare/", roles)
    for code in ("15-1252", "15-2041", "11-1011"):
        link("research-scientist", code)
    with CaptureQueriesContext(connection) as after:
        client.get("/compare/", roles)
    assert len(after) == len(before)


# --- The directory --------------------------------------------------------------------


def directory_slugs(client, query):
    response = client.get("/roles/", {**query, "page": 1})
    assert response.status_code == 200
    return [role.slug for role in response.context["page"].object_list]


def test_the_directory_sorts_by_official_median_with_roles_without_one_last(client, settings):
    settings.ROLES_PER_PAGE = 50
    highest_first = directory_slugs(client, {"sort": "official-median-high"})
    assert highest_first[:2] == ["product-manager", "research-scientist"]
    assert set(highest_first[-2:]) == {"ai-ethicist", "hci-specialist"}
    medians = [
        Role.objects.with_official_median().get(slug=s).official_median for s in highest_first
    ]
    known = [median for median in medians if median is not None]
    assert known == sorted(known, reverse=True)
    lowest_first = directory_slugs(client, {"sort": "official-median-low"})
    assert lowest_first[0] == "bioinformatics-scientist"  # biological scientists, $98,920
    assert set(lowest_first[-2:]) == {"ai-ethicist", "hci-specialist"}


def test_the_directory_filters_by_official_median(client, settings):
    settings.ROLES_PER_PAGE = 50
    slugs = directory_slugs(client, {"official_median_min": "130000"})
    assert set(slugs) == {
        "product-manager",  # $175,140
        "research-scientist",  # $140,300
        "machine-learning-engineer",  # software developers, $135,980
        "ai-software-developer",
        "ai-specialist",
        "computer-vision-engineer",
    }
    response = client.get("/roles/", {"official_median_min": "130000"})
    assert "Remove filter Official median at least: $130,000" in text(response)


@pytest.mark.parametrize(
    "value", ["abc", "-5", "1e5", "12.5", str(10**30), "130000; DROP TABLE", "\x00"]
)
def test_a_bad_official_median_is_a_form_error_and_the_other_filters_still_apply(client, value):
    response = client.get("/roles/", {"official_median_min": value, "track": "interdisciplinary"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["official_median_min"]
    assert "Some filters could not be used" in text(response)
    assert {role.track for role in response.context["page"].object_list} == {"interdisciplinary"}


def test_repeated_or_empty_official_median_parameters_are_handled(client, settings):
    settings.ROLES_PER_PAGE = 50
    assert len(directory_slugs(client, {"official_median_min": ""})) == Role.objects.count()
    response = client.get("/roles/?official_median_min=200000&official_median_min=100000")
    assert response.status_code == 200  # the last value counts, as for every filter
    assert len(response.context["page"].object_list) > 0


def test_directory_cards_show_the_official_median_and_its_occupation(client, settings):
    settings.ROLES_PER_PAGE = 50
    shown = cards(client.get("/roles/").content.decode())
    scientist = " ".join(re.sub(r"<[^>]+>", " ", shown["Data Scientist"]).split())
    assert "BLS: $67,240 to $199,130, median $120,230 (Data Scientists)" in scientist
    (bar,) = official_bars(shown["Data Scientist"])
    assert (bar.start, bar.end, bar.median) == (units(67_240), units(199_130), units(120_230))
    # A role without an official occupation draws no official bar and claims no figure.
    assert official_bars(shown["AI Ethicist"]) == [] and "BLS" not in shown["AI Ethicist"]


def test_the_directory_export_carries_the_official_median(client):
    response = client.get("/roles/export.csv", {"sort": "official-median-high"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["Role"] == "Product Manager (AI products)"
    assert rows[0]["Official median (US$, BLS)"] == "175140"
    assert rows[0]["Official occupation"] == "Computer and Information Systems Managers"
    assert rows[-1]["Official median (US$, BLS)"] == ""


def test_directory_and_export_queries_do_not_grow_with_official_data(client, make_role):
    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"sort": "official-median-high"}).status_code == 200
        return len(captured)

    before = count("/roles/"), count("/roles/export.csv")
    for index in range(30):
        role = make_role(title=f"Extra role {index}")
        RoleOccupation.objects.create(
            role=role, occupation=Occupation.objects.get(code="15-2051"), note="Close."
        )
    assert (count("/roles/"), count("/roles/export.csv")) == before


# --- The official data page -----------------------------------------------------------


def test_the_official_data_page_lists_every_linked_occupation_with_its_latest_figures(client):
    response = client.get("/official-data/")
    assert response.status_code == 200
    html = response.content.decode()
    linked = Occupation.objects.filter(role_links__isnull=False).distinct()
    rows = re.findall(r'<tr id="soc-([\d-]+)">', html)
    assert rows == sorted(occupation.code for occupation in linked)
    assert "11-1011" not in rows and "27-2011" not in rows  # in the file, linked to no role
    data_scientists = text_of_row(html, "15-2051")
    assert data_scientists == (
        "Data Scientists SOC 15-2051 AI Software Developer, AI Specialist, Business Intelligence "
        "Analyst, Data Scientist and Machine Learning Engineer $67,240 $85,660 $120,230 $158,880 "
        "$199,130 $57.80 262,440"
    )
    page = text(response)
    assert "May 2025 estimates, published on 15 May 2026" in page
    assert "$239,200 a year ($115.00 an hour)" in page


def text_of_row(html, code):
    row = html.split(f'<tr id="soc-{code}">')[1].split("</tr>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip().replace(" ,", ",")


def test_the_official_data_page_shows_only_published_roles(client):
    Role.objects.filter(slug="product-manager").update(is_published=False)
    html = client.get("/official-data/").content.decode()
    assert 'id="soc-11-3021"' not in html  # linked to the product manager only
    assert "/roles/product-manager/" not in html


def test_the_official_data_page_says_when_nothing_is_imported(client):
    WageEstimate.objects.all().delete()
    WageRelease.objects.all().delete()
    assert "No official figures have been imported yet." in text(client.get("/official-data/"))


def test_the_official_data_page_runs_a_fixed_number_of_queries(client):
    with CaptureQueriesContext(connection) as before:
        client.get("/official-data/")
    for code in ("11-1011", "27-2011", "11-9032"):
        link("data-scientist", code)
    add_release("May 2024", datetime.date(2024, 5, 1), datetime.date(2025, 4, 2))
    with CaptureQueriesContext(connection) as after:
        response = client.get("/official-data/")
    assert len(after) == len(before) <= 6
    assert 'id="soc-11-1011"' in response.content.decode()


def test_official_figures_are_linked_from_the_footer_and_the_sitemap(client):
    assert 'href="/official-data/"' in client.get("/").content.decode()
    assert "/official-data/</loc>" in client.get("/sitemap.xml").content.decode()


def test_structured_data_is_valid_json_for_every_linked_role(client):
    for role in Role.objects.filter(occupation_links__isnull=False).distinct():
        data = json_ld(client.get(role.get_absolute_url()))
        assert json.dumps(data)
        assert data["occupationalCategory"]
