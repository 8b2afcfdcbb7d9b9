"""Skills, industries, credentials and sources: unique, readable, found by slug, and a
cited source is never deleted from under its figures."""

import pytest

from careers.models import CareerStep, Credential, Industry, Role, RoleSkill, Skill, Source
from careers.models.catalogue import shorten_in_the_middle
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


def test_a_source_reads_by_who_published_it_and_when_so_editors_tell_sources_apart():
    labels = {source.slug: str(source) for source in Source.objects.select_related("cited_in")}
    assert labels["ml-careers-article-2026"] == (
        "Imed Bouchrika, PhD · 2026 · What Careers Can You…and Next Steps"
    )
    assert labels["bls-oews-may-2025"] == (
        "U.S. Bureau of Labor Statistics · 2026 · Occupational Employment…(OEWS), May 2025"
    )
    # Second-hand: named by the body, dated by the source we read it in.
    assert labels["us-bls"] == (
        "U.S. Bureau of Labor Statistics · as cited in Imed Bouchrika, PhD, 2026"
    )
    assert len(set(labels.values())) == len(labels)


def test_two_releases_from_one_publisher_in_one_year_keep_labels_of_their_own():
    may = Source.objects.get(slug="bls-oews-may-2025")
    november = Source.objects.create(
        slug="bls-oews-november-2025",
        title=may.title.replace("May 2025", "November 2025"),
        publisher=may.publisher,
        year=may.year,
    )
    assert str(november) != str(may)
    assert str(november).endswith("…November 2025")


def test_a_long_title_is_cut_in_the_middle_between_words():
    title = "What Careers Can You Pursue With a Machine Learning Degree? Salary Potential"
    shortened = shorten_in_the_middle(title, 40)
    assert len(shortened) <= 40
    assert shortened == "What Careers Can You…Salary Potential"
    assert shorten_in_the_middle("A short title", 40) == "A short title"


def test_the_csv_citation_keeps_the_full_reference_the_label_shortens():
    article = Source.objects.get(slug="ml-careers-article-2026")
    assert article.citation == f"{article.title}, 2026"
    assert "…" not in Source.objects.get(slug="us-bls").citation
