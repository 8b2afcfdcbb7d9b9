"""Role pages describe themselves to search engines as schema.org Occupation data that
matches the database, never has an empty field and cannot break out of its script."""

import json
import re

import pytest

from careers.models import Role
from careers.structured_data import occupation
from tests.helpers import BASE, json_ld


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
