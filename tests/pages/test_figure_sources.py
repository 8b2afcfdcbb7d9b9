"""Every figure a visitor reads names where it comes from, and it is a figure that
source gives. Each page type (tests.helpers.all_pages) is read as a tree; every
percentage, multiple (2×) and dollar amount in <main> must be one of:

- an article fact (tests/article_facts.json: value, unit, source slug), or a role's own
  salary or outlook figure (value, the role's source), shown where the nearest footnote
  reference (<sup class="ref">, looking no further out than the figure's own section,
  article or list item) leads to an item of the page's list of sources that names that
  source first-hand: a figure the article quotes from BLS must lead to "BLS, as cited in
  <the article>", never to the article alone;
- on a role card, one of that role's own figures, which its record gives a source for
  (the card links to the role page that names it);
- an official BLS figure from the loaded wage tables, on a page that cites the release
  or says "BLS" beside it;
- or one of the few figures that are not facts about the world: the charts' scale and axis
  and the pay map's legend,
  a skills-match score (checked against "you have a of b"), "the middle 80%" of earners
  (what a percentile band is), or the visitor's own search words echoed back.
"""

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from careers.models import WAGE_FIELDS, Role, Source, WageEstimate, WageRelease
from tests.helpers import ROOT, all_pages
from tests.helpers.footnotes import footnote_list, references

FACTS = json.loads((ROOT / "tests" / "article_facts.json").read_text(encoding="utf-8"))
FIGURE = re.compile(
    r"\$(?P<usd>\d[\d,]*(?:\.\d+)?)|(?P<num>\d+(?:\.\d+)?)(?:–(?P<high>\d+(?:\.\d+)?))?(?P<unit>[%×])"
)
# Elements a citation must share with its figure: never look past the nearest of these.
BOUNDARIES = {"li", "section", "article", "main", "aside", "tr"}
ROLE_CARDS = {"role-card", "match-card"}
# Classes of elements whose figures are not checked: none today (career-step notes
# once held an unsourced figure; they hold none now).
KNOWN_GAPS = set()
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.parent, self.children = tag, parent, []
        self.attrs = dict(attrs)
        self.classes = set((self.attrs.get("class") or "").split())

    def text(self):
        return " ".join(
            child if isinstance(child, str) else child.text() for child in self.children
        )

    def descendants(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.descendants()

    def ancestors(self):
        node = self
        while node is not None:
            yield node
            node = node.parent


class Tree(HTMLParser):
    """The page as nodes: enough structure to find what a figure sits beside."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("document", [], None)
        self.texts = []  # (text, parent node), in document order
        self.skipping = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skipping += 1
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skipping -= 1
        for node in self.current.ancestors():
            if node.tag == tag:
                self.current = node.parent
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.current.children.append(data)
            self.texts.append((data, self.current))


def number(text):
    return Decimal(text.replace(",", ""))


def figures_in(text):
    """[(the figure as written, (value, unit))] for each figure in `text`."""
    found = []
    for match in FIGURE.finditer(text):
        if match["usd"]:
            found.append((match[0], (number(match["usd"]), "$")))
        elif match["high"]:
            found.append((match[0], ((number(match["num"]), number(match["high"])), match["unit"])))
        else:
            found.append((match[0], (number(match["num"]), match["unit"])))
    return found


def fact_key(value, unit):
    if isinstance(value, list):
        return (tuple(Decimal(v) for v in value), unit)
    return (Decimal(value), unit)


class Facts:
    """What each source gives, from the article's facts and the seeded records."""

    def __init__(self):
        self.by_source = {}
        for fact in FACTS["figures"]:
            self.add(fact["source"], fact_key(fact["value"], fact["unit"]))
        self.role_figures = {}
        for role in Role.objects.select_related("salary_source", "outlook_source"):
            own = self.role_figures.setdefault(role.title, set())
            for value in (role.salary_low, role.salary_median, role.salary_high):
                if value is not None and role.salary_source:
                    self.add(role.salary_source.slug, (Decimal(value), "$"))
                    own.add((Decimal(value), "$"))
            if role.outlook_growth_pct is not None and role.outlook_source:
                self.add(role.outlook_source.slug, (abs(role.outlook_growth_pct), "%"))
                own.add((abs(role.outlook_growth_pct), "%"))
        self.official = set()
        for estimate in WageEstimate.objects.all():
            for field in WAGE_FIELDS:
                if getattr(estimate, field) is not None:
                    self.official.add((Decimal(getattr(estimate, field)), "$"))
            if estimate.location_quotient is not None:
                self.official.add((estimate.location_quotient, "×"))
        self.official_titles = set()
        for release in WageRelease.objects.select_related("source"):
            self.official |= {(release.hourly_top_code, "$"), (release.annual_top_code, "$")}
            self.official_titles.add(release.source.title)
        self.titles = {source.title: source for source in Source.objects.all()}

    def add(self, slug, key):
        self.by_source.setdefault(slug, set()).add(key)


def is_reference(node):
    return node.tag == "sup" and "ref" in node.classes


def listed_sources(tree):
    """{id: list item} for the page's list of sources, at the foot of <main>."""
    return {
        item.attrs.get("id"): item
        for section in tree.root.descendants()
        if section.tag == "section" and "footnotes" in section.classes
        for item in section.descendants()
        if item.tag == "li"
    }


def first_hand_citations(scope, facts, listed):
    """The sources a scope cites first-hand: for each footnote reference in it, the list
    item it links to, and there each <cite> not inside "as cited in"."""
    cited = set()
    for reference in filter(is_reference, scope.descendants()):
        href = next(d for d in reference.descendants() if d.tag == "a").attrs["href"]
        item = listed.get(href.removeprefix("#"))
        assert item is not None, f"a reference leads to no listed source: {href!r}"
        for node in item.descendants():
            first_hand = not any("cited-in" in a.classes for a in node.ancestors())
            if node.tag == "cite" and "source" in node.classes and first_hand:
                source = facts.titles.get(" ".join(node.text().split()))
                assert source is not None, f"cites an unknown source: {node.text()!r}"
                cited.add(source.slug)
    return cited


def citing_scope(node):
    """The nearest element around `node` holding a footnote reference, within its boundary."""
    for ancestor in node.ancestors():
        if any(is_reference(d) for d in ancestor.descendants()):
            return ancestor
        if ancestor.tag in BOUNDARIES:
            return None
    return None


def visitor_input(url):
    """What the visitor typed or chose, as the page may echo it: the search words, and
    any number in the address (a filter's "at least $100,000")."""
    values = [value for values in parse_qs(urlsplit(url).query).values() for value in values]
    numbers = {Decimal(value) for value in values if re.fullmatch(r"\d+(\.\d+)?", value)}
    return " ".join(values), numbers


def not_a_fact(written, key, node, url):
    """The figures that are not claims about the world (see the module's docstring)."""
    around = " ".join(node.text().split())
    ancestors = list(node.ancestors())
    if any({"chart-legend", "chart-axis", "tile-map-legend"} & set(a.classes) for a in ancestors):
        return True  # a scale: where bars or shades begin and end
    score_line = next((a for a in ancestors if "match-score" in a.classes), None)
    if score_line is not None:
        score = re.search(
            r"(\d+)% of its core skills: you have (\d+) of (\d+)",
            " ".join(score_line.text().split()),
        )
        return bool(score) and int(score[1]) == round(100 * int(score[2]) / int(score[3]))
    if key == (Decimal(80), "%") and "the middle 80% earn" in around:
        return True
    typed, numbers = visitor_input(url)
    return written in typed or key[0] in numbers


def problems_on(html, url, facts, skip_classes=KNOWN_GAPS):
    tree = Tree(html)
    listed = listed_sources(tree)
    page_names_bls = any(title in html for title in facts.official_titles)
    found = []
    for text, node in tree.texts:
        if not any(a.tag == "main" for a in node.ancestors()):
            continue
        if any(a.classes & skip_classes for a in node.ancestors()):
            continue
        for written, key in figures_in(text):
            if not_a_fact(written, key, node, url):
                continue
            card = next((a for a in node.ancestors() if a.classes & ROLE_CARDS), None)
            if card is not None:
                title = next(d for d in card.descendants() if d.tag == "a").text().strip()
                if key in facts.role_figures.get(title, set()):
                    continue
            scope = citing_scope(node)
            if scope is not None:
                cited = first_hand_citations(scope, facts, listed)
                if any(key in facts.by_source.get(slug, set()) for slug in cited):
                    continue
            if key in facts.official:
                boundary = next(a for a in node.ancestors() if a.tag in BOUNDARIES)
                if page_names_bls or "BLS" in boundary.text():
                    continue
            found.append(f"{url}: {written} in “{' '.join(node.text().split())[:90]}”")
    return found


def test_every_figure_on_every_page_is_a_known_fact_beside_its_source(client):
    facts = Facts()
    problems = []
    for _, url in all_pages():
        response = client.get(url)
        problems += problems_on(response.content.decode(), url, facts)
    assert not problems, "\n".join(problems)


def test_second_hand_sources_always_say_where_we_read_them(client):
    """ "BLS" alone would claim we read BLS; every page says "…, as cited in <article>"."""
    second_hand = Source.objects.filter(cited_in__isnull=False).select_related("cited_in")
    assert {s.slug: s.cited_in.slug for s in second_hand} == FACTS["second_hand"]
    for _, url in all_pages():
        html = client.get(url).content.decode()
        for source in second_hand:
            cite = f'<cite class="source">{source.title}</cite>'
            following = html.split(cite)[1:]
            for after in following:
                citation = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", after.split("</p>")[0]))
                assert f"as cited in {source.cited_in.title}" in citation, (url, source.slug)


def test_a_figure_without_its_source_or_with_another_source_is_caught(client):
    facts = Facts()
    page = client.get("/guide/figures/").content.decode()
    assert problems_on(page, "/guide/figures/", facts) == []
    # BLS's 36% credited to the article alone, as if the article had measured it:
    article = Source.objects.get(slug=FACTS["article"]).title
    wrong = re.sub(
        r'<cite class="source">U.S. Bureau of Labor Statistics</cite>,\s*<span class="cited-in">',
        f'<cite class="source">{article}</cite> <span class="cited-in">',
        page,
        count=1,
    )
    assert wrong != page
    assert any("36%" in problem for problem in problems_on(wrong, "/guide/figures/", facts))
    # BLS's 36% with its reference pointed at the article's own footnote:
    after = page.split("36%", 1)[1]
    reference = references(after)[0]
    article_item = next(id for id, text in footnote_list(page).items() if text.startswith(article))
    assert reference.target != article_item
    repointed = page.replace(
        f'href="#{reference.target}" id="{reference.id}"',
        f'href="#{article_item}" id="{reference.id}"',
    )
    assert any("36%" in problem for problem in problems_on(repointed, "/guide/figures/", facts))
    # A reference to a source the page does not list:
    unlisted = page.replace(f'<li id="{reference.target}">', "<li>")
    with pytest.raises(AssertionError, match="leads to no listed source"):
        problems_on(unlisted, "/guide/figures/", facts)
    # A figure the article never gives, with a source beside it:
    invented = page.replace("36%", "37%", 1)
    assert any("37%" in problem for problem in problems_on(invented, "/guide/figures/", facts))
    # A figure with no citation at all beside it:
    bare = "<main><section><p>About 65% of graduates find work.</p></section></main>"
    assert problems_on(bare, "/", facts)
