"""The career map: every published role in its group, joined by the steps between
roles, laid out on the server for an SVG diagram and told again in words.

The diagram has one column per career stage (entry level, no further education,
graduate degree or certification). Interdisciplinary roles sit in their stage's
column too, boxed as a group of their own at its foot, since they are alternatives
at that stage rather than a further stage. Coordinates are SVG user units.
"""

from dataclasses import dataclass, field

from careers.models import CareerStep, Role

NODE_WIDTH = 196
LINE_HEIGHT = 16
NODE_PADDING = 10
NODE_GAP = 14
COLUMN_GAP = 104
MARGIN = 12
GROUP_LABEL_HEIGHT = 30
GROUP_PADDING = 8
# Extra room above an interdisciplinary group: a channel for steps that cross the column.
GROUP_SPACING = 22
# The narrowest gap a crossing step may pass through.
CHANNEL_MIN = 12
# Room left of the first column for steps between two of its roles.
LOOP_ROOM = 40
# Characters per line of a role title inside a node (13px text in NODE_WIDTH).
LINE_CHARACTERS = 24
# Sweeps of the ordering heuristic; the map is small, so a few settle it.
ORDERING_SWEEPS = 4

# One column per career stage, in the order Role.Stage declares them.
STAGE_COLUMNS = list(Role.Stage)
INTERDISCIPLINARY = Role.Track.INTERDISCIPLINARY

# The text equivalent's groups, in reading order: each stage, then the interdisciplinary
# alternatives; headed by the choices' own labels, with a note on who each suits.
GROUPS = [
    (Role.Stage.ENTRY, "Open to graduates straight from their degree."),
    (Role.Stage.MID, "A bachelor’s degree and experience are enough."),
    (Role.Stage.ADVANCED, "A master’s, a doctorate or a certification opens these."),
    (INTERDISCIPLINARY, "Machine learning combined with another field."),
]


def group_of(role):
    """Which of GROUPS a role belongs to: its track if interdisciplinary, else its stage."""
    return INTERDISCIPLINARY if role.track == INTERDISCIPLINARY else role.stage


def wrap(title, width=LINE_CHARACTERS):
    """Split a title into lines of at most `width` characters, at spaces where possible."""
    lines = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.extend(word[i : i + width] for i in range(0, len(word), width))
    return lines or [""]


# Column headings: the stages' own labels, wrapped to fit above a column (bold 16px), and
# as much room above the first row as the longest heading needs.
LABEL_CHARACTERS = 22
LABEL_LINE_HEIGHT = 18
HEADER_HEIGHT = (
    LABEL_LINE_HEIGHT * max(len(wrap(stage.label, LABEL_CHARACTERS)) for stage in STAGE_COLUMNS)
    + 14
)


@dataclass
class Node:
    role: Role
    column: int
    in_subgroup: bool
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
    def group(self):
        return group_of(self.role)

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
    """One step as drawn: its kind and the SVG path from one node to the other."""

    from_role: Role
    to_role: Role
    kind: str
    kind_label: str
    typical_years: int | None
    path: str


@dataclass(frozen=True)
class Column:
    label: str
    x: float
    # The box around the interdisciplinary group, if the column has one: (y, height).
    subgroup: tuple | None

    @property
    def center_x(self):
        return self.x + NODE_WIDTH / 2

    @property
    def label_lines(self):
        """(y of each baseline, line) for the column's heading."""
        lines = wrap(self.label, LABEL_CHARACTERS)
        return [(LABEL_LINE_HEIGHT * (index + 1), line) for index, line in enumerate(lines)]

    @property
    def subgroup_box(self):
        """x, y, width, height of the interdisciplinary group's outline, and its label's
        baseline, or None."""
        if self.subgroup is None:
            return None
        y, height = self.subgroup
        return {
            "x": self.x - GROUP_PADDING,
            "y": y - GROUP_PADDING,
            "width": NODE_WIDTH + 2 * GROUP_PADDING,
            "height": height + GROUP_PADDING,
            "label": INTERDISCIPLINARY.label,
            "label_y": y + GROUP_LABEL_HEIGHT - 12,
        }


@dataclass(frozen=True)
class CareerMap:
    width: float
    height: float
    columns: list
    nodes: list
    steps: list
    # [(key, heading, note, [Node…]), …] in GROUPS order, for the text equivalent.
    groups: list

    @property
    def role_count(self):
        return len(self.nodes)


def career_map():
    """The whole progression of published roles, laid out. Two queries."""
    # Whole rows: a role reads its figures as it loads (Role.from_db), so .only() would
    # cost a query per role.
    roles = list(Role.objects.published())
    nodes = {
        role.pk: Node(
            role=role,
            column=STAGE_COLUMNS.index(role.stage),
            in_subgroup=role.track == Role.Track.INTERDISCIPLINARY,
            lines=wrap(role.title),
        )
        for role in roles
    }
    links = CareerStep.objects.filter(
        from_role__is_published=True, to_role__is_published=True
    ).values_list("from_role_id", "to_role_id", "kind", "typical_years")
    edges = [(nodes[a], nodes[b], kind, years) for a, b, kind, years in links]
    for source, target, kind, years in edges:
        source.steps_out.append((target, CareerStep.Kind(kind).label, years))

    columns = _order(nodes.values(), edges)
    height, column_boxes = _place(columns)
    edges.sort(key=lambda edge: (edge[0].role.title, edge[1].role.title))
    paths = _route(edges, columns, column_boxes, height)
    steps = [
        Step(
            from_role=source.role,
            to_role=target.role,
            kind=kind,
            kind_label=CareerStep.Kind(kind).label,
            typical_years=years,
            path=path,
        )
        for (source, target, kind, years), path in zip(edges, paths, strict=True)
    ]
    for node in nodes.values():
        node.steps_out.sort(key=lambda step: step[0].role.title)
    ordered = [node for column in columns for node in column]
    groups = [
        (
            group.value,
            group.label,
            note,
            sorted(
                (node for node in ordered if node.group == group), key=lambda node: node.role.title
            ),
        )
        for group, note in GROUPS
    ]
    width = (
        2 * MARGIN
        + LOOP_ROOM
        + len(STAGE_COLUMNS) * NODE_WIDTH
        + (len(STAGE_COLUMNS) - 1) * COLUMN_GAP
    )
    return CareerMap(
        width=width,
        height=height,
        columns=[
            Column(label=stage.label, x=_column_x(index), subgroup=column_boxes[index])
            for index, stage in enumerate(STAGE_COLUMNS)
        ],
        nodes=ordered,
        steps=steps,
        groups=groups,
    )


def _column_x(index):
    return MARGIN + LOOP_ROOM + index * (NODE_WIDTH + COLUMN_GAP)


def _order(nodes, edges):
    """Each column's nodes, top to bottom, ordered to keep steps from crossing.

    The barycentre heuristic: start alphabetically, then repeatedly sort each
    column by the average place of the nodes it is joined to. The interdisciplinary
    group stays below the rest of its column.
    """
    columns = [[] for _ in STAGE_COLUMNS]
    for node in sorted(nodes, key=lambda node: (node.in_subgroup, node.role.title)):
        columns[node.column].append(node)
    neighbours = {id(node): [] for node in nodes}
    for source, target, _, _ in edges:
        neighbours[id(source)].append(target)
        neighbours[id(target)].append(source)

    def barycentre(node):
        joined = neighbours[id(node)]
        if not joined:
            return node.middle_y
        return sum(other.middle_y for other in joined) / len(joined)

    for _ in range(ORDERING_SWEEPS):
        _place(columns)
        columns = [
            sorted(column, key=lambda node: (node.in_subgroup, barycentre(node), node.role.title))
            for column in columns
        ]
    return columns


def _place(columns):
    """Set every node's x and y; return the diagram's height and each column's
    interdisciplinary box ((y, height) or None)."""
    content = []
    for column in columns:
        height = 0
        if any(not node.in_subgroup for node in column):
            height += sum(node.height + NODE_GAP for node in column if not node.in_subgroup)
        if any(node.in_subgroup for node in column):
            height += GROUP_SPACING + GROUP_LABEL_HEIGHT + GROUP_PADDING
            height += sum(node.height + NODE_GAP for node in column if node.in_subgroup)
        content.append(height)
    tallest = max(content, default=0)
    boxes = []
    for index, column in enumerate(columns):
        # Centre each column against the tallest one.
        y = HEADER_HEIGHT + (tallest - content[index]) / 2
        box = None
        for node in column:
            if node.in_subgroup and box is None:
                if node is not column[0]:
                    y += GROUP_SPACING
                box = [y, 0]
                y += GROUP_LABEL_HEIGHT
            node.x, node.y = _column_x(index), y
            y += node.height + NODE_GAP
        if box is not None:
            box[1] = y - box[0] - NODE_GAP + GROUP_PADDING
            boxes.append(tuple(box))
        else:
            boxes.append(None)
    return HEADER_HEIGHT + tallest + MARGIN, boxes


def _number(value):
    return f"{value:.1f}".removesuffix(".0")


def _gaps(column, box, height):
    """The free vertical stretches of a column, [(top, bottom), …], where a step that
    crosses it can pass without running behind a node or through the group's box."""
    blocked = [(node.y - 3, node.y + node.height + 3) for node in column if not node.in_subgroup]
    if box is not None:
        blocked.append((box[0] - GROUP_PADDING - 3, box[0] + box[1] + 3))
    gaps, top = [], HEADER_HEIGHT
    for start, end in sorted(blocked):
        if start - top >= CHANNEL_MIN:
            gaps.append((top, start))
        top = max(top, end)
    if height - top >= CHANNEL_MIN:
        gaps.append((top, height))
    return gaps or [(top, height)]


def _route(edges, columns, boxes, height):
    """The SVG path of every step, in the order of `edges`.

    A step to the next column is one curve. A step that skips a column passes it
    through the free gap nearest its straight line, so it never runs behind a node
    or through the interdisciplinary box; steps sharing a gap are spread across it.
    A step within a column loops out to the side and back.
    """
    crossings = {}  # (column, gap) -> [edge index, …]
    waypoints = {}  # edge index -> [(column, gap), …]
    for index, (source, target, _, _) in enumerate(edges):
        waypoints[index] = []
        for crossed in range(source.column + 1, target.column):
            share = (crossed - source.column) / (target.column - source.column)
            ideal = source.middle_y + share * (target.middle_y - source.middle_y)
            gaps = _gaps(columns[crossed], boxes[crossed], height)
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
        for index, (source, target, _, _) in enumerate(edges)
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
