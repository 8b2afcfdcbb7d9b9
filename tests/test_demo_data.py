"""Demo data, for measuring the site at size: realistic enough to fill every page,
never mistaken for the guide's own roles, and gone again with one command."""

import pytest
from django.core.management import CommandError, call_command

from careers.demo_data import DEMO_PREFIX, DEMO_SOURCE, generate_demo_data
from careers.models import CareerStep, Role, RoleSkill, Skill, Source


def demo_roles():
    return Role.objects.filter(slug__startswith=DEMO_PREFIX)


def test_demo_roles_say_they_are_demo_data_and_cite_a_made_up_source():
    seeded = Role.objects.count()
    assert generate_demo_data(50) == 50
    assert Role.objects.count() == seeded + 50
    source = Source.objects.get(slug=DEMO_SOURCE["slug"])
    assert "not real" in source.title
    for role in demo_roles():
        assert role.title.startswith("Demo ") and "made-up" in role.summary
        if role.salary_low is not None:
            assert role.salary_source == source and role.salary_low <= role.salary_high
        if role.outlook_growth_pct is not None:
            assert role.outlook_source == source


def test_every_demo_role_has_the_links_a_real_role_has():
    generate_demo_data(40)
    roles = demo_roles()
    assert not roles.filter(role_skills__isnull=True).exists()
    assert not roles.filter(industries__isnull=True).exists()
    assert not roles.filter(occupation_links__isnull=True).exists()
    assert RoleSkill.objects.filter(role__in=roles, importance=RoleSkill.Importance.CORE).exists()
    assert CareerStep.objects.filter(from_role__in=roles).exists()
    # The directory filters and the official pay read them like any other role's.
    assert (
        Role.objects.published()
        .with_official_median()
        .filter(slug__startswith=DEMO_PREFIX, official_median__isnull=False)
        .exists()
    )


def test_the_same_seed_makes_the_same_data_and_a_second_run_replaces_the_first():
    generate_demo_data(30, seed=7)
    first = list(demo_roles().order_by("slug").values_list("slug", "salary_low"))
    generate_demo_data(30, seed=7)
    assert list(demo_roles().order_by("slug").values_list("slug", "salary_low")) == first


def test_remove_takes_away_every_demo_row_and_nothing_else():
    before = (Role.objects.count(), Skill.objects.count(), Source.objects.count())
    call_command("generate_demo_data", roles=25, verbosity=0)
    call_command("generate_demo_data", remove=True, verbosity=0)
    assert (Role.objects.count(), Skill.objects.count(), Source.objects.count()) == before


@pytest.mark.parametrize("roles", [0, -5, 1_000_000])
def test_a_count_out_of_range_is_refused(roles):
    with pytest.raises(CommandError, match="between 1 and"):
        call_command("generate_demo_data", roles=roles)
    assert not demo_roles().exists()
