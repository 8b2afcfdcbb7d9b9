"""Advisors share pages: links that never break, previews that look right, sitemaps,
spreadsheets and print."""

import csv
import html as html_lib
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest

from careers.models import Area, Credential, Industry, Role, Skill
from tests.helpers import BASE, RECORD_PAGES


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
    [*RECORD_PAGES, "/compare/?roles=data-scientist&roles=data-analyst"],
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
    if url.startswith("/roles/data-scientist/"):
        # A role page shares its own card (tests/pages/test_preview_images.py).
        assert tags["og:image"].startswith(BASE + "/roles/data-scientist/preview.png?v=")
    else:
        assert tags["og:image"] == BASE + "/static/img/preview-card.png"
    assert len(tags["description"]) <= 200
    assert f"<title>{html_lib.escape(tags['og:title'])}" in response.content.decode() or url == "/"


def test_a_role_preview_names_its_salary_range_and_outlook(client):
    tags = head_tags(client.get("/roles/research-scientist/"))
    assert tags["og:title"] == "AI Research Scientist"
    assert (
        "$120,000 – $180,000" in tags["description"] and "+22% (2020–2030)" in tags["description"]
    )
    assert tags["og:type"] == "article"
    # Without the article's figures, the preview gives the official median and leaves
    # out what nobody publishes, rather than say "no figure" twice.
    no_figure = head_tags(client.get("/roles/ai-specialist/"))
    assert "Official median pay: $135,980 a year (BLS)." in no_figure["description"]
    assert "No figure" not in no_figure["description"]
    assert "outlook" not in no_figure["description"]


def test_the_filtered_directory_is_its_own_canonical_page(client):
    tags = head_tags(client.get("/roles/?industry=finance&skill=python&q=&page=2&salary_min=abc"))
    assert tags["canonical"] == BASE + "/roles/?industry=finance&skill=python"


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
            "/places/",
        )
    }
    expected |= {BASE + r.get_absolute_url() for r in Role.objects.published()}
    expected |= {
        BASE + t.get_absolute_url()
        for model in (Skill, Industry, Credential)
        for t in model.objects.all()
    }
    expected |= {BASE + area.get_absolute_url() for area in Area.objects.local().where_roles_work()}
    assert locations == expected
    assert BASE + "/roles/data-analyst/" not in locations
    assert xml.count("<lastmod>") >= Role.objects.published().count()


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and f"Sitemap: {BASE}/sitemap.xml" in body


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
    industries = Industry.objects.filter(roles__slug="data-scientist").order_by("name")
    assert data_scientist["Industries"] == "; ".join(industry.name for industry in industries)
    assert data_scientist["Industries"]


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
    assert "disabled" in button and f'data-copy-link="{BASE}/roles/data-scientist/"' in button
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
