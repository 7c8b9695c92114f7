"""Style files (YAML in styles/) -> a Style, with every mistake placed by file and line."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problems
from ..fontfiles import FAMILIES
from ..stylesheet import PAPER_SIZES, Style
from .yamlfile import Record, load_mapping

UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
LENGTH = re.compile(r"(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)$")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}$")


def load_style(path: Path, shown: str) -> Style:
    problems = Problems()
    record = Record(load_mapping(path, shown), shown, problems)
    page, fonts = record.sub("page"), record.sub("fonts")
    text, colours = record.sub("text"), record.sub("colours")
    style = Style(
        name=record.text("name") or path.stem,
        paper=_choice(page, "paper", PAPER_SIZES),
        margin_top=_length(page, "margin-top"), margin_bottom=_length(page, "margin-bottom"),
        margin_left=_length(page, "margin-left"), margin_right=_length(page, "margin-right"),
        body_font=_choice(fonts, "body", FAMILIES), heading_font=_choice(fonts, "headings", FAMILIES),
        body_size=_length(text, "size"), body_leading=_length(text, "leading"),
        justify=_flag(text, "justify"), paragraph_space=_length(text, "paragraph-space"),
        title_size=_length(text, "title-size"),
        heading_sizes=(_length(text, "section-size"), _length(text, "heading-size"),
                       _length(text, "subheading-size")),
        small_size=_length(text, "small-size"), quote_size=_length(text, "quote-size"),
        text_colour=_colour(colours, "text"), accent_colour=_colour(colours, "accent"),
        muted_colour=_colour(colours, "muted"), rule_colour=_colour(colours, "rule"),
        box_colour=_colour(colours, "box"), answer_colour=_colour(colours, "answer"),
        link_colour=_colour(colours, "link"),
    )
    for part in (page, fonts, text, colours, record):
        part.finish()
    problems.raise_if_any()
    return style


def _length(record: Record, key: str) -> float:
    value = record.value(key, "a length such as 10pt, 0.75in or 20mm",
                        lambda v: isinstance(v, (int, float)) or (isinstance(v, str) and LENGTH.match(v)), True)
    if value is None:
        return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    number, unit = LENGTH.match(value).groups()
    return float(number) * UNITS[unit]


def _colour(record: Record, key: str) -> str:
    value = record.value(key, "a colour written #rrggbb", lambda v: isinstance(v, str) and COLOUR.match(v), True)
    return value or "#000000"


def _flag(record: Record, key: str) -> bool:
    return bool(record.value(key, "true or false", lambda v: isinstance(v, bool), True))


def _choice(record: Record, key: str, choices) -> str:
    return record.choice(key, list(choices)) or next(iter(choices))
