"""Sources as footnotes: a figure carries a small numbered reference; the page lists each
source it cites once, in full, at the foot of <main>, in the order it first cites them.
The reference shows its source on hover and focus (tests/browser/test_footnotes.py)."""

import re
from collections import Counter

import pytest
from django.template import Context, Template, TemplateSyntaxError

from careers.footnotes import Footnotes
from careers.models import Source, Statistic
from tests.helpers import all_pages, text
from tests.helpers.footnotes import (
    back_links,
    footnote_list,
    footnote_markup,
    references,
    sources_cited,
)

ARTICLE = "What Careers Can You Pursue With a Machine Learning Degree?"


def test_a_source_gets_the_next_number_the_first_time_and_the_same_number_after():
    article, bls, nces = (
        Source.objects.get(slug=slug) for slug in ("ml-careers-article-2026", "us-bls", "nces")
    )
    footnotes = Footnotes()
    cited = [footnotes.cite(source) for source in (article, bls, article, nces, bls, article)]
    assert [(note.number, reference) for note, reference in cited] == [
        (1, "ref-1"),
        (2, "ref-2"),
        (1, "ref-1-2"),
        (3, "ref-3"),
        (2, "ref-2-2"),
        (1, "ref-1-3"),
    ]
    # "BLS, as cited in the article" is a footnote of its own, and says both.
    assert [note.source for note in footnotes] == [article, bls, nces]
    assert footnotes_summary(footnotes, 2).startswith(f"{bls.title}, as cited in {article.title}")


def footnotes_summary(footnotes, number):
    return next(note.summary for note in footnotes if note.number == number)


def test_the_figures_page_numbers_its_sources_in_order_and_reuses_a_number(client):
    html = client.get("/guide/figures/").content.decode()
    statistics = list(Statistic.objects.with_sources())
    items = re.findall(r'<li class="stat" id="([^"]+)">(.*?)</li>', html, re.S)
    assert [slug for slug, _ in items] == [statistic.slug for statistic in statistics]
    numbers = [references(body)[0].number for _, body in items]
    # Numbered by first appearance: 1, then 2 the first time another source is cited…
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == [str(n) for n in range(1, len(first_seen) + 1)]
    # …and a source cited again keeps its number: one number per source, one source per number.
    by_source = {}
    for statistic, number in zip(statistics, numbers, strict=True):
        assert by_source.setdefault(statistic.source_id, number) == number
    assert len(set(by_source.values())) == len(by_source) == len(footnote_list(html)) > 1
    assert Counter(numbers).most_common(1)[0][1] > 1  # some source really is cited twice
    # Each statistic's footnote is its own source, second-hand ones saying where we read them.
    listed = footnote_list(html)
    for statistic, (_, body) in zip(statistics, items, strict=True):
        [source] = sources_cited(body, html)
        assert source.startswith(statistic.source.title)
        if statistic.source.cited_in_id:
            assert f"as cited in {statistic.source.cited_in.title}" in source
    assert list(listed) == [f"source-{n}" for n in range(1, len(listed) + 1)]


def test_the_list_gives_each_sources_title_author_publisher_year_and_link(client):
    Source.objects.filter(slug="ml-careers-article-2026").update(
        url="https://example.org/ml-careers", publisher="Research.com"
    )
    response = client.get("/roles/research-scientist/")
    html = response.content.decode()
    assert '<h2 id="footnotes-heading">Sources</h2>' in html
    listed = footnote_list(html)
    article_item = next(id for id, source in listed.items() if source.startswith(ARTICLE))
    assert listed[article_item] == (
        f"{ARTICLE} Salary Potential, Job Outlook, and Next Steps, Imed Bouchrika, PhD, "
        "Research.com (2026)"
    )
    markup = footnote_markup(html)[article_item]
    assert '<a href="https://example.org/ml-careers">What Careers' in markup
    # Its full text is given once, in the list; the text carries only the reference.
    body = html.split('<section class="footnotes"')[0]
    assert "Imed Bouchrika" not in re.sub(r'<span class="ref-tip".*?</span>', "", body)
    # Salary and outlook both come from the article: one footnote, referenced twice.
    salary = (
        html.split('<dd class="fact-source">Salary range', 1)[1].split("</sup>", 1)[0] + "</sup>"
    )
    outlook = html.split("Job-outlook growth", 1)[1].split("</sup>", 1)[0] + "</sup>"
    [first], [again] = references(salary), references(outlook)
    assert (first.target, first.number) == (again.target, again.number) == (article_item, "1")
    assert (first.id, again.id) == ("ref-1", "ref-1-2")
    assert "Source 1" in text(response)  # the reference's name, not just a bare number


def test_every_reference_leads_to_a_listed_source_and_every_listed_source_is_referenced(client):
    for _, url in all_pages():
        html = client.get(url).content.decode()
        cited, listed = references(html), footnote_list(html)
        assert {r.target for r in cited} == set(listed), url
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (url, [i for i, n in Counter(ids).items() if n > 1])
        first = {}
        for reference in cited:
            assert reference.target == f"source-{reference.number}", url
            assert reference.describedby == reference.tip_id == f"{reference.id}-tip", url
            assert listed[reference.target].startswith(reference.tip.split(",")[0]), url
            first.setdefault(reference.target, reference.id)
        assert back_links(html) == first, url  # "back to text" returns to the first reference
        assert html.count('class="ref"') == len(cited), url  # none this helper failed to read


def test_a_page_that_cites_nothing_lists_no_sources(client):
    for url in ("/skills/", "/search/?q=python"):
        html = client.get(url).content.decode()
        assert references(html) == [], url
        assert 'class="footnotes"' not in html and ">Sources</h2>" not in html, url


def test_a_source_title_in_any_script_reaches_the_page_escaped(client):
    statistic = Statistic.objects.first()
    statistic.source = Source.objects.create(
        slug="unicode", title="Études “près” 東京 & <b>bold</b>", publisher="Ñandú", year=2025
    )
    statistic.save()
    response = client.get("/guide/figures/")
    html = response.content.decode()
    assert "<b>bold</b>" not in html
    [reference] = references(html.split(f'id="{statistic.slug}"', 1)[1].split("</li>", 1)[0])
    assert reference.tip == "Études “près” 東京 & <b>bold</b>, Ñandú, 2025"
    assert "&lt;b&gt;bold&lt;/b&gt;" in footnote_markup(html)[reference.target]
    assert footnote_list(html)[reference.target] == "Études “près” 東京 & <b>bold</b>, Ñandú (2025)"


def test_a_citation_outside_a_page_with_its_list_is_refused():
    template = Template("{% load footnotes %}{% cite source %}")
    with pytest.raises(TemplateSyntaxError, match="needs the page's footnotes"):
        template.render(Context({"source": Source.objects.first()}))
    assert template.render(Context({"source": None})) == ""
