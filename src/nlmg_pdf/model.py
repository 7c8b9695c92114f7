"""The guide as one typed document tree, independent of any file format or renderer.

Readers build it, transforms rewrite it, the renderer walks it.  Nodes are frozen
dataclasses so a transform returns a new tree instead of editing one in place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .editions import ALL_EDITIONS, Edition  # noqa: F401 (part of the model)


@dataclass(frozen=True)
class Source:
    """Where a node came from, so later stages can point an editor at it."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}" + (f":{self.column}" if self.column else "")
        return place


NOWHERE = Source("")  # the source of a block made by the tool rather than written by an editor


# --- inline content ---------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    """A link; `target` is a URL or, for a link inside the guide, `#anchor`."""

    target: str
    children: tuple[Inline, ...]

    @property
    def internal(self) -> bool:
        return self.target.startswith("#")


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class NoteRef:
    """A footnote marker; `number` is its place in the section's list of notes."""

    number: int
    anchor: str


Inline = Text | Emphasis | Strong | Code | Link | LineBreak | NoteRef


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The visible words of inline content, for anchors, bookmarks and the contents."""
    parts = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, (Emphasis, Strong, Link)):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return "".join(parts)


# --- blocks -------------------------------------------------------------------


ICONS = {  # theme icons: glyphs every shipped font has, distinct in shape, not only in colour
    "note": "\u266a", "diamond": "\u25c6", "square": "\u25a0", "triangle": "\u25b2",
    "down-triangle": "\u25bc", "left-triangle": "\u25c0", "open-triangle": "\u25b3", "tick": "\u2713",
}


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    colour: str
    icon: str  # a key of ICONS
    short: str = ""  # a name of a word or two, for a chart's labels; the name when not given

    @property
    def glyph(self) -> str:
        return ICONS[self.icon]

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class ChapterTheme:
    """A theme a chapter develops, and why: the event in that chapter that develops it."""

    theme: Theme
    why: tuple[Inline, ...]


@dataclass(frozen=True)
class ChapterThemes:
    """The themes one chapter develops (for a themes-by-chapter view)."""

    chapter: int
    themes: tuple[ChapterTheme, ...]
    source: Source


@dataclass(frozen=True)
class NovelPart:
    """One of the novel's Parts: its name and its chapters, first to last."""

    name: str
    first: int
    last: int


@dataclass(frozen=True)
class Heading:
    level: int  # 1 is a section title, 2 and 3 are headings inside it
    children: tuple[Inline, ...]
    anchor: str
    source: Source
    theme: Theme | None = None  # a theme's own heading carries its icon
    themes: tuple[Theme, ...] = ()  # a chapter's heading: the themes the chapter develops, shown by their icons


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class ListBlock:
    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1
    source: Source = NOWHERE


@dataclass(frozen=True)
class BlockQuote:
    children: tuple[Block, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class Rule:
    source: Source = NOWHERE


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    aligns: tuple[Align, ...]
    source: Source


@dataclass(frozen=True)
class Callout:
    """A boxed aside such as a note or a teaching note."""

    title: str
    children: tuple[Block, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class Only:
    """Content that belongs to some editions only; the edition filter unwraps or drops it."""

    editions: frozenset[Edition]
    children: tuple[Block, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class Quotation:
    id: str
    text: str
    speaker: str
    chapter: int
    themes: tuple[Theme, ...]
    comment: tuple[Inline, ...]
    source: Source


@dataclass(frozen=True)
class PullQuote:
    quotation: Quotation
    source: Source = NOWHERE


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    role: str
    profile: tuple[Inline, ...]
    arc: tuple[Inline, ...]  # how the character changes; empty for those who do not
    relationships: tuple[Inline, ...]
    traits: tuple[str, ...]
    quotation: Quotation | None
    source: Source


@dataclass(frozen=True)
class CharacterBox:
    character: Character
    source: Source = NOWHERE


@dataclass(frozen=True)
class Question:
    text: tuple[Inline, ...]
    answer: tuple[Inline, ...] | None  # teacher edition only
    number: int = 0  # assigned by the numbering transform
    source: Source = NOWHERE
    lines: int = 0  # ruled lines to write the answer on; the student edition keeps them


@dataclass(frozen=True)
class QuestionList:
    set_id: str
    questions: tuple[Question, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class KeyQuotations:
    """Every quotation in chapter order, each with its themes and a comment."""

    quotations: tuple[Quotation, ...]
    source: Source = NOWHERE


OPTION_LETTERS = "ABCDEF"  # multiple-choice options are lettered in this order


class QuizKind(StrEnum):
    CHOICE = "choice"
    TRUE_FALSE = "true-false"
    SHORT = "short"


@dataclass(frozen=True)
class QuizItem:
    number: int  # its place in the quiz, the same in every edition
    kind: QuizKind
    text: tuple[Inline, ...]
    options: tuple[tuple[Inline, ...], ...]  # multiple choice only, lettered A, B, C...
    answer: str | None  # a letter, "true"/"false" or a short text; teacher edition only
    chapter: int | None
    source: Source
    lines: int = 0  # ruled lines for a short answer; the student edition keeps them

    def answer_text(self) -> str:
        """The answer as a teacher reads it out: "B (Miss Emily)", "True", or the words."""
        if self.answer is None:
            return ""
        if self.kind is QuizKind.CHOICE:
            return f"{self.answer} ({plain_text(self.options[OPTION_LETTERS.index(self.answer)])})"
        return self.answer.capitalize() if self.kind is QuizKind.TRUE_FALSE else self.answer


@dataclass(frozen=True)
class Quiz:
    """The quiz on the whole novel, or a Part's reading check (`check` names the check): the
    same kinds of item, each numbered within its own set."""

    items: tuple[QuizItem, ...]
    source: Source = NOWHERE
    check: str = ""  # the reading check's id, such as 'part-one'; empty for the quiz

    @property
    def field_prefix(self) -> str:
        """What the names of its form fields start with: 'quiz' or 'check-part-one'."""
        return f"check-{self.check}" if self.check else "quiz"


@dataclass(frozen=True)
class AnswerKey:
    """The quiz's answers in a compact table (teacher edition)."""

    items: tuple[QuizItem, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class Reading:
    """One assignment of the reading schedule, e.g. Part One, chapters 1–4."""

    part: str
    chapters: str
    focus: str


@dataclass(frozen=True)
class ReadingSchedule:
    readings: tuple[Reading, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: tuple[Inline, ...]
    chapter: int | None


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class Figure:
    """An image from the content folder, with the description read out in its place."""

    data: bytes
    alt: str
    caption: tuple[Inline, ...]
    source: Source = NOWHERE


# --- drawings: each is drawn as a picture and set out again in words beside it -------------


@dataclass(frozen=True)
class ThemeTracker:
    """Which themes each chapter develops: a chapters x themes grid of the themes' icons."""

    themes: tuple[Theme, ...]
    chapters: tuple[ChapterThemes, ...]
    parts: tuple[NovelPart, ...]
    source: Source = NOWHERE


@dataclass(frozen=True)
class Era:
    """A stretch of the narrator's life, by her age: at Hailsham, at the Cottages, a carer."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """A key event, placed twice: when it happens (the narrator's age) and where it is told."""

    number: int  # its place in the timeline's list, which marks it on the drawing
    text: str
    age: int
    when: str  # the age as the list gives it: "13", "about 13", "late twenties"
    chapter: int


@dataclass(frozen=True)
class Timeline:
    """The story's time against the telling's: events by age, and by chapter."""

    events: tuple[Event, ...]
    eras: tuple[Era, ...]
    parts: tuple[NovelPart, ...]
    chapters: int  # the novel's
    present: str  # when the telling happens, as the list gives it ("late 1990s")
    age_label: str  # what the story's line measures, such as "Kathy's age"
    source: Source = NOWHERE


@dataclass(frozen=True)
class MapPlace:
    """Where a character stands on the relationship map: a cell of its grid, from 1."""

    character: Character
    column: int
    row: int


@dataclass(frozen=True)
class Relationship:
    """A labelled connection between two characters on the map (by id)."""

    between: tuple[str, str]
    label: str


@dataclass(frozen=True)
class RelationshipMap:
    places: tuple[MapPlace, ...]
    links: tuple[Relationship, ...]
    source: Source = NOWHERE

    @property
    def columns(self) -> int:
        return max((place.column for place in self.places), default=0)

    @property
    def rows(self) -> int:
        return max((place.row for place in self.places), default=0)


Drawing = ThemeTracker | Timeline | RelationshipMap


@dataclass(frozen=True)
class Note:
    """One footnote, printed with the section's notes."""

    number: int
    anchor: str
    children: tuple[Block, ...]


@dataclass(frozen=True)
class NoteList:
    notes: tuple[Note, ...]
    source: Source = NOWHERE


Block = (Heading | Paragraph | ListBlock | BlockQuote | Rule | Table | Callout | Only
         | PullQuote | CharacterBox | QuestionList | KeyQuotations | Quiz | AnswerKey | Glossary | ReadingSchedule
         | Figure | NoteList | ThemeTracker | Timeline | RelationshipMap)


def child_groups(block: Block) -> tuple[tuple[Block, ...], ...]:
    """The runs of blocks a block holds, in reading order: each item of a list, the
    children of a quotation, a box or an edition block, each note of a list of notes.
    (The one place that knows which blocks hold blocks.)"""
    if isinstance(block, ListBlock):
        return block.items
    if isinstance(block, BlockQuote | Callout | Only):
        return (block.children,)
    if isinstance(block, NoteList):
        return tuple(note.children for note in block.notes)
    return ()


def with_child_groups(block: Block, groups: tuple[tuple[Block, ...], ...]) -> Block:
    """`block` holding `groups` instead of what `child_groups` gave."""
    if isinstance(block, ListBlock):
        return replace(block, items=groups)
    if isinstance(block, BlockQuote | Callout | Only):
        return replace(block, children=groups[0])
    if isinstance(block, NoteList):
        return replace(block, notes=tuple(replace(note, children=children)
                                          for note, children in zip(block.notes, groups, strict=True)))
    return block


# --- the document -------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]
    editions: frozenset[Edition]
    source: Source
    new_page: bool = True  # False lets a short section run on after the one before
    contents_headings: bool = False  # list its '##' headings in the contents too
    new_page_headings: bool = False  # each '##' heading after the first starts a page, so each part copies alone


@dataclass(frozen=True)
class Metadata:
    title: str
    subtitle: str
    novel_title: str
    novel_author: str
    novel_published: int
    novel_chapters: int
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    date: date
    paper: str | None = None  # the manifest's choice, between the style's and --paper
    licence: str = ""  # who may copy the guide, printed on the imprint page; empty for no line
    report: str = ""  # where to report a mistake: words, a web address or an email address

    @property
    def file_stem(self) -> str:
        """The name a built PDF starts with: the novel's title in lower case, words joined by hyphens."""
        return re.sub(r"[^a-z0-9]+", "-", self.novel_title.lower()).strip("-") or "guide"


@dataclass(frozen=True)
class Guide:
    metadata: Metadata
    sections: tuple[Section, ...]
    edition: Edition | None = None  # set once the edition filter has run
    cover_fields: tuple[str, ...] = ()  # labelled lines on the cover to fill in, such as "Name"
    fillable: bool = False  # whether its write-in lines and answer circles are form fields as well
    duplex: bool = False  # for double-sided printing: whatever starts a page starts a right-hand (odd) one
    only: tuple[str, ...] = ()  # a handout's pieces (see pieces.py): no cover or contents, a header instead

    @property
    def handout(self) -> bool:
        return bool(self.only)
    characters: dict[str, Character] = field(default_factory=dict, compare=False)
    quotations: dict[str, Quotation] = field(default_factory=dict, compare=False)
    chapter_themes: tuple[ChapterThemes, ...] = field(default=(), compare=False)  # by chapter, in order
