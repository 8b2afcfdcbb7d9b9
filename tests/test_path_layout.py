"""The map's layout on graphs other than the seed: a made-up map of 40 roles and 80
steps, and small tangles worked out by hand. No database: the layout takes any boxes."""

from dataclasses import dataclass
from itertools import pairwise
from random import Random

from careers.geometry import count_crossings, flatten, passes_through
from careers.path_layout import NODE_WIDTH, Layout, Slot, choices


@dataclass(eq=False)
class Box:
    name: str
    column: int
    height: float = 36
    x: float = 0
    y: float = 0

    @property
    def sort_key(self):
        return (self.name,)


def made_up_map(roles=40, steps=80, columns=5, seed=16):
    """(columns, boxes, candidates): each role in one or two columns, steps between
    random pairs of roles, so some go backwards or stay within a column."""
    random = Random(seed)
    boxes = {}
    for number in range(roles):
        name = f"Role {number:02}"
        for column in random.sample(range(columns), random.choice((1, 1, 2))):
            boxes.setdefault(name, []).append(Box(name, column, height=random.choice((36, 52))))
    names = sorted(boxes)
    pairs = set()
    while len(pairs) < steps:
        pairs.add(tuple(random.sample(names, 2)))
    nodes = sorted((box for name in names for box in boxes[name]), key=lambda box: box.column)
    return columns, nodes, [choices(boxes[a], boxes[b]) for a, b in sorted(pairs)]


def drawn_crossings(layout, chains=None):
    chains = layout.chains if chains is None else chains
    return count_crossings(
        [flatten(chain.pieces) for chain in chains],
        [{id(chain.items[0]), id(chain.items[-1])} for chain in chains],
    )


def test_a_map_of_40_roles_and_80_steps_keeps_every_box_in_the_frame_and_apart():
    columns, boxes, candidates = made_up_map()
    layout = Layout(columns, boxes, candidates, top=40)
    assert len(layout.chains) == 80
    for index, column in enumerate(layout.columns):
        assert {item.column for item in column} <= {index}
        assert all(item.x == layout.column_x(index) for item in column)
        for upper, lower in pairwise(column):
            assert upper.y + upper.height < lower.y  # in order, with room between
    for item in (item for column in layout.columns for item in column):
        assert item.x >= 0 and item.x + NODE_WIDTH <= layout.width
        assert item.y >= 40 and item.y + item.height <= layout.height
    for chain in layout.chains:
        line = flatten(chain.pieces)
        assert all(0 <= x <= layout.width and 0 <= y <= layout.height for x, y in line)


def test_ordering_crosses_fewer_arrows_than_the_order_it_starts_from():
    columns, boxes, candidates = made_up_map()
    unordered = Layout(columns, boxes, candidates, top=40, order=False)
    before = (unordered.crossings(), drawn_crossings(unordered))
    columns, boxes, candidates = made_up_map()
    ordered = Layout(columns, boxes, candidates, top=40)
    after = (ordered.crossings(), drawn_crossings(ordered))
    assert after[0] < before[0] / 4  # counted: ordering and the choice of boxes
    assert after[1] < before[1] / 2  # drawn, loops beside middle columns included


def crossings_per_gap(layout):
    """Crossings drawn, counted as the ordering counts them: each arrow's curve across
    each gap between columns on its own (two long arrows may cross in two gaps), a loop
    as a whole."""
    last = layout.count - 1
    parts = []
    for chain in layout.chains:
        first, final = chain.items[0].column, chain.items[-1].column
        if first == final:
            if first in (0, last):  # loops beside middle columns are not counted
                parts.append(flatten(chain.pieces))
        else:
            parts.extend(flatten([piece]) for piece in chain.pieces if piece[0] == "C")
    return count_crossings(parts)


def test_the_crossings_the_ordering_counts_are_the_crossings_drawn():
    for order in (False, True):
        columns, boxes, candidates = made_up_map(seed=3)
        layout = Layout(columns, boxes, candidates, top=40, order=order)
        assert any(chain.backward for chain in layout.chains)
        assert any(len(chain.items) > 2 for chain in layout.chains)  # some pass slots
        assert crossings_per_gap(layout) == layout.crossings() > 0


def test_no_arrow_runs_through_a_box_it_does_not_join():
    columns, boxes, candidates = made_up_map(seed=5)
    layout = Layout(columns, boxes, candidates, top=40)
    for chain in layout.chains:
        line = flatten(chain.pieces)
        for box in boxes:
            if box is not chain.items[0] and box is not chain.items[-1]:
                assert not passes_through(line, (box.x, box.y, NODE_WIDTH, box.height))


def test_a_crossed_pair_is_uncrossed():
    # Alphabetical order draws A→D and B→C crossing; ordering swaps a column.
    a, b, c, d = Box("A", 0), Box("B", 0), Box("C", 1), Box("D", 1)
    unordered = Layout(2, [a, b, c, d], [[(a, d)], [(b, c)]], top=0, order=False)
    assert unordered.crossings() == drawn_crossings(unordered) == 1
    layout = Layout(2, [a, b, c, d], [[(a, d)], [(b, c)]], top=0)
    assert layout.crossings() == drawn_crossings(layout) == 0


def test_a_step_that_skips_a_column_passes_it_between_boxes():
    boxes = [Box("A", 0), Box("B", 1), Box("C", 1), Box("D", 2)]
    a, b, c, d = boxes
    layout = Layout(3, boxes, [[(a, d)], [(a, b)], [(a, c)], [(b, d)], [(c, d)]], top=0)
    slot = layout.chains[0].items[1]
    assert isinstance(slot, Slot) and slot in layout.columns[1]
    assert not any(box.y < slot.y + slot.height and slot.y < box.y + box.height for box in (b, c))
    assert drawn_crossings(layout) == 0
    line = flatten(layout.chains[0].pieces)
    assert not any(passes_through(line, (box.x, box.y, NODE_WIDTH, box.height)) for box in (b, c))


def test_three_roles_leading_to_the_same_two_loop_beside_the_last_column_instead_of_crossing():
    # Three boxes each joined to the same two cannot be drawn between two neighbouring
    # columns without a crossing; the two also have boxes in the last column, beside
    # which the steps can loop.
    sources = [Box(name, 0) for name in "PQR"]
    near = {name: Box(name, 1) for name in "XY"}
    far = {name: Box(name, 2) for name in "XY"}
    boxes = [*sources, *near.values(), *far.values(), Box("S", 2)]
    for source in sources:  # each source also has a box in the last column
        boxes.append(Box(source.name, 2))
    own = {box.name: [b for b in boxes if b.name == box.name] for box in boxes}
    candidates = [choices(own[s], own[t]) for s in "PQR" for t in "XY"]
    layout = Layout(3, boxes, candidates, top=0)
    assert layout.crossings() == drawn_crossings(layout) == 0
    loops = [pair for pair in layout.pairs if pair[0].column == pair[1].column == 2]
    assert loops


def test_a_saved_plan_draws_the_same_map_without_searching_again():
    columns, boxes, candidates = made_up_map(seed=7)
    searched = Layout(columns, boxes, candidates, top=40)
    routes, plan = [chain.pieces for chain in searched.chains], searched.plan()
    columns, boxes, candidates = made_up_map(seed=7)
    again = Layout(columns, boxes, candidates, top=40, plan=plan)
    assert [chain.pieces for chain in again.chains] == routes
    assert (again.width, again.height) == (searched.width, searched.height)
