"""What "search" means, once for every kind of thing: the words a visitor typed, each
of which must appear (case-insensitive) in one of a kind's fields, in any of its
forms (singular or plural, an abbreviation or what it stands for), with the rows that
hold more of them in their title first. The directory's text filter and the site
search both use it; `corrected()` mends a mistyped word against the guide's own words.

The engine is `SearchableQuerySet.search()`. On PostgreSQL it also uses the database's
own text search (careers.models.searching_postgres): a word matches its other English
forms ("modeling" finds "models"), and rows tie-broken by full-text rank and by how
close their title is to the words typed (pg_trgm), with trigram indexes behind the
substring matches. No view knows which engine answered.
"""

import re

from django.db import connections
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from careers.models import searching_postgres

# At most this many words count; the rest are ignored.
TERMS_MAX = 8
# Typos are mended only in words this long, and only this many edits away.
TYPO_MIN_LENGTH = 5
TYPO_MAX_EDITS = 2

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[a-z][a-z’'-]*[a-z]|[a-z]")
# Quotation marks a visitor may wrap words in, in any style.
_QUOTES = "\"'“”\u2018’«»"

# Abbreviations and other spellings people type, each with what it stands for; both
# directions are searched. Lower case.
SYNONYMS = {
    "ai": ("artificial intelligence",),
    "ml": ("machine learning",),
    "nlp": ("natural language processing",),
    "cv": ("computer vision",),
    "bi": ("business intelligence",),
    "hci": ("human-computer interaction",),
    "stats": ("statistics", "statistical"),
    "statistical": ("statistics",),
    "ms": ("master",),
    "msc": ("master",),
    "masters": ("master",),
    "master's": ("master",),
    "master’s": ("master",),
    "phd": ("doctorate",),
    "doctoral": ("doctorate",),
    "pay": ("salary",),
    "salaries": ("salary",),
    "wage": ("salary",),
    "earnings": ("salary",),
}


def _synonym_words():
    texts = [*SYNONYMS, *(long for longs in SYNONYMS.values() for long in longs)]
    return {word for text in texts for word in _WORD.findall(text)}


SYNONYM_WORDS = _synonym_words()


def parse_terms(query):
    """The words to look for: "quoted phrases" stay whole, stray quotes are dropped,
    repeats count once (ignoring case), at most TERMS_MAX."""
    terms = []
    for phrase, word in _TERM.findall((query or "").replace("\x00", " ")):
        term = " ".join((phrase or word).split()).strip(_QUOTES + " ")
        if term and term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    if any(len(term) > 1 for term in terms):
        # Beside other words, a single letter ("a", "&") would only add noise.
        terms = [term for term in terms if len(term) > 1]
    return terms[:TERMS_MAX]


def singular(word):
    """A plural's singular, by the common English endings: "salaries" → "salary"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def variants(term):
    """Every form of `term` a row may hold: itself, its singular, and what an
    abbreviation stands for (or the abbreviation of what it spells out)."""
    lowered = term.casefold()
    forms = {lowered, singular(lowered)}
    for form in list(forms):
        forms.update(SYNONYMS.get(form, ()))
        forms.update(short for short, long in SYNONYMS.items() if form in long and len(short) > 2)
    return sorted(forms)


def edit_distance(a, b, limit=TYPO_MAX_EDITS):
    """Levenshtein distance between `a` and `b`, or limit + 1 once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def words_of(texts):
    """The distinct lower-case words in `texts`, for mending typos against."""
    return {word for text in texts for word in _WORD.findall(text.casefold())}


def texts_of(querysets):
    """Every value of the one-column `querysets`, in one query: a UNION of them all,
    each value once, in no particular order."""
    first, *others = [queryset.order_by() for queryset in querysets]
    return first.union(*others).order_by()


def corrected(terms, vocabulary):
    """`terms` with each mistyped word (TYPO_MIN_LENGTH letters or more, not in
    `vocabulary`) replaced by the nearest word of `vocabulary` at most TYPO_MAX_EDITS
    edits away: "pythn" → "python". [] when nothing needed mending."""
    vocabulary = vocabulary | words_of(
        [*SYNONYMS, *(w for long in SYNONYMS.values() for w in long)]
    )
    mended, changed = [], False
    for term in terms:
        word = term.casefold()
        if len(word) < TYPO_MIN_LENGTH or " " in word or word in vocabulary:
            mended.append(term)
            continue
        distances = ((edit_distance(word, known), known) for known in vocabulary)
        best = min((pair for pair in distances if pair[0] <= TYPO_MAX_EDITS), default=None)
        if best is None:
            mended.append(term)
        else:
            mended.append(best[1])
            changed = True
    return mended if changed else []


class SearchableQuerySet(QuerySet):
    """A queryset a visitor can search. Subclasses name their title field, the fields
    searched, and (optionally) `search_related`: (related query name, field on the
    related model) pairs, matched with EXISTS so a row is never repeated."""

    search_title_field = "title"
    search_fields = ("title",)
    search_related = ()

    @staticmethod
    def _contains(name, form):
        """`name` holds `form`: anywhere for a word of four letters or more; as a word of
        its own for a short one, so "ms" or "ai" do not match inside "programs" or
        "maintain" (spaces, brackets and slashes count as word edges, on any database)."""
        if len(form) > 3:
            return Q(**{f"{name}__icontains": form})
        condition = Q(**{f"{name}__iexact": form})
        condition |= Q(**{f"{name}__istartswith": f"{form} "})
        condition |= Q(**{f"{name}__iendswith": f" {form}"})
        for before, after in ((" ", " "), ("(", ")"), (" ", ","), ("/", " "), (" ", "/")):
            condition |= Q(**{f"{name}__icontains": f"{before}{form}{after}"})
        return condition

    def _term_matches(self, term):
        if len(term) < 2:
            # One letter alone (the skill "R") must be a whole title or related name, or it
            # would match nearly everything.
            condition = Q(**{f"{self.search_title_field}__iexact": term})
            for related_name, field in self.search_related:
                condition |= self._related(related_name, Q(**{f"{field}__iexact": term}))
            return condition
        condition = Q()
        for form in variants(term):
            for name in self.search_fields:
                condition |= self._contains(name, form)
            for related_name, field in self.search_related:
                condition |= self._related(related_name, self._contains(field, form))
        return condition

    def related_rows(self, related_name):
        """The rows of `related_name` that belong to the outer query's row."""
        relation = self.model._meta.get_field(related_name)
        return relation.related_model._default_manager.filter(
            **{relation.field.name: OuterRef("pk")}
        )

    def _related(self, related_name, condition):
        """EXISTS a row of `related_name` for this row that meets `condition`."""
        return Exists(self.related_rows(related_name).filter(condition))

    def search(self, terms):
        """Rows holding every one of `terms` (a list, or the text a visitor typed, which
        parse_terms splits), in any of its forms (see variants), annotated with
        `search_rank` (how many of them the title holds) and ordered by it, then by
        title. No terms: every row, unranked."""
        if isinstance(terms, str):
            terms = parse_terms(terms)
        if not terms:
            return self
        postgres = self._on_postgresql()
        queryset = self
        if postgres:
            queryset = queryset.alias(search_document=searching_postgres.document(self))
        for term in terms:
            condition = self._term_matches(term)
            if postgres:
                condition |= searching_postgres.full_text_match(self, variants(term))
            queryset = queryset.filter(condition)
        in_title = [
            Case(
                When(**{f"{self.search_title_field}__icontains": term}, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in terms
        ]
        queryset = queryset.annotate(search_rank=sum(in_title, Value(0)))
        if postgres:
            forms = [form for term in terms for form in variants(term)]
            return searching_postgres.ranked(queryset, terms, forms)
        return queryset.order_by("-search_rank", self.search_title_field)

    def _on_postgresql(self):
        return connections[self.db].vendor == "postgresql"

    def vocabulary_texts(self):
        """The texts whose words a mistyped word is mended against, as querysets of one
        text column each (these rows' titles): read by search_vocabulary(), or in one
        query with other kinds' (careers.search.vocabulary)."""
        return [self.values_list(self.search_title_field, flat=True)]

    def search_vocabulary(self):
        """The words of vocabulary_texts(), in one query."""
        return words_of(texts_of(self.vocabulary_texts()))

    def search_forgiving(self, terms):
        """search(), but when no row holds the words, mistyped ones are mended against
        search_vocabulary() (see corrected) and the search runs again. Returns
        (rows, the mended terms, or [] when the words were searched as typed)."""
        if isinstance(terms, str):
            terms = parse_terms(terms)
        rows = self.search(terms)
        if not terms or rows.exists():
            return rows, []
        mended = corrected(terms, self.search_vocabulary())
        return (self.search(mended), mended) if mended else (rows, [])
