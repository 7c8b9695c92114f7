"""A style: every measurement, font and colour the renderer uses, as plain values."""
from __future__ import annotations

from dataclasses import dataclass

PAPER_SIZES = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}  # points


@dataclass(frozen=True)
class Style:
    name: str
    paper: str
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    body_font: str
    heading_font: str
    body_size: float
    body_leading: float
    justify: bool
    paragraph_space: float
    title_size: float
    heading_sizes: tuple[float, float, float]  # section title, ##, ###
    small_size: float
    quote_size: float
    text_colour: str
    accent_colour: str
    muted_colour: str
    rule_colour: str
    box_colour: str
    answer_colour: str
    link_colour: str

    @property
    def page_size(self) -> tuple[float, float]:
        return PAPER_SIZES[self.paper]
