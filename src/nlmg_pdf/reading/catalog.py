"""The guide's YAML data (quotations, characters, questions) -> model objects, by id."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import model as m
from ..errors import Problems, UserError, did_you_mean
from ..stylesheet import contrast
from .drawing_data import read_parts, read_relationships, read_timeline
from .files import confined
from .inline import InlineReader
from .yamlfile import Record, load_mapping

LEAST_ICON_CONTRAST = 3.0  # a theme's colour against the page: WCAG 1.4.11 for graphics
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*$")
MOST_CHAPTERS = 500  # a novel's chapters when the manifest does not say how many
WHAT = {"quotations": "quotation", "characters": "character", "questions": "question set",
        "quiz": "quiz", "glossary": "glossary", "schedule": "reading schedule", "themes": "theme",
        "chapters": "themes by chapter", "checks": "reading check", "timeline": "timeline",
        "relationships": "relationship map"}
QUESTION_LINES = 4  # write-in lines under a study question, at the least, unless its set or itself says otherwise
WORDS_PER_LINE = 10  # handwritten words on a write-in line
SHORT_ANSWER_LINES = 2  # under a short-answer quiz item
MAX_LINES = 30


@dataclass
class Catalog:
    themes: dict[str, m.Theme] = field(default_factory=dict)
    quotations: dict[str, m.Quotation] = field(default_factory=dict)
    characters: dict[str, m.Character] = field(default_factory=dict)
    question_sets: dict[str, tuple[m.Question, ...]] = field(default_factory=dict)
    quiz: tuple[m.QuizItem, ...] = ()
    checks: dict[str, tuple[m.QuizItem, ...]] = field(default_factory=dict)  # a reading check for each Part
    glossary: tuple[m.GlossaryTerm, ...] = ()
    schedule: tuple[m.Reading, ...] = ()
    chapter_themes: tuple[m.ChapterThemes, ...] = ()
    parts: tuple[m.NovelPart, ...] = ()  # the novel's Parts, from the themes-by-chapter file
    timeline: m.Timeline | None = None
    relationship_map: m.RelationshipMap | None = None
    files: dict[str, str] = field(default_factory=dict)  # kind of data -> file shown to users
    links: list[tuple[str, m.Source]] = field(default_factory=list)

    @cached_property
    def themes_by_chapter(self) -> dict[int, m.ChapterThemes]:
        """The chapters' themes by chapter number (read once all the data is)."""
        return {entry.chapter: entry for entry in self.chapter_themes}

    def origin(self, what: str) -> str:
        return self.files.get(what, "the data files")

    def unknown(self, what: str, ident: str, table, context: str = "") -> str:
        """The message for an id that names nothing: a near miss, or where ids come from."""
        hint = did_you_mean(ident, table) or f"; expected an id from {self.origin(what)}"
        return f"unknown {what} '{ident}'{context}{hint}"


class CatalogReader:
    def __init__(self, root: Path, problems: Problems, chapters: int = MOST_CHAPTERS):
        self.root, self.problems = root, problems
        self.chapters = chapters  # the novel's, so a chapter number past its end is a mistake
        self.catalog = Catalog()

    def read(self, files: dict[str, str], places: dict[str, m.Source] | None = None) -> Catalog:
        """`files` maps 'quotations', 'characters', 'questions' to paths inside the content;
        `places`, each to where the manifest names it (for a file that cannot be read)."""
        readers = {"themes": self._themes, "quotations": self._quotations, "characters": self._characters,
                   "questions": self._questions, "quiz": self._quiz, "glossary": self._glossary,
                   "schedule": self._schedule, "chapters": self._chapters, "checks": self._checks,
                   "timeline": self._timeline, "relationships": self._relationships}
        for kind, reader in readers.items():  # themes, then quotations: later kinds refer to earlier
            if kind in files:
                shown = files[kind]
                self.catalog.files[WHAT[kind]] = shown
                where = (places or {}).get(kind)
                try:
                    data = load_mapping(confined(self.root, shown, where or m.Source(shown)), shown, where)
                except UserError as error:  # unreadable; report it and check the rest
                    self.problems.extend(error.problems)
                    continue
                reader(Record(data, shown, self.problems))
        return self.catalog

    def _entries(self, record: Record, key: str, table: dict) -> list[tuple[str, Record]]:
        """The list under `key`, each entry with a valid id not used before."""
        out, seen = [], set(table)
        for entry in record.records(key):
            ident = entry.text("id")
            if ident is None:
                continue
            if not ID.match(ident):
                self.problems.add(entry.value_source("id"), f"id '{ident}': expected lowercase letters, "
                                  "digits and single hyphens, like 'miss-lucy'")
            elif ident in seen:
                self.problems.add(entry.value_source("id"), f"duplicate id '{ident}'; ids must be unique")
            else:
                seen.add(ident)
                out.append((ident, entry))
        record.finish()
        return out

    def _inline(self, record: Record, key: str, required: bool = True) -> tuple[m.Inline, ...] | None:
        text = record.text(key, required)
        if text is None:
            return None
        reader = InlineReader(record.path, self.problems)
        inlines = reader.parse(text, record.value_source(key))
        self.catalog.links.extend(reader.links)
        return inlines

    def _quotations(self, record: Record) -> None:
        table = self.catalog.quotations
        for ident, entry in self._entries(record, "quotations", table):
            quotation = m.Quotation(
                id=ident, text=m.plain_text(self._inline(entry, "text") or ()), speaker=entry.printed("speaker") or "",
                chapter=entry.integer("chapter", 1, self.chapters) or 0,
                themes=self._theme_refs(entry),
                comment=self._inline(entry, "comment", required=False) or (),
                source=entry.source())
            entry.finish()
            table[ident] = quotation

    def _themes(self, record: Record) -> None:
        table = self.catalog.themes
        for ident, entry in self._entries(record, "themes", table):
            colour = entry.colour("colour")
            if colour and (ratio := contrast(colour, "#ffffff")) < LEAST_ICON_CONTRAST:
                self.problems.add(entry.value_source("colour"), f"field 'colour': {colour} has a contrast of "
                                  f"{ratio:.1f}:1 with the white page; expected at least {LEAST_ICON_CONTRAST:g}:1 "
                                  "(WCAG's rule for marks such as the theme's icon)")
            table[ident] = m.Theme(id=ident, name=entry.printed("name") or "", colour=colour or "#000000",
                                   icon=entry.choice("icon", list(m.ICONS)) or "square",
                                   short=entry.printed("short", required=False) or "")
            entry.finish()

    def _theme_refs(self, entry: Record) -> tuple[m.Theme, ...]:
        found = []
        for ident in entry.texts("themes", required=False):
            if ident in self.catalog.themes:
                found.append(self.catalog.themes[ident])
            else:
                self.problems.add(entry.source("themes"), self.catalog.unknown("theme", ident, self.catalog.themes))
        return tuple(found)

    def _characters(self, record: Record) -> None:
        table = self.catalog.characters
        for ident, entry in self._entries(record, "characters", table):
            character = m.Character(
                id=ident, name=entry.printed("name") or "", role=entry.printed("role") or "",
                profile=self._inline(entry, "profile") or (), arc=self._inline(entry, "arc", required=False) or (),
                relationships=self._inline(entry, "relationships", required=False) or (),
                traits=entry.printed_texts("traits", required=False),
                quotation=self._quotation_ref(entry), source=entry.source())
            entry.finish()
            table[ident] = character

    def _quotation_ref(self, entry: Record) -> m.Quotation | None:
        ident = entry.text("quotation", required=False)
        if ident is None:
            return None
        if ident not in self.catalog.quotations:
            message = self.catalog.unknown("quotation", ident, self.catalog.quotations)
            self.problems.add(entry.source("quotation"), message)
        return self.catalog.quotations.get(ident)

    def _questions(self, record: Record) -> None:
        table = self.catalog.question_sets
        for ident, entry in self._entries(record, "sets", table):
            questions = []
            set_lines = entry.integer("lines", 0, MAX_LINES, required=False)
            for item in entry.records("questions"):
                answer = self._inline(item, "answer", required=False)
                default = set_lines if set_lines is not None else _room_for(answer)
                questions.append(m.Question(
                    text=self._inline(item, "text") or (), answer=answer,
                    source=item.source(), lines=_lines(item, default)))
                item.finish()
            entry.finish()
            table[ident] = tuple(questions)

    def _quiz(self, record: Record) -> None:
        self.catalog.quiz = self._quiz_items(record)
        record.finish()

    def _checks(self, record: Record) -> None:
        """Reading checks: quiz items in sets, each set numbered from 1."""
        table = self.catalog.checks
        for ident, entry in self._entries(record, "checks", table):
            table[ident] = self._quiz_items(entry)
            entry.finish()

    def _quiz_items(self, record: Record) -> tuple[m.QuizItem, ...]:
        items = []
        for number, entry in enumerate(record.records("items"), start=1):
            kind = entry.choice("kind", [k.value for k in m.QuizKind])
            options = tuple(self._inline_each(entry, "options")) if kind == m.QuizKind.CHOICE else ()
            if kind and kind != m.QuizKind.CHOICE and "options" in entry.data:
                self.problems.add(entry.source("options"), f"a {kind} item has no options; "
                                  "expected options only with 'kind: choice'")
            items.append(m.QuizItem(
                number=number, kind=m.QuizKind(kind or "short"), text=self._inline(entry, "text") or (),
                options=options, answer=self._quiz_answer(entry, kind, len(options)),
                chapter=entry.integer("chapter", 1, self.chapters, required=False), source=entry.source(),
                lines=_lines(entry, SHORT_ANSWER_LINES if kind == m.QuizKind.SHORT else 0)))
            entry.finish()
        return tuple(items)

    def _inline_each(self, entry: Record, key: str) -> list[tuple[m.Inline, ...]]:
        texts = entry.texts(key)
        if texts and not 2 <= len(texts) <= len(m.OPTION_LETTERS):
            self.problems.add(entry.source(key), f"{len(texts)} options; expected 2 to {len(m.OPTION_LETTERS)}")
        reader = InlineReader(entry.path, self.problems)
        return [reader.parse(text, entry.value_source(key)) for text in texts]

    def _quiz_answer(self, entry: Record, kind: str | None, option_count: int) -> str | None:
        if kind == m.QuizKind.TRUE_FALSE:
            value = entry.flag("answer")
            return None if value is None else str(value).lower()
        if kind == m.QuizKind.CHOICE:
            letters = m.OPTION_LETTERS[:option_count]
            return entry.value("answer", f"the letter of the right option ({', '.join(letters)})",
                               lambda v: isinstance(v, str) and len(v) == 1 and v in letters)
        return entry.printed("answer")  # a short answer, printed in the answer key

    def _glossary(self, record: Record) -> None:
        terms = []
        for entry in record.records("terms"):
            terms.append(m.GlossaryTerm(
                term=entry.printed("term") or "", definition=self._inline(entry, "definition") or (),
                chapter=entry.integer("chapter", 1, self.chapters, required=False)))
            entry.finish()
        record.finish()
        self.catalog.glossary = tuple(terms)

    def _schedule(self, record: Record) -> None:
        readings = []
        for entry in record.records("readings"):
            readings.append(m.Reading(part=entry.printed("part") or "", chapters=entry.printed("chapters") or "",
                                      focus=entry.printed("focus", required=False) or ""))
            entry.finish()
        record.finish()
        self.catalog.schedule = tuple(readings)

    def _chapters(self, record: Record) -> None:
        """Which themes each chapter develops, and why: every chapter once, in order."""
        found: dict[int, m.ChapterThemes] = {}
        for entry in record.records("chapters"):
            number = entry.integer("chapter", 1, self.chapters)
            if number in found:
                self.problems.add(entry.source("chapter"), f"chapter {number} is here twice; expected each "
                                  "chapter once")
            themes = self._chapter_themes(entry, number)
            if number is not None and number not in found:
                found[number] = m.ChapterThemes(number, themes, entry.source())
            entry.finish()
        self.catalog.parts = read_parts(record, self.chapters, self.chapters != MOST_CHAPTERS)
        record.finish()
        missing = [number for number in range(1, self.chapters + 1) if number not in found]
        if found and missing and self.chapters != MOST_CHAPTERS:
            self.problems.add(record.source("chapters"), f"no entry for chapter{'s' if len(missing) > 1 else ''} "
                              f"{_ranges(missing)}; expected every chapter of the novel, 1–{self.chapters}")
        self.catalog.chapter_themes = tuple(found[number] for number in sorted(found))

    def _timeline(self, record: Record) -> None:
        self.catalog.timeline = read_timeline(record, self.chapters, self.catalog.parts)

    def _relationships(self, record: Record) -> None:
        self.catalog.relationship_map = read_relationships(record, self.catalog)

    def _chapter_themes(self, entry: Record, number: int | None) -> tuple[m.ChapterTheme, ...]:
        """One chapter's themes, each a known theme named once, with why."""
        themes: dict[str, m.ChapterTheme] = {}
        for item in entry.records("themes"):
            ident, why = item.text("theme"), self._inline(item, "why") or ()
            if ident is not None and ident not in self.catalog.themes:
                self.problems.add(item.value_source("theme"), self.catalog.unknown("theme", ident, self.catalog.themes))
            elif ident in themes:
                self.problems.add(item.value_source("theme"), f"theme '{ident}' is named twice for chapter "
                                  f"{number}; expected each theme once a chapter")
            elif ident is not None:
                themes[ident] = m.ChapterTheme(self.catalog.themes[ident], why)
            item.finish()
        return tuple(themes.values())


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 -> '1–3, 7'."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def _room_for(answer: tuple[m.Inline, ...] | None) -> int:
    """Write-in lines for an answer as long as the model answer, and never fewer than usual."""
    if not answer:
        return QUESTION_LINES
    return min(MAX_LINES, max(QUESTION_LINES, math.ceil(len(m.plain_text(answer).split()) / WORDS_PER_LINE)))


def _lines(entry: Record, default: int) -> int:
    """How many write-in lines an entry asks for ('lines:'), or the default for its kind."""
    value = entry.integer("lines", 0, MAX_LINES, required=False)
    return default if value is None else value
