"""Everything a build reads, found and checked before anything is laid out.

Every mistake in the content and the style is collected and reported together, each at
its place as the user would open it (`content/sections/plot.md:12:1`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import Problem, UserError
from .locations import bundled
from .model import Glossary, Guide, QuestionList, Quiz, RelationshipMap, Source, Timeline
from .reading.guide import load_guide
from .reading.style import load_style
from .stylesheet import PAPER_SIZES, Style
from .transforms import walk

LATEST_EPOCH = 253402300799  # the last second of the year 9999, the last a PDF date can hold


@dataclass(frozen=True)
class Checked:
    """What `nlmg-pdf check` found: the guide's contents, counted, and the styles read."""

    content: str
    counts: dict[str, int]
    styles: tuple[str, ...]
    guide: Guide = field(repr=False, compare=False)  # as read, to lay out without reading it again
    style: Style = field(repr=False, compare=False)  # the one a build would use: `extra_style`, else default

    def summary(self) -> str:
        counted = ", ".join(counted_as(number, what) for what, number in self.counts.items())
        return f"{self.content}: no problems ({counted}); styles: {', '.join(self.styles)}"


def counted_as(number: int, what: str) -> str:
    """'1 section', '2 sections', '1 quiz item': `what` is the singular."""
    return f"{number} {what}" if number == 1 else f"{number} {what}s"


def shown(path: Path) -> str:
    """A path as the user can open it: relative to where they are, unless it is elsewhere."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def find_style(name_or_path: str) -> Path:
    """A style by name (`default`) from styles/, or a path to a style file of one's own."""
    if name_or_path.endswith((".yaml", ".yml")) or os.sep in name_or_path:
        return Path(name_or_path)
    path = bundled("styles") / f"{name_or_path}.yaml"
    if not path.is_file():
        names = sorted(p.stem for p in bundled("styles").glob("*.yaml"))
        raise UserError.one(Source("--style"), f"unknown style '{name_or_path}'; expected one of: "
                            f"{', '.join(names)}, or a path to a .yaml file")
    return path


def content_shown(content: Path | None) -> str:
    """The content folder as problems name it."""
    return shown(content or bundled("content"))


def load(content: Path | None = None, style_name: str = "default", paper: str | None = None) -> tuple[Guide, Style]:
    """Read and check the content and the style; all their mistakes come in one UserError."""
    if paper is not None and paper not in PAPER_SIZES:
        raise UserError.one(Source("--paper"), f"unknown paper '{paper}'; expected one of: {', '.join(PAPER_SIZES)}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not (re.fullmatch(r"[0-9]{1,12}", epoch) and int(epoch) <= LATEST_EPOCH):
        raise UserError.one(Source("SOURCE_DATE_EPOCH"), f"'{epoch[:40]}' is not a time; expected whole seconds "
                            "since 1970 in the digits 0-9, such as 1700000000, before the year 10000")
    root = _content_root(content)
    problems: list[Problem] = []
    guide = _collect(problems, lambda: load_guide(root), shown(root))
    style = _collect(problems, lambda: _read_style(find_style(style_name)))
    if problems:
        raise UserError(problems)
    # --paper first, then the manifest's paper, then the style's own
    return guide, replace(style, paper=paper or guide.metadata.paper or style.paper)


def check(content: Path | None = None, extra_style: str | None = None) -> Checked:
    """Check the content and every style (the shipped ones and `extra_style`) at once."""
    root = _content_root(content)
    problems: list[Problem] = []
    guide = _collect(problems, lambda: load_guide(root), shown(root))
    shipped = sorted(bundled("styles").glob("*.yaml"))
    styles = [_collect(problems, lambda path=path: _read_style(path)) for path in shipped]
    if extra_style:
        styles.append(_collect(problems, lambda: _read_style(find_style(extra_style))))
    if problems:
        raise UserError(problems)
    chosen = styles[-1] if extra_style else styles[[path.stem for path in shipped].index("default")]
    return Checked(shown(root), count(guide), tuple(dict.fromkeys(style.name for style in styles)), guide,
                   replace(chosen, paper=guide.metadata.paper or chosen.paper))


def _content_root(content: Path | None) -> Path:
    root = content or bundled("content")
    if not root.is_dir():
        raise UserError.one(Source(shown(root)), "content directory not found; expected a folder holding guide.yaml")
    return root


def _read_style(path: Path) -> Style:
    return load_style(path, shown(path), styles_folder=bundled("styles"))


def _collect(problems: list[Problem], read, under: str | None = None):
    """Run one reader, keeping its problems (placed under `under`) to report with the rest."""
    try:
        return read()
    except UserError as error:
        problems.extend(placed(error.problems, under))
        return None


def placed(problems: list[Problem], under: str | None) -> list[Problem]:
    """Problems whose paths are relative to the content folder, shown from where the user is."""
    if not under:
        return list(problems)
    return [replace(p, source=replace(p.source, path=os.path.join(under, p.source.path)))
            if not os.path.isabs(p.source.path) else p for p in problems]


def count(guide: Guide) -> dict[str, int]:
    """What the guide holds, for the check's summary line."""
    blocks = list(walk(guide))
    return {"section": len(guide.sections), "character": len(guide.characters),
            "quotation": len(guide.quotations),
            "question": sum(len(b.questions) for b in blocks if isinstance(b, QuestionList)),
            "quiz item": sum(len(b.items) for b in blocks if isinstance(b, Quiz) and not b.check),
            "reading check item": sum(len(b.items) for b in blocks if isinstance(b, Quiz) and b.check),
            "glossary term": sum(len(b.terms) for b in blocks if isinstance(b, Glossary)),
            "themed chapter": len(guide.chapter_themes),
            "timeline event": sum(len(b.events) for b in blocks if isinstance(b, Timeline)),
            "mapped relationship": sum(len(b.links) for b in blocks if isinstance(b, RelationshipMap))}
