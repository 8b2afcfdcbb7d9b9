"""Plane geometry for checking a drawn diagram: where lines cross and what they pass
through. A drawn line is a polyline, a list of (x, y) points; curves are checked through
`flatten`, which samples them finely enough for a diagram a person reads."""

from itertools import pairwise

# How many straight pieces stand in for one cubic curve.
CURVE_PIECES = 16


def flatten(pieces, steps=CURVE_PIECES):
    """The polyline of a route made of pieces: ("L", start, end) for a straight line,
    ("C", start, control1, control2, end) for a cubic Bézier curve."""
    points = []
    for kind, *corners in pieces:
        if kind == "L":
            sampled = corners
        else:
            sampled = [_bezier_point(*corners, index / steps) for index in range(steps + 1)]
        if points and points[-1] == sampled[0]:
            sampled = sampled[1:]
        points.extend(sampled)
    return points


def _bezier_point(p0, p1, p2, p3, t):
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (
        a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
    )


def _side(a, b, c):
    """Which side of the line a→b the point c lies: +1, -1, or 0 on the line."""
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (cross > 1e-9) - (cross < -1e-9)


def _within(a, b, c):
    """For c on the line through a and b: whether it lies on the segment a–b."""
    return min(a[0], b[0]) - 1e-9 <= c[0] <= max(a[0], b[0]) + 1e-9 and (
        min(a[1], b[1]) - 1e-9 <= c[1] <= max(a[1], b[1]) + 1e-9
    )


def segments_meet(a, b, c, d):
    """Whether the segments a–b and c–d share any point (crossing, touching or
    overlapping)."""
    d1, d2, d3, d4 = _side(c, d, a), _side(c, d, b), _side(a, b, c), _side(a, b, d)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return (
        (d1 == 0 and _within(c, d, a))
        or (d2 == 0 and _within(c, d, b))
        or (d3 == 0 and _within(a, b, c))
        or (d4 == 0 and _within(a, b, d))
    )


def polylines_meet(first, second):
    """Whether two polylines share any point."""
    for a, b in pairwise(first):
        box = (min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1]))
        for c, d in pairwise(second):
            if (
                max(c[0], d[0]) < box[0]
                or min(c[0], d[0]) > box[1]
                or max(c[1], d[1]) < box[2]
                or min(c[1], d[1]) > box[3]
            ):
                continue
            if segments_meet(a, b, c, d):
                return True
    return False


def count_crossings(lines, ends=None):
    """How many pairs of lines meet. `ends`, one set per line, names what each line
    joins (its boxes): two lines joining a common box may meet at that box's edge, so
    their first and last points do not count."""
    count = 0
    for i, first in enumerate(lines):
        for j in range(i + 1, len(lines)):
            second = lines[j]
            if ends is not None and ends[i] & ends[j]:
                first_trimmed, second_trimmed = _inner(first), _inner(second)
                meet = polylines_meet(first_trimmed, second_trimmed)
            else:
                meet = polylines_meet(first, second)
            count += meet
    return count


def _inner(line):
    """The line without the tiny stretches at its two ends where it touches a box."""
    if len(line) < 2:
        return line
    (x0, y0), (x1, y1) = line[0], line[1]
    (xn, yn), (xm, ym) = line[-1], line[-2]
    start = (x0 + (x1 - x0) * 0.01, y0 + (y1 - y0) * 0.01)
    end = (xn + (xm - xn) * 0.01, yn + (ym - yn) * 0.01)
    return [start, *line[1:-1], end]  # a line of one segment keeps 98% of it


def passes_through(line, box):
    """Whether a polyline runs through the inside of a box (x, y, width, height);
    touching its edge does not count."""
    x, y, width, height = box
    left, right, top, bottom = x + 0.5, x + width - 0.5, y + 0.5, y + height - 0.5
    return any(_clips(a, b, left, right, top, bottom) for a, b in pairwise(line))


def _clips(a, b, left, right, top, bottom):
    """Liang–Barsky: whether the segment a–b enters the rectangle."""
    start, end = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            start = max(start, t)
        else:
            end = min(end, t)
        if start > end:
            return False
    return True
