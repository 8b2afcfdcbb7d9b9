"""Every page type shows what a student came for, in a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import (
    CareerStep,
    Credential,
    Industry,
    Role,
    RoleCredential,
    RoleSkill,
    Skill,
    Statistic,
)
from tests.helpers import text


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


def test_home_offers_entry_points_by_stage_and_track_and_a_search_box(client):
    html = client.get("/").content.decode()
    for stage in Role.Stage.values:
        assert f'href="/roles/?stage={stage}"' in html
    for track in Role.Track.values:
        assert f'href="/roles/?track={track}"' in html
    assert re.search(r'<form[^>]*action="/search/"[^>]*role="search"', html)
    assert '<label for="home-search">' in html
    entry = Role.objects.filter(stage="entry").count()
    assert f"{entry} roles" in text(client.get("/"))


def test_role_page_shows_figures_with_source_and_everything_about_the_role(client):
    response = client.get("/roles/machine-learning-engineer/")
    assert response.status_code == 200
    page = text(response)
    role = Role.objects.get(slug="machine-learning-engineer")
    assert "<h1>Machine Learning Engineer</h1>" in response.content.decode()
    assert "$110,000 – $160,000" in page
    assert "What Careers Can You Pursue With a Machine Learning Degree?" in page
    assert "Entry level" in page and "Core machine learning & data" in page
    assert "Bachelor’s degree" in page
    for role_skill in role.role_skills.select_related("skill"):
        assert role_skill.skill.name in page
    for industry in role.industries.all():
        assert industry.name in page
    for step in role.steps_out.select_related("to_role"):
        assert step.to_role.title in page
    for step in role.steps_in.select_related("from_role"):
        assert step.from_role.title in page


def test_role_page_groups_skills_by_importance_and_credentials_by_requirement(client):
    role = Role.objects.get(slug="ai-ethicist")
    page = client.get(role.get_absolute_url()).content.decode()
    html = page[page.index("<main") :]  # the head's structured data names them too
    core = html.index("<h3>Core</h3>")
    assert "<h3>Required</h3>" in html and "<h3>Preferred</h3>" in html
    required = html.index("<h3>Required</h3>")
    preferred = html.index("<h3>Preferred</h3>")
    required_credentials = Credential.objects.filter(
        role_credentials__role=role,
        role_credentials__requirement=RoleCredential.Requirement.REQUIRED,
    )
    for credential in required_credentials:
        assert required < html.index(credential.name) < preferred
    assert core < required


def test_a_role_without_figures_says_so(client):
    page = text(client.get("/roles/ai-specialist/"))
    assert "No figure yet" in page
    figures = page.split("Pay and outlook")[1].split("Official U.S. pay figures")[0]
    assert not re.search(r"\$\d", figures)
    assert figures.count("No figure yet") == 2
    # A role with no official occupation says that too.
    official = text(client.get("/roles/ai-ethicist/")).split("Official U.S. pay figures")[1]
    assert "No official occupation fits this role" in official.split("About the role")[0]


def test_outlook_figure_shows_with_its_period(client):
    page = text(client.get("/roles/research-scientist/"))
    assert "+22% over 2020–2030" in page


def test_a_later_step_shows_how_long_it_typically_takes(client):
    page = text(client.get("/roles/data-analyst/"))
    assert "Promotion, typically within 5 years" in page


def test_unknown_or_unpublished_roles_get_the_styled_404(client):
    response = client.get("/roles/no-such-role/")
    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert 'href="/roles/"' in response.content.decode()
    Role.objects.filter(slug="data-analyst").update(is_published=False)
    assert client.get("/roles/data-analyst/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/skills/nope/",
        "/industries/nope/",
        "/credentials/nope/",
        "/nowhere/",
        "/roles/%F0%9F%A4%96/",
    ],
)
def test_every_unknown_address_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_unpublished_roles_leave_no_trace_on_other_pages(client):
    Role.objects.filter(slug="data-scientist").update(is_published=False)
    for url in (
        "/roles/data-analyst/",
        "/skills/python/",
        "/industries/technology/",
        "/credentials/masters-degree/",
    ):
        html = client.get(url).content.decode()
        assert "/roles/data-scientist/" not in html, url
        # (BLS's occupation "Data Scientists" may still be named: it is not the role.)
        assert not re.search(r"Data Scientist(?!s)", text(client.get(url))), url


def test_skill_list_groups_skills_by_category_with_role_counts(client):
    page = text(client.get("/skills/"))
    for label in Skill.Category.labels:
        assert label in page
    python_roles = Role.objects.filter(role_skills__skill__slug="python").count()
    assert f"Python {python_roles} roles" in page


def test_skill_page_links_to_the_roles_that_use_it(client):
    skill = Skill.objects.get(slug="deep-learning")
    html = client.get(skill.get_absolute_url()).content.decode()
    for role_skill in RoleSkill.objects.filter(skill=skill).select_related("role"):
        assert f'href="{role_skill.role.get_absolute_url()}"' in html
    assert 'href="/roles/?skill=deep-learning"' in html


def test_industry_pages(client):
    assert "Finance" in text(client.get("/industries/"))
    industry = Industry.objects.get(slug="finance")
    page = text(client.get(industry.get_absolute_url()))
    for role in industry.roles.all():
        assert role.title in page


def test_credential_pages_separate_required_from_preferred(client):
    assert "Doctorate" in text(client.get("/credentials/"))
    credential = Credential.objects.get(slug="masters-degree")
    page = text(client.get(credential.get_absolute_url()))
    assert "Required by" in page and "Preferred by" in page
    assert "AI Ethicist" in page.split("Required by")[1].split("Preferred by")[0]


def test_pages_have_one_h1_landmarks_and_a_skip_link(client):
    for url in (
        "/",
        "/roles/",
        "/roles/data-scientist/",
        "/skills/",
        "/skills/python/",
        "/industries/",
        "/industries/finance/",
        "/credentials/",
        "/credentials/doctorate/",
        "/salary-factors/",
        "/guide/",
        "/guide/figures/",
        "/match/",
        "/match/?skill=python&skill=statistics",
        "/paths/",
        "/search/",
        "/search/?q=data",
        "/nowhere/",
    ):
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert '<a class="skip-link" href="#main">' in html, url
        assert (
            '<main id="main"' in html
            and "<header" in html
            and "<footer" in html
            and '<nav class="site-nav" aria-label="Main">' in html
        ), url
        assert '<html lang="en">' in html


def test_the_current_section_is_marked_in_the_navigation(client):
    html = client.get("/skills/python/").content.decode()
    assert '<a href="/skills/" aria-current="page">Skills</a>' in html
    assert '<a href="/roles/">Roles</a>' in html


def test_pages_carry_no_inline_scripts_or_styles_and_load_nothing_from_elsewhere(client):
    for url in (
        "/",
        "/roles/",
        "/roles/data-scientist/",
        "/compare/?roles=data-scientist&roles=data-analyst",
        "/skills/python/",
        "/salary-factors/",
        "/guide/",
        "/guide/figures/",
        "/match/?skill=python&skill=statistics&skill=nope",
        "/paths/",
        "/search/?q=data+%3Cb%3E",
        "/nowhere/",
    ):
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        for tag in scripts:
            # Only files of our own, or JSON-LD data (never executed).
            assert (
                re.search(r'src="/static/[^"]+\.js"', tag) or 'type="application/ld+json"' in tag
            ), tag
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>\s*\S", html), url
        assert "style=" not in html and "<style" not in html, url
        # Nothing is loaded from elsewhere (links to cited sources are fine).
        assert not re.search(r'src="(?:https?:)?//(?!testserver)', html), url
        assert not re.search(r'<link[^>]+href="(?:https?:)?//(?!testserver)', html), url


def role_page_queries(client, slug):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/roles/{slug}/").status_code == 200
    return len(queries)


def test_role_page_queries_do_not_grow_with_its_skills_steps_or_the_catalogue(
    client, make_role, django_assert_max_num_queries
):
    role = make_role(salary_low=50_000, salary_high=60_000)
    with django_assert_max_num_queries(10):
        client.get(role.get_absolute_url())
    few = role_page_queries(client, role.slug)
    skills = list(Skill.objects.all())
    for skill in skills:
        RoleSkill.objects.create(role=role, skill=skill, importance="helpful")
    for credential in Credential.objects.all():
        RoleCredential.objects.create(role=role, credential=credential)
    role.industries.set(Industry.objects.all())
    for other in [make_role() for _ in range(200)]:
        CareerStep.objects.create(from_role=role, to_role=other, kind="lateral")
        CareerStep.objects.create(from_role=other, to_role=role, kind="promotion")
    assert role_page_queries(client, role.slug) == few


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/skills/",
        "/industries/",
        "/credentials/",
        "/skills/python/",
        "/industries/technology/",
        "/credentials/bachelors-degree/",
    ],
)
def test_list_and_topic_pages_queries_do_not_grow_with_the_number_of_roles(client, make_role, url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    python, technology, bachelors = (
        Skill.objects.get(slug="python"),
        Industry.objects.get(slug="technology"),
        Credential.objects.get(slug="bachelors-degree"),
    )
    for _ in range(200):
        role = make_role()
        RoleSkill.objects.create(role=role, skill=python)
        RoleCredential.objects.create(role=role, credential=bachelors)
        role.industries.add(technology)
    assert count() == before


def test_machine_readable_dates_are_valid_html_even_after_an_admin_save(client):
    role = Role.objects.get(slug="data-scientist")
    role.salary_high = 151_000
    role.save()  # now has microseconds, which HTML's datetime attribute does not allow
    html = client.get(role.get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp) for stamp in stamps)
