"""Editorial records give only what the article gives: a guide entry that states a
figure names its source, and a salary factor's figure is whole or absent."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from careers.models import GuideEntry, SalaryFactor, Source

# --- Guide entries ----------------------------------------------------------------


def test_the_guide_covers_what_the_article_covers():
    titles = " ".join(GuideEntry.objects.values_list("title", flat=True)).lower()
    for topic in ("job", "master", "skills", "your own", "industries", "experience", "soft"):
        assert topic in titles, topic
    assert GuideEntry.objects.next_steps().count() == 4
    assert GuideEntry.objects.questions().count() == 4


def test_an_entry_that_gives_a_figure_needs_a_source():
    entry = GuideEntry(kind="question", slug="x", title="X?", body="About 40% do.")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "source" in error.value.message_dict
    GuideEntry(kind="question", slug="y", title="Y?", body="Some do.").full_clean()


# --- Salary factors ---------------------------------------------------------------


def test_the_seed_carries_only_the_figures_the_article_gives():
    figures = {
        factor.slug: (factor.figure_low, factor.figure_high, factor.figure_unit)
        for factor in SalaryFactor.objects.all()
    }
    assert figures == {
        "industry": (Decimal("15"), Decimal("25"), "percent"),
        "experience": (Decimal("2"), None, "times"),
        "location": (None, None, ""),
        "specialisation": (None, None, ""),
        "responsibility": (None, None, ""),
    }
    assert SalaryFactor.objects.get(slug="experience").figure_qualifier == "nearly"
    assert set(SalaryFactor.objects.values_list("source__slug", flat=True)) == {
        "ml-careers-article-2026"
    }


@pytest.mark.parametrize(
    "fields",
    [
        {"figure_unit": "percent"},  # a unit with no figure
        {"figure_low": 10},  # a figure with no unit or statement
        {"figure_low": 30, "figure_high": 20, "figure_unit": "percent", "figure_statement": "x"},
    ],
)
def test_the_database_refuses_a_half_made_figure(fields):
    source = Source.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        SalaryFactor.objects.create(slug="odd", name="Odd", summary="Odd.", source=source, **fields)
