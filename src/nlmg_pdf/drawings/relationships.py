"""The relationship map: each character a labelled box in a cell of the data's grid, each
relationship a line between two boxes with its label where it touches no box, no other label
and no other line."""
from __future__ import annotations

from itertools import product

from reportlab.graphics.shapes import Drawing, Line, Rect

from .. import model as m
from ..geometry import Box, Point, inside, overlap, point_at
from .look import Look, colour

GAP = 4.0
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7)  # where along its line a label may sit, in order of preference
LINE_COST = 10_000.0  # a label on another line is worse than one touching a box a little


def relationship_map(block: m.RelationshipMap, look: Look) -> Drawing:
    s, pad = look.size, look.size * 0.45
    cell_w = look.width / max(1, block.columns)
    names = {place.character.id: look.wrap(place.character.name, cell_w * 0.62, bold=True) for place in block.places}
    labels = {link.between: look.wrap(link.label, cell_w * 0.8) for link in block.links}
    node_h = max((len(lines) for lines in names.values()), default=1) * s * 1.25 + pad * 2
    label_h = max((len(lines) for lines in labels.values()), default=1) * s * 1.2 + pad
    # room for labels between the rows, as far as the page allows
    cell_h = min(max(node_h + label_h * 1.5 + GAP * 3, cell_w * 0.5), look.height / max(1, block.rows))
    height = cell_h * block.rows
    drawing = look.drawing(look.width, height)
    centre = {place.character.id: ((place.column - 0.5) * cell_w, height - (place.row - 0.5) * cell_h)
              for place in block.places}
    boxes: dict[str, Box] = {}
    for ident, lines in names.items():
        half = max(look.measure(line, bold=True) for line in lines) / 2 + pad
        x, y = centre[ident]
        boxes[ident] = (x - half, y - node_h / 2, x + half, y + node_h / 2)
    segments = {link.between: (centre[link.between[0]], centre[link.between[1]]) for link in block.links}
    taken = list(boxes.values())
    clear = max((b[2] - b[0]) / 2 for b in boxes.values()), node_h / 2  # a label this far aside misses the boxes
    for link in sorted(block.links, key=lambda link: _free(segments[link.between], boxes, link.between)):
        others = [segment for between, segment in segments.items() if between != link.between]
        lines, box = _label_box(link.label, look, *segments[link.between], taken, others, cell_w, clear)
        taken.append(box)
        for start, end in _pieces(*segments[link.between], [boxes[link.between[0]], box, boxes[link.between[1]]]):
            drawing.add(Line(*start, *end, strokeColor=colour(look.accent), strokeWidth=1.1))
        left, _, right, top = box
        for number, line in enumerate(lines):
            drawing.add(look.string((left + right) / 2, top - pad / 2 - s * (0.85 + 1.2 * number), line,
                                    anchor="middle", colour=look.muted))
    for ident, lines in names.items():
        left, bottom, right, top = boxes[ident]
        drawing.add(Rect(left, bottom, right - left, top - bottom, rx=s * 0.4, ry=s * 0.4,
                         fillColor=colour(look.shade), strokeColor=colour(look.accent), strokeWidth=1.2))
        first = (top + bottom) / 2 + (len(lines) - 1) * s * 0.625 - s * 0.35
        for number, line in enumerate(lines):
            drawing.add(look.string((left + right) / 2, first - number * s * 1.25, line, bold=True, anchor="middle"))
    return drawing


def _label_box(label: str, look: Look, start: Point, end: Point, taken: list[Box],
               others: list[tuple[Point, Point]], cell_w: float, clear: tuple[float, float]) -> tuple[list[str], Box]:
    """The label's lines and box at the first place along the line, on it, just beside it or
    beside it clear of the boxes, wide or narrow, where it touches nothing already there
    (boxes, labels, other lines); or else where it touches least."""
    s, pad = look.size, look.size * 0.45
    flat = abs(end[0] - start[0]) >= abs(end[1] - start[1])  # beside a flat line is above it or below
    best: tuple[float, list[str], Box] | None = None
    for measure, side, along in product((cell_w * 0.8, cell_w * 0.4), (0, 1, -1, 2, -2), ALONG):
        lines = look.wrap(label, measure)
        width = max(look.measure(line) for line in lines) + pad
        height = len(lines) * s * 1.2 + pad / 2
        near = (height / 2 + 3, 0.0) if flat else (0.0, width / 2 + 3)
        far = (clear[1] + height / 2 + 3, 0.0) if flat else (0.0, clear[0] + width / 2 + 3)
        aside = near if abs(side) == 1 else far
        x, y = point_at(start, end, along)
        sign = (side > 0) - (side < 0)  # above or right (1), on the line (0), below or left (-1)
        x, y = x + sign * aside[1], y + sign * aside[0]
        box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        cost = sum(overlap(box, other) for other in taken)
        cost += LINE_COST * sum(inside(a, b, _grown(box)) is not None for a, b in others)
        if cost == 0:
            return lines, box
        if best is None or cost < best[0]:
            best = (cost, lines, box)
    assert best is not None
    return best[1], best[2]


def _free(segment: tuple[Point, Point], boxes: dict[str, Box], between: tuple[str, str]) -> float:
    """How much of a line is left between its ends' boxes: the least room, labelled first."""
    pieces = _pieces(*segment, [boxes[between[0]], boxes[between[1]]])
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in pieces) if pieces else 0.0


def _grown(box: Box, by: float = 1.5) -> Box:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def _pieces(start: Point, end: Point, boxes: list[Box]) -> list[tuple[Point, Point]]:
    """The line start-end without the parts inside `boxes` (its ends' boxes, its label's)."""
    spans = sorted(found for box in boxes if (found := inside(start, end, _grown(box))) is not None)
    pieces, at = [], 0.0
    for low, high in spans:
        if low > at:
            pieces.append((point_at(start, end, at), point_at(start, end, low)))
        at = max(at, high)
    if at < 1:
        pieces.append((point_at(start, end, at), end))
    return pieces
