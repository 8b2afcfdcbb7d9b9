"""Skills, industries, credentials and sources: unique, readable, found by slug, and a
cited source is never deleted from under its figures."""

import pytest

from careers.models import CareerStep, Credential, Industry, Role, RoleSkill, Skill
from tests.helpers import assert_rejected


def test_slugs_and_titles_are_unique(make_role):
    make_role(slug="same", title="Same")
    assert_rejected(lambda: make_role(slug="same"))
    assert_rejected(lambda: make_role(title="Same"))
    assert_rejected(
        lambda: Skill.objects.create(name="Python again", slug="python", category="data")
    )
    assert_rejected(lambda: Industry.objects.create(name="Technology", slug="technology-2"))


def test_only_degrees_have_a_level():
    assert_rejected(
        lambda: Credential.objects.create(
            name="Cert", slug="cert", kind="certification", level="master"
        )
    )
    assert_rejected(
        lambda: Credential.objects.create(name="Degree", slug="degree", kind="degree", level="")
    )
    Credential.objects.create(name="MSc", slug="msc", kind="degree", level="master")


def test_deleting_a_cited_source_is_refused_so_no_figure_loses_its_citation():
    from django.db.models import ProtectedError

    role = Role.objects.get(slug="data-scientist")
    with pytest.raises(ProtectedError):
        role.salary_source.delete()


def test_every_public_model_reads_well_and_has_a_page():
    role = Role.objects.get(slug="data-scientist")
    assert str(role) == "Data Scientist"
    assert role.get_absolute_url() == "/roles/data-scientist/"
    assert Skill.objects.get(slug="python").get_absolute_url() == "/skills/python/"
    assert Industry.objects.get(slug="finance").get_absolute_url() == "/industries/finance/"
    assert Credential.objects.get(slug="doctorate").get_absolute_url() == "/credentials/doctorate/"
    step = CareerStep.objects.select_related("from_role", "to_role").first()
    assert "→" in str(step)


def test_natural_keys_round_trip_by_slug():
    role_skill = RoleSkill.objects.select_related("role", "skill").first()
    key = role_skill.natural_key()
    assert RoleSkill.objects.get_by_natural_key(*key) == role_skill
    assert Role.objects.get_by_natural_key("data-scientist").title == "Data Scientist"
