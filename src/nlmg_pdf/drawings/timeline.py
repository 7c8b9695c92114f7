"""The timeline: two lines side by side, the story's time (the narrator's age) and the telling's
(the chapters), each event marked on both and joined across, so the joins cross wherever the
telling goes back or forward in time."""
from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect

from .. import model as m
from .look import Look, colour

GAP = 4.0
BAR = 5.0  # the width of an era's or a Part's band


def timeline(block: m.Timeline, look: Look) -> Drawing:
    s = look.size
    radius = s * 0.85
    eras = [(era, look.wrap(era.name, look.width * 0.2, bold=True)) for era in block.eras]
    parts = [(part, look.wrap(part.name, look.width * 0.16, bold=True)) for part in block.parts]
    era_width = max((look.measure(line, bold=True) for _, lines in eras for line in lines), default=0)
    part_width = max((look.measure(line, bold=True) for _, lines in parts for line in lines), default=0)
    x_story = era_width + GAP * 3 + BAR + look.measure("00") + radius
    x_told = look.width - (part_width + GAP * 3 + BAR + look.measure("00") + radius)
    titles = [look.wrap(title, (x_told - x_story) / 2 + radius, bold=True)
              for title in (f"{block.age_label}: when it happens", "Chapter: when it is told")]
    header = s * 1.25 * max(len(lines) for lines in titles) + radius + GAP
    footer = s * 2.0
    first, last = block.eras[0].start, block.eras[-1].end
    span = min(max(block.chapters * s * 1.6, 200.0), look.height - header - footer - radius)
    height = header + span + footer + radius
    top = height - header

    def story_y(age: float) -> float:
        return top - (age - first) / max(1, last - first) * span

    def told_y(chapter: int) -> float:
        return top - (chapter - 1) / max(1, block.chapters - 1) * span

    drawing = look.drawing(look.width, height)
    for index, lines in enumerate(titles):  # over each line, what it measures
        x, anchor = (x_story - radius, "start") if index == 0 else (x_told + radius, "end")
        for number, line in enumerate(lines):
            drawing.add(look.string(x, height - s * (1.0 + 1.25 * number), line, bold=True, anchor=anchor))
    for x in (x_story, x_told):
        drawing.add(Line(x, top, x, top - span, strokeColor=colour(look.text), strokeWidth=1.2))
    _bands(drawing, look, [(era.start, era.end, lines) for era, lines in eras], story_y,
           x_story - radius - GAP - look.measure("00") - GAP - BAR, left=True)
    _bands(drawing, look, [(part.first - 0.5, part.last + 0.5, lines) for part, lines in parts],
           lambda chapter: told_y(min(max(chapter, 1), block.chapters)),
           x_told + radius + GAP + look.measure("00") + GAP, left=False)
    for age in _ticks(first, last, span / max(1, last - first), s):
        drawing.add(look.string(x_story - radius - GAP, story_y(age) - s * 0.35, str(age), anchor="end",
                                colour=look.muted))
    step = 1 if span / max(1, block.chapters - 1) >= s * 1.05 else 2
    for chapter in range(1, block.chapters + 1, step):
        drawing.add(look.string(x_told + radius + GAP, told_y(chapter) - s * 0.35, str(chapter), colour=look.muted))
    drawing.add(look.string(0, s * 0.5, f"{last}: now, {block.present}", colour=look.muted))
    story = _placed([(event, story_y(event.age)) for event in block.events], x_story, radius, 1)
    told = _placed([(event, told_y(event.chapter)) for event in block.events], x_told, radius, -1)
    for event in block.events:  # each join from mark to mark, so no line runs under a number
        (x0, y0), (x1, y1) = story[event.number], told[event.number]
        cut = (radius + 1) / math.dist((x0, y0), (x1, y1))
        if cut < 0.5:
            drawing.add(Line(x0 + (x1 - x0) * cut, y0 + (y1 - y0) * cut, x1 - (x1 - x0) * cut, y1 - (y1 - y0) * cut,
                             strokeColor=colour(look.accent), strokeWidth=0.9))
    for places in (story, told):
        for number, (x, y) in places.items():
            drawing.add(Circle(x, y, radius, fillColor=colour(look.page), strokeColor=colour(look.accent),
                               strokeWidth=1.2))
            drawing.add(look.string(x, y - s * 0.35, str(number), bold=True, anchor="middle"))
    return drawing


def _bands(drawing: Drawing, look: Look, bands, y_of, x: float, left: bool) -> None:
    """Each band (an era, a Part) as a bar beside a line, its name beside the bar."""
    s = look.size
    for index, (start, end, lines) in enumerate(bands):
        high, low = y_of(start), y_of(end)
        fill = look.accent if index % 2 == 0 else look.rule
        drawing.add(Rect(x, low + 1, BAR, high - low - 2, fillColor=colour(fill), strokeColor=None))
        middle = (high + low) / 2 + (len(lines) - 1) * s * 0.6
        for number, line in enumerate(lines):
            y = middle - s * 0.35 - number * s * 1.2
            if left:
                drawing.add(look.string(x - GAP, y, line, bold=True, anchor="end"))
            else:
                drawing.add(look.string(x + BAR + GAP, y, line, bold=True))


def _ticks(first: int, last: int, per_year: float, size: float) -> list[int]:
    """The ages to number: the ends and every fifth year, none too near another."""
    ages = sorted({first, last, *range(math.ceil(first / 5) * 5, last + 1, 5)})
    out: list[int] = []
    for age in ages:
        if not out or (age - out[-1]) * per_year >= size * 1.3:
            out.append(age)
        elif age == last:
            out[-1] = age
    return out


def _placed(events: list[tuple[m.Event, float]], x: float, radius: float,
            direction: int) -> dict[int, tuple[float, float]]:
    """Each event's mark on a line at height y, moved off the line (away from the other line's
    side when `direction` says so) until it touches no mark placed before it."""
    placed: dict[int, tuple[float, float]] = {}
    for event, y in events:
        step = 0
        while True:
            spot = (x + direction * step * (radius * 2 + 2), y)
            if all(math.dist(spot, other) >= radius * 2 + 1 for other in placed.values()):
                break
            step += 1
        placed[event.number] = spot
    return placed
