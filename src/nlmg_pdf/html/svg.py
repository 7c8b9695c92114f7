"""A drawing as inline SVG: the same reportlab drawing the PDF shows, rendered by reportlab's
SVG renderer, given its title and description, ids of its own, and the page's fonts."""
from __future__ import annotations

import re
from html import escape, unescape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from .. import model as m
from ..drawings import Look, draw
from ..fontfiles import face_file, face_name
from ..stylesheet import Style

WIDE, NARROW = 640.0, 340.0  # the drawing's widths in the page's pixels, for a wide column and a phone's
SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _font(family: str, face: str) -> str:
    """A registered name for a face (for measuring text); the page itself shows its own fonts."""
    name = face_name(family, face)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(face_file(family, face))))
    return name


def look(style: Style, width: float) -> Look:
    regular, bold = _font(style.heading_font, "regular"), _font(style.heading_font, "bold")
    return Look(width=width, height=width * 1.4 if width >= WIDE else width * 2.4, font=regular, bold=bold,
                icon_font=regular, size=max(11.0, style.small_size), text=style.text_colour,
                muted=style.muted_colour, rule=style.rule_colour, accent=style.accent_colour,
                shade=style.box_colour, page="#ffffff", paint=style.paint)


def drawing_svgs(block: m.Drawing, style: Style, description: str, number: int) -> str:
    """The drawing laid out twice, for a wide column and for a phone (the page shows the one that
    fits: scaled down to a phone, the wide one's labels would be too small to read); `number`
    is its place among the page's drawings, which its ids hold."""
    return "".join(f'<div class="drawing-{kind}">{drawing_svg(block, style, description, f"{number}{kind[0]}", width)}'
                   "</div>" for kind, width in (("wide", WIDE), ("narrow", NARROW)))


def drawing_svg(block: m.Drawing, style: Style, description: str, number: str, width: float) -> str:
    from reportlab.graphics import renderSVG

    chosen = look(style, width)
    svg = renderSVG.drawToString(draw(block, chosen))
    svg = svg[svg.index("<svg"):]  # (no XML prolog or DOCTYPE inside HTML)
    title = description.split(":")[0]
    svg = svg.replace("<title>...</title>", f'<title id="drawing-{number}-title">{escape(title)}</title>', 1)
    svg = svg.replace("<desc>...</desc>", f'<desc id="drawing-{number}-desc">{escape(description)}</desc>', 1)
    svg = svg.replace('id="clip"', f'id="drawing-{number}-clip"').replace("url(#clip)", f"url(#drawing-{number}-clip)")
    svg = svg.replace(' id="group"', "")
    svg = re.sub(r'<svg width="[\d.]+" height="[\d.]+"', f'<svg role="img" aria-labelledby="drawing-{number}-title '
                 f'drawing-{number}-desc" class="drawing-svg"', svg, count=1)
    svg = _measured(svg)
    bold, regular = re.escape(chosen.bold), re.escape(chosen.font)
    svg = re.sub(rf"font-family: {bold};", f"font-family: {SANS}; font-weight: bold;", svg)
    svg = re.sub(rf"font-family: {regular};", f"font-family: {SANS};", svg)
    return svg.replace(' version="1.0"', "").replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")


TEXT = re.compile(r'<text (?P<before>[^>]*)style="font-family: (?P<font>[^;]+); font-size: (?P<size>[\d.]+)px;'
                  r'(?P<rest>[^"]*)"(?P<after>[^>]*)>(?P<words>[^<]*)</text>')


def _measured(svg: str) -> str:
    """Each label given the width it was laid out at, in the drawing's own font: the page shows its
    own fonts, wider or narrower, which the browser fits to that width, so that no label runs
    into a box or a line that the layout kept it clear of."""
    def fitted(found: re.Match) -> str:
        width = stringWidth(unescape(found["words"]), found["font"], float(found["size"]))
        return (f'<text {found["before"]}textLength="{width:.2f}" lengthAdjust="spacingAndGlyphs" '
                f'style="font-family: {found["font"]}; font-size: {found["size"]}px;{found["rest"]}"'
                f'{found["after"]}>{found["words"]}</text>')

    return TEXT.sub(fitted, svg)
