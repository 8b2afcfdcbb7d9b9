"""Pay by location: a tile-grid map of the United States, one equal square per state,
DC and Puerto Rico, shaded by median pay and drawn as inline SVG on the server
(templates/includes/tile_map.html), with its legend and a table of the same figures.

Equal squares keep small states as visible as large ones, and every square carries
its postal code. Coordinates are SVG user units.
"""

from dataclasses import dataclass
from operator import attrgetter

from careers.charts import round_up
from careers.formatting import Wage, usd, wage

# The common tile-grid layout news maps use (after NPR's): 11 columns by 8 rows, each
# state near its neighbours, Puerto Rico in the bottom right corner; "." is no square.
LAYOUT = """
AK .  .  .  .  .  .  .  .  .  ME
.  .  .  .  .  WI .  .  .  VT NH
WA ID MT ND MN IL MI .  NY MA .
OR NV WY SD IA IN OH PA NJ CT RI
CA UT CO NE MO KY WV VA MD DE .
.  AZ NM KS AR TN NC SC DC .  .
.  .  .  OK LA MS AL GA .  .  .
HI .  .  TX .  .  .  .  FL .  PR
"""

# Postal code, FIPS code (BLS's area code for a state in its OEWS files) and name.
NAMES = """
AL 01 Alabama; AK 02 Alaska; AZ 04 Arizona; AR 05 Arkansas; CA 06 California; CO 08 Colorado
CT 09 Connecticut; DE 10 Delaware; DC 11 District of Columbia; FL 12 Florida; GA 13 Georgia
HI 15 Hawaii; ID 16 Idaho; IL 17 Illinois; IN 18 Indiana; IA 19 Iowa; KS 20 Kansas
KY 21 Kentucky; LA 22 Louisiana; ME 23 Maine; MD 24 Maryland; MA 25 Massachusetts
MI 26 Michigan; MN 27 Minnesota; MS 28 Mississippi; MO 29 Missouri; MT 30 Montana
NE 31 Nebraska; NV 32 Nevada; NH 33 New Hampshire; NJ 34 New Jersey; NM 35 New Mexico
NY 36 New York; NC 37 North Carolina; ND 38 North Dakota; OH 39 Ohio; OK 40 Oklahoma
OR 41 Oregon; PA 42 Pennsylvania; RI 44 Rhode Island; SC 45 South Carolina
SD 46 South Dakota; TN 47 Tennessee; TX 48 Texas; UT 49 Utah; VT 50 Vermont; VA 51 Virginia
WA 53 Washington; WV 54 West Virginia; WI 55 Wisconsin; WY 56 Wyoming; PR 72 Puerto Rico
"""


@dataclass(frozen=True)
class State:
    """A state (or DC, or Puerto Rico) and its square on the grid."""

    postal: str
    fips: str
    name: str
    column: int
    row: int


def _states():
    names = {}
    for entry in NAMES.strip().replace("\n", ";").split(";"):
        postal, fips, name = entry.strip().split(" ", 2)
        names[postal] = (fips, name)
    return {
        postal: State(postal, *names[postal], column, row)
        for row, line in enumerate(LAYOUT.strip().splitlines())
        for column, postal in enumerate(line.split())
        if postal != "."
    }


# Every square on the map by postal code, in reading order; and by FIPS code, to match
# BLS's area codes.
STATES = _states()
STATES_BY_FIPS = {state.fips: state for state in STATES.values()}

TILE = 48
GAP = 4
# Room around the grid for a focused square's outline.
MARGIN = 4

# The shades, light to dark in one hue (the site's blue), each with the text colour
# that reads on it at WCAG AA (4.5:1 or more): dark ink on the light three, white on
# the dark two. static/css/site.css uses exactly these (a test holds the two together).
INK = "#1b1f24"
WHITE = "#ffffff"
SHADES = (
    ("#e8f0f8", INK),
    ("#b4cde6", INK),
    ("#6f9fd0", INK),
    ("#2f6aa8", WHITE),
    ("#12355e", WHITE),
)
# A state without a published figure: pale grey with a dashed outline, so it is told
# apart from the lightest shade by more than colour.
MISSING_FILL = "#f1f3f5"
MISSING_OUTLINE = "#4a5360"
MISSING_CLASS = "tile-missing"
NOT_PUBLISHED = "Not published"

# The widths a legend's bins may take: each bin starts on a multiple of its width, so
# these keep every edge a round figure ($15,000, $30,000, $45,000 …).
BIN_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


@dataclass(frozen=True)
class StateFigure:
    """A value for one state when the caller has nothing else to hand: tile_map() reads
    `amount`, `top_coded` and, if present, `url` from whatever it is given."""

    amount: int | None
    top_coded: bool = False
    url: str = ""


@dataclass(frozen=True)
class Tile:
    """One state's square: where it is drawn, its figure and the class of its shade."""

    postal: str
    name: str
    fips: str
    x: int
    y: int
    amount: int | None
    top_coded: bool
    shade: int | None  # the legend bin, 0 (lowest pay) up; None when not published
    shade_class: str  # "tile-shade-0" … "tile-shade-4", or "tile-missing"
    url: str  # "" when the square links nowhere
    figure: str  # "$141,590", "$239,200 or more", "Not published"
    label: str  # its tooltip and link text: "California: median $141,590"

    @property
    def center_x(self):
        return self.x + TILE // 2

    @property
    def center_y(self):
        return self.y + TILE // 2


@dataclass(frozen=True)
class LegendBin:
    """One shade of the legend: whole-dollar amounts from `low` up to below `high`."""

    low: int
    high: int
    shade: int
    shade_class: str
    label: str  # "$50,000 – $74,999", or "$200,000 or more" when it holds a top-coded figure


@dataclass(frozen=True)
class TileMap:
    """Everything the template draws: the squares, the legend and the SVG's size."""

    tiles: tuple  # of Tile, in reading order (row by row)
    legend: tuple  # of LegendBin, lowest pay first
    width: int
    height: int
    tile_size: int = TILE

    @property
    def has_missing(self):
        return any(tile.shade is None for tile in self.tiles)

    @property
    def rows_for_table(self):
        """The same figures as a table reads them: states by name."""
        return sorted(self.tiles, key=attrgetter("name"))


def shade_class(shade, steps):
    """The CSS class of bin `shade` of `steps`: fewer bins than shades spread across
    the palette, so the highest pay is always the darkest."""
    if shade is None:
        return MISSING_CLASS
    last = len(SHADES) - 1
    index = round(shade * last / (steps - 1)) if steps > 1 else last
    return f"tile-shade-{index}"


def bins(amounts, steps):
    """(start, width) of `steps` equal bins of a round width that cover `amounts`."""
    lowest, highest = min(amounts), max(amounts)
    width = round_up(max((highest - lowest) / steps, 1), BIN_STEPS)
    while True:
        start = lowest // width * width
        if start + steps * width > highest:
            return start, width
        width = round_up(width + 1, BIN_STEPS)


def tile_map(values, *, legend_steps=5):
    """The map for `values`: {postal code: a figure or None}, where a figure has
    `amount` (whole dollars a year, None when not published), `top_coded` (the real
    median is at least `amount`) and optionally `url` (the square then links there).
    A StateFigure, a careers.formatting.Wage or a model instance with those attributes all do.

    States missing from `values` show as not published; areas not on the grid (Guam,
    the Virgin Islands, metropolitan areas) are left out, as they would be from the map.
    A top-coded figure is shaded by its top-code, the most that can be said of it.
    """
    if not 1 <= legend_steps <= len(SHADES):
        raise ValueError(f"legend_steps must be 1 to {len(SHADES)}, not {legend_steps}")
    figures, urls = {}, {}
    for postal, value in values.items():
        if postal not in STATES or value is None:
            continue
        if getattr(value, "hourly", False):
            raise ValueError(f"{postal}: the map shows annual pay, not an hourly figure")
        # A state links to its page even where this figure is not published.
        urls[postal] = getattr(value, "url", "") or ""
        if value.amount is not None:
            figures[postal] = value
    start = width = None
    if figures:
        start, width = bins([int(value.amount) for value in figures.values()], legend_steps)

    tiles = []
    for state in STATES.values():
        value = figures.get(state.postal)
        shade = figure = None
        if value is not None:
            shade = int((int(value.amount) - start) // width)
            figure = wage(Wage(value.amount, value.top_coded))
        tiles.append(
            Tile(
                postal=state.postal,
                name=state.name,
                fips=state.fips,
                x=MARGIN + state.column * (TILE + GAP),
                y=MARGIN + state.row * (TILE + GAP),
                amount=value.amount if value else None,
                top_coded=bool(value and value.top_coded),
                shade=shade,
                shade_class=shade_class(shade, legend_steps),
                url=urls.get(state.postal, ""),
                figure=figure or NOT_PUBLISHED,
                label=f"{state.name}: median {figure or NOT_PUBLISHED.lower()}",
            )
        )

    legend = []
    if figures:
        open_top = any(tile.top_coded and tile.shade == legend_steps - 1 for tile in tiles)
        for shade in range(legend_steps):
            low, high = start + shade * width, start + (shade + 1) * width
            # Whole dollars: a bin ends a dollar below where the next begins. The top bin
            # has no end when it holds a top-coded figure: the real median may lie beyond.
            if open_top and shade == legend_steps - 1:
                label = f"{usd(low)} or more"
            else:
                label = f"{usd(low)} – {usd(high - 1)}"
            legend.append(LegendBin(low, high, shade, shade_class(shade, legend_steps), label))

    columns = 1 + max(state.column for state in STATES.values())
    rows = 1 + max(state.row for state in STATES.values())
    return TileMap(
        tiles=tuple(tiles),
        legend=tuple(legend),
        width=2 * MARGIN + columns * (TILE + GAP) - GAP,
        height=2 * MARGIN + rows * (TILE + GAP) - GAP,
    )
