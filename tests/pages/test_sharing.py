"""Advisors share pages: links that never break, previews that look right,
structured data, sitemaps, comparisons, spreadsheets and print."""

import csv
import html as html_lib
import io
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Credential, Industry, Role, RoleSkill, Skill
from careers.structured_data import occupation
from tests.helpers import json_ld

BASE = "http://testserver"


def head_tags(response):
    """{property or name: content} for the page's meta tags, plus the canonical link."""
    html = response.content.decode()
    tags = {
        key: html_lib.unescape(value)
        for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html)
    }
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    tags["canonical"] = html_lib.unescape(canonical.group(1)) if canonical else None
    return tags


# --- Links that never break ---------------------------------------------------


def rename(obj, new_slug):
    obj.slug = new_slug
    obj.save()


def test_an_old_role_link_redirects_permanently_after_a_rename(client):
    role = Role.objects.get(slug="data-scientist")
    rename(role, "data-scientist-ml")
    response = client.get("/roles/data-scientist/")
    assert response.status_code == 301
    assert response["Location"] == "/roles/data-scientist-ml/"
    assert client.get("/roles/data-scientist-ml/").status_code == 200


def test_renamed_twice_the_first_link_still_lands_on_the_page(client):
    role = Role.objects.get(slug="data-analyst")
    rename(role, "data-analyst-2")
    rename(Role.objects.get(pk=role.pk), "junior-data-analyst")
    assert client.get("/roles/data-analyst/")["Location"] == "/roles/junior-data-analyst/"


@pytest.mark.parametrize(
    ("model", "slug", "prefix"),
    [
        (Skill, "python", "/skills/"),
        (Industry, "finance", "/industries/"),
        (Credential, "doctorate", "/credentials/"),
    ],
)
def test_old_skill_industry_and_credential_links_redirect_too(client, model, slug, prefix):
    rename(model.objects.get(slug=slug), f"{slug}-renamed")
    response = client.get(f"{prefix}{slug}/")
    assert (response.status_code, response["Location"]) == (301, f"{prefix}{slug}-renamed/")


def test_a_current_slug_wins_over_a_former_one_and_unpublished_roles_do_not_redirect(
    client, make_role
):
    role = Role.objects.get(slug="data-analyst")
    rename(role, "analyst")
    newcomer = make_role(slug="data-analyst", title="A new data analyst role")
    assert client.get("/roles/data-analyst/").context["role"] == newcomer
    Role.objects.filter(slug="analyst").update(is_published=False)
    rename(Role.objects.get(slug="research-scientist"), "researcher")
    Role.objects.filter(slug="researcher").update(is_published=False)
    assert client.get("/roles/research-scientist/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/roles/",
        "/roles/data-scientist/",
        "/skills/",
        "/skills/python/",
        "/industries/",
        "/industries/finance/",
        "/credentials/",
        "/credentials/doctorate/",
        "/compare/?roles=data-scientist&roles=data-analyst",
    ],
)
def test_every_page_declares_its_canonical_url_and_preview_tags(client, url):
    response = client.get(url)
    tags = head_tags(response)
    assert tags["canonical"].startswith(BASE + url.split("?")[0])
    for key in (
        "description",
        "og:title",
        "og:description",
        "og:url",
        "og:site_name",
        "og:image",
        "og:type",
        "twitter:card",
        "twitter:image",
    ):
        assert tags.get(key), (url, key)
    assert tags["og:url"] == tags["canonical"]
    assert tags["og:site_name"] == "ML Career Guide"
    assert tags["og:image"].startswith(BASE + "/static/") and tags["og:image"].endswith(".png")
    assert len(tags["description"]) <= 200
    assert f"<title>{html_lib.escape(tags['og:title'])}" in response.content.decode() or url == "/"


def test_a_role_preview_names_its_salary_range_and_outlook(client):
    tags = head_tags(client.get("/roles/research-scientist/"))
    assert tags["og:title"] == "AI Research Scientist"
    assert (
        "$120,000 – $180,000" in tags["description"] and "+22% (2020–2030)" in tags["description"]
    )
    assert tags["og:type"] == "article"
    no_figure = head_tags(client.get("/roles/ai-specialist/"))
    assert "Salary: No figure yet" in no_figure["description"]


def test_the_filtered_directory_is_its_own_canonical_page(client):
    tags = head_tags(client.get("/roles/?industry=finance&skill=python&q=&page=2&salary_min=abc"))
    assert tags["canonical"] == BASE + "/roles/?industry=finance&skill=python"


# --- Structured data ----------------------------------------------------------


def test_role_pages_embed_occupation_data_that_matches_the_database(client):
    role = Role.objects.for_detail().get(slug="machine-learning-engineer")
    data = json_ld(client.get(role.get_absolute_url()))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Occupation"
    assert data["name"] == role.title and data["description"] == role.summary
    salary = data["estimatedSalary"][0]
    assert salary["@type"] == "MonetaryAmountDistribution"
    assert (salary["currency"], salary["duration"]) == ("USD", "P1Y")
    assert (salary["minValue"], salary["maxValue"]) == (110_000, 160_000)
    assert "median" not in salary  # the article gives none
    assert [c["name"] for c in data["educationRequirements"]] == [
        c.name for c in role.required_credentials
    ]
    assert [c["name"] for c in data["qualifications"]] == [
        c.name for c in role.preferred_credentials
    ]
    assert data["educationRequirements"][0]["credentialCategory"] == "degree"
    assert set(data["skills"]) == set(role.skills.values_list("name", flat=True))
    assert set(data["industry"]) == set(role.industries.values_list("name", flat=True))
    assert data["mainEntityOfPage"]["@id"] == BASE + role.get_absolute_url()
    assert data["mainEntityOfPage"]["lastReviewed"] == role.figures_updated_at.date().isoformat()


def assert_nothing_empty(value, path="$"):
    assert value not in (None, "", [], {}), path
    if isinstance(value, dict):
        for key, item in value.items():
            assert_nothing_empty(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_nothing_empty(item, f"{path}[{index}]")


@pytest.mark.parametrize(
    "slug",
    ["ai-specialist", "ai-ethicist", "research-scientist", "product-manager", "data-analyst"],
)
def test_no_structured_data_field_is_ever_empty(client, slug):
    data = json_ld(client.get(f"/roles/{slug}/"))
    assert_nothing_empty(data)
    if slug == "ai-ethicist":  # no figure from the article, no official occupation
        assert "estimatedSalary" not in data
        assert "occupationalCategory" not in data


def test_structured_data_cannot_break_out_of_its_script_element(client):
    Role.objects.filter(slug="data-analyst").update(
        summary="</script><script>alert(1)</script> & more"
    )
    html = client.get("/roles/data-analyst/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and json.loads(block)["description"].startswith("</script>")


def test_occupation_data_is_built_from_the_prefetched_role_without_queries(
    django_assert_num_queries,
):
    role = Role.objects.for_detail().get(slug="data-scientist")
    with django_assert_num_queries(0):
        occupation(role, BASE + role.get_absolute_url())


# --- Sitemap and robots -------------------------------------------------------


def test_the_sitemap_lists_every_public_page_with_dates_and_no_unpublished_one(client):
    Role.objects.filter(slug="data-analyst").update(is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    expected = {
        BASE + path
        for path in (
            "/",
            "/roles/",
            "/match/",
            "/paths/",
            "/skills/",
            "/industries/",
            "/credentials/",
            "/salary-factors/",
            "/guide/",
            "/guide/figures/",
            "/official-data/",
        )
    }
    expected |= {BASE + r.get_absolute_url() for r in Role.objects.published()}
    expected |= {
        BASE + t.get_absolute_url()
        for model in (Skill, Industry, Credential)
        for t in model.objects.all()
    }
    assert locations == expected
    assert BASE + "/roles/data-analyst/" not in locations
    assert xml.count("<lastmod>") >= Role.objects.published().count()


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and f"Sitemap: {BASE}/sitemap.xml" in body


# --- Compare side by side -------------------------------------------------------


def compared(response):
    comparison = response.context["comparison"]
    return [role.slug for role in comparison.roles] if comparison else None


def test_two_roles_side_by_side_with_shared_skills_marked(client):
    response = client.get("/compare/", {"roles": ["machine-learning-engineer", "data-scientist"]})
    assert compared(response) == ["machine-learning-engineer", "data-scientist"]
    html = response.content.decode()
    assert "$110,000 – $160,000" in html and "$95,000 – $150,000" in html
    shared = set(
        RoleSkill.objects.filter(role__slug="machine-learning-engineer").values_list(
            "skill__name", flat=True
        )
    ) & set(
        RoleSkill.objects.filter(role__slug="data-scientist").values_list("skill__name", flat=True)
    )
    assert shared
    marker = '<span class="visually-hidden"> (shared by all)</span>'
    for name in shared:
        assert f"<strong>{html_lib.escape(name)}</strong>{marker}" in html
    for row in (
        "Salary (US$ a year)",
        "Job-outlook growth",
        "Minimum education",
        "Career stage",
        "Track",
        "Credentials",
        "Industries",
    ):
        assert f'<th scope="row">{row}' in html


def test_four_roles_compare_and_five_are_refused_with_a_message(client):
    four = ["data-analyst", "data-scientist", "ai-specialist", "research-scientist"]
    assert compared(client.get("/compare/", {"roles": four})) == four
    response = client.get("/compare/", {"roles": [*four, "ai-ethicist"]})
    assert response.status_code == 200
    assert compared(response) is None
    assert "You can compare up to 4 roles at once; you chose 5." in response.content.decode()


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        (["data-scientist", "astronaut"], "We have no published role “astronaut”"),
        (["data-scientist"], "Choose at least 2 different roles to compare."),
        (["data-scientist", "data-scientist"], "Choose at least 2 different roles to compare."),
        (["", ""], "Choose at least 2 roles to compare."),
        (["<script>", "%00"], "We have no published role"),
    ],
)
def test_bad_comparisons_explain_themselves_instead_of_failing(client, roles, message):
    response = client.get("/compare/", {"roles": roles})
    assert response.status_code == 200
    assert message in html_lib.unescape(response.content.decode())
    assert compared(response) is None


def test_a_repeated_role_counts_once(client):
    response = client.get("/compare/?roles=data-scientist&roles=data-analyst&roles=data-scientist")
    assert compared(response) == ["data-scientist", "data-analyst"]


def test_the_compare_page_without_roles_offers_a_picker_that_works_without_javascript(client):
    html = client.get("/compare/").content.decode()
    assert '<form method="get" action="/compare/"' in html
    assert html.count('name="roles"') == Role.objects.published().count()


def test_compare_links_from_the_directory_and_the_role_page(client):
    directory = client.get("/roles/").content.decode()
    assert '<form method="get" action="/compare/" class="compare-form"' in directory
    assert 'name="roles" value="data-scientist"' in directory
    assert (
        'href="/compare/?roles=data-scientist"'
        in client.get("/roles/data-scientist/").content.decode()
    )


def test_compare_queries_do_not_grow_with_the_number_of_roles(client):
    def queries(roles):
        with CaptureQueriesContext(connection) as captured:
            client.get("/compare/", {"roles": roles})
        return len(captured)

    assert queries(["data-analyst", "data-scientist"]) == queries(
        ["data-analyst", "data-scientist", "ai-specialist", "research-scientist"]
    )


# --- Export ---------------------------------------------------------------------


def export_rows(client, query=""):
    response = client.get("/roles/export.csv" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_export_honours_the_directory_filters(client):
    rows = export_rows(client, "?industry=finance&sort=salary-high")
    expected = Role.objects.filter(industries__slug="finance").count()
    assert len(rows) == expected
    assert {row["Role"] for row in rows} == set(
        Role.objects.filter(industries__slug="finance").values_list("title", flat=True)
    )
    assert len(export_rows(client)) == Role.objects.published().count()
    data_scientist = next(row for row in export_rows(client) if row["Role"] == "Data Scientist")
    assert (data_scientist["Salary low (US$)"], data_scientist["Salary high (US$)"]) == (
        "95000",
        "150000",
    )
    assert data_scientist["Page"] == BASE + "/roles/data-scientist/"


def test_the_directory_links_to_the_export_with_its_filters(client):
    html = client.get("/roles/?industry=finance&page=1").content.decode()
    assert 'href="/roles/export.csv?industry=finance" download' in html


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_exported_text_cannot_run_as_a_spreadsheet_formula(client, make_role, start):
    make_role(title=f'{start}HYPERLINK("http://evil.example","x")', summary="s")
    rows = export_rows(client, "?q=HYPERLINK")
    assert rows[0]["Role"] == f'\'{start}HYPERLINK("http://evil.example","x")'


# --- Sharing and print ----------------------------------------------------------


def test_an_email_link_carries_the_title_and_address_and_the_copy_button_waits_for_javascript(
    client,
):
    html = client.get("/roles/data-scientist/").content.decode()
    mailto = html_lib.unescape(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    query = parse_qs(urlparse(mailto).query)
    assert query["subject"] == ["Data Scientist"]
    assert query["body"] == ["Data Scientist\n" + BASE + "/roles/data-scientist/"]
    button = re.search(r"<button[^>]*data-copy-link[^>]*>", html).group(0)
    assert "hidden" in button and f'data-copy-link="{BASE}/roles/data-scientist/"' in button
    assert '<script src="/static/js/share.js" defer></script>' in html


def test_printed_pages_show_their_address_and_hide_navigation(client, settings):
    html = client.get("/roles/data-scientist/").content.decode()
    assert (
        f'<p class="print-only print-address">This page: {BASE}/roles/data-scientist/</p>' in html
    )
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    print_rules = css[css.index("@media print") :]
    hidden = print_rules[: print_rules.index("{ display: none !important; }")]
    for selector in (".site-header", ".site-footer", ".page-actions", ".filters", "button"):
        assert selector in hidden, selector
    assert ".print-only { display: block; }" in print_rules
