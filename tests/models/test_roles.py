"""Integrity lives in the database: these writes bypass forms and must still fail."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from careers.models import CareerStep, Credential, Industry, Role, RoleSkill, Skill


def assert_rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.parametrize(
    "figures",
    [
        {"salary_low": 120_000, "salary_median": 110_000},
        {"salary_median": 170_000, "salary_high": 160_000},
        {"salary_low": 170_000, "salary_high": 160_000},
        {"salary_low": 170_000, "salary_median": 150_000, "salary_high": 160_000},
    ],
    ids=["low-above-median", "median-above-high", "low-above-high", "all-out-of-order"],
)
def test_database_refuses_salaries_out_of_order(make_role, figures):
    assert_rejected(lambda: make_role(**figures))


def test_database_refuses_negative_salaries(make_role):
    assert_rejected(lambda: make_role(salary_low=-1, salary_high=10))


def test_database_refuses_a_salary_without_a_source(make_role):
    assert_rejected(lambda: make_role(salary_low=90_000, salary_high=100_000, salary_source=None))


@pytest.mark.parametrize("growth", [Decimal("-100.1"), Decimal("1000.1")])
def test_database_refuses_growth_outside_a_sane_range(make_role, growth):
    assert_rejected(lambda: make_role(outlook_growth_pct=growth))


def test_database_refuses_growth_without_a_source(make_role):
    assert_rejected(lambda: make_role(outlook_growth_pct=Decimal("5"), outlook_source=None))


def test_database_accepts_a_partial_or_missing_figure(make_role):
    assert make_role(salary_low=90_000).salary_high is None
    assert make_role().has_salary is False
    assert make_role(salary_low=100_000, salary_median=100_000, salary_high=100_000).has_salary


def test_slugs_and_titles_are_unique(make_role):
    make_role(slug="same", title="Same")
    assert_rejected(lambda: make_role(slug="same"))
    assert_rejected(lambda: make_role(title="Same"))
    assert_rejected(
        lambda: Skill.objects.create(name="Python again", slug="python", category="data")
    )
    assert_rejected(lambda: Industry.objects.create(name="Technology", slug="technology-2"))


def test_a_role_lists_a_skill_once(make_role):
    role = make_role()
    python = Skill.objects.get(slug="python")
    RoleSkill.objects.create(role=role, skill=python)
    assert_rejected(lambda: RoleSkill.objects.create(role=role, skill=python, importance="helpful"))


def test_a_role_cannot_lead_to_itself_or_twice_to_the_same_role(make_role):
    first, second = make_role(), make_role()
    assert_rejected(
        lambda: CareerStep.objects.create(from_role=first, to_role=first, kind="promotion")
    )
    CareerStep.objects.create(from_role=first, to_role=second, kind="promotion")
    assert_rejected(
        lambda: CareerStep.objects.create(from_role=first, to_role=second, kind="lateral")
    )


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


def test_every_field_the_directory_filters_or_sorts_by_is_indexed():
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Role._meta.db_table)
    indexed_first_columns = {
        info["columns"][0] for info in constraints.values() if info["index"] or info["unique"]
    }
    for column in (
        "title",
        "slug",
        "stage",
        "track",
        "min_education",
        "is_published",
        "salary_low",
        "salary_high",
        "outlook_growth_pct",
    ):
        assert column in indexed_first_columns, column
