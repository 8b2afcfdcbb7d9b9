"""The geometry that checks a drawn map: whether two drawn lines cross, and whether a
line runs through a box. Known cases, worked out by hand."""

from careers.geometry import (
    CURVE_PIECES,
    count_crossings,
    flatten,
    passes_through,
    polylines_meet,
    segments_meet,
)


def s_curve(x1, y1, x2, y2):
    """An arrow between two columns as the map draws it: level at both ends."""
    middle = (x1 + x2) / 2
    return flatten([("C", (x1, y1), (middle, y1), (middle, y2), (x2, y2))])


def test_two_segments_that_cross_meet():
    assert segments_meet((0, 0), (10, 10), (0, 10), (10, 0))


def test_parallel_and_far_apart_segments_do_not_meet():
    assert not segments_meet((0, 0), (10, 0), (0, 1), (10, 1))
    assert not segments_meet((0, 0), (10, 10), (20, 0), (30, 5))


def test_a_segment_ending_on_another_meets_it():
    assert segments_meet((0, 0), (10, 0), (5, 0), (5, 8))
    assert not segments_meet((0, 0), (10, 0), (5, 0.01), (5, 8))


def test_segments_on_one_line_meet_only_if_they_overlap():
    assert segments_meet((0, 0), (10, 0), (5, 0), (15, 0))
    assert not segments_meet((0, 0), (10, 0), (11, 0), (15, 0))


def test_a_curve_flattens_to_points_from_its_start_to_its_end():
    points = s_curve(0, 0, 100, 50)
    assert len(points) == CURVE_PIECES + 1
    assert points[0] == (0, 0) and points[-1] == (100, 50)
    assert points == sorted(points)  # left to right, and downhill all the way


def test_pieces_join_without_repeating_the_shared_point():
    points = flatten([("L", (0, 0), (4, 0)), ("L", (4, 0), (4, 9))])
    assert points == [(0, 0), (4, 0), (4, 9)]


def test_two_arrows_between_columns_cross_exactly_when_their_ends_swap_order():
    assert polylines_meet(s_curve(0, 0, 100, 60), s_curve(0, 40, 100, 10))
    assert not polylines_meet(s_curve(0, 0, 100, 60), s_curve(0, 10, 100, 70))
    # Steep and shallow, still in order: they come close but do not touch.
    assert not polylines_meet(s_curve(0, 0, 100, 300), s_curve(0, 5, 100, 306))


def test_crossings_are_counted_per_pair_of_lines():
    across = [(0, 5), (10, 5)]
    down = [(5, 0), (5, 10)]
    down_again = [(7, 0), (7, 10)]
    apart = [(20, 0), (20, 10)]
    assert count_crossings([across, down, down_again, apart]) == 2


def test_lines_from_one_box_may_meet_at_it_but_not_elsewhere():
    fan = [[(0, 0), (10, 10)], [(0, 0), (10, -10)]]
    assert count_crossings(fan) == 1  # they touch at the shared start
    assert count_crossings(fan, ends=[{"box"}, {"box"}]) == 0
    tangle = [[(0, 0), (5, 0), (10, 10)], [(0, 0), (5, 10), (10, 0)]]
    assert count_crossings(tangle, ends=[{"box"}, {"box"}]) == 1


def test_a_line_through_a_box_is_caught_and_one_along_its_edge_is_not():
    box = (10, 10, 20, 20)  # x, y, width, height
    assert passes_through([(0, 15), (40, 15)], box)
    assert passes_through([(20, 0), (20, 12)], box)  # only its end inside
    assert not passes_through([(0, 10), (40, 10)], box)  # along the top edge
    assert not passes_through([(0, 5), (40, 5)], box)
    assert not passes_through([(0, 20), (10, 20)], box)  # ends on the left edge
    assert passes_through(s_curve(0, 0, 40, 40), box)
