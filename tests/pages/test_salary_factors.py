"""Why pay varies: the article's salary factors as curated records, with only the
figures it gives, shown on one page that every salary figure links to."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.accounts import EDITORS_GROUP
from careers.models import Role, SalaryFactor, Source
from tests.helpers import text

URL = "/salary-factors/"


def factor_sections(response):
    """{slug: the visible text of that factor's entry}."""
    html = response.content.decode()
    return {
        slug: text_of(body)
        for slug, body in re.findall(r'<li class="factor" id="([^"]+)">(.*?)</li>', html, re.S)
    }


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
    for entry in factors.values():
        assert "Source: What Careers Can You Pursue" in entry


def test_factors_the_article_gives_no_figure_for_show_none(client):
    factors = factor_sections(client.get(URL))
    for slug in ("location", "specialisation", "responsibility"):
        assert "Our source gives no figure for this factor." in factors[slug]
        assert not re.search(r"\d", factors[slug].split("Source:")[0]), slug
    for slug in ("industry", "experience"):
        assert "no figure" not in factors[slug]


def test_the_seed_carries_only_the_figures_the_article_gives():
    figures = {
        factor.slug: (factor.figure_low, factor.figure_high, factor.figure_unit)
        for factor in SalaryFactor.objects.all()
    }
    assert figures == {
        "industry": (Decimal("15"), Decimal("25"), "percent"),
        "experience": (Decimal("2"), None, "times"),
        "location": (None, None, ""),
        "specialisation": (None, None, ""),
        "responsibility": (None, None, ""),
    }
    assert SalaryFactor.objects.get(slug="experience").figure_qualifier == "nearly"
    assert set(SalaryFactor.objects.values_list("source__slug", flat=True)) == {
        "ml-careers-article-2026"
    }


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


def test_an_editor_changes_a_factor_and_the_page_shows_it(editor_client, client):
    factor = SalaryFactor.objects.get(slug="location")
    response = editor_client.post(
        reverse("admin:careers_salaryfactor_change", args=[factor.pk]),
        {
            "name": "Location",
            "slug": "location",
            "summary": "Hubs pay more, and the gap is shrinking.",
            "explanation": factor.explanation,
            "source": factor.source_id,
            "position": 3,
            "figure_qualifier": "",
            "figure_low": "",
            "figure_high": "",
            "figure_unit": "",
            "figure_statement": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Hubs pay more, and the gap is shrinking." in text(client.get(URL))
    assert factor.history.count() >= 2  # the seed's entry and the editor's change


def test_editors_may_view_add_and_change_factors_but_not_delete_them():
    codenames = set(
        Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"view_salaryfactor", "add_salaryfactor", "change_salaryfactor"} <= codenames
    assert "delete_salaryfactor" not in codenames
    # Granting these kept what editors could already do.
    assert {"change_role", "change_statistic", "add_skill"} <= codenames


def test_the_admin_lists_factors_with_their_figures(admin_client):
    html = admin_client.get(reverse("admin:careers_salaryfactor_changelist")).content.decode()
    assert "15–25%" in html and "nearly 2\u00d7" in html
    response = admin_client.get(reverse("admin:careers_salaryfactor_changelist"), {"q": "hubs"})
    assert [f.slug for f in response.context["cl"].result_list] == ["location"]


@pytest.mark.parametrize(
    "fields",
    [
        {"figure_unit": "percent"},  # a unit with no figure
        {"figure_low": 10},  # a figure with no unit or statement
        {"figure_low": 30, "figure_high": 20, "figure_unit": "percent", "figure_statement": "x"},
    ],
)
def test_the_database_refuses_a_half_made_figure(fields):
    source = Source.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        SalaryFactor.objects.create(slug="odd", name="Odd", summary="Odd.", source=source, **fields)


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
