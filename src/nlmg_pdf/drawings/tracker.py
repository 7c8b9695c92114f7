"""The theme tracker: the novel's chapters against its themes, a theme's icon in its colour
wherever a chapter develops it (shape and colour both, so a gray copy loses nothing)."""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect

from .. import model as m
from .look import Look, colour

GAP = 4.0  # points between a label and what it labels


def theme_tracker(block: m.ThemeTracker, look: Look) -> Drawing:
    """Chapters across and themes down when every chapter's number fits its column; otherwise
    (large print) chapters down and themes across, each column headed by its icon, with a key."""
    label_width = max(look.measure(f"{theme.glyph} ", font=look.icon_font) + look.measure(theme.label, bold=True)
                      for theme in block.themes) + GAP * 2
    cell = (look.width - label_width) / max(1, len(block.chapters))
    if cell >= look.measure("23") + GAP and cell >= look.size * 1.2:
        return _across(block, look, label_width, cell)
    return _down(block, look)


def _marks(block: m.ThemeTracker) -> dict[tuple[int, str], m.Theme]:
    return {(entry.chapter, chosen.theme.id): chosen.theme for entry in block.chapters for chosen in entry.themes}


def _icon(look: Look, x: float, y: float, theme: m.Theme, size: float):
    """A theme's icon centred on (x, y)."""
    return look.string(x, y - size * 0.35, theme.glyph, size=size, anchor="middle", colour=look.paint(theme.colour),
                       font=look.icon_font)


def _across(block: m.ThemeTracker, look: Look, label_width: float, cell: float) -> Drawing:
    size, row = look.size, look.size * 2.0
    head = size * 1.6  # the Parts' names, then the chapter numbers
    height = head * 2 + row * len(block.themes)
    drawing = look.drawing(look.width, height)
    marks, left = _marks(block), label_width
    x_of = {entry.chapter: left + cell * (index + 0.5) for index, entry in enumerate(block.chapters)}
    for index, theme in enumerate(block.themes):
        y = height - head * 2 - row * (index + 0.5)
        if index % 2 == 0:
            drawing.add(Rect(0, y - row / 2, look.width, row, fillColor=colour(look.shade), strokeColor=None))
        drawing.add(_icon(look, GAP + size * 0.5, y, theme, size))
        drawing.add(look.string(GAP + size * 1.4, y - size * 0.35, theme.label, bold=True))
        for chapter, x in x_of.items():
            if (chapter, theme.id) in marks:
                drawing.add(_icon(look, x, y, theme, min(size * 1.15, cell * 0.8)))
    for chapter, x in x_of.items():
        drawing.add(look.string(x, height - head * 2 + size * 0.45, str(chapter), anchor="middle", colour=look.muted))
    for part in block.parts:
        start, end = x_of.get(part.first, left) - cell / 2, x_of.get(part.last, look.width) + cell / 2
        drawing.add(look.string((start + end) / 2, height - head + size * 0.35, part.name, bold=True,
                                anchor="middle"))
        drawing.add(Line(start + 1, height - head, end - 1, height - head, strokeColor=colour(look.accent),
                         strokeWidth=1.2))
        if part.first > 1:  # a rule between Parts, down through the grid
            drawing.add(Line(start, 0, start, height - head * 1.1, strokeColor=colour(look.rule), strokeWidth=0.8))
    return drawing


def _down(block: m.ThemeTracker, look: Look) -> Drawing:
    size = look.size
    key = _key_lines(block, look)
    key_height = size * 1.5 * len(key) + GAP * 2
    chapters = len(block.chapters)
    row = min(size * 1.5, (look.height - key_height - size * 2) / max(1, chapters))
    part_width = max(look.measure(part.name, bold=True) for part in block.parts) + GAP * 2 if block.parts else 0
    number_width = look.measure("23") + GAP * 2
    left = part_width + number_width
    cell = (look.width - left) / max(1, len(block.themes))
    header = size * 1.8
    height = key_height + header + row * chapters
    drawing = look.drawing(look.width, height)
    for number, line in enumerate(key):  # the key: each icon with its theme's name
        x, y = 0.0, height - size * 1.5 * (number + 1) + size * 0.3
        for theme in line:
            drawing.add(_icon(look, x + size * 0.5, y + size * 0.35, theme, size))
            drawing.add(look.string(x + size * 1.3, y, theme.label, bold=True))
            x += _key_width(theme, look)
    marks = _marks(block)
    top = height - key_height - header
    x_of = {theme.id: left + cell * (index + 0.5) for index, theme in enumerate(block.themes)}
    for theme in block.themes:
        drawing.add(_icon(look, x_of[theme.id], top + header / 2, theme, size))
    y_of = {entry.chapter: top - row * (index + 0.5) for index, entry in enumerate(block.chapters)}
    for index, (chapter, y) in enumerate(y_of.items()):
        if index % 2 == 0:
            drawing.add(Rect(part_width, y - row / 2, look.width - part_width, row, fillColor=colour(look.shade),
                             strokeColor=None))
        drawing.add(look.string(left - GAP, y - size * 0.35, str(chapter), anchor="end", colour=look.muted))
        for theme in block.themes:
            if (chapter, theme.id) in marks:
                drawing.add(_icon(look, x_of[theme.id], y, theme, size))
    for part in block.parts:
        start, end = y_of.get(part.first, top) + row / 2, y_of.get(part.last, 0) - row / 2
        drawing.add(Line(part_width - GAP / 2, start - 1, part_width - GAP / 2, end + 1,
                         strokeColor=colour(look.accent), strokeWidth=1.2))
        words = look.wrap(part.name, part_width - GAP * 2, bold=True)
        middle = (start + end) / 2 + (len(words) - 1) * size * 0.6
        for number, word in enumerate(words):
            drawing.add(look.string(0, middle - size * 0.35 - number * size * 1.2, word, bold=True))
        if part.first > 1:
            drawing.add(Line(part_width, start, look.width, start, strokeColor=colour(look.rule), strokeWidth=0.8))
    return drawing


def _key_width(theme: m.Theme, look: Look) -> float:
    return look.size * 1.3 + look.measure(theme.label, bold=True) + look.size * 1.2


def _key_lines(block: m.ThemeTracker, look: Look) -> list[list[m.Theme]]:
    lines: list[list[m.Theme]] = [[]]
    used = 0.0
    for theme in block.themes:
        wide = _key_width(theme, look)
        if lines[-1] and used + wide > look.width:
            lines.append([])
            used = 0.0
        lines[-1].append(theme)
        used += wide
    return lines
