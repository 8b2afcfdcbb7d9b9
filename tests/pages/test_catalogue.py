"""Skills, industries and credentials each have a list and a page of their own that
lead to the roles, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Credential, Industry, Role, RoleCredential, RoleSkill, Skill
from tests.helpers import text


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


def test_a_skill_page_names_the_skills_other_names(client):
    page = text(client.get("/skills/natural-language-processing/"))
    assert "Also called: NLP." in page


def test_a_skill_page_names_the_credentials_that_build_it(client):
    page = client.get("/skills/cloud-computing/").content.decode()
    section = page[page.index('id="credentials-heading"') :]
    assert 'href="/credentials/cloud-platform-certification/"' in section
    assert "Credentials that build it" not in text(client.get("/skills/teamwork/"))
