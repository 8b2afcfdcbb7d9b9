"""What "search" means, once for every kind of thing: the words a visitor typed, each
of which must appear (case-insensitive) in one of a kind's fields, with the rows
that hold more of them in their title first. The directory's text filter and the
site search both use it."""

import re

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

# At most this many words count; the rest are ignored.
TERMS_MAX = 8

_TERM = re.compile(r'"([^"]*)"|(\S+)')
# Quotation marks a visitor may wrap words in, in any style.
_QUOTES = "\"'“”\u2018’«»"


def parse_terms(query):
    """The words to look for: "quoted phrases" stay whole, stray quotes are dropped,
    repeats count once (ignoring case), at most TERMS_MAX."""
    terms = []
    for phrase, word in _TERM.findall(query or ""):
        term = " ".join((phrase or word).split()).strip(_QUOTES + " ")
        if term and term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    if any(len(term) > 1 for term in terms):
        # Beside other words, a single letter ("a", "&") would only add noise.
        terms = [term for term in terms if len(term) > 1]
    return terms[:TERMS_MAX]


class SearchableQuerySet(QuerySet):
    """A queryset a visitor can search. Subclasses name their title field, the fields
    searched, and (optionally) related names searched through `search_related`:
    {related query name: field on the related model}, matched with EXISTS so a row
    is never repeated."""

    search_title_field = "title"
    search_fields = ("title",)
    search_related = {}

    def _term_matches(self, term):
        # One letter alone (the skill "R") must be a whole title or related name, or it
        # would match nearly everything.
        lookup = "iexact" if len(term) < 2 else "icontains"
        fields = (self.search_title_field,) if len(term) < 2 else self.search_fields
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__{lookup}": term})
        for related_name, field in self.search_related.items():
            relation = self.model._meta.get_field(related_name)
            related = relation.related_model._default_manager.filter(
                **{relation.field.name: OuterRef("pk"), f"{field}__{lookup}": term}
            )
            condition |= Exists(related)
        return condition

    def search(self, terms):
        """Rows holding every one of `terms` (a list, or the text a visitor typed, which
        parse_terms splits), annotated with `search_rank` (how many of them the title
        holds) and ordered by it, then by title. No terms: every row, unranked."""
        if isinstance(terms, str):
            terms = parse_terms(terms)
        if not terms:
            return self
        queryset = self
        for term in terms:
            queryset = queryset.filter(self._term_matches(term))
        in_title = [
            Case(
                When(**{f"{self.search_title_field}__icontains": term}, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in terms
        ]
        return queryset.annotate(search_rank=sum(in_title, Value(0))).order_by(
            "-search_rank", self.search_title_field
        )
