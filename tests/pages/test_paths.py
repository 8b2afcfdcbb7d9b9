"""Career paths: the whole progression drawn on the server as one SVG map, each
role once and linked, with the same paths told in words."""

import html as html_lib
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import CareerStep, Role
from careers.paths import NODE_WIDTH, career_map, wrap
from tests.helpers import text

URL = "/paths/"


def diagram(html):
    return re.search(r'<svg class="path-map".*?</svg>', html, re.S).group(0)


def words(html):
    return html.split('id="words-heading"', 1)[1].split("</main>", 1)[0]


def node_links(svg):
    return re.findall(r'<a class="path-node path-node--[a-z-]+" href="([^"]+)"', svg)


def test_the_map_holds_every_published_role_once_each_linking_to_its_page(client):
    Role.objects.filter(slug="robotics-engineer").update(is_published=False)
    html = client.get(URL).content.decode()
    links = node_links(diagram(html))
    published = Role.objects.published()
    assert sorted(links) == sorted(role.get_absolute_url() for role in published)
    assert "/roles/robotics-engineer/" not in html


def test_the_map_draws_every_step_between_published_roles_with_its_kind(client):
    Role.objects.filter(slug="product-manager").update(is_published=False)
    svg = diagram(client.get(URL).content.decode())
    drawn = re.findall(r'<path class="path-step path-step--([a-z-]+)" d="M[^"]+"', svg)
    steps = CareerStep.objects.filter(from_role__is_published=True, to_role__is_published=True)
    assert sorted(drawn) == sorted(steps.values_list("kind", flat=True))
    assert len(drawn) == 20  # the seed's 21 steps, less the one into the hidden role


def test_the_diagram_is_labelled_and_its_decoration_hidden(client):
    svg = diagram(client.get(URL).content.decode())
    assert 'role="group" aria-label="Diagram of 16 roles and the steps between them' in svg
    assert '<g aria-hidden="true">' in svg
    for title in Role.objects.values_list("title", flat=True):
        assert f'aria-label="{html_lib.escape(title)}"' in svg


def test_the_text_equivalent_names_each_role_once_in_its_group_with_where_it_leads(client):
    html = client.get(URL).content.decode()
    told = words(html)
    for role in Role.objects.published():
        assert told.count(f'<li><a href="{role.get_absolute_url()}">') == 1, role.slug
    page = text(client.get(URL))
    assert (
        "Data Analyst : leads to Business Intelligence Analyst (promotion, typically within "
        "5 years)" in page
    )
    assert "AI Ethicist : no onward steps listed." in page
    assert "Data Scientist : leads to AI Ethicist (needs a graduate degree)" in page


def test_the_four_groups_are_entry_further_graduate_and_interdisciplinary(client):
    html = client.get(URL).content.decode()
    headings = re.findall(r'<h3 id="group-([a-z]+)">([^<]+) <span class="count">(\d+) role', html)
    assert [(key, int(count)) for key, _, count in headings] == [
        ("entry", 5),
        ("mid", 4),
        ("advanced", 2),
        ("interdisciplinary", 5),
    ]
    interdisciplinary = words(html).split('id="group-interdisciplinary"')[1]
    for role in Role.objects.filter(track="interdisciplinary"):
        assert f'<li><a href="{role.get_absolute_url()}">' in interdisciplinary


def test_a_keyboard_user_can_skip_the_diagram(client):
    html = client.get(URL).content.decode()
    assert '<a href="#words-heading">Skip the diagram' in html
    assert html.index("Skip the diagram") < html.index('<svg class="path-map"')
    # On a phone the map scrolls inside its own region, which the keyboard can reach.
    assert re.search(r'class="path-map-scroll" role="region" aria-label="[^"]+" tabindex="0"', html)


def test_columns_run_from_entry_to_graduate_study_and_no_two_boxes_overlap():
    layout = career_map()
    by_slug = {node.role.slug: node for node in layout.nodes}
    assert by_slug["data-analyst"].x < by_slug["ai-specialist"].x < by_slug["ai-ethicist"].x
    # Interdisciplinary roles share their stage's column, below its other roles.
    assert by_slug["product-manager"].x == by_slug["ai-specialist"].x
    assert by_slug["product-manager"].y > by_slug["ai-specialist"].y
    for node in layout.nodes:
        for other in layout.nodes:
            if node is other or node.x != other.x:
                continue
            assert node.y + node.height <= other.y or other.y + other.height <= node.y
        assert node.x >= 0 and node.x + NODE_WIDTH <= layout.width
        assert node.y >= 0 and node.y + node.height <= layout.height


def test_long_titles_wrap_inside_their_box():
    assert wrap("Technical Consultant (AI & analytics)") == [
        "Technical Consultant (AI",
        "& analytics)",
    ]
    assert wrap("Data Analyst") == ["Data Analyst"]
    assert all(len(line) <= 24 for line in wrap("x" * 60))


def test_the_map_takes_the_same_queries_for_few_or_many_roles(client, make_role):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    previous = None
    for number in range(120):
        role = make_role(stage=["entry", "mid", "advanced"][number % 3])
        if previous is not None:
            CareerStep.objects.create(from_role=previous, to_role=role, kind="promotion")
        previous = role
    assert count() == few <= 2
    svg = diagram(client.get(URL).content.decode())
    assert len(node_links(svg)) == Role.objects.published().count()
