"""Laying out a map of boxes in columns joined by arrows, so that arrows do not cross.

The boxes come in fixed columns (the article's lists); what the layout chooses is the
order of the boxes in each column, their heights on the page, which two boxes a step
joins when its roles have boxes in several columns, and the route of every arrow. It
is the layered drawing of Sugiyama and others, kept small:

1. A step that skips columns passes each one in a slot of its own (a "dummy node"),
   so it runs between boxes, never behind one.
2. The order within columns comes from barycentre sweeps left to right and right to
   left, each followed by swapping neighbours while that removes crossings; the best
   order seen is kept.
3. When a role has boxes in several columns, other pairs of boxes are tried for the
   steps that still cross, keeping a change only if fewer arrows cross. Besides steps
   to a later column, a step may loop beside the first or last column, between two
   boxes of that column: nothing else runs there, so such loops cross only each other.
   (The seed's map needs this: three roles each leading to the same two others cannot
   be drawn between two neighbouring columns without a crossing.)
4. Arrows leave and enter a box at points spread along its side in the order of the
   boxes at their other ends, and every arrow between two columns is the same kind of
   curve across the same gap, so two arrows cross exactly when their ends are in
   opposite orders: the crossings counted while ordering are the crossings drawn.

Anything with `column`, `height`, `x`, `y` and `sort_key` can be laid out. Pure
Python, no database.
"""

from dataclasses import dataclass, field
from itertools import pairwise, product

from careers.path_ordering import ORDERING_RESTARTS, Ordering

NODE_WIDTH = 168
NODE_GAP = 14
COLUMN_GAP = 80
MARGIN = 8
# Room beside the first and last columns for loops (steps between two boxes of one
# column), at least: a loop around others reaches one LOOP_STEP further out than they do.
LOOP_ROOM = 32
LOOP_REACH = 12
LOOP_STEP = 6
LOOP_CORNER = 4
# A slot where a step passes a column, and the least room between two of them.
SLOT_HEIGHT = 8
SLOT_GAP = 4
# How far an arrow stops short of a box: the arrowhead fills the gap.
ARROW_ROOM = 4
# Rounds of pulling each box towards the boxes it is joined to.
PLACING_ROUNDS = 6
# How much work trying other pairs of boxes may take (that sum times layouts tried).
PAIR_SEARCH_WORK = 60000


@dataclass(eq=False)
class Slot:
    """Where a step (the `index`th) passes a column it skips."""

    column: int
    index: int
    sort_key: tuple = ()
    x: float = 0
    y: float = 0
    height: float = SLOT_HEIGHT

    @property
    def middle_y(self):
        return self.y + self.height / 2


@dataclass(eq=False)
class Chain:
    """One step's run through the columns, left to right: its two boxes and the slots
    between them. `backward` when the step runs right to left."""

    index: int
    items: list
    backward: bool = False
    pieces: list = field(default_factory=list)


def pair_cost(source, target, last):
    """How badly a pair of boxes reads as a step (lower is better): the next column on
    is best, then a loop beside the first or last column, then further on (the more
    columns skipped the worse), then a loop beside a middle column, then backwards."""
    gap = target.column - source.column
    if gap == 1:
        return 0
    if gap > 1:
        return gap - 0.5
    if gap == 0:
        return 1 if source.column in (0, last) else 4
    return 6 - gap


def _drawable(pair, count):
    """Whether a pair can be drawn without risking a crossing the ordering cannot see:
    forwards, or a loop beside the first or last column, where no other arrow runs."""
    source, target = pair
    return target.column > source.column or source.column == target.column in (0, count - 1)


class Layout(Ordering):
    """The laid-out map of `count` columns of `boxes`, for steps that may each join
    any of their `candidates` (pairs of boxes), below a heading `top` high.

    Gives `columns` (each column's items top to bottom, slots included), `pairs` (the
    boxes each step joins), `chains` (each step's run, with its route as `pieces`)
    `height` and `width`. `plan` skips the search: a `plan()` saved from an earlier layout of
    the same boxes and candidates. `order=False` keeps the first choice of pairs and
    alphabetical order, the baseline that ordering improves on."""

    def __init__(self, count, boxes, candidates, top, plan=None, order=True):
        self.count, self.boxes, self.top = count, boxes, top
        self.candidates = candidates
        if plan is None:
            self.pairs = [min(options, key=self._preference) for options in candidates]
            self._build()
            if order:
                self._search_pairs()
        else:
            self.pairs = [options[i] for options, i in zip(candidates, plan["pairs"], strict=True)]
            self._build()
            self._follow(plan["order"])
        self.height = self._place()
        self._route()

    def plan(self):
        """What the search chose, in plain lists: the pair of each step (an index
        into its candidates) and each column's order (a box as its index in `boxes`,
        a slot as the step it belongs to)."""
        number = {id(box): index for index, box in enumerate(self.boxes)}
        return {
            "pairs": [
                options.index(pair)
                for options, pair in zip(self.candidates, self.pairs, strict=True)
            ],
            "order": [
                [
                    ["slot", item.index] if isinstance(item, Slot) else ["box", number[id(item)]]
                    for item in column
                ]
                for column in self.columns
            ],
        }

    def _follow(self, order):
        items = {}
        for column in self.columns:
            for item in column:
                key = ("slot", item.index) if isinstance(item, Slot) else ("box", id(item))
                items[key, item.column] = item
        self.columns = [
            [
                items[("slot", index) if kind == "slot" else ("box", id(self.boxes[index])), number]
                for kind, index in column
            ]
            for number, column in enumerate(order)
        ]

    # Building the layered graph -------------------------------------------------

    def _build(self):
        self.chains, self.columns = [], [[] for _ in range(self.count)]
        for box in sorted(self.boxes, key=lambda box: box.sort_key):
            self.columns[box.column].append(box)
        for index, (source, target) in enumerate(self.pairs):
            left, right = sorted((source, target), key=lambda box: box.column)
            slots = [
                Slot(column, index, sort_key=(*left.sort_key, index))
                for column in range(left.column + 1, right.column)
            ]
            for slot in slots:
                self.columns[slot.column].append(slot)
            chain = Chain(index, [left, *slots, right], backward=source.column > target.column)
            self.chains.append(chain)
        # Loops beside a column, as (upper, lower) items.
        self.loops = [[] for _ in range(self.count)]
        for chain in self.chains:
            if chain.items[0].column == chain.items[-1].column:
                self.loops[chain.items[0].column].append((*chain.items, chain.index))
        # Who each item is joined to in the column before and the column after.
        self.left = {id(item): [] for column in self.columns for item in column}
        self.right = {id(item): [] for column in self.columns for item in column}
        for chain in self.chains:
            for a, b in pairwise(chain.items):
                if a.column != b.column:
                    self.right[id(a)].append(b)
                    self.left[id(b)].append(a)

    # Choosing pairs of boxes ----------------------------------------------------

    def _search_pairs(self):
        """Order the columns; then try other pairs of boxes for the steps that cross,
        keeping a change when fewer arrows cross (or as few, at less cost)."""
        candidates = self.candidates
        restarts = ORDERING_RESTARTS if self.small() else 0
        fewest = self.order(restarts)
        budget = PAIR_SEARCH_WORK // sum(len(column) ** 2 for column in self.columns)
        improved = True
        while improved and fewest and budget > 0:
            improved = False
            for index in sorted(self.crossing_steps()):
                if not _drawable(self.pairs[index], self.count):
                    continue
                for option in sorted(candidates[index], key=self._preference):
                    if option is self.pairs[index] or not _drawable(option, self.count):
                        continue
                    if budget <= 0:
                        return
                    budget -= 1
                    trial = Layout.__new__(Layout)
                    trial.__dict__.update(self.__dict__)
                    trial.pairs = [*self.pairs[:index], option, *self.pairs[index + 1 :]]
                    trial._build()
                    found = trial.order(restarts)
                    if (found, trial._cost()) < (fewest, self._cost()):
                        self.__dict__.update(trial.__dict__)
                        fewest, improved = found, True
                        break
                if improved:
                    break

    def _cost(self):
        return sum(pair_cost(*pair, self.count - 1) for pair in self.pairs)

    def _preference(self, pair):
        source, target = pair
        return (pair_cost(source, target, self.count - 1), source.column, target.column)

    # Placing --------------------------------------------------------------------

    def column_x(self, index):
        return self.left_room + index * (NODE_WIDTH + COLUMN_GAP)

    def _loop_depths(self):
        """How many loops deep each loop beside a column is: one more than the
        deepest loop inside it (one sharing a box counts as inside, as its ends sit
        nearer that box's other loops)."""
        position = self._positions()
        depths = {}
        for loops in self.loops:
            spans = sorted(
                (abs(position[id(a)] - position[id(b)]), index, position[id(a)], position[id(b)])
                for a, b, index in loops
            )
            for number, (_, index, a, b) in enumerate(spans):
                low, high = min(a, b), max(a, b)
                inside = [
                    depths[other]
                    for _, other, c, d in spans[:number]
                    if low <= min(c, d) and max(c, d) <= high
                ]
                depths[index] = 1 + max(inside, default=0)
        return depths

    def _place(self):
        """Give every item its x and y: stacked in order, each column pulled towards
        the items it is joined to; return the diagram's height."""
        self.depths = self._loop_depths()
        rooms = [
            max(
                [LOOP_ROOM]
                + [_reach(self.depths[index]) + LOOP_STEP for _, _, index in self.loops[column]]
            )
            for column in (0, self.count - 1)
        ]
        self.left_room = MARGIN + rooms[0]
        self.width = (
            self.left_room
            + self.count * NODE_WIDTH
            + max(self.count - 1, 0) * COLUMN_GAP
            + rooms[-1]
            + MARGIN
        )
        for index, column in enumerate(self.columns):
            y = self.top
            for item in column:
                item.x, item.y = self.column_x(index), y
                y += item.height + _gap(item)
        for _ in range(PLACING_ROUNDS):
            for column in self.columns:
                wanted = []
                for item in column:
                    joined = self.left[id(item)] + self.right[id(item)]
                    middle = (
                        sum(other.y + other.height / 2 for other in joined) / len(joined)
                        if joined
                        else item.y + item.height / 2
                    )
                    wanted.append(middle - item.height / 2)
                _stack(column, wanted)
        lowest = min((item.y for column in self.columns for item in column), default=self.top)
        for column in self.columns:
            for item in column:
                item.y += self.top - lowest
        bottom = max(
            (item.y + item.height for column in self.columns for item in column), default=0
        )
        return max(bottom, self.top) + MARGIN

    # Routing --------------------------------------------------------------------

    def _route(self):
        ports = self._ports()
        for chain in self.chains:
            pieces = []
            items = chain.items
            if items[0].column == items[-1].column:
                source, target = self.pairs[chain.index]
                pieces = _loop(
                    source,
                    target,
                    ports[(id(chain), id(source))],
                    ports[(id(chain), id(target))],
                    _reach(self.depths[chain.index]),
                )
            else:
                for step, (a, b) in enumerate(pairwise(items)):
                    start_y = ports[(id(chain), id(a), "right")]
                    end_y = ports[(id(chain), id(b), "left")]
                    x1, x2 = a.x + NODE_WIDTH, b.x
                    if step == 0:
                        pieces.append(("L", (x1, start_y), (x1 + ARROW_ROOM, start_y)))
                    else:  # across the skipped column, level with its slot
                        pieces.append(
                            ("L", (a.x - ARROW_ROOM, start_y), (x1 + ARROW_ROOM, start_y))
                        )
                    x1, x2 = x1 + ARROW_ROOM, x2 - ARROW_ROOM
                    middle = (x1 + x2) / 2
                    pieces.append(
                        ("C", (x1, start_y), (middle, start_y), (middle, end_y), (x2, end_y))
                    )
                if chain.backward:
                    # Drawn from the right-hand box: the arrowhead goes at the left end.
                    pieces = _reverse(pieces[1:])
                    x, y = pieces[0][1]
                    pieces.insert(0, ("L", (x + ARROW_ROOM, y), (x, y)))
            # Rounded as the SVG writes them, so checks measure what is drawn.
            chain.pieces = [
                (kind, *((round(x, 1), round(y, 1)) for x, y in points)) for kind, *points in pieces
            ]

    def _ports(self):
        """Where each arrow meets each item: points spread down the item's side, in
        the order of the items at the arrows' other ends."""
        position = self._positions()
        sides = {}
        for chain in self.chains:
            a, b = chain.items[0], chain.items[-1]
            if a.column == b.column:
                # Loops nest: at each box, the loop to the nearer box is nearer it.
                side = "left" if a.column == 0 else "right"
                # Two loops between the same two boxes: the later goes round the other.
                for item, other in ((a, b), (b, a)):
                    if position[id(other)] < position[id(item)]:
                        key = (0, -position[id(other)], chain.index)
                    else:
                        key = (1, -position[id(other)], -chain.index)
                    sides.setdefault((id(item), side), []).append((key, (id(chain), id(item))))
                continue
            for a, b in pairwise(chain.items):
                sides.setdefault((id(a), "right"), []).append(
                    ((position[id(b)], chain.index), (id(chain), id(a), "right"))
                )
                sides.setdefault((id(b), "left"), []).append(
                    ((position[id(a)], chain.index), (id(chain), id(b), "left"))
                )
        items = {id(item): item for column in self.columns for item in column}
        ports = {}
        for (item_id, _), entries in sides.items():
            item = items[item_id]
            entries.sort()
            for rank, (_, key) in enumerate(entries, start=1):
                ports[key] = item.y + item.height * rank / (len(entries) + 1)
        return ports


def _gap(item):
    return SLOT_GAP if isinstance(item, Slot) else NODE_GAP


def _stack(column, wanted):
    """Place a column's items as near their wanted tops as order and gaps allow."""
    if not column:
        return
    placed, floor = [], None
    for item, top in zip(column, wanted, strict=True):
        y = top if floor is None else max(top, floor)
        placed.append(y)
        floor = y + item.height + _gap(item)
    # Pushing down only would drift every column downwards: shift back by the mean.
    shift = sum(p - w for p, w in zip(placed, wanted, strict=True)) / len(column)
    for item, y in zip(column, placed, strict=True):
        item.y = y - shift


def _reach(depth):
    return LOOP_REACH + LOOP_STEP * (depth - 1)


def _loop(source, target, y1, y2, reach):
    """A step within one column: out to the side, along and back (left of the first
    column, where nothing arrives, otherwise right), with rounded corners. Loops
    around others reach further out, so loops nest without touching."""
    side = -1 if source.column == 0 else 1
    edge = source.x if side < 0 else source.x + NODE_WIDTH
    out, corner = edge + side * reach, min(LOOP_CORNER, abs(y2 - y1) / 2)
    down = 1 if y2 > y1 else -1
    before, after = (out - side * corner, y1), (out, y1 + down * corner)
    into, back = (out, y2 - down * corner), (out - side * corner, y2)
    return [
        ("L", (edge, y1), before),
        ("C", before, (out, y1), (out, y1), after),
        ("L", after, into),
        ("C", into, (out, y2), (out, y2), back),
        ("L", back, (edge + side * ARROW_ROOM, y2)),
    ]


def _reverse(pieces):
    return [(kind, *reversed(points)) for kind, *points in reversed(pieces)]


def choices(sources, targets):
    """Every pair of boxes a step between two roles could join."""
    return list(product(sources, targets))
