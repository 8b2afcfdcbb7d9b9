"""The career map: every published role under each of the article's lists it is in,
joined by the steps between roles, laid out on the server for an SVG diagram and told
again in words.

The diagram has one column per ArticleListing, in the lists' order; a role the article
names in several lists has a box in each column. A role in none of them (an editor's
addition) goes in a last column of its own, so every published role is on the map. Each
step is drawn once, between the two boxes of its roles that read best left to right.
Coordinates are SVG user units.
"""

from dataclasses import dataclass, field
from itertools import product

from careers.models import ArticleListing, CareerStep, Role

NODE_WIDTH = 196
LINE_HEIGHT = 16
NODE_PADDING = 10
NODE_GAP = 14
COLUMN_GAP = 104
MARGIN = 12
# The narrowest gap a crossing step may pass through.
CHANNEL_MIN = 12
# Room left of the first column for steps between two of its roles.
LOOP_ROOM = 40
# Characters per line of a role title inside a node (13px text in NODE_WIDTH).
LINE_CHARACTERS = 24
# Sweeps of the ordering heuristic; the map is small, so a few settle it.
ORDERING_SWEEPS = 4

# The column for published roles the article's lists do not name.
UNLISTED_KEY = "unlisted"
UNLISTED_HEADING = "In none of the article’s lists"
UNLISTED_NOTE = "Roles our editors added; the article does not place them in a list."


def wrap(title, width=LINE_CHARACTERS):
    """Split a title into lines of at most `width` characters, at spaces where possible."""
    lines = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.extend(word[i : i + width] for i in range(0, len(word), width))
    return lines or [""]


# Column headings: the lists' own titles, wrapped to fit above a column (bold 14px).
LABEL_CHARACTERS = 22
LABEL_LINE_HEIGHT = 18


def header_height(labels):
    """Room above the first row for the longest heading."""
    return (
        LABEL_LINE_HEIGHT * max((len(wrap(label, LABEL_CHARACTERS)) for label in labels), default=1)
        + 14
    )


@dataclass(frozen=True)
class Group:
    """One column of the map and one heading of the text equivalent."""

    key: str
    heading: str
    note: str
    source: object = None  # the list's Source; None for the unlisted column


@dataclass
class Node:
    """One box: a role as it appears under one list (a role may have several boxes)."""

    role: Role
    column: int
    lines: list
    x: float = 0
    y: float = 0
    steps_out: list = field(default_factory=list)

    @property
    def height(self):
        return len(self.lines) * LINE_HEIGHT + 2 * NODE_PADDING

    @property
    def width(self):
        return NODE_WIDTH

    @property
    def center_x(self):
        return self.x + NODE_WIDTH / 2

    @property
    def middle_y(self):
        return self.y + self.height / 2

    def text_lines(self):
        """(y of each line's baseline, line) for <tspan> elements, centred in the node."""
        first = self.y + NODE_PADDING + LINE_HEIGHT - 4
        return [(first + index * LINE_HEIGHT, line) for index, line in enumerate(self.lines)]


@dataclass(frozen=True)
class Step:
    """One step as drawn: the CareerStep (its kind, basis, source) and its SVG path."""

    step: CareerStep
    from_role: Role
    to_role: Role
    path: str

    @property
    def kind(self):
        return self.step.kind


@dataclass(frozen=True)
class Column:
    label: str
    x: float

    @property
    def center_x(self):
        return self.x + NODE_WIDTH / 2

    @property
    def label_lines(self):
        """(y of each baseline, line) for the column's heading."""
        lines = wrap(self.label, LABEL_CHARACTERS)
        return [(LABEL_LINE_HEIGHT * (index + 1), line) for index, line in enumerate(lines)]


@dataclass(frozen=True)
class CareerMap:
    width: float
    height: float
    columns: list
    nodes: list
    steps: list
    # [(Group, [Node…]), …] in column order, for the text equivalent.
    groups: list

    @property
    def role_count(self):
        """How many roles are drawn (a role in several lists counts once)."""
        return len({node.role.pk for node in self.nodes})

    @property
    def has_editorial_steps(self):
        return any(drawn.step.is_editorial for drawn in self.steps)


def career_map():
    """Every published role under each list it is in, laid out. Four queries."""
    # Whole rows: a role reads its figures as it loads (Role.from_db), so .only() would
    # cost a query per role.
    roles = {role.pk: role for role in Role.objects.published()}
    listings = list(ArticleListing.objects.with_source())
    memberships = {}
    for listing_id, role_id in ArticleListing.roles.through.objects.filter(
        role__is_published=True
    ).values_list("articlelisting_id", "role_id"):
        memberships.setdefault(listing_id, []).append(role_id)
    groups = [
        Group(listing.slug, listing.title, listing.note, listing.source) for listing in listings
    ]
    members = [memberships.get(listing.pk, []) for listing in listings]
    unlisted = sorted(set(roles) - {pk for ids in members for pk in ids})
    if unlisted:
        groups.append(Group(UNLISTED_KEY, UNLISTED_HEADING, UNLISTED_NOTE))
        members.append(unlisted)

    boxes = {}  # role pk -> [Node, …], one per list the role is in
    for column, role_ids in enumerate(members):
        for pk in role_ids:
            node = Node(role=roles[pk], column=column, lines=wrap(roles[pk].title))
            boxes.setdefault(pk, []).append(node)
    steps = list(
        CareerStep.objects.filter(
            from_role__is_published=True, to_role__is_published=True
        ).select_related("source")
    )
    edges = [(*_best_pair(boxes[s.from_role_id], boxes[s.to_role_id]), s) for s in steps]
    onward = {}
    for step in sorted(steps, key=lambda step: roles[step.to_role_id].title):
        onward.setdefault(step.from_role_id, []).append((roles[step.to_role_id], step))
    for node in (node for nodes in boxes.values() for node in nodes):
        node.steps_out = onward.get(node.role.pk, [])

    top = header_height(group.heading for group in groups)
    columns = _order(len(groups), [n for nodes in boxes.values() for n in nodes], edges, top)
    height = _place(columns, top)
    edges.sort(key=lambda edge: (edge[0].role.title, edge[1].role.title))
    paths = _route(edges, columns, top, height)
    ordered = [node for column in columns for node in column]
    width = 2 * MARGIN + LOOP_ROOM + len(groups) * NODE_WIDTH + max(len(groups) - 1, 0) * COLUMN_GAP
    return CareerMap(
        width=width,
        height=height,
        columns=[
            Column(label=group.heading, x=_column_x(index)) for index, group in enumerate(groups)
        ],
        nodes=ordered,
        steps=[
            Step(step=step, from_role=source.role, to_role=target.role, path=path)
            for (source, target, step), path in zip(edges, paths, strict=True)
        ],
        groups=[
            (group, sorted(column, key=lambda node: node.role.title))
            for group, column in zip(groups, _by_column(ordered, len(groups)), strict=True)
        ],
    )


def _by_column(nodes, count):
    columns = [[] for _ in range(count)]
    for node in nodes:
        columns[node.column].append(node)
    return columns


def _best_pair(sources, targets):
    """The boxes to join for a step: forwards to the nearest later column if there is
    one, else within a column, else backwards; leftmost first."""

    def reading(pair):
        source, target = pair
        direction = (
            0 if target.column > source.column else 1 if target.column == source.column else 2
        )
        return (direction, abs(target.column - source.column), source.column)

    return min(product(sources, targets), key=reading)


def _column_x(index):
    return MARGIN + LOOP_ROOM + index * (NODE_WIDTH + COLUMN_GAP)


def _order(count, nodes, edges, top):
    """Each column's nodes, top to bottom, ordered to keep steps from crossing.

    The barycentre heuristic: start alphabetically, then repeatedly sort each
    column by the average place of the nodes it is joined to.
    """
    columns = _by_column(sorted(nodes, key=lambda node: node.role.title), count)
    neighbours = {id(node): [] for node in nodes}
    for source, target, _ in edges:
        neighbours[id(source)].append(target)
        neighbours[id(target)].append(source)

    def barycentre(node):
        joined = neighbours[id(node)]
        if not joined:
            return node.middle_y
        return sum(other.middle_y for other in joined) / len(joined)

    for _ in range(ORDERING_SWEEPS):
        _place(columns, top)
        columns = [
            sorted(column, key=lambda node: (barycentre(node), node.role.title))
            for column in columns
        ]
    return columns


def _place(columns, top):
    """Set every node's x and y, each column centred against the tallest; return the
    diagram's height."""
    content = [sum(node.height + NODE_GAP for node in column) for column in columns]
    tallest = max(content, default=0)
    for index, column in enumerate(columns):
        y = top + (tallest - content[index]) / 2
        for node in column:
            node.x, node.y = _column_x(index), y
            y += node.height + NODE_GAP
    return top + tallest + MARGIN


def _number(value):
    return f"{value:.1f}".removesuffix(".0")


def _gaps(column, top, height):
    """The free vertical stretches of a column, [(top, bottom), …], where a step that
    crosses it can pass without running behind a node."""
    blocked = [(node.y - 3, node.y + node.height + 3) for node in column]
    gaps = []
    for start, end in sorted(blocked):
        if start - top >= CHANNEL_MIN:
            gaps.append((top, start))
        top = max(top, end)
    if height - top >= CHANNEL_MIN:
        gaps.append((top, height))
    return gaps or [(top, height)]


def _route(edges, columns, top, height):
    """The SVG path of every step, in the order of `edges`.

    A step to the next column is one curve. A step that skips a column passes it
    through the free gap nearest its straight line, so it never runs behind a node;
    steps sharing a gap are spread across it.
    A step within a column loops out to the side and back.
    """
    crossings = {}  # (column, gap) -> [edge index, …]
    waypoints = {}  # edge index -> [(column, gap), …]
    for index, (source, target, _) in enumerate(edges):
        waypoints[index] = []
        for crossed in range(source.column + 1, target.column):
            share = (crossed - source.column) / (target.column - source.column)
            ideal = source.middle_y + share * (target.middle_y - source.middle_y)
            gaps = _gaps(columns[crossed], top, height)
            gap = min(gaps, key=lambda gap: abs((gap[0] + gap[1]) / 2 - ideal))
            crossings.setdefault((crossed, gap), []).append(index)
            waypoints[index].append((crossed, gap))
    lane_y = {}
    for (crossed, (top, bottom)), indexes in crossings.items():
        # Spread the steps through this gap, top to bottom in the order they arrive.
        indexes.sort(key=lambda index: edges[index][0].middle_y)
        for lane, index in enumerate(indexes, start=1):
            lane_y[(index, crossed)] = top + (bottom - top) * lane / (len(indexes) + 1)
    return [
        _path(source, target, [(c, lane_y[(index, c)]) for c, _ in waypoints[index]])
        for index, (source, target, _) in enumerate(edges)
    ]


def _path(source, target, waypoints):
    """An SVG path from `source` to `target` through `waypoints` [(column, y), …]: left
    to right between columns; within a column, a loop out to the side and back."""
    if target.column == source.column:
        reach = 30 + min(abs(target.middle_y - source.middle_y), 200) / 20
        y1, y2 = source.middle_y, target.middle_y
        if source.column == 0:
            # Nothing arrives from the left of the first column: loop out that way.
            x1, x2 = source.x, target.x - 4
            return _bezier(x1, y1, x1 - reach, y1, x2 - reach, y2, x2, y2)
        x1, x2 = source.x + NODE_WIDTH, target.x + NODE_WIDTH + 4
        return _bezier(x1, y1, x1 + reach, y1, x2 + reach, y2, x2, y2)
    if target.column < source.column:
        x1, y1 = source.x, source.middle_y
        x2, y2 = target.x + NODE_WIDTH + 4, target.middle_y
        bend = (x1 - x2) / 2
        return _bezier(x1, y1, x1 - bend, y1, x2 + bend, y2, x2, y2)
    x, y = source.x + NODE_WIDTH, source.middle_y
    path = f"M{_number(x)} {_number(y)}"
    for column, lane in waypoints:
        entry = _column_x(column) - 10
        bend = (entry - x) / 2
        path += _segment(x, y, entry, lane, bend) + f" H{_number(entry + NODE_WIDTH + 20)}"
        x, y = entry + NODE_WIDTH + 20, lane
    end = target.x - 4  # stop short: the arrowhead fills the gap
    return path + _segment(x, y, end, target.middle_y, (end - x) / 2)


def _segment(x1, y1, x2, y2, bend):
    """A curve on from (x1, y1) to (x2, y2), leaving and arriving horizontally."""
    return _curve_to(x1 + bend, y1, x2 - bend, y2, x2, y2)


def _curve_to(*points):
    return " C" + " ".join(_number(value) for value in points)


def _bezier(x1, y1, c1x, c1y, c2x, c2y, x2, y2):
    return f"M{_number(x1)} {_number(y1)}" + _curve_to(c1x, c1y, c2x, c2y, x2, y2)
