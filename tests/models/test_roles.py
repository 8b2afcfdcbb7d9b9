"""A role's figures, skills and steps keep their integrity in the database: these
writes bypass forms and must still fail. A stale copy never overwrites a newer save."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from careers.models import CareerStep, FiguresChangedMeanwhile, Role, RoleSkill, Skill
from tests.helpers import assert_rejected


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
    assert make_role().has_any_salary is False
    assert make_role(salary_low=100_000, salary_median=100_000, salary_high=100_000).has_any_salary


@pytest.mark.parametrize(
    "changes",
    [
        {"salary_as_of": None},
        {"salary_low": 999},
        {"salary_high": 10_000_001},
        {"salary_low": 150_000},
    ],
    ids=["no-as-of-date", "below-hard-limit", "above-hard-limit", "low-above-high"],
)
def test_the_database_holds_the_same_rules(changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.filter(slug="robotics-engineer").update(**changes)


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


def test_a_step_stated_by_a_source_must_name_it_and_only_such_a_step_gives_years(make_role):
    first, second = make_role(), make_role()
    assert_rejected(
        lambda: CareerStep.objects.create(
            from_role=first, to_role=second, kind="promotion", basis="article"
        )
    )
    assert_rejected(
        lambda: CareerStep.objects.create(
            from_role=first, to_role=second, kind="promotion", typical_years=5
        )
    )
    step = CareerStep.objects.create(from_role=first, to_role=second, kind="promotion")
    assert step.basis == "editorial" and step.is_editorial


def test_a_role_can_be_in_several_of_the_articles_lists():
    engineer = Role.objects.get(slug="machine-learning-engineer")
    assert list(engineer.listings.values_list("slug", flat=True)) == [
        "entry",
        "mid",
        "advanced",
        "highest-paying",
    ]


def test_every_field_the_directory_filters_or_sorts_by_is_indexed():
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Role._meta.db_table)
    indexed_first_columns = {
        info["columns"][0]
        for info in constraints.values()
        if (info["index"] or info["unique"]) and info["columns"]
    }
    for column in (
        "title",
        "slug",
        "track",
        "min_education",
        "is_published",
        "salary_low",
        "salary_high",
        "outlook_growth_pct",
    ):
        assert column in indexed_first_columns, column


# --- No silent lost update --------------------------------------------------------


def test_a_stale_copy_can_never_overwrite_a_newer_save():
    first = Role.objects.get(slug="robotics-engineer")
    second = Role.objects.get(slug="robotics-engineer")
    first.salary_low = 95_000
    first.save()
    second.salary_high = 150_000
    with pytest.raises(FiguresChangedMeanwhile):
        second.save()
    assert Role.objects.get(pk=first.pk).salary_high == 140_000
