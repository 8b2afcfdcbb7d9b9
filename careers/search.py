"""Site search: the one function the search page calls, over roles, skills,
industries, credentials and the guide (with its key points, the field's salary range
and graduates' quotes), with results grouped by kind.

What matches and how it ranks is each model's `search()` (careers.models.searching),
the same one the directory's text filter uses for roles; this module only gathers
the groups and the snippets the search page shows.
"""

from dataclasses import dataclass, field
from difflib import get_close_matches

from django.db.models import F, TextField, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst

from careers.models import (
    Credential,
    FieldSalaryRange,
    GraduateQuote,
    GuideEntry,
    Industry,
    KeyPoint,
    Role,
    SalaryFactor,
    Skill,
    Statistic,
    parse_terms,
)
from careers.models.searching import (
    SYNONYM_WORDS,
    corrected,
    singular,
    texts_of,
    variants,
    words_of,
)

# The longest search we run; anything longer is cut, and the visitor told.
QUERY_MAX = 100
# Results shown per kind; the directory lists every matching role.
GROUP_LIMIT = 20
SNIPPET_LENGTH = 180


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
    # The words searched instead when the query's own found nothing ("pythn" → "python").
    mended: list = field(default_factory=list)
    # Close words to try when nothing matched at all.
    suggestions: list = field(default_factory=list)

    @property
    def marks(self):
        """Every form of the words searched, to highlight in the results."""
        return sorted({form for term in self.mended or self.terms for form in variants(term)})

    @property
    def has_query(self):
        return bool(self.terms)

    @property
    def total(self):
        return sum(len(group.hits) for group in self.groups)


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


@dataclass(frozen=True)
class Kind:
    """One kind of thing the search covers: which rows, and how to show a hit."""

    label: str
    queryset: callable
    snippet_fields: tuple

    def hit(self, title, url, texts, forms):
        """A hit from a row's title, URL and snippet_fields' texts (in that order)."""
        return Hit(
            title=capfirst(title),
            url=url,
            snippet=snippet(self._snippet_text(texts, forms), forms),
            label=self.label,
        )

    def hits(self, terms, limit):
        """(The first `limit` hits, whether more matched), in one query of its own."""
        rows = self.queryset().search(terms)
        found = list(rows[: limit + 1])
        forms = forms_of(terms)
        hits = [
            self.hit(
                getattr(row, rows.search_title_field),
                row.get_absolute_url(),
                [getattr(row, name) for name in self.snippet_fields],
                forms,
            )
            for row in found[:limit]
        ]
        return hits, len(found) > limit

    def numbered_rows(self, terms, limit, number):
        """The first limit + 1 matches as HIT_COLUMNS, in search order (hit_position)
        and tagged with this kind's `number` (hit_kind): one part of a union that
        shows several kinds at once (see hits_of_kinds)."""
        rows = self.queryset().search(terms)
        texts = [F(name) for name in self.snippet_fields]
        texts += [Value("", output_field=TextField())] * (SNIPPET_COLUMNS - len(texts))
        return (
            rows.order_by()
            .annotate(
                hit_kind=Value(number),
                hit_position=Window(RowNumber(), order_by=rows.query.order_by),
                hit_slug=F("slug"),
                hit_title=Cast(rows.search_title_field, TextField()),
                **{
                    f"hit_text_{index}": Cast(text, TextField()) for index, text in enumerate(texts)
                },
            )
            .filter(hit_position__lte=limit + 1)
            .values_list(*HIT_COLUMNS)
        )

    def _snippet_text(self, texts, terms):
        texts = [str(text or "") for text in texts]
        for text in texts:
            if any(term.casefold() in text.casefold() for term in terms):
                return text
        return texts[0] if texts else ""


# The most snippet_fields a kind has (salary factors'); kinds with fewer fill the rest
# with "" in a union of several kinds.
SNIPPET_COLUMNS = 3
HIT_COLUMNS = (
    "hit_kind",
    "hit_position",
    "hit_slug",
    "hit_title",
    *(f"hit_text_{index}" for index in range(SNIPPET_COLUMNS)),
)


def forms_of(terms):
    return [form for term in terms for form in variants(term)]


def hits_of_kinds(kinds, terms, limit):
    """{kind: (its first `limit` hits, whether more matched)} for several kinds whose
    pages are found by slug alone, in one query: a UNION ALL of each kind's numbered
    matches, in the order and with the limit each kind's own search would give."""
    parts = [kind.numbered_rows(terms, limit, number) for number, kind in enumerate(kinds)]
    rows = parts[0].union(*parts[1:], all=True).order_by("hit_kind", "hit_position")
    found = {kind: ([], False) for kind in kinds}
    forms = forms_of(terms)
    for number, position, slug, title, *texts in rows:
        kind = kinds[number]
        hits, _ = found[kind]
        if position > limit:
            found[kind] = (hits, True)
            continue
        model = kind.queryset().model
        url = model(slug=slug).get_absolute_url()
        hits.append(kind.hit(title, url, texts[: len(kind.snippet_fields)], forms))
    return found


ROLES = Kind("Role", lambda: Role.objects.published(), ("summary", "description"))
SKILLS = Kind("Skill", lambda: Skill.objects.all(), ("description",))
INDUSTRIES = Kind("Industry", lambda: Industry.objects.all(), ("description",))
CREDENTIALS = Kind("Credential", lambda: Credential.objects.all(), ("description",))
GUIDE_ENTRIES = Kind("Guide", lambda: GuideEntry.objects.all(), ("body",))
SALARY_FACTORS = Kind(
    "Why pay varies",
    lambda: SalaryFactor.objects.all(),
    ("summary", "explanation", "figure_statement"),
)
STATISTICS = Kind("Figure", lambda: Statistic.objects.all(), ())
SALARY_RANGES = Kind("Pay across the field", lambda: FieldSalaryRange.objects.all(), ())
KEY_POINTS = Kind("Key thing to know", lambda: KeyPoint.objects.all(), ("body",))
QUOTES = Kind("Graduate’s words", lambda: GraduateQuote.objects.all(), ("text", "context"))

# Words that name a topic rather than a record: a search for one of them leads first
# to the pages about that topic. (words, [(title, URL name, what the page offers)]).
TOPICS = [
    (
        {"salary", "pay", "wage", "earn", "earning", "income", "money"},
        [
            ("Why pay varies", "careers:salary-factors", "What moves a salary up or down."),
            (
                "Official U.S. pay figures",
                "careers:official-data",
                "What BLS measures for the occupations closest to each role.",
            ),
            ("Roles by salary", "careers:role-list", "The directory, highest-paid first."),
        ],
    ),
    (
        {"growth", "outlook", "demand", "job", "future", "employment"},
        [
            (
                "The field in figures",
                "careers:guide-figures",
                "Job growth, employment after graduating and study, with sources.",
            ),
        ],
    ),
]
TOPIC_QUERIES = {"careers:role-list": "?sort=salary-high"}

# (key, heading, kinds): one group per heading, in this order.
GROUPS = [
    ("roles", "Roles", [ROLES]),
    ("skills", "Skills", [SKILLS]),
    ("industries", "Industries", [INDUSTRIES]),
    ("credentials", "Credentials", [CREDENTIALS]),
    (
        "guide",
        "Guide",
        [KEY_POINTS, GUIDE_ENTRIES, SALARY_FACTORS, SALARY_RANGES, STATISTICS, QUOTES],
    ),
]
UNITED_KINDS = [kind for _, _, kinds in GROUPS for kind in kinds if kind is not ROLES]


def topic_group(terms):
    """The pages about the topics `terms` name (salary, growth…), as a result group."""
    forms = {form for term in terms for form in variants(term)}
    hits = [
        Hit(
            title=title,
            url=reverse(name) + TOPIC_QUERIES.get(name, ""),
            snippet=offer,
            label="Topic",
        )
        for words, pages in TOPICS
        if forms & words
        for title, name, offer in pages
    ]
    return [ResultGroup(key="topics", label="Topics", hits=hits)] if hits else []


def vocabulary():
    """Every word of every kind's titles and names (roles' include their skills' other
    names): what mistyped words are mended against, and what suggestions are drawn from.
    One query, however many kinds and rows."""
    texts = [
        text
        for _, _, kinds in GROUPS
        for kind in kinds
        for text in kind.queryset().vocabulary_texts()
    ]
    topic_words = {word for words, _ in TOPICS for word in words}
    return set(SYNONYM_WORDS) | words_of(texts_of(texts)) | topic_words


def suggestions_for(terms, words):
    """Up to three known words close to the terms that found nothing."""
    close = []
    for term in terms:
        close += get_close_matches(singular(term.casefold()), words, n=3, cutoff=0.6)
    return list(dict.fromkeys(close))[:3]


def _groups(terms, query):
    # Roles in a query of their own (on PostgreSQL ranked by full-text search, with a
    # link to every match in the directory); every other kind, small, in one more.
    found = {ROLES: ROLES.hits(terms, GROUP_LIMIT)}
    found |= hits_of_kinds(UNITED_KINDS, terms, GROUP_LIMIT)
    groups = topic_group(terms)
    for key, label, kinds in GROUPS:
        hits, more = [], False
        for kind in kinds:
            kind_hits, kind_has_more = found[kind]
            hits += kind_hits
            more = more or kind_has_more
        if not hits:
            continue
        more_url = ""
        if more and key == "roles":
            more_url = f"{reverse('careers:role-list')}?{urlencode({'q': query})}"
        groups.append(
            ResultGroup(key=key, label=label, hits=hits, has_more=more, more_url=more_url)
        )
    return groups


def search(query):
    """Search everything a visitor can read for `query`.

    Returns SearchResults with only the groups that found something: first the pages
    about a topic the words name (salary, growth), then each kind of record. Words
    match in any of their forms (see careers.models.searching.variants); when nothing
    matches, mistyped words are mended ("pythn" → "python") and the search runs again,
    and if still nothing matches, close words are suggested. Safe for any input: an
    empty or quote-only query searches nothing; a query longer than QUERY_MAX
    characters is cut (was_shortened says so). Two queries, however large the
    catalogue: roles, and every other kind together; only when nothing was found, the
    mending adds one (every title's words) and the search again, two.
    """
    # NUL characters are never meant (and PostgreSQL refuses them): read them as spaces.
    query = " ".join((query or "").replace("\x00", " ").split())
    was_shortened = len(query) > QUERY_MAX
    query = query[:QUERY_MAX].strip()
    terms = parse_terms(query)
    if not terms:
        return SearchResults(query=query, was_shortened=was_shortened)
    groups = _groups(terms, query)
    mended, suggestions = [], []
    if not groups:
        words = vocabulary()
        mended = corrected(terms, words)
        groups = _groups(mended, " ".join(mended)) if mended else []
        if not groups:
            mended, suggestions = [], suggestions_for(terms, words)
    return SearchResults(
        query=query,
        terms=terms,
        groups=groups,
        was_shortened=was_shortened,
        mended=mended,
        suggestions=suggestions,
    )
