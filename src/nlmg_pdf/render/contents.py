"""The contents: one entry per section, and per '##' heading where a section asks, each a
link to its heading. The entries come from the model, so the contents' length is known
before layout; their page numbers are forms the canvas fills in once the pages are known."""
from __future__ import annotations

import math
from collections.abc import MutableMapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph

from .. import model as m
from ..outline import LABELS, contents_entries
from .flowables import Balanced, TaggedParagraph
from .markup import escaped, linked
from .paragraph_styles import ParagraphStyles
from .session import Origin
from .tagging import Node, artifact, marked

LEADER = ". "
NUMBER_ROOM = "0000"  # the widest page number the contents leaves room for, and a gap


def contents(guide: m.Guide, paras: ParagraphStyles, root: Node, origins: MutableMapping[Any, Origin],
             width: float, height: float) -> list[Flowable]:
    """The contents' title and entries, fitted to the `width` x `height` frame: on one page,
    set a little closer if that is all it takes; else over pages that each hold a fair share,
    every later one opening with the title again, marked as going on."""
    section = root.add("Sect")  # a section with its heading, like every other part of the guide
    title = TaggedParagraph(LABELS.contents, paras.contents_title, node=section.add("H1"))
    entries = _entries(guide, paras, section, origins)
    cue = Cue(f"{LABELS.contents} ({LABELS.continued})", paras.contents_title)
    return [title, *_paged(entries, height - _height(title, width, height) - SLACK, width, height - SLACK, cue)]


def _entries(guide: m.Guide, paras: ParagraphStyles, root: Node,
             origins: MutableMapping[Any, Origin]) -> list[ContentsLine]:
    listing = root.add("TOC")
    flowables: list[ContentsLine] = []
    parents = [listing]  # parents[d]: the TOC that holds the entries of level d
    last: list[Node] = []  # last[d]: the latest entry (TOCI) of level d
    for entry in contents_entries(guide):
        level = min(entry.level, len(last), len(paras.toc_levels) - 1)  # at most one below the entry above
        del parents[level + 1:], last[level:]
        if len(parents) <= level:  # a heading's entries are a contents of their own, inside its entry
            parents.append(last[level - 1].add("TOC"))
        item = parents[level].add("TOCI")
        last.append(item)
        made = ContentsLine(entry.title, entry.anchor, paras.toc_levels[level], item.add("P"), level)
        origins[made] = Origin(entry.source, "section title" if entry.level == 0 else "heading")
        flowables.append(made)
    return flowables


LEAST_OVERLEAF = 4  # entries a later page of the contents holds, at the least
CLOSEST = 0.3  # the least share of its space before an entry keeps when the contents is set closer
TIGHTEST = 1.15  # the closest an entry's lines are set, as a multiple of its type size


def _paged(entries: list[ContentsLine], room: float, width: float, height: float, cue: Cue) -> list[Flowable]:
    """The entries, fitted to a first page with `room` under the title and later pages of `height`."""
    heights = [_height(entry, width, height) for entry in entries]
    spaces = [entry.spaceBefore for entry in entries]
    needed, spacing = sum(heights) + sum(spaces), sum(spaces)
    if needed <= room:
        return list(entries)
    if needed - spacing * (1 - CLOSEST) <= room:  # set closer: less space above each entry
        share = (room - (needed - spacing)) / spacing
        for entry in entries:
            entry.spaceBefore *= share
        return list(entries)
    lines = needed - spacing  # closer still: the least space above each, and lines a little closer too
    closer = (room - spacing * CLOSEST) / lines
    if closer >= max(TIGHTEST * entry.style.fontSize / entry.style.leading for entry in entries):
        for entry in entries:
            entry.spaceBefore *= CLOSEST
            entry.set_leading(entry.style.leading * closer)
        return list(entries)
    out: list[Flowable] = []
    start = 0
    while start < len(entries):
        end = _page_end(entries, heights, start, room)
        if start:
            out += [PageBreak(), cue.copy()]
        out.extend(entries[start:end])
        start, room = end, height - _height(cue, width, height)
    return out


def _page_end(entries: list[ContentsLine], heights: list[float], start: int, room: float) -> int:
    """Where a page of entries from `start` ends: as many as fit, less any that would leave a
    later page under `LEAST_OVERLEAF` entries, or a section's entry at the page foot without
    its headings' entries."""
    end, used = start, 0.0
    while end < len(entries) and used + heights[end] + entries[end].spaceBefore <= room:
        used += heights[end] + entries[end].spaceBefore
        end += 1
    if end >= len(entries):
        return end
    end = max(start + 1, min(end, len(entries) - LEAST_OVERLEAF))
    while end - 1 > start and entries[end].level > entries[end - 1].level:
        end -= 1  # the entry above heads the one below: it goes on with it
    return end


SLACK = 1.0  # pt kept in hand when fitting entries to a page, for platypus's rounding


def _height(flowable: Flowable, width: float, height: float) -> float:
    """Its height on the page, with the space after it (a page's first loses its space before)."""
    return flowable.wrapOn(None, width, height)[1] + flowable.getSpaceAfter()


class Cue(Paragraph):
    """The contents' title set again on a later page, saying it goes on: pagination, which a
    reader of the tagged text does not hear (the title was read on the first page)."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__(escaped(text), style)
        self.text = text

    def copy(self) -> Cue:
        return Cue(self.text, self.style)

    def draw(self):
        with artifact(self.canv):
            super().draw()


class ContentsLine(Flowable):
    """A title linked to its heading, dot leaders, and the heading's page number."""

    def __init__(self, title: str, anchor: str, style: ParagraphStyle, node: Node, level: int = 0):
        super().__init__()
        self.anchor, self.node, self.level = anchor, node, level
        self.shown = linked(f"#{anchor}", escaped(title))
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._set(style)

    def _set(self, style: ParagraphStyle) -> None:
        self.style = style
        self.title = Balanced(self.shown, style, node=self.node)  # (no word alone on a second line)
        self.title.runs_on = True  # the page number follows: "Glossary 47", not "Glossary47"

    def set_leading(self, leading: float) -> None:
        """Set its lines `leading` apart (the contents set closer to fit a page)."""
        self._set(ParagraphStyle(f"{self.style.name}-closer", parent=self.style, leading=leading))

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.title.wrapOn(self.canv, available_width, available_height)[1]
        return self.width, self.height

    def split(self, available_width, available_height):
        return []  # an entry moves whole to the next page

    def draw(self):
        canvas, style = self.canv, self.style
        self.title.drawOn(canvas, 0, 0)
        lines = self.title.getActualLineWidths0()  # each line's end, less the right indent
        baseline = self.height - style.fontSize - (len(lines) - 1) * style.leading
        number_room = stringWidth(NUMBER_ROOM, style.fontName, style.fontSize)
        start = lines[-1] - style.rightIndent + style.fontSize * 0.4
        with artifact(canvas):
            self._leaders(start, self.width - number_room, baseline)
        canvas.saveState()
        canvas.translate(self.width, baseline)
        with marked(canvas, self.node):
            canvas.page_number(self.anchor, (style.fontName, style.fontSize, _hex(style.textColor)))
        canvas.restoreState()

    def _leaders(self, start: float, end: float, baseline: float) -> None:
        canvas, style = self.canv, self.style
        step = stringWidth(LEADER, style.fontName, style.fontSize)
        first = math.ceil(start / step) * step  # on a grid, so the dots of all entries line up
        count = int((end - first) / step)
        if count <= 0:
            return
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawString(first, baseline, LEADER * count)
        canvas.restoreState()


def _hex(colour) -> str:
    return colors.toColor(colour).hexval().replace("0x", "#")
