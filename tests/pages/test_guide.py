"""The graduates' guide: next steps, students' questions and every headline figure,
each with its source, curated by editors and linked from the home page."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import GuideEntry, Source, Statistic
from tests.helpers import text
from tests.helpers.footnotes import references, sources_cited

NEXT_STEPS = [
    "entering-the-workforce",
    "further-study",
    "professional-development",
    "starting-a-venture",
]
QUESTIONS = ["which-industries-hire", "experience-or-education", "soft-skills", "ongoing-training"]


def entries_on(html, heading_id):
    """The slugs of the entries in the section headed by `heading_id`, in order."""
    section = html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li class="guide-entry" id="([^"]+)">', section)


def test_the_guide_shows_next_steps_then_questions_in_the_editors_order(client):
    html = client.get("/guide/").content.decode()
    assert html.count("<h1") == 1
    assert entries_on(html, "next-steps-heading") == NEXT_STEPS
    assert entries_on(html, "questions-heading") == QUESTIONS
    page = text(client.get("/guide/"))
    for entry in GuideEntry.objects.all():
        assert entry.title in page


def test_each_entry_names_its_source(client):
    html = client.get("/guide/").content.decode()
    entries = dict(re.findall(r'<li class="guide-entry" id="([^"]+)">(.*?)</li>', html, re.S))
    for slug, body in entries.items():
        entry = GuideEntry.objects.select_related("source").get(slug=slug)
        cited = sources_cited(body, html)
        assert len(cited) == 1 and cited[0].startswith(entry.source.title), slug
    workforce = GuideEntry.objects.get(slug="entering-the-workforce")
    assert workforce.source.slug == "nces" and "63%" in workforce.body
    assert set(
        GuideEntry.objects.exclude(slug="entering-the-workforce").values_list(
            "source__slug", flat=True
        )
    ) == {"ml-careers-article-2026"}


def test_the_figures_page_shows_every_statistic_with_its_source(client):
    response = client.get("/guide/figures/")
    page = text(response)
    statistics = Statistic.objects.with_sources()
    assert statistics.count() == 9
    for statistic in statistics:
        assert statistic.statement in page
        assert f'<li class="stat" id="{statistic.slug}">' in response.content.decode()
    html = response.content.decode()
    stats = re.findall(r'<li class="stat" id="[^"]+">(.*?)</li>', html, re.S)
    assert [len(references(stat)) for stat in stats] == [1] * 9
    assert "Nearly 63% Share of people holding a STEM bachelor’s" in page
    assert "National Center for Education Statistics" in page


def test_the_guide_pages_take_the_same_queries_whatever_their_length(client):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = {url: count(url) for url in ("/guide/", "/guide/figures/")}
    source = Source.objects.first()
    for number in range(40):
        GuideEntry.objects.create(
            kind="question", slug=f"q{number}", title=f"Q{number}?", body="A.", source=source
        )
        Statistic.objects.create(slug=f"s{number}", value=1, statement="S.", source=source)
    assert {url: count(url) for url in before} == before
    assert before["/guide/"] <= 3 and before["/guide/figures/"] <= 1
