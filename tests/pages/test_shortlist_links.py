"""The link an advisor sends: the page a student opens shows each role's official pay
beside the article's, its key skills and credentials; the link is absolute, from the
configured site address, never logged, out of search engines, and can be renewed."""

import logging

import pytest

from careerguide.request_log import KeyValueFormatter, RequestIdFilter
from careers.models import Role, Shortlist
from tests.helpers import make_shortlist, text
from tests.helpers.charts import drawn_bars


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://careers.example.org"
    return settings.SITE_URL


def test_a_student_sees_official_pay_beside_the_articles_with_bars_on_one_scale(client, ada, roles):
    response = client.get(make_shortlist(ada, roles).share_path())
    html = response.content.decode()
    page = text(response)
    # Data scientists' BLS median (May 2025) beside the article's range.
    assert "median $120,230" in page and "$95,000 – $150,000" in page
    with_official = Role.objects.with_official_median().filter(
        pk__in=[role.pk for role in roles], official_median__isnull=False
    )
    assert len(drawn_bars(html, "official")) == with_official.count() > 0
    assert drawn_bars(html, "article")
    scale = Role.objects.site_salary_scale()
    assert f"one scale: ${scale.maximum:,} a year at its right end" in page
    assert "Official BLS pay: 10th to 90th percentile" in page  # the legend names both bars


def test_each_role_shows_its_key_skills_required_credentials_and_a_link_to_its_page(
    client, ada, roles
):
    response = client.get(make_shortlist(ada, roles).share_path())
    page = text(response)
    for role in Role.objects.for_detail().filter(pk__in=[r.pk for r in roles]):
        item = page.split(role.title, 1)[1]
        for skill in role.core_skills:
            assert skill.name in item
        for credential in role.required_credentials:
            assert credential.name in item
        assert f'href="{role.get_absolute_url()}">Everything about {role.title}</a>' in (
            response.content.decode()
        )
    assert "Key skills" in page and "Required credentials" in page


def test_the_link_preview_names_the_list_and_how_many_roles_the_advisor_chose(
    client, ada, roles, site_url
):
    shortlist = make_shortlist(ada, roles, title="Year 12 computing")
    html = client.get(shortlist.share_path()).content.decode()
    assert '<meta property="og:title" content="Year 12 computing">' in html
    assert '<meta property="og:description" content="2 roles chosen by your advisor">' in html
    assert f'<meta property="og:url" content="{site_url}{shortlist.share_path()}">' in html


def test_the_shared_link_comes_from_the_site_setting_not_the_requests_host(
    client, ada, site_url, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    shortlist = make_shortlist(ada)
    assert shortlist.share_url() == f"{site_url}/shortlists/{shortlist.token}/"
    html = client.get(shortlist.share_path(), HTTP_HOST="evil.example").content.decode()
    assert "evil.example/shortlists" not in html
    assert f'href="{site_url}/shortlists/{shortlist.token}/"' in html


def test_links_are_unguessable_and_differ_from_list_to_list(ada):
    tokens = {make_shortlist(ada).token for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(token) >= 22 for token in tokens)


def test_renewing_the_link_revokes_the_old_one_which_then_gives_404(client, ada, roles):
    shortlist = make_shortlist(ada, roles, title="Year 12 computing")
    old = shortlist.share_path()
    shortlist.renew_link()
    assert client.get(old).status_code == 404
    fresh = Shortlist.objects.get(pk=shortlist.pk)
    assert fresh.share_path() != old
    response = client.get(fresh.share_path())
    assert response.status_code == 200 and "Year 12 computing" in text(response)
    # Kept in the list's history, like every other change to it.
    assert fresh.history.count() == 2


def test_shared_lists_stay_out_of_the_sitemap_and_search_results(client, ada):
    shortlist = make_shortlist(ada)
    assert "/shortlists/" not in client.get("/sitemap.xml").content.decode()
    response = client.get(shortlist.share_path())
    assert response["X-Robots-Tag"] == "noindex"


def written_lines(records):
    """The log lines as the console handler writes them."""
    lines = []
    for record in records:
        RequestIdFilter().filter(record)
        lines.append(KeyValueFormatter().format(record))
    return "\n".join(lines)


def test_the_token_never_reaches_the_logs_on_a_visit_or_a_revoked_link(client, ada, caplog):
    shortlist = make_shortlist(ada)
    old_token = shortlist.token
    with caplog.at_level(logging.INFO):
        client.get(shortlist.share_path())
        shortlist.renew_link()
        assert client.get(f"/shortlists/{old_token}/").status_code == 404
        client.get(shortlist.share_path())
    logged = written_lines(caplog.records)
    assert "path=/shortlists/[token]/ status=200" in logged
    assert "path=/shortlists/[token]/ status=404" in logged
    assert "Not Found: /shortlists/[token]/" in logged
    assert old_token not in logged and shortlist.token not in logged
