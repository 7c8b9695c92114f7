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
from reportlab.platypus import Flowable

from .. import model as m
from ..outline import LABELS, contents_entries
from .flowables import TaggedParagraph
from .markup import escaped
from .paragraph_styles import ParagraphStyles
from .session import Origin
from .tagging import Node, artifact, marked

LEADER = ". "
NUMBER_ROOM = "0000"  # the widest page number the contents leaves room for, and a gap


def contents(guide: m.Guide, paras: ParagraphStyles, root: Node,
             origins: MutableMapping[Any, Origin]) -> list[Flowable]:
    title = TaggedParagraph(LABELS.contents, paras.contents_title, node=root.add("H1"))
    listing = root.add("TOC")
    flowables: list[Flowable] = [title]
    parents = [listing]  # parents[d]: the TOC that holds the entries of level d
    last: list[Node] = []  # last[d]: the latest entry (TOCI) of level d
    for entry in contents_entries(guide):
        level = min(entry.level, len(last), len(paras.toc_levels) - 1)  # at most one below the entry above
        del parents[level + 1:], last[level:]
        if len(parents) <= level:  # a heading's entries are a contents of their own, inside its entry
            parents.append(last[level - 1].add("TOC"))
        item = parents[level].add("TOCI")
        last.append(item)
        made = ContentsLine(entry.title, entry.anchor, paras.toc_levels[level], item.add("P"))
        origins[made] = Origin(entry.source, "section title" if entry.level == 0 else "heading")
        flowables.append(made)
    return flowables


class ContentsLine(Flowable):
    """A title linked to its heading, dot leaders, and the heading's page number."""

    def __init__(self, title: str, anchor: str, style: ParagraphStyle, node: Node):
        super().__init__()
        self.anchor, self.style, self.node = anchor, style, node
        self.title = TaggedParagraph(f'<a href="#{anchor}">{escaped(title)}</a>', style, node=node)
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter

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
