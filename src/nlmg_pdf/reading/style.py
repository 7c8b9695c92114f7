"""Style files (YAML in styles/) -> a Style, with every mistake placed by file and line.

A style names every key, or names another style with `extends:` and changes only some.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from ..errors import Problems, UserError
from ..fontfiles import FAMILIES
from ..stylesheet import PAPER_SIZES, Style, contrast
from .files import inside
from .yamlfile import Mapping, Record, load_mapping

UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
LENGTH = re.compile(r"(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)$")
POSITIVE = {"size", "leading", "small-size", "title-size", "section-size", "heading-size", "subheading-size",
            "pull-quote-size", "write-in-spacing", "write-in-weight"}
MIN_TEXT_AREA = (144.0, 216.0)  # points: a text column at least 2 in wide and 3 in tall
COLOUR_MODES = ("colour", "grayscale")


# the lengths a page can take, in points: a margin narrower than half an inch leaves no room for
# the running head and footer (and most printers cannot print there); type too small to read or
# too large for a column; a rule or a box padding that would eat the text's width
RANGES = {
    "margin-top": (36, 216), "margin-bottom": (36, 216), "margin-left": (27, 216), "margin-right": (27, 216),
    "size": (7, 36), "leading": (8, 54), "small-size": (6, 36), "paragraph-space": (0, 36),
    "title-size": (12, 96), "section-size": (10, 72), "heading-size": (8, 60), "subheading-size": (8, 48),
    "pull-quote-size": (8, 48), "box-padding": (0, 36), "box-border": (0, 6), "write-in-spacing": (12, 72),
    "write-in-weight": (0.2, 3),
}


def _length(record: Record, key: str, required: bool) -> float | None:
    """A length in points, within its RANGES (zero only for spaces and rules)."""
    low, high = RANGES.get(key, (0.01 if key in POSITIVE else 0.0, 10_000))
    shown = f"a length from {low:g}pt to {high:g}pt, such as {min(max(low, 10), high):g}pt, 0.75in or 20mm"
    value = record.value(key, shown, lambda v: (points := _points(v)) is not None and low <= points <= high,
                         required)
    return None if value is None else _points(value)


def _points(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    match = LENGTH.match(value) if isinstance(value, str) else None
    return float(match[1]) * UNITS[match[2]] if match else None


def _colour(record: Record, key: str, required: bool) -> str | None:
    return record.colour(key, required)


def _flag(record: Record, key: str, required: bool) -> bool | None:
    return record.flag(key, required)


def _choice(choices) -> Callable[[Record, str, bool], str | None]:
    return lambda record, key, required: record.choice(key, list(choices), required)


# (group, key) in the file -> (Style field, reader); the table is the style file's schema
SCHEMA: dict[tuple[str, str], tuple[str, Callable[[Record, str, bool], Any]]] = {
    ("page", "paper"): ("paper", _choice(PAPER_SIZES)),
    ("page", "margin-top"): ("margin_top", _length),
    ("page", "margin-bottom"): ("margin_bottom", _length),
    ("page", "margin-left"): ("margin_left", _length),
    ("page", "margin-right"): ("margin_right", _length),
    ("fonts", "body"): ("body_font", _choice(FAMILIES)),
    ("fonts", "headings"): ("heading_font", _choice(FAMILIES)),
    ("text", "size"): ("body_size", _length),
    ("text", "leading"): ("body_leading", _length),
    ("text", "justify"): ("justify", _flag),
    ("text", "hyphenate"): ("hyphenate", _flag),
    ("text", "paragraph-space"): ("paragraph_space", _length),
    ("text", "small-size"): ("small_size", _length),
    ("headings", "title-size"): ("title_size", _length),
    ("headings", "section-size"): ("section_size", _length),
    ("headings", "heading-size"): ("heading_size", _length),
    ("headings", "subheading-size"): ("subheading_size", _length),
    ("colours", "mode"): ("colour_mode", _choice(COLOUR_MODES)),
    ("colours", "text"): ("text_colour", _colour),
    ("colours", "accent"): ("accent_colour", _colour),
    ("colours", "muted"): ("muted_colour", _colour),
    ("colours", "rule"): ("rule_colour", _colour),
    ("colours", "box"): ("box_colour", _colour),
    ("colours", "answer"): ("answer_colour", _colour),
    ("colours", "link"): ("link_colour", _colour),
    ("colours", "banner-text"): ("banner_text_colour", _colour),
    ("blocks", "pull-quote-size"): ("quote_size", _length),
    ("blocks", "pull-quote-italic"): ("quote_italic", _flag),
    ("blocks", "box-padding"): ("box_padding", _length),
    ("blocks", "box-border"): ("box_border", _length),
    ("blocks", "write-in-spacing"): ("write_in_spacing", _length),
    ("blocks", "write-in-weight"): ("write_in_weight", _length),
}
GROUPS = tuple(dict.fromkeys(group for group, _ in SCHEMA))


def load_style(path: Path, shown: str, styles_folder: Path | None = None, _seen: tuple[Path, ...] = ()) -> Style:
    """Read a style file; `extends:` names a style in `styles_folder` or a file beside this one."""
    problems = Problems()
    data = load_mapping(path, shown)
    record = Record(data, shown, problems)
    name = record.text("name", required=False) or path.stem
    parent = _parent(record, path, shown, styles_folder, (*_seen, path.resolve()))
    values = _read_groups(record, required=parent is None)
    record.finish()
    problems.raise_if_any()
    style = _style(name, values, parent)
    _check_readable(style, record, data)
    if style.frame_width < MIN_TEXT_AREA[0] or style.frame_height < MIN_TEXT_AREA[1]:
        raise UserError.one(record.source("page") if "page" in data else record.source(),
                            f"the margins leave a text area of {style.frame_width:.0f} by {style.frame_height:.0f} pt "
                            f"on {style.paper} paper; expected at least {MIN_TEXT_AREA[0]:.0f} by "
                            f"{MIN_TEXT_AREA[1]:.0f} pt")
    return style


# (colour, the background it is read on, what it is): each pair needs 4.5:1, WCAG's AA for text
TEXT_ON = (("text_colour", "white", "text"), ("text_colour", "box_colour", "text in a box"),
           ("accent_colour", "white", "headings"), ("muted_colour", "white", "labels and notes"),
           ("muted_colour", "box_colour", "labels in a box"), ("link_colour", "white", "links"),
           ("answer_colour", "white", "answers"), ("banner_text_colour", "accent_colour", "the cover's banner"))
LEAST_CONTRAST = 4.5


def _check_readable(style: Style, record: Record, data: Mapping) -> None:
    """Every text colour readable on its background, and lines no closer than the type."""
    where = record.source("colours") if "colours" in data else record.source()
    for colour, background, what in TEXT_ON:
        foreground = getattr(style, colour)
        behind = "#ffffff" if background == "white" else getattr(style, background)
        ratio = contrast(foreground, behind)
        if ratio < LEAST_CONTRAST:
            raise UserError.one(where, f"{what} ({foreground} on {behind}): a contrast of {ratio:.1f}:1; "
                                f"expected at least {LEAST_CONTRAST}:1 (WCAG AA), so it can be read and copied")
    if style.body_leading < style.body_size:
        raise UserError.one(record.source("text") if "text" in data else record.source(),
                            f"a leading of {style.body_leading:g}pt under a size of {style.body_size:g}pt sets "
                            "lines on top of each other; expected a leading at least the size")


def _parent(record: Record, path: Path, shown: str, styles_folder: Path | None, seen: tuple[Path, ...]) -> Style | None:
    extends = record.text("extends", required=False)
    if extends is None:
        return None
    file_name = extends if extends.endswith((".yaml", ".yml")) else f"{extends}.yaml"
    # a style beside this file first, then one of the shipped styles
    folders = [path.parent, *([styles_folder] if styles_folder else [])]
    for folder in folders:
        candidate = inside(folder, file_name)  # a style beside this one or a shipped one, never elsewhere
        if candidate is None:
            raise UserError.one(record.value_source("extends"), f"'extends: {extends}' leads out of the style's "
                                "folder; expected the name of a style beside it or of a shipped style")
        if candidate.is_file() and candidate.resolve() != path.resolve():
            if candidate.resolve() in seen:
                raise UserError.one(record.source("extends"), f"'extends: {extends}' goes round in a circle; "
                                    "expected a style that does not extend this one")
            shown_parent = str(Path(shown).parent / file_name) if folder == path.parent else f"styles/{file_name}"
            return load_style(candidate, shown_parent, styles_folder, seen)
    known = sorted({p.stem for folder in folders for p in folder.glob("*.yaml")} - {path.stem})
    raise UserError.one(record.source("extends"), f"'extends: {extends}' names no style file; "
                        f"expected one of: {', '.join(known)}")


def _read_groups(record: Record, required: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for group in GROUPS:
        section = record.sub(group) if required or group in record.data else None
        if section is None:
            continue
        for (in_group, key), (attr, reader) in SCHEMA.items():
            if in_group == group:
                value = reader(section, key, required)
                if value is not None:
                    values[attr] = value
        section.finish()
    return values


def _style(name: str, values: dict[str, Any], parent: Style | None) -> Style:
    inherited = asdict(parent) if parent is not None else {}
    style = Style(**{**inherited, **values, "name": name})
    # a grayscale style prints every one of its colours as the gray of the same lightness
    painted: dict[str, Any] = {f.name: style.paint(getattr(style, f.name))
                               for f in fields(Style) if f.name.endswith("_colour")}
    return replace(style, **painted)
