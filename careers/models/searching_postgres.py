"""What a role search adds on PostgreSQL, behind SearchableQuerySet.search() (see
careers.models.searching), which calls it only there:

- full-text search with the English dictionary, so a word also finds its other forms
  ("modeling" finds "models", "engineering" finds "engineer"), a long word also as the
  start of one ("optimiz" finds "optimization"), several words of a form as a phrase;
- a finer order among rows that hold the same number of the words in their title:
  full-text rank (title weighs most, then the other fields) and then pg_trgm
  similarity of the title to the words typed.

The substring matches of the portable search stay (they find part of a word too), so
PostgreSQL never finds less than SQLite; migration 0022 gives them trigram indexes.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db.models import Exists, F, Q, Value
from django.db.models.functions import Coalesce

# The text search configuration: English stemming and stop words.
CONFIG = "english"
# Only words this long also match as the start of a longer word: "data" finds
# "database", but "ai" does not find "aim".
PREFIX_MIN_LENGTH = 4
# Letters and digits only: every tsquery operator (& | ! ( ) : * < > ') is dropped.
_LEXEME = re.compile(r"[^\W_]+")
# Weights by field: the title first, then the other fields, then related names.
_WEIGHTS = ("A", "B", "C", "D")


def tsquery_text(forms):
    """A raw to_tsquery() text matching any of `forms` (each a word or a phrase):
    "(machine <-> learning:*) | ml". Empty when no form holds a letter or digit."""
    alternatives = []
    for form in forms:
        words = _LEXEME.findall(form.casefold())
        if not words:
            continue
        if len(words[-1]) >= PREFIX_MIN_LENGTH:
            words[-1] += ":*"
        alternatives.append("(" + " <-> ".join(words) + ")")
    return " | ".join(alternatives)


def _query(forms):
    text = tsquery_text(forms)
    return SearchQuery(text, search_type="raw", config=CONFIG) if text else None


def document(queryset):
    """The searched fields of `queryset`'s rows as one weighted text search vector."""
    fields = [queryset.search_title_field] + [
        name for name in queryset.search_fields if name != queryset.search_title_field
    ]
    vector = None
    for index, name in enumerate(fields):
        part = SearchVector(name, config=CONFIG, weight=_WEIGHTS[min(index, 2)])
        vector = part if vector is None else vector + part
    return vector


def full_text_match(queryset, forms):
    """Rows of `queryset` (aliased with `search_document`, see document()) whose fields,
    or related names (`search_related`), hold one of `forms` by full-text search; a
    condition that matches nothing when no form holds a letter or digit."""
    query = _query(forms)
    if query is None:
        return Q(pk__in=[])
    condition = Q(search_document=query)
    for related_name, field in queryset.search_related:
        related = queryset.related_rows(related_name).alias(
            search_document=SearchVector(field, config=CONFIG)
        )
        condition |= Exists(related.filter(search_document=query))
    return condition


def ranked(queryset, terms, forms):
    """`queryset` (annotated with search_rank: how many terms its title holds, aliased
    with search_document) in order: that count, then full-text rank for any of `forms`,
    then the title's similarity to the words typed, then the title."""
    query = _query(forms)
    title = queryset.search_title_field
    text_rank = SearchRank(F("search_document"), query) if query is not None else Value(0.0)
    return queryset.annotate(
        search_text_rank=Coalesce(text_rank, Value(0.0)),
        search_similarity=TrigramSimilarity(title, " ".join(terms)),
    ).order_by("-search_rank", "-search_text_rank", "-search_similarity", title)
