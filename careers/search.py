"""Site search: the one function the search page calls, over roles, skills,
industries, credentials and the guide, with results grouped by kind.

How rows are matched and ranked lives in one place, `ContainsMatcher`: on SQLite
every word must appear in one of a kind's fields (case-insensitive), and rows with
the words in their title come first. A PostgreSQL deployment can swap in a matcher
built on django.contrib.postgres.search (SearchVector, SearchQuery, SearchRank) by
changing `matcher()`; the view and the template only see `SearchResults`.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.http import urlencode

from careers.models import (
    Credential,
    GuideEntry,
    Industry,
    Role,
    SalaryFactor,
    Skill,
    Statistic,
)

# The longest search we run; anything longer is cut, and the visitor told.
QUERY_MAX = 100
# At most this many words count; the rest are ignored.
TERMS_MAX = 8
# Results shown per kind; the directory lists every matching role.
GROUP_LIMIT = 20
SNIPPET_LENGTH = 180

_TERM = re.compile(r'"([^"]*)"|(\S+)')
# Quotation marks a visitor may wrap words in, in any style.
_QUOTES = "\"'“”\u2018’«»"


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: str
    label: str = ""  # what kind of thing it is, where a group mixes kinds


@dataclass(frozen=True)
class ResultGroup:
    key: str
    label: str
    hits: list
    has_more: bool = False  # more matched than GROUP_LIMIT per kind
    more_url: str = ""  # where to see them all, if such a page exists

    @property
    def count_text(self):
        return f"{len(self.hits)}+" if self.has_more else str(len(self.hits))


@dataclass(frozen=True)
class SearchResults:
    query: str = ""
    terms: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    was_shortened: bool = False

    @property
    def has_query(self):
        return bool(self.terms)

    @property
    def total(self):
        return sum(len(group.hits) for group in self.groups)


def parse_terms(query):
    """The words to look for: "quoted phrases" stay whole, stray quotes are dropped,
    repeats count once (ignoring case), at most TERMS_MAX."""
    terms = []
    for phrase, word in _TERM.findall(query):
        term = " ".join((phrase or word).split()).strip(_QUOTES + " ")
        if term and term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    if any(len(term) > 1 for term in terms):
        # Beside other words, a single letter ("a", "&") would only add noise.
        terms = [term for term in terms if len(term) > 1]
    return terms[:TERMS_MAX]


def snippet(text, terms, length=SNIPPET_LENGTH):
    """A stretch of `text` around the first of `terms` it contains (or its start),
    cut at word boundaries and marked with … where cut."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    lowered = text.casefold()
    found = [lowered.find(term.casefold()) for term in terms]
    first = min((index for index in found if index >= 0), default=0)
    start = max(0, first - length // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    cut = text[start:end].strip()
    if end < len(text):
        # After a full stop the ellipsis stands apart: "pushed. …", not "pushed.…".
        cut += " …" if cut.endswith((".", "!", "?")) else "…"
    return ("…" if start else "") + cut


class ContainsMatcher:
    """Case-insensitive substring matching that works on every database.

    Every word must appear in at least one field; a search for one letter alone (the
    skill "R") must be a whole title, or it would match nearly everything. Rows whose title
    holds more of the words come first, then alphabetical order.
    """

    def matching(self, queryset, title_field, fields, terms):
        for term in terms:
            if len(term) < 2:
                queryset = queryset.filter(**{f"{title_field}__iexact": term})
            else:
                condition = Q()
                for name in fields:
                    condition |= Q(**{f"{name}__icontains": term})
                queryset = queryset.filter(condition)
        in_title = [
            Case(
                When(**{f"{title_field}__icontains": term}, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in terms
        ]
        return queryset.annotate(search_rank=sum(in_title, Value(0))).order_by(
            "-search_rank", title_field
        )


def matcher():
    """The matching strategy for this deployment (see the module docstring)."""
    return ContainsMatcher()


@dataclass(frozen=True)
class Kind:
    """One kind of thing the search covers: where to look and how to show a hit."""

    label: str
    queryset: callable
    title_field: str
    fields: tuple
    snippet_fields: tuple

    def hits(self, terms, limit):
        rows = matcher().matching(self.queryset(), self.title_field, self.fields, terms)
        found = list(rows[: limit + 1])
        hits = [
            Hit(
                title=getattr(row, self.title_field),
                url=row.get_absolute_url(),
                snippet=snippet(self._snippet_text(row, terms), terms),
                label=self.label,
            )
            for row in found[:limit]
        ]
        return hits, len(found) > limit

    def _snippet_text(self, row, terms):
        texts = [str(getattr(row, name) or "") for name in self.snippet_fields]
        for text in texts:
            if any(term.casefold() in text.casefold() for term in terms):
                return text
        return texts[0] if texts else ""


ROLES = Kind(
    "Role",
    lambda: Role.objects.published(),
    "title",
    ("title", "summary", "description"),
    ("summary", "description"),
)
SKILLS = Kind(
    "Skill", lambda: Skill.objects.all(), "name", ("name", "description"), ("description",)
)
INDUSTRIES = Kind(
    "Industry", lambda: Industry.objects.all(), "name", ("name", "description"), ("description",)
)
CREDENTIALS = Kind(
    "Credential",
    lambda: Credential.objects.all(),
    "name",
    ("name", "description"),
    ("description",),
)
GUIDE_ENTRIES = Kind(
    "Guide", lambda: GuideEntry.objects.all(), "title", ("title", "body"), ("body",)
)
SALARY_FACTORS = Kind(
    "Why pay varies",
    lambda: SalaryFactor.objects.all(),
    "name",
    ("name", "summary", "explanation", "figure_statement"),
    ("summary", "explanation", "figure_statement"),
)
STATISTICS = Kind(
    "Figure", lambda: Statistic.objects.all(), "statement", ("statement", "period"), ()
)

# (key, heading, kinds): one group per heading, in this order.
GROUPS = [
    ("roles", "Roles", [ROLES]),
    ("skills", "Skills", [SKILLS]),
    ("industries", "Industries", [INDUSTRIES]),
    ("credentials", "Credentials", [CREDENTIALS]),
    ("guide", "Guide", [GUIDE_ENTRIES, SALARY_FACTORS, STATISTICS]),
]


def search(query):
    """Search everything a visitor can read for `query`.

    Returns SearchResults with only the groups that found something. Safe for any
    input: an empty or quote-only query searches nothing; a query longer than
    QUERY_MAX characters is cut (was_shortened says so). One query per kind of
    thing searched (seven), however large the catalogue.
    """
    query = " ".join((query or "").split())
    was_shortened = len(query) > QUERY_MAX
    query = query[:QUERY_MAX].strip()
    terms = parse_terms(query)
    if not terms:
        return SearchResults(query=query, was_shortened=was_shortened)
    groups = []
    for key, label, kinds in GROUPS:
        hits, more = [], False
        for kind in kinds:
            found, kind_has_more = kind.hits(terms, GROUP_LIMIT)
            hits += found
            more = more or kind_has_more
        if not hits:
            continue
        more_url = ""
        if more and key == "roles":
            more_url = f"{reverse('careers:role-list')}?{urlencode({'q': query})}"
        groups.append(
            ResultGroup(key=key, label=label, hits=hits, has_more=more, more_url=more_url)
        )
    return SearchResults(query=query, terms=terms, groups=groups, was_shortened=was_shortened)
