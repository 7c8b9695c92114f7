"""The pieces a handout can be made of (`build --only`, listed by `nlmg-pdf list`): every
section, and the parts of sections that are set on their own, each question set and each Part's
reading check, found by what they hold. Writer-neutral: a piece is a section of the model."""
from __future__ import annotations

from dataclasses import dataclass, replace

from . import model as m


@dataclass(frozen=True)
class Piece:
    id: str
    section: m.Section  # the piece as a section of its own, titled as a handout names it
    kind: str  # what it is, for the list: "section", "question set", "reading check"


def pieces(guide: m.Guide) -> dict[str, Piece]:
    """Every piece of a prepared guide (one edition's, its questions numbered), by id: a section's
    id, a question set's `ID-questions`, a reading check's `ID-check`."""
    found: dict[str, Piece] = {}
    for section in guide.sections:
        found[section.id] = Piece(section.id, section, "section")
        for heading, blocks in _parts(section):
            if heading is None:
                continue  # (what no '##' heading heads is the section's own, a piece already)
            for block in blocks:
                if isinstance(block, m.QuestionList):
                    found[f"{block.set_id}-questions"] = _piece(f"{block.set_id}-questions", section, heading,
                                                                blocks, "question set")
                elif isinstance(block, m.Quiz) and block.check:
                    found[f"{block.check}-check"] = _piece(f"{block.check}-check", section, heading, blocks,
                                                           "reading check")
    return found


def _parts(section: m.Section) -> list[tuple[m.Heading | None, tuple[m.Block, ...]]]:
    """The section's blocks cut at its '##' headings: what comes before the first, then each part."""
    parts: list[tuple[m.Heading | None, list[m.Block]]] = [(None, [])]
    for block in section.blocks:
        if isinstance(block, m.Heading) and block.level == 2:
            parts.append((block, []))
        else:
            parts[-1][1].append(block)
    return [(heading, tuple(blocks)) for heading, blocks in parts if heading is not None or blocks]


def _piece(ident: str, section: m.Section, heading: m.Heading, blocks: tuple[m.Block, ...], kind: str) -> Piece:
    """A part of `section` under `heading` as a section of its own, titled with both."""
    title = f"{section.title}: {m.plain_text(heading.children)}"
    return Piece(ident, replace(section, id=ident, title=title, blocks=blocks, new_page=True,
                                contents_headings=False, new_page_headings=False), kind)


def handout(guide: m.Guide, ids: tuple[str, ...]) -> m.Guide:
    """The guide cut down to the pieces `ids`, in the order given, each starting a page; the
    numbers are the whole guide's, since the guide was numbered before."""
    found = pieces(guide)
    return replace(guide, sections=tuple(found[ident].section for ident in ids))
