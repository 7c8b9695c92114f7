"""A drawing as inline SVG: the same reportlab drawing the PDF shows, rendered by reportlab's
SVG renderer, given its title and description, ids of its own, and the page's fonts."""
from __future__ import annotations

import itertools
import re
from html import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .. import model as m
from ..drawings import Look, draw
from ..fontfiles import face_file, face_name
from ..stylesheet import Style

WIDTH = 640.0  # the drawing's width in the page's pixels before it scales to the column
SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_numbers = itertools.count(1)


def _font(family: str, face: str) -> str:
    """A registered name for a face (for measuring text); the page itself shows its own fonts."""
    name = face_name(family, face)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(face_file(family, face))))
    return name


def look(style: Style) -> Look:
    regular, bold = _font(style.heading_font, "regular"), _font(style.heading_font, "bold")
    return Look(width=WIDTH, height=WIDTH * 1.4, font=regular, bold=bold, icon_font=regular,
                size=max(11.0, style.small_size), text=style.text_colour, muted=style.muted_colour,
                rule=style.rule_colour, accent=style.accent_colour, shade=style.box_colour, page="#ffffff",
                paint=style.paint)


def drawing_svg(block: m.Drawing, style: Style, description: str) -> str:
    from reportlab.graphics import renderSVG

    chosen = look(style)
    svg = renderSVG.drawToString(draw(block, chosen))
    number = next(_numbers)
    svg = svg[svg.index("<svg"):]  # (no XML prolog or DOCTYPE inside HTML)
    title = description.split(":")[0]
    svg = svg.replace("<title>...</title>", f'<title id="drawing-{number}-title">{escape(title)}</title>', 1)
    svg = svg.replace("<desc>...</desc>", f'<desc id="drawing-{number}-desc">{escape(description)}</desc>', 1)
    svg = svg.replace('id="clip"', f'id="drawing-{number}-clip"').replace("url(#clip)", f"url(#drawing-{number}-clip)")
    svg = svg.replace(' id="group"', "")
    svg = re.sub(r'<svg width="[\d.]+" height="[\d.]+"', f'<svg role="img" aria-labelledby="drawing-{number}-title '
                 f'drawing-{number}-desc" class="drawing-svg"', svg, count=1)
    bold, regular = re.escape(chosen.bold), re.escape(chosen.font)
    svg = re.sub(rf"font-family: {bold};", f"font-family: {SANS}; font-weight: bold;", svg)
    svg = re.sub(rf"font-family: {regular};", f"font-family: {SANS};", svg)
    return svg.replace(' version="1.0"', "").replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
