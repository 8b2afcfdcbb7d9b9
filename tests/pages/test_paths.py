"""Career paths: the article's lists drawn on the server as one SVG map, a role under
each list it is in, the steps between roles labelled with their basis, and the same
told in words."""

import html as html_lib
import re

from careers.models import ArticleListing, CareerStep, Role
from careers.paths import NODE_WIDTH, career_map, wrap
from tests.helpers import text
from tests.helpers.footnotes import sources_cited

URL = "/paths/"


def diagram(html):
    return re.search(r'<svg class="path-map".*?</svg>', html, re.S).group(0)


def words(html):
    return html.split('id="words-heading"', 1)[1].split("</main>", 1)[0]


def node_links(svg):
    return re.findall(r'<a class="path-node path-node--[a-z-]+" href="([^"]+)"', svg)


def test_the_map_holds_every_published_role_under_each_list_it_is_in(client):
    Role.objects.filter(slug="robotics-engineer").update(is_published=False)
    html = client.get(URL).content.decode()
    links = node_links(diagram(html))
    expected = [
        role.get_absolute_url()
        for listing in ArticleListing.objects.all()
        for role in listing.roles.published()
    ]
    assert sorted(links) == sorted(expected)
    assert "/roles/robotics-engineer/" not in html
    # The article names the machine learning engineer in four lists: four boxes.
    assert links.count("/roles/machine-learning-engineer/") == 4


def test_a_role_in_no_list_still_appears_in_a_column_of_its_own(client, make_role):
    role = make_role(title="Data Gardener")
    layout = career_map()
    last, nodes = layout.groups[-1]
    assert (last.key, [node.role for node in nodes]) == ("unlisted", [role])
    assert "In none of the article’s lists" in text(client.get(URL))


def test_the_map_draws_every_step_between_published_roles_once_as_an_editors_note(client):
    Role.objects.filter(slug="product-manager").update(is_published=False)
    svg = diagram(client.get(URL).content.decode())
    drawn = re.findall(
        r'<path class="path-step path-step--([a-z-]+) path-step--([a-z]+)" d="M', svg
    )
    steps = CareerStep.objects.filter(from_role__is_published=True, to_role__is_published=True)
    assert sorted(kind for kind, _ in drawn) == sorted(steps.values_list("kind", flat=True))
    assert len(drawn) == 20  # the seed's 21 steps, less the one into the hidden role
    assert {basis for _, basis in drawn} == {"editorial"}


def test_the_page_says_the_arrows_are_editors_notes_not_the_articles(client):
    page = text(client.get(URL))
    assert "Editors’ note The arrows are moves our editors suggest." in page
    assert "Faded: an editors’ note, not stated in the article" in page


def test_the_diagram_is_labelled_and_its_decoration_hidden(client):
    svg = diagram(client.get(URL).content.decode())
    assert (
        'aria-label="Diagram of 16 roles in the article’s lists and the steps between them' in svg
    )
    assert '<g aria-hidden="true">' in svg
    for title in Role.objects.values_list("title", flat=True):
        assert f'aria-label="{html_lib.escape(title)}"' in svg


def test_the_text_equivalent_names_each_role_under_every_list_with_where_it_leads(client):
    told = words(client.get(URL).content.decode())
    for role in Role.objects.published():
        times = told.count(f'<li><a href="{role.get_absolute_url()}">')
        assert times == role.listings.count(), role.slug
    page = text(client.get(URL))
    assert (
        "Data Analyst : leads to Business Intelligence Analyst (promotion; Editors’ note )" in page
    )
    assert "AI Ethicist : no onward steps listed." in page
    assert "Data Scientist : leads to AI Ethicist (needs a graduate degree; Editors’ note )" in page


def test_every_step_in_the_text_equivalent_shows_its_basis(client):
    told = words(client.get(URL).content.decode())
    told_steps = sum(
        1 + item.count(";\n        <a") for item in re.findall(r": leads to(.*?)</li>", told, re.S)
    )
    assert told_steps == told.count('<span class="basis-label">Editors’ note</span>')


def test_a_step_a_source_states_is_drawn_solid_and_names_its_source(client, source):
    step = CareerStep.objects.get(from_role__slug="data-analyst", to_role__slug="data-scientist")
    step.basis, step.source = CareerStep.Basis.ARTICLE, source
    step.save()
    html = client.get(URL).content.decode()
    assert 'class="path-step path-step--promotion path-step--article"' in diagram(html)
    assert "Data Scientist (promotion; stated in our source" in text(client.get(URL))
    basis = html.split('<span class="basis-source">', 1)[1].split("</sup>", 1)[0] + "</sup>"
    assert sources_cited(basis, html)[0].startswith(source.title)


def test_the_groups_are_the_articles_lists_in_order_with_their_counts(client):
    html = client.get(URL).content.decode()
    headings = re.findall(r'<h3 id="group-([a-z-]+)">([^<]+) <span class="count">(\d+) role', html)
    assert [(key, int(count)) for key, _, count in headings] == [
        ("entry", 5),
        ("mid", 4),
        ("advanced", 4),
        ("interdisciplinary", 5),
        ("highest-paying", 5),
    ]
    assert [heading.strip() for _, heading, _ in headings] == list(
        ArticleListing.objects.values_list("title", flat=True)
    )


def test_a_keyboard_user_can_skip_the_diagram(client):
    html = client.get(URL).content.decode()
    assert '<a href="#words-heading">Skip the diagram' in html
    assert html.index("Skip the diagram") < html.index('<svg class="path-map"')
    # On a phone the map scrolls inside its own region, which the keyboard can reach.
    assert re.search(r'class="path-map-scroll" role="region" aria-label="[^"]+" tabindex="0"', html)


def test_columns_follow_the_lists_and_no_two_boxes_overlap():
    layout = career_map()
    columns = {}
    for node in layout.nodes:
        columns.setdefault(node.role.slug, []).append(node.x)
    assert columns["data-analyst"][0] < columns["ai-specialist"][0] < columns["ai-ethicist"][0]
    assert len(set(columns["data-scientist"])) == 4  # one box per list, each in its column
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


def test_the_map_takes_the_same_few_queries_for_few_or_many_roles(
    client, make_role, django_assert_max_num_queries
):
    listings = list(ArticleListing.objects.all())
    previous = None
    for number in range(120):
        role = make_role()
        listings[number % len(listings)].roles.add(role)
        if number % 4 == 0:
            listings[(number + 1) % len(listings)].roles.add(role)  # in two lists
        if previous is not None:
            CareerStep.objects.create(from_role=previous, to_role=role, kind="promotion")
        previous = role
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    svg = diagram(response.content.decode())
    assert len(node_links(svg)) == ArticleListing.roles.through.objects.count()
