"""What any writer asks of a guide, whatever it writes: the contents' entries, the places a
link may lead to (in words, for a reader who cannot see them), the name of each kind of
block (for messages), the fixed words the guide prints around its content, and its date in words."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from . import model as m


def walk(guide: m.Guide) -> Iterator[m.Block]:
    """Every block of the guide, containers before what they hold, in reading order."""
    for section in guide.sections:
        yield from walk_blocks(section.blocks)


def walk_blocks(blocks: Iterable[m.Block]) -> Iterator[m.Block]:
    """Every block of `blocks` and of what they hold, containers first, in reading order."""
    for block in blocks:
        yield block
        for group in m.child_groups(block):
            yield from walk_blocks(group)


def names_rows(column: list[str]) -> bool:
    """Whether a table's first column (header included) names each row: every cell filled and
    no two alike, as in a table of terms or of a book's facts ("Setting", "Narrator")."""
    cells = [cell.strip().casefold() for cell in column[1:]]
    return len(cells) > 1 and all(cells) and len(set(cells)) == len(cells)


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the contents: a section (level 0), or one of its '##' (level 1) or '###'
    (level 2) headings."""

    level: int
    title: str
    anchor: str
    source: m.Source


def contents_entries(guide: m.Guide) -> list[ContentsEntry]:
    """The contents of `guide` in order: every section, and the '##' and '###' headings of a
    section that asks for them (its study questions by Part, its lessons)."""
    out = []
    for section in guide.sections:
        out.append(ContentsEntry(0, section.title, section.id, section.source))
        if section.contents_headings:
            out += [ContentsEntry(block.level - 1, m.plain_text(block.children), block.anchor, block.source)
                    for block in section.blocks if isinstance(block, m.Heading) and block.level in (2, 3)]
    return out


def link_targets(guide: m.Guide) -> dict[str, str]:
    """Every place in the guide a link may lead to (sections, headings and notes), with the
    words that describe it to someone who cannot see where the link points."""
    found = {section.id: section.title for section in guide.sections}
    for block in walk(guide):
        if isinstance(block, m.Heading):
            found[block.anchor] = m.plain_text(block.children)
        elif isinstance(block, m.NoteList):
            found.update((note.anchor, f"note {note.number}") for note in block.notes)
    return found


BLOCK_NAMES: dict[type, str] = {
    m.Heading: "heading", m.Paragraph: "paragraph", m.ListBlock: "list", m.BlockQuote: "quotation",
    m.Rule: "rule", m.Table: "table", m.Callout: "box", m.Only: "edition block", m.PullQuote: "pull-quote",
    m.CharacterBox: "character box", m.QuestionList: "set of questions", m.Quiz: "quiz",
    m.AnswerKey: "answer key", m.Glossary: "glossary", m.KeyQuotations: "list of quotations",
    m.ReadingSchedule: "reading schedule", m.Figure: "image", m.NoteList: "notes",
    m.ThemeTracker: "theme tracker", m.Timeline: "timeline", m.RelationshipMap: "relationship map",
}


def block_name(block: m.Block) -> str:
    """What an editor calls this kind of block, for messages about it."""
    return BLOCK_NAMES[type(block)]


@dataclass(frozen=True)
class Labels:
    """The words the guide prints around its content, in one place for every writer."""

    contents: str = "Contents"
    answer_guidance: str = "Answer guidance."
    answer: str = "Answer:"
    arc: str = "Arc"
    relationships: str = "Relationships"
    traits: str = "Traits"
    themes: str = "Themes"
    chapter: str = "chapter"
    continued: str = "continued"
    true: str = "True"
    false: str = "False"
    schedule_columns: tuple[str, ...] = ("Reading", "Chapters", "Focus", "Due", "Done")


LABELS = Labels()


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def written_date(day: date, language: str) -> str:
    """A date as the guide's language writes it: 21 November 2026, or November 21, 2026."""
    month = MONTHS[day.month - 1]
    return f"{month} {day.day}, {day.year}" if language == "en-US" else f"{day.day} {month} {day.year}"
