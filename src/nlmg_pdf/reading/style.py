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
from ..stylesheet import PAPER_SIZES, Style
from .files import inside
from .yamlfile import Record, load_mapping

UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
LENGTH = re.compile(r"(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)$")
POSITIVE = {"size", "leading", "small-size", "title-size", "section-size", "heading-size", "subheading-size",
            "pull-quote-size", "write-in-spacing", "write-in-weight"}
MIN_TEXT_AREA = (144.0, 216.0)  # points: a text column at least 2 in wide and 3 in tall
COLOUR_MODES = ("colour", "grayscale")


def _length(record: Record, key: str, required: bool) -> float | None:
    """A length in points; zero is allowed for spaces, never for sizes (see POSITIVE)."""
    least = 0.01 if key in POSITIVE else 0.0
    value = record.value(key, "a length such as 10pt, 0.75in or 20mm" + (" above zero" if least else ""),
                         lambda v: (points := _points(v)) is not None and points >= least, required)
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
    return record.value(key, "true or false", lambda v: isinstance(v, bool), required)


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
    if style.frame_width < MIN_TEXT_AREA[0] or style.frame_height < MIN_TEXT_AREA[1]:
        raise UserError.one(record.source("page") if "page" in data else record.source(),
                            f"the margins leave a text area of {style.frame_width:.0f} by {style.frame_height:.0f} pt "
                            f"on {style.paper} paper; expected at least {MIN_TEXT_AREA[0]:.0f} by "
                            f"{MIN_TEXT_AREA[1]:.0f} pt")
    return style


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
