"""What a drawing is drawn with: room, fonts, sizes and colours, all from the style."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth


@dataclass(frozen=True)
class Look:
    width: float  # the room across
    height: float  # the room down, at most (a drawing is never split across pages)
    font: str  # registered font names
    bold: str
    icon_font: str  # a font that has the theme icons
    size: float  # labels' size
    text: str  # colours, "#rrggbb", already as the style prints them
    muted: str
    rule: str
    accent: str
    shade: str  # a light fill behind bands and boxes
    page: str  # the paper's colour, behind a label that sits on a line
    paint: Callable[[str], str]  # a theme's colour as the style prints it

    def string(self, x: float, y: float, text: str, size: float | None = None, bold: bool = False,
               anchor: str = "start", colour: str | None = None, font: str | None = None) -> String:
        return String(x, y, text, fontName=font or (self.bold if bold else self.font), fontSize=size or self.size,
                      fillColor=HexColor(colour or self.text), textAnchor=anchor)

    def drawing(self, width: float, height: float) -> Drawing:
        """An empty drawing whose starting font is the style's: reportlab's own default, set as
        a drawing begins even if no string uses it, is Helvetica, which no PDF here may name."""
        made = Drawing(width, height)
        made.initialFontName, made.initialFontSize = self.font, self.size
        return made

    def measure(self, text: str, size: float | None = None, bold: bool = False, font: str | None = None) -> float:
        return stringWidth(text, font or (self.bold if bold else self.font), size or self.size)

    def wrap(self, text: str, width: float, size: float | None = None, bold: bool = False) -> list[str]:
        """`text` in lines no wider than `width` where its words allow (a longer word has a line of its own)."""
        lines: list[str] = []
        for word in text.split():
            if lines and self.measure(f"{lines[-1]} {word}", size, bold) <= width:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        return lines


def colour(value: str) -> HexColor:
    return HexColor(value)
