"""A role's page shows what a student came for (figures with their source, skills,
credentials, industries and where the role leads) in a fixed number of queries."""

import re

from django.db.models import Q

from careers.models import (
    CareerStep,
    Credential,
    Industry,
    Role,
    RoleCredential,
    RoleOccupation,
    RoleSkill,
    Skill,
)
from tests.helpers import page_queries, text
from tests.helpers.footnotes import sources_cited


def test_role_page_shows_figures_with_source_and_everything_about_the_role(client):
    response = client.get("/roles/machine-learning-engineer/")
    assert response.status_code == 200
    page = text(response)
    role = Role.objects.get(slug="machine-learning-engineer")
    assert "<h1>Machine Learning Engineer</h1>" in response.content.decode()
    assert "$110,000 – $160,000" in page
    assert "What Careers Can You Pursue With a Machine Learning Degree?" in page
    for listing in role.listings.all():  # the article names it in several lists
        assert listing.title in page
    assert role.listings.count() == 4 and "Core machine learning & data" in page
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
    # Without the official figures too, nothing is left to headline: both gaps said quietly.
    RoleOccupation.objects.filter(role__slug="ai-specialist").delete()
    response = client.get("/roles/ai-specialist/")
    page = text(response)
    figures = page.split("Pay and outlook")[1].split("Official U.S. pay figures")[0]
    assert not re.search(r"\$\d", figures)
    assert "The article gives no salary for this role." in figures
    assert "Job-outlook growth Not given in the article." in figures
    assert response.content.decode().count('<dd class="quiet">') == 2
    # A role with no official occupation says that too.
    official = text(client.get("/roles/ai-ethicist/")).split("Official U.S. pay figures")[1]
    assert "No official occupation fits this role" in official.split("About the role")[0]


def test_outlook_figure_shows_with_its_period(client):
    page = text(client.get("/roles/research-scientist/"))
    assert "+22% over 2020–2030" in page


def test_every_step_on_a_role_page_says_what_it_rests_on(client):
    html = client.get("/roles/data-analyst/").content.decode()
    steps = html.split('class="steps"')[1:]
    shown = sum(part.split("</ul>")[0].count("<li>") for part in steps)
    assert (
        shown
        == CareerStep.objects.filter(
            Q(from_role__slug="data-analyst") | Q(to_role__slug="data-analyst")
        ).count()
    )
    # Every seeded step is our editors' suggestion, and says so beside the step.
    assert html.count('<span class="basis-label">Editors’ note</span>') == shown


def test_a_step_a_source_states_names_it_and_may_give_the_typical_years(client, source):
    step = CareerStep.objects.get(from_role__slug="data-analyst", to_role__slug="data-scientist")
    step.basis, step.source, step.typical_years = CareerStep.Basis.ARTICLE, source, 5
    step.save()
    response = client.get("/roles/data-analyst/")
    page = text(response)
    assert "Promotion, typically within 5 years" in page
    html = response.content.decode()
    basis = html.split('<span class="basis-source">', 1)[1].split("</span></sup>", 1)[0]
    assert basis.startswith("stated in our source")
    assert sources_cited(basis + "</span></sup>", html)[0].startswith(source.title)
    assert (
        page.count("Editors’ note")
        == CareerStep.objects.filter(from_role__slug="data-analyst", basis="editorial").count()
    )


def test_unknown_or_unpublished_roles_get_the_styled_404(client):
    response = client.get("/roles/no-such-role/")
    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert 'href="/roles/"' in response.content.decode()
    Role.objects.filter(slug="data-analyst").update(is_published=False)
    assert client.get("/roles/data-analyst/").status_code == 404


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


def role_page_queries(client, slug):
    response, queries = page_queries(client, f"/roles/{slug}/")
    assert response.status_code == 200
    return queries


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


def test_machine_readable_dates_are_valid_html_even_after_an_admin_save(client):
    role = Role.objects.get(slug="data-scientist")
    role.salary_high = 151_000
    role.save()  # now has microseconds, which HTML's datetime attribute does not allow
    html = client.get(role.get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp) for stamp in stamps)
