"""The article's headline content where a visitor looks for it: the field's salary
range on the home page and beside the salary factors, the key things to know on the
home page, and graduates' own words on the guide page; each with its source."""

import re

from careers.models import FieldSalaryRange, GraduateQuote, KeyPoint, Source
from tests.helpers import text
from tests.helpers.footnotes import footnote_list, sources_cited, without_references

ARTICLE = "What Careers Can You Pursue With a Machine Learning Degree?"
RANGE = "$90,000 to well over $200,000 a year"


def section(html, heading_id):
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def test_the_home_page_gives_the_fields_range_and_the_key_things_to_know(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get("/")
    html = response.content.decode()
    figures = section(html, "figures-heading")
    assert f"{RANGE}: what the better-paid machine-learning careers typically pay" in text_of(
        without_references(figures)
    )
    assert sources_cited(figures, html)[0].startswith(ARTICLE)
    points = section(html, "key-points-heading")
    assert re.findall(r'<li class="key-point" id="([^"]+)"><h3>', points) == [
        point.slug for point in KeyPoint.objects.for_page()
    ]
    # Each point cites its source; one source is one footnote, listed once at the foot.
    cited = sources_cited(points, html)
    assert len(cited) == KeyPoint.objects.count() and all(s.startswith(ARTICLE) for s in cited)
    listed = footnote_list(html).values()
    assert len([source for source in listed if source.startswith(ARTICLE)]) == 1


def test_the_salary_factors_page_opens_with_the_fields_range(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/salary-factors/")
    page = text(response)
    assert page.index(RANGE) < page.index("Industry Who you work for matters")
    assert "Pay across the field" in page


def test_an_editors_change_to_the_range_shows_at_once_and_never_more_precisely(client):
    FieldSalaryRange.objects.update(high=210_000)
    assert "$90,000 to well over $210,000 a year" in text(client.get("/"))
    FieldSalaryRange.objects.update(high_qualifier="")
    assert "$90,000 to $210,000 a year" in text(client.get("/salary-factors/"))


def test_graduates_words_are_quoted_and_attributed_on_the_guide(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get("/guide/")
    quotes = section(response.content.decode(), "quotes-heading")
    for quote in GraduateQuote.objects.all():
        figure = quotes.split(f'<li id="{quote.slug}">', 1)[1].split("</li>", 1)[0]
        assert f"<blockquote><p>{escape(quote.text)}</p></blockquote>" in figure
        caption = figure.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]
        assert text_of(caption).startswith(quote.attribution)
        assert "quoted in our source" in text_of(caption)
        assert sources_cited(caption, response.content.decode())[0].startswith(ARTICLE)
    assert '<figure class="quote">' in quotes


def test_the_headline_pages_take_the_same_queries_however_much_there_is(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ("/", "/guide/", "/salary-factors/")
    before = {url: count(url) for url in urls}
    bls = Source.objects.get(slug="us-bls")  # second-hand: its citation names the article
    for number in range(20):
        KeyPoint.objects.create(slug=f"k{number}", title="K", body="B.", source=bls)
        GraduateQuote.objects.create(slug=f"q{number}", text="Q.", attribution="A", source=bls)
        FieldSalaryRange.objects.create(slug=f"r{number}", statement="s", low=1, high=2, source=bls)
    assert {url: count(url) for url in urls} == before


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",").replace(" .", ".")


def escape(value):
    from django.utils.html import escape as django_escape

    return django_escape(value)
