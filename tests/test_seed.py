"""The seed holds the article's content; loading it again never overwrites editors' work."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command, get_commands
from django.core.serializers.base import DeserializationError

from careers.models import (
    ArticleListing,
    CareerStep,
    Credential,
    FieldSalaryRange,
    GraduateQuote,
    GuideEntry,
    Industry,
    KeyPoint,
    NaicsIndustry,
    Occupation,
    Role,
    RoleCredential,
    RoleOccupation,
    RoleSkill,
    SalaryFactor,
    Skill,
    Source,
    Statistic,
    WageEstimate,
    WageRelease,
)
from careers.seeding import AREAS_SEED, load_seed, seed_files

ARTICLE_ROLES = {
    "machine-learning-engineer",
    "data-scientist",
    "research-scientist",
    "ai-specialist",
    "computer-vision-engineer",
    "robotics-engineer",
    "data-analyst",
    "ai-software-developer",
    "business-intelligence-developer",
    "business-intelligence-analyst",
    "ai-ethicist",
    "product-manager",
    "technical-consultant",
    "quantitative-analyst",
    "hci-specialist",
    "bioinformatics-scientist",
}

# The only salary ranges the article gives (annual US$); it gives no medians.
ARTICLE_SALARIES = {
    "machine-learning-engineer": (110_000, 160_000),
    "data-scientist": (95_000, 150_000),
    "research-scientist": (120_000, 180_000),
    "computer-vision-engineer": (100_000, 155_000),
    "robotics-engineer": (90_000, 140_000),
}

ARTICLE_STATISTICS = {
    # value: source slug, as the article attributes it
    Decimal("36"): "us-bls",
    Decimal("22"): "ml-careers-article-2026",
    Decimal("15"): "ml-careers-article-2026",
    Decimal("85"): "ml-careers-article-2026",
    Decimal("60"): "us-bls",
    Decimal("30"): "nace-2022",
    Decimal("63"): "nces",
}


def test_every_role_the_article_names_is_published():
    assert set(Role.objects.published().values_list("slug", flat=True)) == ARTICLE_ROLES


def test_salary_ranges_match_the_article_and_cite_it():
    for slug, (low, high) in ARTICLE_SALARIES.items():
        role = Role.objects.select_related("salary_source").get(slug=slug)
        assert (role.salary_low, role.salary_median, role.salary_high) == (low, None, high), slug
        assert role.salary_source.slug == "ml-careers-article-2026"


def test_roles_the_article_gives_no_figure_for_have_none():
    without = Role.objects.exclude(slug__in=ARTICLE_SALARIES)
    assert without.count() == len(ARTICLE_ROLES) - len(ARTICLE_SALARIES)
    for role in without:
        assert not role.has_any_salary, role.slug
        assert role.salary_source is None


def test_only_the_research_role_has_an_outlook_figure_from_the_article():
    with_outlook = Role.objects.filter(outlook_growth_pct__isnull=False)
    assert [(r.slug, r.outlook_growth_pct, r.outlook_period) for r in with_outlook] == [
        ("research-scientist", Decimal("22.0"), "2020–2030")
    ]


def test_the_articles_statistics_keep_their_sources():
    for value, source_slug in ARTICLE_STATISTICS.items():
        assert Statistic.objects.filter(value=value, source__slug=source_slug).exists(), value
    # Two different 65% figures: graduates in work within six months,
    # and STEM graduates at mid-level within five years.
    assert Statistic.objects.filter(value=65).count() == 2
    assert Statistic.objects.headline().count() >= 3


def test_every_role_has_skills_industries_credentials_and_a_place_in_the_paths():
    for role in Role.objects.all():
        assert role.role_skills.filter(importance="core").exists(), role.slug
        assert role.industries.exists(), role.slug
        assert role.role_credentials.filter(
            requirement=RoleCredential.Requirement.REQUIRED
        ).exists(), role.slug
        assert role.steps_in.exists() or role.steps_out.exists(), role.slug


def test_minimum_education_matches_the_highest_required_degree():
    level_rank = {
        "bachelor": Role.Education.BACHELOR,
        "master": Role.Education.MASTER,
        "doctorate": Role.Education.DOCTORATE,
    }
    for role in Role.objects.all():
        required = [
            level_rank[rc.credential.level]
            for rc in role.role_credentials.select_related("credential")
            if rc.requirement == RoleCredential.Requirement.REQUIRED
            and rc.credential.kind == "degree"
        ]
        assert role.min_education == max(required), role.slug


def test_skills_cover_every_category_and_are_all_used():
    assert set(Skill.objects.values_list("category", flat=True)) == set(Skill.Category.values)
    assert not Skill.objects.filter(role_skills__isnull=True).exists()
    for slug in (
        "python",
        "statistics",
        "deep-learning",
        "natural-language-processing",
        "computer-vision",
    ):
        assert Skill.objects.filter(slug=slug).exists(), slug


def test_hiring_industries_and_credentials_are_present():
    for slug in ("technology", "finance", "healthcare", "automotive", "retail"):
        assert Industry.objects.filter(slug=slug).exists(), slug
    assert Credential.objects.get(slug="doctorate").level == "doctorate"
    assert Credential.objects.filter(kind="certification").count() >= 3
    assert Role.objects.get(slug="research-scientist").required_credentials == [
        Credential.objects.get(slug="doctorate")
    ]


# Every list in which the article names roles, in the article's order, as our slugs.
ARTICLE_LISTINGS = {
    "entry": [
        "data-analyst",
        "machine-learning-engineer",
        "data-scientist",
        "ai-software-developer",
        "business-intelligence-developer",
    ],
    "mid": [
        "machine-learning-engineer",
        "data-scientist",
        "ai-specialist",
        "business-intelligence-analyst",
    ],
    "advanced": [
        "data-scientist",
        "machine-learning-engineer",
        "research-scientist",
        "ai-ethicist",
    ],
    "interdisciplinary": [
        "product-manager",
        "technical-consultant",
        "quantitative-analyst",
        "hci-specialist",
        "bioinformatics-scientist",
    ],
    "highest-paying": [
        "machine-learning-engineer",
        "data-scientist",
        "research-scientist",
        "computer-vision-engineer",
        "robotics-engineer",
    ],
}


def test_the_article_lists_are_seeded_with_every_role_it_names_in_each_and_their_source():
    listings = ArticleListing.objects.with_source()
    assert [listing.slug for listing in listings] == list(ARTICLE_LISTINGS)
    for listing in listings:
        assert set(listing.roles.values_list("slug", flat=True)) == set(
            ARTICLE_LISTINGS[listing.slug]
        )
        assert listing.source.slug == "ml-careers-article-2026"
    # Every seeded role is in at least one of the article's lists.
    assert not Role.objects.filter(listings__isnull=True).exists()


def test_no_seeded_step_claims_the_article_or_a_typical_duration():
    # The article lists roles by stage; it describes no move from one role to another.
    assert set(CareerStep.objects.values_list("basis", flat=True)) == {"editorial"}
    assert not CareerStep.objects.filter(typical_years__isnull=False).exists()


def test_no_step_note_repeats_a_figure_from_the_statistics():
    notes = list(CareerStep.objects.values_list("note", flat=True))
    assert notes and all(not any(c.isdigit() for c in note) for note in notes)
    for statistic in Statistic.objects.all():
        for note in notes:
            assert statistic.statement not in note


def test_fixtures_refer_to_rows_by_slug_never_by_id():
    for path in seed_files():
        for item in json.loads(path.read_text(encoding="utf-8")):
            assert "pk" not in item, path.name


def test_loading_again_changes_nothing():
    counts = {
        model: model.objects.count()
        for model in (
            Role,
            Skill,
            Industry,
            Credential,
            RoleSkill,
            RoleCredential,
            CareerStep,
            Source,
            Statistic,
            SalaryFactor,
            GuideEntry,
            Occupation,
            RoleOccupation,
            WageRelease,
            WageEstimate,
            NaicsIndustry,
            Industry.official_industries.through,
        )
    }
    report = load_seed()
    assert report.loaded == {}
    assert {model: model.objects.count() for model in counts} == counts


def test_an_edited_salary_survives_a_second_set_up():
    Role.objects.filter(slug="data-scientist").update(salary_low=101_000, salary_high=151_000)
    RoleSkill.objects.filter(role__slug="data-scientist", skill__slug="python").delete()

    call_command("load_seed", verbosity=0)

    role = Role.objects.get(slug="data-scientist")
    assert (role.salary_low, role.salary_high) == (101_000, 151_000)
    assert not role.role_skills.filter(skill__slug="python").exists()


def test_the_seed_loads_into_an_empty_database():
    for model in (
        WageEstimate,
        WageRelease,
        RoleOccupation,
        Occupation,
        CareerStep,
        ArticleListing,
        RoleSkill,
        RoleCredential,
        Statistic,
        SalaryFactor,
        GuideEntry,
        FieldSalaryRange,
        KeyPoint,
        GraduateQuote,
        Role,
        Skill,
        Industry,
        NaicsIndustry,
        Credential,
    ):
        model.objects.all().delete()
    # Second-hand sources first: the article they are cited in is protected while they cite it.
    Source.objects.filter(cited_in__isnull=False).delete()
    Source.objects.all().delete()

    report = load_seed()

    assert report.loaded["roles"] == len(ARTICLE_ROLES)
    assert report.loaded["key points"] == 3 and report.loaded["graduates’ quotes"] == 5
    assert Source.objects.get(slug="us-bls").cited_in.slug == "ml-careers-article-2026"
    assert Role.objects.count() == len(ARTICLE_ROLES)
    assert RoleSkill.objects.count() == report.loaded["role skills"]
    # The shipped BLS files: every national row of the May 2025 sample (18), then every
    # area and industry row of the ML-adjacent occupations (8,711), 13 of them national
    # rows already loaded: 18 + 8,711 - 13.
    assert report.loaded["official wage estimates"] == 8_716
    scientists = WageEstimate.objects.filter(occupation__code="15-2051")
    assert scientists.national().get().annual_median == 120_230
    assert scientists.get(area__title="California").annual_median == 141_590
    assert scientists.get(area__code="41940").annual_median == 185_080
    # The guide's industries come with the official ones they count (loaded first, from
    # 00_official_industries.json); the import reuses those and makes the rest: 404
    # industries and the cross-industry row, each once.
    assert report.loaded["official industries"] == 19
    assert NaicsIndustry.objects.count() == 405
    technology = Industry.objects.get(slug="technology")
    assert ("541500", "5") in {i.natural_key() for i in technology.official_industries.all()}
    assert scientists.filter(industry__naics="541500").get().annual_median == 132_380


def test_the_seed_links_roles_to_their_official_occupations():
    links = {
        (link.role.slug, link.occupation.code)
        for link in RoleOccupation.objects.select_related("role", "occupation")
    }
    assert ("data-scientist", "15-2051") in links
    assert ("research-scientist", "15-1221") in links
    for role in ("machine-learning-engineer", "ai-software-developer"):
        assert {(role, "15-1252"), (role, "15-2051")} <= links
    assert ("robotics-engineer", "17-2141") in links
    assert ("bioinformatics-scientist", "19-1029") in links
    # Every linked occupation has the May 2025 figures on a fresh install.
    linked = Occupation.objects.filter(role_links__isnull=False).distinct()
    assert not linked.filter(wage_estimates__isnull=True).exists()
    # An AI ethicist has no official occupation: the page says so instead of guessing.
    assert not RoleOccupation.objects.filter(role__slug="ai-ethicist").exists()


# The official (NAICS) industries each of the article's industries counts, by code and
# ownership ("5": private employers; "123": every level of government).
INDUSTRY_CODES = {
    "technology": {"513200", "516200", "518200", "519200", "541500"},
    "finance": {"522000", "523000", "524000"},
    "healthcare": {"621000", "622000"},
    "automotive": {"336100", "336300"},
    "retail": {"44-45"},
    "manufacturing": {"31-33"},
    "academia-research": {"541700", "611300"},
    "government": {"999000"},
    "life-sciences": {"325400", "541710"},
}


def bls_national_industries():
    """{(NAICS, ownership): (title, level)} for the national rows of the shipped file."""
    with AREAS_SEED.path.open(newline="", encoding="utf-8") as file:
        return {
            (row["NAICS"], row["OWN_CODE"]): (row["NAICS_TITLE"], row["I_GROUP"])
            for row in csv.DictReader(file)
            if row["AREA"] == "99"
        }


def test_every_guide_industry_counts_official_industries_bls_publishes_figures_for():
    bls = bls_national_industries()
    for industry in Industry.objects.prefetch_related("official_industries"):
        counted = list(industry.official_industries.all())
        assert {official.naics for official in counted} == INDUSTRY_CODES[industry.slug]
        for official in counted:
            # Titled and levelled as BLS's file has them, with national figures loaded.
            assert bls[official.natural_key()] == (official.title, official.level)
            assert official.estimates.filter(area__code="99").exists(), official
    government = Industry.objects.get(slug="government").official_industries.get()
    assert government.ownership == NaicsIndustry.Ownership.GOVERNMENT


def test_a_broken_fixture_loads_nothing(tmp_path):
    for model in (CareerStep, RoleSkill, RoleCredential, Statistic, Role):
        model.objects.all().delete()
    good = [path for path in seed_files() if "roles" in path.name and "role_" not in path.name]
    broken = tmp_path / "99_broken.json"
    broken.write_text(
        '[{"model": "careers.role", "fields": {"title": "Broken", "slug": "broken"',
        encoding="utf-8",
    )

    with pytest.raises(DeserializationError):
        load_seed(paths=[*good, broken])

    assert Role.objects.count() == 0


def test_loaddata_is_djangos_own_and_the_seed_has_a_command_of_its_own():
    # Django's loaddata replaces rows as documented; only load_seed keeps editors' work.
    assert get_commands()["loaddata"] == "django.core"
    assert get_commands()["load_seed"] == "careers"


def test_the_seed_command_never_overwrites_an_edited_figure():
    Role.objects.filter(slug="data-scientist").update(salary_low=101_000)
    output = io.StringIO()
    call_command("load_seed", stdout=output)
    assert Role.objects.get(slug="data-scientist").salary_low == 101_000
    assert "kept existing roles (not empty)" in output.getvalue()
