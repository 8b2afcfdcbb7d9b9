"""Pay by location: a visitor sees every state, DC and Puerto Rico as one labelled
square shaded by its median pay, reads the shades off a legend that says which
states have no published figure, and finds every figure again in a table, with
labels that read at WCAG AA contrast on every shade."""

import itertools
import re
import subprocess
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from careers.formatting import Wage, wage
from careers.tile_map import (
    MISSING_FILL,
    MISSING_OUTLINE,
    SHADES,
    STATES,
    STATES_BY_FIPS,
    StateFigure,
    tile_map,
)
from tests.helpers import ROOT, VNU_JAR, missing
from tests.helpers.colours import contrast, luminance

FIFTY_STATES_DC_AND_PR = set(
    re.findall(
        r"\w\w",
        "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
        "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR",
    )
)
TOP_CODE = 239_200


@pytest.fixture
def pay():
    """Median pay for a few states as a view would pass it: California links to its
    page, New York's median is top-coded, Wyoming's is not published, Vermont has a
    page but no figure, and the rest (Ohio, say) are simply absent."""
    return {
        "CA": StateFigure(141_590, url="/places/california/"),
        "NY": StateFigure(TOP_CODE, top_coded=True, url="/places/new-york/"),
        "TX": StateFigure(61_000),
        "WA": StateFigure(128_400),
        "MS": StateFigure(52_310),
        "IL": StateFigure(95_000),
        "MA": StateFigure(175_000),
        "WY": None,
        "VT": StateFigure(None, url="/places/vermont/"),
    }


def tiles_by_postal(built):
    return {tile.postal: tile for tile in built.tiles}


def render(built, **context):
    return render_to_string(
        "includes/tile_map.html", {"tile_map": built, "caption": "Median pay by state", **context}
    )


def part(html, pattern):
    (found,) = re.findall(pattern, html, re.S)
    return found


# --- The grid ------------------------------------------------------------------------


def test_every_state_dc_and_puerto_rico_has_one_labelled_square():
    built = tile_map({})
    assert len(built.tiles) == 52
    assert {tile.postal for tile in built.tiles} == FIFTY_STATES_DC_AND_PR
    assert all(tile.name and tile.label.startswith(f"{tile.name}: ") for tile in built.tiles)


def test_no_two_squares_share_a_place_and_all_fit_the_drawing():
    built = tile_map({})
    assert len({(tile.x, tile.y) for tile in built.tiles}) == 52
    assert len({(state.column, state.row) for state in STATES.values()}) == 52
    for tile in built.tiles:
        assert tile.x >= 0 and tile.x + built.tile_size <= built.width
        assert tile.y >= 0 and tile.y + built.tile_size <= built.height


def test_the_grid_is_eleven_by_eight_with_puerto_rico_in_the_bottom_right_corner():
    columns = {state.column for state in STATES.values()}
    rows = {state.row for state in STATES.values()}
    assert (min(columns), max(columns), min(rows), max(rows)) == (0, 10, 0, 7)
    assert (STATES["PR"].column, STATES["PR"].row) == (10, 7)
    # Neighbours stay neighbours: Alaska top left, Maine top right, Hawaii bottom left.
    assert (STATES["AK"].column, STATES["AK"].row) == (0, 0)
    assert (STATES["ME"].column, STATES["ME"].row) == (10, 0)
    assert (STATES["HI"].column, STATES["HI"].row) == (0, 7)


@pytest.mark.parametrize(
    ("postal", "fips", "name"),
    [
        ("CA", "06", "California"),
        ("NY", "36", "New York"),
        ("TX", "48", "Texas"),
        ("DC", "11", "District of Columbia"),
        ("PR", "72", "Puerto Rico"),
        ("AL", "01", "Alabama"),
        ("WY", "56", "Wyoming"),
    ],
)
def test_each_square_carries_the_fips_code_bls_uses_as_its_area_code(postal, fips, name):
    assert (STATES[postal].fips, STATES[postal].name) == (fips, name)
    assert STATES_BY_FIPS[fips].postal == postal
    assert tiles_by_postal(tile_map({}))[postal].fips == fips


def test_fips_codes_are_two_digits_and_unique():
    codes = [state.fips for state in STATES.values()]
    assert len(set(codes)) == 52
    assert all(re.fullmatch(r"\d\d", code) for code in codes)


# --- Shades and the legend -------------------------------------------------------------


@pytest.mark.parametrize(
    "amounts",
    [
        [52_310, 61_000, 128_400, 141_590, 239_200],
        [98_000, 101_500, 104_990],
        [45_000, 46_000],
        [70_000, 250_000, 1_200_000],
        [141_590],
        list(range(60_000, 186_000, 2_500)),
    ],
)
def test_five_equal_round_bins_cover_every_published_figure(amounts):
    values = dict(zip(sorted(STATES), (StateFigure(amount) for amount in amounts), strict=False))
    built = tile_map(values)
    legend = built.legend
    assert [step.shade for step in legend] == [0, 1, 2, 3, 4]
    widths = {step.high - step.low for step in legend}
    assert len(widths) == 1, "equal widths"
    width = widths.pop()
    assert all(step.low % width == 0 for step in legend), "round edges"
    assert all(a.high == b.low for a, b in itertools.pairwise(legend))
    assert legend[0].low <= min(amounts) and max(amounts) < legend[-1].high
    for tile in built.tiles:
        if tile.amount is not None:
            step = legend[tile.shade]
            assert step.low <= tile.amount < step.high, tile


def test_the_bins_read_as_round_dollar_ranges(pay):
    built = tile_map(pay)
    assert [step.label for step in built.legend] == [
        "$40,000 – $79,999",
        "$80,000 – $119,999",
        "$120,000 – $159,999",
        "$160,000 – $199,999",
        "$200,000 or more",  # holds New York's top-coded median: it may lie beyond
    ]
    tiles = tiles_by_postal(built)
    shades = [tiles[postal].shade for postal in ("MS", "TX", "IL", "WA", "CA", "MA", "NY")]
    assert shades == [0, 0, 1, 2, 2, 3, 4]
    assert tiles["CA"].shade_class == "tile-shade-2"


def test_the_top_bin_closes_when_no_top_coded_figure_is_in_it(pay):
    pay["NY"] = StateFigure(239_000)
    assert tile_map(pay).legend[-1].label == "$200,000 – $239,999"


def test_fewer_bins_still_run_from_the_lightest_shade_to_the_darkest(pay):
    built = tile_map(pay, legend_steps=3)
    assert [step.shade_class for step in built.legend] == [
        "tile-shade-0",
        "tile-shade-2",
        "tile-shade-4",
    ]
    assert tiles_by_postal(built)["NY"].shade_class == "tile-shade-4"


@pytest.mark.parametrize("steps", [0, 6])
def test_more_bins_than_shades_is_a_mistake_said_plainly(steps):
    with pytest.raises(ValueError, match="legend_steps must be 1 to 5"):
        tile_map({}, legend_steps=steps)


def test_an_hourly_figure_is_refused_rather_than_shaded_as_annual_pay():
    with pytest.raises(ValueError, match="annual pay"):
        tile_map({"CA": Wage(68, hourly=True)})


def test_a_top_coded_median_reads_as_at_least_the_top_code(pay):
    new_york = tiles_by_postal(tile_map(pay))["NY"]
    # The site's one wording for a top-coded figure, as the role pages say it.
    assert new_york.figure == wage(Wage(TOP_CODE, top_coded=True)) == "$239,200 or more"
    assert new_york.label == "New York: median $239,200 or more"
    assert new_york.top_coded


def test_a_published_median_reads_in_whole_dollars(pay):
    california = tiles_by_postal(tile_map(pay))["CA"]
    assert california.figure == "$141,590"
    assert california.label == "California: median $141,590"


def test_a_state_without_a_figure_says_not_published_and_is_drawn_apart(pay):
    built = tile_map(pay)
    tiles = tiles_by_postal(built)
    for postal in ("WY", "VT", "OH"):  # None, no amount, and absent
        tile = tiles[postal]
        assert (tile.shade, tile.shade_class, tile.figure) == (
            None,
            "tile-missing",
            "Not published",
        )
        assert tile.label == f"{tile.name}: median not published"
    assert built.has_missing


def test_a_state_links_to_its_page_even_without_a_figure(pay):
    tiles = tiles_by_postal(tile_map(pay))
    assert tiles["CA"].url == "/places/california/"
    assert tiles["VT"].url == "/places/vermont/"
    assert tiles["TX"].url == tiles["WY"].url == ""


def test_a_careers_wage_works_as_a_value_too():
    tiles = tiles_by_postal(tile_map({"CA": Wage(141_590), "NY": Wage(TOP_CODE, top_coded=True)}))
    assert tiles["NY"].figure == "$239,200 or more"
    assert tiles["CA"].url == ""


def test_areas_off_the_grid_are_left_out():
    built = tile_map({"GU": StateFigure(1_000_000), "CA": StateFigure(141_590)})
    assert len(built.tiles) == 52 and "GU" not in tiles_by_postal(built)
    assert built.legend[-1].high <= 200_000, "Guam's figure does not stretch the scale"


def test_a_map_without_any_figure_has_no_bins_and_every_state_not_published():
    built = tile_map({"CA": None})
    assert built.legend == ()
    assert {tile.figure for tile in built.tiles} == {"Not published"}


def test_the_table_lists_the_states_by_name():
    rows = tile_map({}).rows_for_table
    names = [tile.name for tile in rows]
    assert len(rows) == 52 and names == sorted(names)
    assert names[:2] == ["Alabama", "Alaska"]
    assert names.index("District of Columbia") == names.index("Delaware") + 1


# --- The drawing -------------------------------------------------------------------------


def test_the_drawn_map_has_one_labelled_square_for_every_state(pay):
    html = render(tile_map(pay))
    svg = part(html, r'<svg class="tile-map-grid".*?</svg>')
    assert svg.count("<rect") == 52
    labels = re.findall(r'<text class="[^"]+"[^>]*>([A-Z]{2})</text>', svg)
    assert sorted(labels) == sorted(FIFTY_STATES_DC_AND_PR)
    assert svg.count("<title>") == 52
    assert "<title>California: median $141,590</title>" in svg
    assert "<title>New York: median $239,200 or more</title>" in svg
    assert "<title>Wyoming: median not published</title>" in svg


def test_each_square_is_painted_with_its_shade_or_as_not_published(pay):
    svg = part(render(tile_map(pay)), r'<svg class="tile-map-grid".*?</svg>')
    pairs = re.findall(
        r'<rect class="([\w-]+)".*?<text class="\1"[^>]*>([A-Z]{2})</text>', svg, re.S
    )
    squares = {postal: shade for shade, postal in pairs}
    assert len(squares) == 52
    assert squares["CA"] == "tile-shade-2" and squares["NY"] == "tile-shade-4"
    assert squares["WY"] == squares["OH"] == "tile-missing"


def test_squares_with_a_page_are_keyboard_reachable_links_named_by_their_figure(pay):
    svg = part(render(tile_map(pay)), r'<svg class="tile-map-grid".*?</svg>')
    links = re.findall(r'<a class="tile-link" href="([^"]+)">\s*<title>([^<]+)</title>', svg)
    assert links == [
        ("/places/vermont/", "Vermont: median not published"),
        ("/places/new-york/", "New York: median $239,200 or more"),
        ("/places/california/", "California: median $141,590"),
    ]


def test_the_legend_shows_each_bin_and_says_which_states_are_not_published(pay):
    html = render(tile_map(pay))
    legend = part(html, r'<ul class="tile-map-legend".*?</ul>')
    assert re.findall(r'<rect class="([\w-]+)"', legend) == [
        *(f"tile-shade-{shade}" for shade in range(5)),
        "tile-missing",
    ]
    assert "$40,000 – $79,999" in legend and "$200,000 or more" in legend
    assert "Not published" in legend


def test_no_not_published_key_when_every_state_has_a_figure():
    built = tile_map({postal: StateFigure(100_000 + 1_000 * n) for n, postal in enumerate(STATES)})
    assert not built.has_missing
    assert "Not published" not in render(built)


def test_the_table_gives_every_state_s_figure_in_words(pay):
    html = render(tile_map(pay))
    table = part(html, r'<table class="tile-map-table">.*?</table>')
    assert "<caption>Median pay by state: every state’s figure</caption>" in table
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td[^>]*>(.*?)</td>", table, re.S)
    assert len(rows) == 52
    figures = {re.sub(r"<[^>]+>|\s+$", "", name).strip(): figure for name, figure in rows}
    assert figures["California"] == "$141,590"
    assert figures["New York"] == "$239,200 or more"
    assert figures["Wyoming"] == "Not published"
    assert '<a href="/places/california/">California</a>' in table


def test_the_map_needs_no_inline_style_or_script_under_the_content_security_policy(pay):
    html = render(tile_map(pay))
    assert "style=" not in html and "<style" not in html and "<script" not in html
    assert "javascript:" not in html and not re.search(r"\son\w+=", html)


def test_ids_stay_unique_with_two_maps_on_a_page(pay):
    html = render(tile_map(pay)) + render(tile_map({}), map_id="second-map")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 6
    for reference in re.findall(r'aria-(?:labelledby|describedby)="([^"]+)"', html):
        assert reference in ids


class Nesting(HTMLParser):
    """Collects mismatched tags: every element the map opens must close in order."""

    VOID = {"br", "img", "input", "link", "meta", "hr"}

    def __init__(self):
        super().__init__()
        self.open, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.errors.append(tag)


def test_the_markup_is_well_formed_and_valid_html(pay, tmp_path):
    html = render(tile_map(pay))
    nesting = Nesting()
    nesting.feed(html)
    assert nesting.errors == [] and nesting.open == []

    if not VNU_JAR.exists():
        missing("The Nu Html Checker", "run `npm ci` in the project folder to install vnu-jar")
    page = tmp_path / "map.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Map</title></head>'
        f"<body><main>{html}</main></body></html>"
    )
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- Colours -------------------------------------------------------------------------------

CSS = (ROOT / "static" / "css" / "site.css").read_text()


def css_fill(selector):
    """The fill the stylesheet gives `selector` (a rule of its own)."""
    rule = part(CSS, rf"\n{re.escape(selector)} \{{([^}}]*)\}}")
    return part(rule, r"(?:^|;)\s*fill: (#[0-9a-f]{6})")


def test_the_stylesheet_paints_the_shades_tile_map_names():
    for shade, (fill, ink) in enumerate(SHADES):
        assert css_fill(f".tile-shade-{shade}") == fill
        assert css_fill(f".tile-map text.tile-shade-{shade}") == ink
    assert css_fill(".tile-missing") == MISSING_FILL
    assert f"stroke: {MISSING_OUTLINE}" in part(CSS, r"\n\.tile-missing \{([^}]*)\}")
    assert "stroke-dasharray" in part(CSS, r"\n\.tile-missing \{([^}]*)\}")


@pytest.mark.parametrize("shade", [*range(len(SHADES)), "missing"])
def test_every_square_s_label_reads_at_wcag_aa_contrast(shade):
    name = f"tile-shade-{shade}" if shade != "missing" else "tile-missing"
    fill, ink = css_fill(f".{name}"), css_fill(f".tile-map text.{name}")
    assert contrast(ink, fill) >= 4.5, (name, ink, fill, round(contrast(ink, fill), 2))


def test_the_shades_run_from_light_to_dark():
    lightness = [luminance(fill) for fill, _ink in SHADES]
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == len(SHADES)


def test_a_focused_square_has_a_visible_ring():
    # In the page's ink: near-black on white, near-white in the dark scheme.
    ring = part(CSS, r"\n\.tile-link:focus-visible rect \{([^}]*)\}")
    assert "stroke: var(--ink)" in ring and "stroke-width: 5px" in ring
