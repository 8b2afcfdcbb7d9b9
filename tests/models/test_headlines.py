"""Sources say where we read them, and the article's headline content (the field's
salary range, the key things to know, graduates' quotes) is curated, never invented."""

import json

import pytest
from django.core.exceptions import ValidationError

from careers.models import FieldSalaryRange, GraduateQuote, KeyPoint, Source
from tests.helpers import ROOT, assert_rejected

FACTS = json.loads((ROOT / "tests" / "article_facts.json").read_text(encoding="utf-8"))

# --- Second-hand sources ---------------------------------------------------------


def test_figures_the_article_quotes_from_other_bodies_cite_the_article_too():
    second_hand = {
        source.slug: source.cited_in.slug
        for source in Source.objects.filter(cited_in__isnull=False).select_related("cited_in")
    }
    assert second_hand == FACTS["second_hand"]
    bls = Source.objects.get(slug="us-bls")
    assert bls.citation.startswith("U.S. Bureau of Labor Statistics, as cited in What Careers")
    assert Source.objects.get(slug=FACTS["article"]).citation.startswith("What Careers")


def test_the_database_refuses_a_source_cited_in_itself():
    bls = Source.objects.get(slug="us-bls")
    assert_rejected(lambda: Source.objects.filter(pk=bls.pk).update(cited_in=bls))


def test_a_source_is_cited_in_one_we_read_ourselves():
    article = Source.objects.get(slug=FACTS["article"])
    article.cited_in = Source.objects.get(slug="nces")
    with pytest.raises(ValidationError) as error:
        article.full_clean()  # others are cited in the article: it must stay first-hand
    assert "cited_in" in error.value.message_dict
    article.refresh_from_db()
    survey = Source.objects.create(slug="survey", title="A survey", cited_in=article)
    survey.full_clean()


# --- The article's headline content -----------------------------------------------


def test_the_fields_range_holds_only_the_figures_the_article_gives():
    (salary_range,) = FieldSalaryRange.objects.for_page()
    assert (salary_range.low, salary_range.high) == (90_000, 200_000)
    assert (salary_range.low_qualifier, salary_range.high_qualifier) == ("", "well-over")
    assert salary_range.source.slug == FACTS["article"]


def test_the_database_refuses_a_range_upside_down():
    source = Source.objects.get(slug=FACTS["article"])
    assert_rejected(
        lambda: FieldSalaryRange.objects.create(
            slug="x", statement="x", low=200_000, high=90_000, source=source
        )
    )


def test_the_three_key_things_to_know_each_name_a_source():
    points = list(KeyPoint.objects.for_page())
    assert len(points) == 3
    assert {point.source.slug for point in points} == {FACTS["article"]}


def test_quotes_are_word_for_word_and_attributed_as_the_article_attributes_them():
    quotes = [(q.text, q.attribution) for q in GraduateQuote.objects.for_page()]
    assert quotes == [(q["text"], q["attribution"]) for q in FACTS["quotes"]]
    assert {q.source.slug for q in GraduateQuote.objects.all()} == {FACTS["article"]}


def test_a_quote_needs_its_words_and_who_said_them():
    source = Source.objects.get(slug=FACTS["article"])
    assert_rejected(
        lambda: GraduateQuote.objects.create(slug="x", text="", attribution="Theo", source=source)
    )
    assert_rejected(
        lambda: GraduateQuote.objects.create(slug="y", text="Words.", attribution="", source=source)
    )
