"""Flowables for the guide's drawings: each a Figure with its description, followed by the
same facts in words (a table or a list) that a screen reader can move through."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from .. import model as m
from ..drawing_text import alternative, description
from ..drawings import Look, draw
from .flowables import DrawnFigure, Gap

if TYPE_CHECKING:
    from .blocks import BlockRenderer

ROOM_DOWN = 0.8  # of the frame's height: a drawing, never split, leaves room for its heading


def look_of(r: BlockRenderer) -> Look:
    style = r.style
    return Look(width=r.frame_width, height=style.frame_height * ROOM_DOWN, font=r.paras.tags.fontName,
                bold=r.paras.table_head.fontName, icon_font=r.paras.tags.fontName, size=style.small_size,
                text=style.text_colour, muted=style.muted_colour, rule=style.rule_colour, accent=style.accent_colour,
                shade=style.box_colour, page="#ffffff", paint=style.paint)


def drawing(r: BlockRenderer, block: m.Drawing) -> list[Flowable]:
    """The drawing (never split), then its facts in words."""
    with r.inside("Div"):
        figure = DrawnFigure(draw(block, look_of(r)), r.parent.add("Figure", alt=description(block)))
        words = r.render(alternative(block), top=True)  # (a list keeps more than its first line together)
    return [figure, Gap(r.style.paragraph_space * 1.5), *words, Gap(r.style.paragraph_space)]


HANDLERS: dict[type, Callable[..., list[Flowable]]] = {
    m.ThemeTracker: drawing, m.Timeline: drawing, m.RelationshipMap: drawing,
}
