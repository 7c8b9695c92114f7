"""Plane geometry for the drawings and their checks: segments and boxes, in any unit."""
from __future__ import annotations

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, bottom, right, top


def cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segments ab and cd meet (touching counts)."""
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return any(s == 0 and _within(p, q, r) for s, p, q, r in ((d1, c, d, a), (d2, c, d, b), (d3, a, b, c),
                                                             (d4, a, b, d)))


def _within(p: Point, q: Point, r: Point) -> bool:
    return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])


def inside(start: Point, end: Point, box: Box) -> tuple[float, float] | None:
    """The part of the segment start-end inside `box`, as shares of its length (from, to), or
    None when it misses the box (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = start, end
    low, high = 0.0, 1.0
    for p, q in ((x0 - x1, x0 - box[0]), (x1 - x0, box[2] - x0), (y0 - y1, y0 - box[1]), (y1 - y0, box[3] - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return low, high


def overlap(a: Box, b: Box, air: float = 1.0) -> float:
    """The area two boxes share, each grown by `air` on every side."""
    wide = min(a[2], b[2]) - max(a[0], b[0]) + air * 2
    high = min(a[3], b[3]) - max(a[1], b[1]) + air * 2
    return wide * high if wide > 0 and high > 0 else 0.0


def point_at(start: Point, end: Point, along: float) -> Point:
    return start[0] + (end[0] - start[0]) * along, start[1] + (end[1] - start[1]) * along
