"""Career paths: the article's lists drawn on the server as one SVG map, a role under
each list it is in, the steps between roles labelled with their basis, and the same
told in words, as the nested list a phone, a screen reader and paper get."""

import html as html_lib
import re

from careers.geometry import count_crossings, passes_through
from careers.models import ArticleListing, CareerStep, Role
from careers.paths import NODE_WIDTH, career_map, wrap
from tests.helpers import ROOT, text
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


def test_the_page_says_the_steps_are_editors_notes_not_the_articles(client):
    page = text(client.get(URL))
    assert "Editors’ note The steps from one role to another are moves our editors suggest." in page
    assert "Faded: an editors’ note, not stated in the article" in page


def test_a_screen_reader_or_keyboard_meets_each_role_once_in_words_not_again_in_the_diagram(
    client,
):
    html = client.get(URL).content.decode()
    svg = diagram(html)
    # The diagram is for the eye: hidden from assistive technology, no tab stops.
    assert re.match(r'<svg class="path-map"[^>]*aria-hidden="true" focusable="false"', svg)
    boxes = re.findall(r'<a class="path-node[^>]*>', svg)
    assert boxes and all('tabindex="-1"' in box for box in boxes)
    assert "aria-label" not in svg
    # The words name every published role, as a link, under each list it is in.
    told = words(html)
    for title in Role.objects.published().values_list("title", flat=True):
        assert f">{html_lib.escape(title)}</a>" in told
    assert 'role="region"' not in html  # nothing left that scrolls sideways


def test_the_text_equivalent_names_each_role_under_every_list_with_where_it_leads(client):
    told = words(client.get(URL).content.decode())
    for role in Role.objects.published():
        times = told.count(f'<li><a href="{role.get_absolute_url()}">')
        assert times == role.listings.count(), role.slug
    page = text(client.get(URL))
    assert (
        "Data Analyst leads to Business Intelligence Analyst (promotion; Editors’ note ) "
        "leads to Data Scientist (promotion; Editors’ note )"
    ) in page
    assert "AI Ethicist : no onward steps listed." in page
    assert "Data Scientist leads to AI Ethicist (needs a graduate degree; Editors’ note )" in page


def test_the_words_nest_each_roles_next_steps_under_it_each_with_its_basis(client):
    told = words(client.get(URL).content.decode())
    analyst = re.search(
        r'<li><a href="/roles/data-analyst/">Data Analyst</a>(.*?)</ul>', told, re.S
    )
    next_steps = re.findall(r'<li>leads to <a href="([^"]+)">', analyst.group(1))
    assert next_steps == ["/roles/business-intelligence-analyst/", "/roles/data-scientist/"]
    items = re.findall(r"<li>leads to (.*?)</li>", told, re.S)
    # A step is told once under each box of its role: as many times as that role's lists.
    assert len(items) == sum(
        step.from_role.listings.count() for step in CareerStep.objects.select_related("from_role")
    )
    assert all('<span class="basis-label">Editors’ note</span>' in item for item in items)


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


def test_the_stylesheet_shows_the_diagram_only_on_wide_screens_and_never_on_paper():
    css = (ROOT / "static" / "css" / "site.css").read_text()
    section = css.split("/* Career paths, issue 16", 1)[1].split("\n/* ", 1)[0]
    assert ".path-diagram { display: none; }" in section
    assert re.search(
        r"@media \(min-width: 62rem\) \{\s*\.path-diagram \{ display: block; \}", section
    )
    assert re.search(r"@media print \{\s*\.path-diagram \{ display: none !important; \}", section)


def test_on_the_seed_map_no_two_steps_cross():
    layout = career_map()
    lines = [drawn.line for drawn in layout.steps]
    ends = [{id(drawn.source), id(drawn.target)} for drawn in layout.steps]
    assert len(lines) == CareerStep.objects.count()
    assert count_crossings(lines, ends) == 0


def test_on_the_seed_map_no_step_runs_through_a_box_it_does_not_join():
    layout = career_map()
    for drawn in layout.steps:
        assert (drawn.source.role, drawn.target.role) == (drawn.step.from_role, drawn.step.to_role)
        for node in layout.nodes:
            if node is not drawn.source and node is not drawn.target:
                assert not passes_through(drawn.line, node.box), (drawn.step, node.role.slug)
        assert all(0 <= x <= layout.width and 0 <= y <= layout.height for x, y in drawn.line)


def test_the_svg_path_is_the_route_the_checks_measure(client):
    layout = career_map()
    svg = diagram(client.get(URL).content.decode())
    drawn = re.findall(r'<path class="path-step [^"]+" d="([^"]+)"', svg)
    assert drawn == [step.path for step in layout.steps]
    for step in layout.steps:  # the numbers in d are the corners of the measured route
        corners = [step.pieces[0][1]] + [point for _, _, *points in step.pieces for point in points]
        numbers = [float(number) for number in re.findall(r"-?[\d.]+", step.path)]
        assert numbers == [value for point in corners for value in point]


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
        "Technical Consultant",
        "(AI & analytics)",
    ]
    assert wrap("Data Analyst") == ["Data Analyst"]
    assert all(len(line) <= 21 for line in wrap("x" * 60))


def test_the_map_takes_the_same_few_queries_for_few_or_many_roles(
    client, make_role, django_assert_max_num_queries, settings
):
    settings.PATHS_WHOLE_MAP_MAX_ROLES = 200  # still the whole map, with 140 roles
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
    # The roles, the lists, who is in each, the steps, and how many roles there are.
    with django_assert_max_num_queries(5):
        response = client.get(URL)
    assert response.status_code == 200
    svg = diagram(response.content.decode())
    assert len(node_links(svg)) == ArticleListing.roles.through.objects.count()
