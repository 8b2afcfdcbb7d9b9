"""Roles side by side: figures, skills (those shared by all marked), education and
industries; a bad choice explains itself, and the queries do not grow with the roles."""

import html as html_lib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Role, RoleSkill


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
        "In the article’s lists",
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


def offered(response):
    """The roles the picker offers to add: its unticked boxes."""
    boxes = re.findall(r'name="roles" value="([^"]+)"([^>]*)>', response.content.decode())
    return [slug for slug, attributes in boxes if " checked" not in attributes]


def test_beside_a_comparison_the_picker_offers_a_search_not_a_list_of_roles_to_add(client):
    response = client.get("/compare/", {"roles": ["data-scientist", "ai-ethicist"]})
    assert offered(response) == []
    assert "Roles to add" not in response.content.decode()
    assert '<input type="text" name="find"' in response.content.decode()


def test_a_student_with_one_role_or_a_search_is_offered_roles_to_add(client):
    one = client.get("/compare/", {"roles": "data-scientist"})
    assert "Roles to add" in one.content.decode()
    assert "data-analyst" in offered(one)
    searched = client.get(
        "/compare/", {"roles": ["data-scientist", "ai-ethicist"], "find": "vision"}
    )
    assert "Roles matching “vision”" in searched.content.decode()
    assert offered(searched) == [
        "computer-vision-engineer",
        "machine-learning-engineer",
        "robotics-engineer",
    ]


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
        client.get("/compare/", {"roles": roles})  # the site's figures are kept after this
        with CaptureQueriesContext(connection) as captured:
            client.get("/compare/", {"roles": roles})
        return len(captured)

    assert queries(["data-analyst", "data-scientist"]) == queries(
        ["data-analyst", "data-scientist", "ai-specialist", "research-scientist"]
    )
