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
    hyphenate: bool
    paragraph_space: float
    small_size: float
    title_size: float
    section_size: float
    heading_size: float
    subheading_size: float
    colour_mode: str  # "colour" or "grayscale"
    text_colour: str
    accent_colour: str
    muted_colour: str
    rule_colour: str
    box_colour: str
    answer_colour: str
    link_colour: str
    banner_text_colour: str
    quote_size: float
    quote_italic: bool
    box_padding: float
    box_border: float
    write_in_spacing: float
    write_in_weight: float

    @property
    def heading_sizes(self) -> tuple[float, float, float]:
        """Sizes of section titles, '##' headings and '###' headings."""
        return self.section_size, self.heading_size, self.subheading_size

    @property
    def grayscale(self) -> bool:
        return self.colour_mode == "grayscale"

    @property
    def page_size(self) -> tuple[float, float]:
        return PAPER_SIZES[self.paper]

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - self.margin_top - self.margin_bottom

    def paint(self, colour: str) -> str:
        """A colour as this style prints it: unchanged, or its gray for a grayscale style."""
        return gray(colour) if self.grayscale else colour


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour, as WCAG defines it."""
    channels = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def gray(colour: str) -> str:
    """The gray of the same luminance, so a colour's contrast survives a copier."""
    level = luminance(colour)
    encoded = level * 12.92 if level <= 0.0031308 else 1.055 * level ** (1 / 2.4) - 0.055
    value = round(encoded * 255)
    return f"#{value:02x}{value:02x}{value:02x}"


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
