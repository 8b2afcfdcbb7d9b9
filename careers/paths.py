"""The career map: every published role under each of the article's lists it is in,
joined by the steps between roles, laid out on the server for an SVG diagram and told
again in words.

The diagram has one column per ArticleListing, in the lists' order; a role the article
names in several lists has a box in each column. A role in none of them (an editor's
addition) goes in a last column of its own, so every published role is on the map. Each
step is drawn once, between two boxes of its roles, chosen (with the order of the
boxes) by careers.path_layout so that no two arrows cross where that can be done.
Coordinates are SVG user units.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace

from django.core.cache import cache

from careers.geometry import flatten
from careers.models import ArticleListing, CareerStep, Role
from careers.path_layout import NODE_WIDTH, Layout, choices

LINE_HEIGHT = 16
NODE_PADDING = 10
# Characters per line of a role title inside a node (13px text in NODE_WIDTH).
LINE_CHARACTERS = 21
# Searching for the layout takes a good part of a second, so its choices are cached,
# keyed by everything they depend on: a change to roles, lists or steps is a new key.
# Bump the version when careers.path_layout would choose differently.
LAYOUT_VERSION = 1
LAYOUT_CACHE_SECONDS = 7 * 24 * 3600

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
LABEL_CHARACTERS = 20
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
    def sort_key(self):
        return (self.role.title, self.role.pk)

    @property
    def box(self):
        """(x, y, width, height), for geometry checks."""
        return (self.x, self.y, NODE_WIDTH, self.height)

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
    """One step as drawn: the CareerStep (its kind, basis, source), the two boxes it
    joins and its route, as pieces (see careers.geometry.flatten)."""

    step: CareerStep
    source: Node
    target: Node
    pieces: list

    @property
    def kind(self):
        return self.step.kind

    @property
    def from_role(self):
        return self.source.role

    @property
    def to_role(self):
        return self.target.role

    @property
    def path(self):
        """The route as an SVG path's d attribute."""
        start = self.pieces[0][1]
        d = f"M{_number(start[0])} {_number(start[1])}"
        for kind, *points in self.pieces:
            d += f" {kind}" + " ".join(f"{_number(x)} {_number(y)}" for x, y in points[1:])
        return d

    @property
    def line(self):
        """The route as a polyline, for geometry checks."""
        return flatten(self.pieces)


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
    def has_editorial_steps(self):
        return any(drawn.step.is_editorial for drawn in self.steps)


def career_map(listings=None):
    """Every published role under each list it is in, laid out. Four queries, three
    when the lists (ArticleListing.objects.with_source()) are given."""
    # Whole rows: a role reads its figures as it loads (Role.from_db), so .only() would
    # cost a query per role.
    roles = {role.pk: role for role in Role.objects.published()}
    if listings is None:
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
    steps = CareerStep.objects.filter(
        from_role__is_published=True, to_role__is_published=True
    ).select_related("source")
    return _laid_out(groups, members, roles, list(steps))


# The second column of one stage's map: where its roles lead, whatever list that is in.
ONWARD_KEY = "leads-to"
ONWARD_HEADING = "Where they lead"
ONWARD_NOTE = "The roles the steps above lead to, in any list."


def stage_choices(listings):
    """(key, heading) for each stage the chooser offers: the lists, then the unlisted."""
    return [(listing.slug, listing.title) for listing in listings] + [
        (UNLISTED_KEY, UNLISTED_HEADING)
    ]


def stage_roles(listing):
    """The published roles in one list (an ArticleListing), or in none (None), by title."""
    roles = Role.objects.published().order_by("title", "pk")
    if listing is None:
        return roles.filter(listings__isnull=True)
    return roles.filter(listings=listing)


def stage_map(group, roles):
    """One stage of the map: `roles` (a page of them) in a column under `group` (a
    Group), and a second column with the roles their steps lead to. One query (the
    steps, with the roles they lead to) besides the roles'."""
    roles = {role.pk: role for role in roles}
    steps = list(
        CareerStep.objects.filter(
            from_role__in=list(roles), to_role__is_published=True
        ).select_related("source", "to_role")
    )
    onward = {step.to_role_id: step.to_role for step in steps}
    # Every target gets a box in the second column, even one also in the first: each
    # arrow then runs from the stage to where it leads.
    targets = sorted(onward, key=lambda pk: (onward[pk].title, pk))
    laid_out = _laid_out(
        [group, Group(ONWARD_KEY, ONWARD_HEADING, ONWARD_NOTE)],
        [list(roles), targets],
        roles | onward,
        steps,
        onward_column=1,
    )
    # In words, the stage's roles with where each leads; the second column is the same.
    return replace(laid_out, groups=laid_out.groups[:1])


def _laid_out(groups, members, roles, steps, onward_column=None):
    """The CareerMap of `members` (role pks per group) joined by `steps`. A step leads
    to a box in `onward_column` when given, else to any box of its role."""
    boxes = {}  # role pk -> [Node, …], one per list the role is in
    for column, role_ids in enumerate(members):
        for pk in role_ids:
            node = Node(role=roles[pk], column=column, lines=wrap(roles[pk].title))
            boxes.setdefault(pk, []).append(node)
    steps = sorted(
        steps, key=lambda step: (roles[step.from_role_id].title, roles[step.to_role_id].title)
    )
    onward = {}
    for step in sorted(steps, key=lambda step: roles[step.to_role_id].title):
        onward.setdefault(step.from_role_id, []).append((roles[step.to_role_id], step))
    nodes = sorted(
        (node for role_nodes in boxes.values() for node in role_nodes),
        key=lambda node: (node.column, node.sort_key),
    )
    for node in nodes:
        if onward_column is None or node.column != onward_column:
            node.steps_out = onward.get(node.role.pk, [])

    def ends(step):
        sources, targets = boxes[step.from_role_id], boxes[step.to_role_id]
        if onward_column is not None:
            sources = [node for node in sources if node.column != onward_column]
            targets = [node for node in targets if node.column == onward_column]
        return choices(sources, targets)

    top = header_height(group.heading for group in groups)
    layout = planned_layout(len(groups), nodes, [ends(step) for step in steps], top)
    drawn = [
        Step(step=step, source=source, target=target, pieces=chain.pieces)
        for step, (source, target), chain in zip(steps, layout.pairs, layout.chains, strict=True)
    ]
    ordered = [item for column in layout.columns for item in column if isinstance(item, Node)]
    return CareerMap(
        width=layout.width,
        height=layout.height,
        columns=[
            Column(label=group.heading, x=layout.column_x(index))
            for index, group in enumerate(groups)
        ],
        nodes=ordered,
        steps=drawn,
        groups=[
            (group, sorted(column, key=lambda node: node.role.title))
            for group, column in zip(groups, _by_column(ordered, len(groups)), strict=True)
        ],
    )


def planned_layout(count, nodes, candidates, top):
    """The Layout of these nodes, searched for once and then rebuilt from the cache."""
    number = {id(node): index for index, node in enumerate(nodes)}
    described = json.dumps(
        [
            LAYOUT_VERSION,
            count,
            top,
            [(node.column, node.sort_key, node.height) for node in nodes],
            [[(number[id(a)], number[id(b)]) for a, b in options] for options in candidates],
        ]
    )
    key = "career-map-plan:" + hashlib.sha256(described.encode()).hexdigest()
    plan = cache.get(key)
    layout = Layout(count, nodes, candidates, top, plan=plan)
    if plan is None:
        cache.set(key, layout.plan(), LAYOUT_CACHE_SECONDS)
    return layout


def _by_column(nodes, count):
    columns = [[] for _ in range(count)]
    for node in nodes:
        columns[node.column].append(node)
    return columns


def _number(value):
    return f"{value:.1f}".removesuffix(".0")
