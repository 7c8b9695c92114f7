"""Markdown sections -> model blocks.

markdown-it-py parses (CommonMark with tables, footnotes and `:::` containers, raw HTML
off so tags stay text); this module walks its syntax tree and dispatches on node type.
A node type with no handler is an error, never silently dropped.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from .. import model as m
from ..errors import Problems, did_you_mean
from .catalog import Catalog
from .images import ImageReader
from .inline import InlineReader, describe
from .parser import block_tokens

NOTE_PARTS = {"bullet_list": "a list", "ordered_list": "a list", "blockquote": "a quotation",
              "table": "a table", "heading": "a heading", "hr": "a rule", "container_box": "a box"}
NOTE = re.compile(r"\[\^([^\]\s]+)\]:")  # a footnote's note, at the start of a line
MARKER = re.compile(r"\[\^([^\]\s]+)\]")
MAX_NESTING = 5  # levels of lists and quotations, one in another: each indents the text further
MAX_PARAGRAPH = 20_000  # characters in one paragraph
CHAPTER_HEADING = re.compile(r"Chapter (\d+)\b")  # how a chapter summary's heading begins

CONTAINERS = {
    "teacher": (None, frozenset({m.Edition.TEACHER})),
    "student": (None, frozenset({m.Edition.STUDENT})),
    "note": ("Note", m.ALL_EDITIONS),
    "why": ("Why it matters", m.ALL_EDITIONS),
    "teacher-note": ("Teaching note", frozenset({m.Edition.TEACHER})),
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "heading"


class MarkdownReader:
    """Converts one Markdown body; `first_line` is the body's line number in its file."""

    def __init__(self, path: str, first_line: int, section_id: str, catalog: Catalog,
                 problems: Problems, anchors: set[str], images: ImageReader, chapter_headings: bool = False):
        self.path, self.first_line, self.section_id = path, first_line, section_id
        self.chapter_headings = chapter_headings  # its '##' headings are the novel's chapters
        self.catalog, self.problems, self.anchors, self.images = catalog, problems, anchors, images
        self.inline = InlineReader(path, problems, anchor_prefix=section_id, first_line=first_line)
        self._deepest_heading = 1  # the section title; a '###' needs a '##' above it
        self._depth = 0  # how deep in lists and quotations the block being read is
        self._block_handlers: dict[str, Callable[[SyntaxTreeNode], list[m.Block]]] = {
            "paragraph": self._paragraph, "heading": self._heading,
            "bullet_list": self._list, "ordered_list": self._list,
            "blockquote": self._blockquote, "hr": lambda node: [m.Rule()],
            "table": self._table, "container_box": self._container,
            "directive": self._directive, "footnote_block": self._footnotes,
        }

    def read(self, text: str) -> tuple[m.Block, ...]:
        """The body's blocks; internal links are left in `self.inline.links` to check later."""
        self.inline.lines = text.splitlines()
        self._check_notes(self.inline.lines)
        return tuple(self._blocks(SyntaxTreeNode(block_tokens(text)).children))

    def _check_notes(self, lines: list[str]) -> None:
        """Every footnote marker has its note and every note its marker (the parser would print
        a marker without a note as typed, and drop a note nobody refers to)."""
        notes = {found[1]: number for number, line in enumerate(lines) if (found := NOTE.match(line))}
        markers: dict[str, tuple[int, int]] = {}
        for number, line in enumerate(lines):
            for found in MARKER.finditer(line):
                if not (NOTE.match(line) and found.start() == 0):
                    markers.setdefault(found[1], (number, found.start()))
        for label, (number, column) in markers.items():
            if label not in notes:
                self.problems.add(m.Source(self.path, self.first_line + number, column + 1),
                                  f"the footnote marker '[^{label}]' has no note; expected a line "
                                  f"'[^{label}]: the note' in this section")
        for label, number in notes.items():
            if label not in markers:
                self.problems.add(m.Source(self.path, self.first_line + number, 1),
                                  f"the note '[^{label}]' is not referred to; expected a marker '[^{label}]' "
                                  "in the text, or no note")

    # --- blocks -----------------------------------------------------------

    def _at(self, node: SyntaxTreeNode) -> m.Source:
        """Where a block starts; the inline reader moves there too, to place what it reports."""
        if node.map:
            text = self.inline.lines[node.map[0]] if node.map[0] < len(self.inline.lines) else ""
            self.inline.line = self.first_line + node.map[0]
            self.inline.column = len(text) - len(text.lstrip()) + 1
        return m.Source(self.path, self.inline.line, self.inline.column)

    def _blocks(self, nodes) -> list[m.Block]:
        out: list[m.Block] = []
        for node in nodes:
            source = self._at(node)
            handler = self._block_handlers.get(node.type)
            if handler is None:
                self.problems.add(source, f"{describe(node.type)} is not supported here; "
                                  "expected paragraphs, headings, lists, quotes, tables or directives")
                continue
            # each block remembers where it was written, so layout problems can point there
            out.extend(replace(block, source=source) if getattr(block, "source", None) == m.NOWHERE else block
                       for block in handler(node))
        return out

    def _paragraph(self, node: SyntaxTreeNode) -> list[m.Block]:
        shown = [child for child in node.children[0].children if child.type != "text" or child.content.strip()]
        if len(shown) == 1 and shown[0].type == "image":  # an image alone in its paragraph is a figure
            figure = self.images.read(shown[0], self._at(node))
            return [figure] if figure else []
        paragraph = m.Paragraph(self.inline.convert(node.children[0].children))
        if len(m.plain_text(paragraph.children)) > MAX_PARAGRAPH:
            # (reportlab breaks the rest of a paragraph into lines again at every page it
            # crosses, so the time grows with the square of its length)
            self.problems.add(self._at(node), f"a paragraph of {len(m.plain_text(paragraph.children)):,} "
                              f"characters; expected at most {MAX_PARAGRAPH:,} (about five pages): split it")
            return []
        return [paragraph]

    def _heading(self, node: SyntaxTreeNode) -> list[m.Block]:
        level = int(node.tag[1])
        source = self._at(node)
        if level not in (2, 3):
            self.problems.add(source, f"heading level {level} ('{node.markup}'); expected '##' or '###' "
                              "(the section title comes from the front matter)")
            return []
        if level > self._deepest_heading + 1:
            self.problems.add(source, f"'{node.markup}' heading with no '{'#' * (level - 1)}' heading "
                              "above it in this section; expected the levels to go down one at a time")
            return []
        self._deepest_heading = level
        children = self.inline.convert(node.children[0].children)
        anchor = self._unique_anchor(f"{self.section_id}--{slug(m.plain_text(children))}")
        themes = self._chapter_themes(m.plain_text(children), source) if level == 2 and self.chapter_headings else ()
        return [m.Heading(level, children, anchor, source, themes=themes)]

    def _chapter_themes(self, title: str, source: m.Source) -> tuple[m.Theme, ...]:
        """The themes of the chapter a heading names ('Chapter 4: ...'), which it shows as icons
        (the section's front matter says 'chapter-headings: true')."""
        by_chapter = self.catalog.themes_by_chapter
        if not by_chapter:
            self.problems.add(source, "'chapter-headings: true' shows each chapter's themes; expected a "
                              "themes-by-chapter file ('chapters:') under 'data:' in the manifest")
            self.chapter_headings = False  # (said once)
            return ()
        found = CHAPTER_HEADING.match(title)
        if found is None or int(found[1]) not in by_chapter:
            self.problems.add(source, f"the heading '{title[:40]}' names no chapter of the novel; expected it to "
                              f"begin 'Chapter N', N from 1 to {max(by_chapter)} (the section has chapter headings)")
            return ()
        return tuple(chosen.theme for chosen in by_chapter[int(found[1])].themes)

    def _unique_anchor(self, anchor: str) -> str:
        candidate, n = anchor, 2
        while candidate in self.anchors:
            candidate, n = f"{anchor}-{n}", n + 1
        self.anchors.add(candidate)
        return candidate

    def _list(self, node: SyntaxTreeNode) -> list[m.Block]:
        with self._nested(node, "a list") as deeper:
            if not deeper:
                return []
            items = tuple(tuple(self._blocks(item.children)) for item in node.children)
        for item, blocks in zip(node.children, items, strict=True):
            if not blocks and not item.children:  # ('-' and nothing after it; a page would show a bullet alone)
                marker = f"{item.info}{item.markup}" if node.type == "ordered_list" else item.markup
                self.problems.add(self._at(item), f"an empty item in a list; expected words after "
                                  f"'{marker}', or no item")
        if node.type == "ordered_list":
            return [m.ListBlock(items, ordered=True, start=int(node.attrs.get("start", 1)))]
        return [m.ListBlock(items)]

    def _blockquote(self, node: SyntaxTreeNode) -> list[m.Block]:
        with self._nested(node, "a quotation") as deeper:
            if deeper and not node.children:
                self.problems.add(self._at(node), "an empty quotation; expected words after '>', or no '>'")
            return [m.BlockQuote(tuple(self._blocks(node.children)))] if deeper else []

    @contextmanager
    def _nested(self, node: SyntaxTreeNode, what: str) -> Iterator[bool]:
        """One level deeper in lists and quotations; False (reported once) past the deepest a page
        can indent. (The parser drops what lies past its own, deeper, limit without a word.)"""
        if self._depth >= MAX_NESTING:
            self.problems.add(self._at(node), f"{what} nested more than {MAX_NESTING} deep in lists and "
                              f"quotations; expected at most {MAX_NESTING} levels")
            yield False
            return
        self._depth += 1
        try:
            yield True
        finally:
            self._depth -= 1

    def _table(self, node: SyntaxTreeNode) -> list[m.Block]:
        source = self._at(node)
        rows = [tr for part in node.children for tr in part.children]
        cells = [tuple(self._cell(cell) for cell in tr.children) for tr in rows]
        aligns = tuple(_alignment(str(cell.attrs.get("style", ""))) for cell in rows[0].children)
        return [m.Table(cells[0], tuple(cells[1:]), aligns, source)]

    def _cell(self, cell: SyntaxTreeNode) -> tuple[m.Inline, ...]:
        return self.inline.convert(cell.children[0].children) if cell.children else ()

    def _container(self, node: SyntaxTreeNode) -> list[m.Block]:
        source = self._at(node)
        name = node.info.strip()
        if name not in CONTAINERS:
            self.problems.add(source, f"unknown box '::: {name}'; expected one of: {', '.join(CONTAINERS)}"
                              + did_you_mean(name, CONTAINERS))
            return []
        title, editions = CONTAINERS[name]
        children = tuple(self._blocks(node.children))
        block: m.Block = m.Callout(title, children) if title else m.Only(editions, children)
        if title and editions != m.ALL_EDITIONS:
            block = m.Only(editions, (block,))
        return [block]

    def _directive(self, node: SyntaxTreeNode) -> list[m.Block]:
        source = self._at(node)
        name, argument = node.info, node.content.strip()
        catalog = self.catalog
        by_id: dict[str, tuple[Mapping[str, Any], str, Callable[[Any], m.Block]]] = {
            # directive -> (table, what its argument names, block maker)
            "pullquote": (catalog.quotations, "quotation", m.PullQuote),
            "character": (catalog.characters, "character", m.CharacterBox),
            "questions": (catalog.question_sets, "question set", lambda qs: m.QuestionList(argument, qs)),
            "theme": (catalog.themes, "theme", lambda theme: self._theme_heading(theme, source)),
            "reading-check": (catalog.checks, "reading check", lambda items: m.Quiz(items, check=argument)),
        }
        whole: dict[str, tuple[str, Callable[[], m.Block | None]]] = {  # directive -> (what it needs, block maker)
            "quiz": ("quiz", lambda: m.Quiz(catalog.quiz)),
            "answer-key": ("quiz", lambda: m.AnswerKey(catalog.quiz)),
            "glossary": ("glossary", lambda: m.Glossary(catalog.glossary)),
            "reading-schedule": ("reading schedule", lambda: m.ReadingSchedule(catalog.schedule)),
            "key-quotations": ("quotation", lambda: m.KeyQuotations(
                tuple(sorted(catalog.quotations.values(), key=lambda q: q.chapter)))),
            "theme-tracker": ("themes by chapter", lambda: self._theme_tracker(source)),
            "timeline": ("timeline", lambda: catalog.timeline and replace(catalog.timeline, source=source)),
            "relationship-map": ("relationship map", lambda: catalog.relationship_map
                                 and replace(catalog.relationship_map, source=source)),
        }
        if name in whole:
            what, make = whole[name]
            if argument:
                self.problems.add(source, f"'@{name}' takes no argument; expected the line '@{name}' alone")
            elif what not in catalog.files:
                self.problems.add(source, f"'@{name}' needs a {what} file; expected it under 'data:' in the manifest")
            elif (made := make()) is not None:  # (None: its file could not be read, which is reported)
                return [made]
            return []
        if name not in by_id:
            self.problems.add(source, f"unknown directive '@{name}'; expected one of: "
                              f"{', '.join('@' + n for n in [*by_id, *whole])}" + did_you_mean(name, [*by_id, *whole]))
            return []
        table, what, make_one = by_id[name]
        if not argument:
            self.problems.add(source, f"'@{name}' needs the id of a {what}, as in '@{name} ID'")
            return []
        if argument not in table:
            self.problems.add(self.inline.place_of(argument),
                              catalog.unknown(what, argument, table, context=f" in '@{name}'"))
            return []
        return [make_one(table[argument])]

    def _theme_tracker(self, source: m.Source) -> m.ThemeTracker | None:
        catalog = self.catalog
        if not catalog.themes or not catalog.chapter_themes:
            self.problems.add(source, "'@theme-tracker' needs themes and chapters to draw; expected entries in the "
                              "themes file and the themes-by-chapter file")
            return None
        return m.ThemeTracker(tuple(catalog.themes.values()), catalog.chapter_themes, catalog.parts, source)

    def _theme_heading(self, theme: m.Theme, source: m.Source) -> m.Heading:
        """`@theme ID`: a '##' heading with the theme's name and icon."""
        children = (m.Text(theme.name),)
        self._deepest_heading = 2
        return m.Heading(2, children, self._unique_anchor(f"{self.section_id}--{slug(theme.name)}"), source, theme)

    def _footnotes(self, node: SyntaxTreeNode) -> list[m.Block]:
        notes = []
        for footnote in node.children:
            number = footnote.meta["id"] + 1
            # the parser ends a note with its back-link, which the writers make themselves
            parts = [child for child in footnote.children if child.type != "footnote_anchor"]
            for part in parts:
                if part.type != "paragraph":
                    self.problems.add(self._at(part), f"the note '[^{footnote.meta['label']}]' holds "
                                      f"{NOTE_PARTS.get(part.type, describe(part.type))}; "
                                      "expected only paragraphs of text in a note")
            paragraphs = [part for part in parts if part.type == "paragraph"]
            notes.append(m.Note(number, self.inline.note_anchor(number), tuple(self._blocks(paragraphs))))
        return [m.NoteList(tuple(notes))]


def _alignment(style: str) -> m.Align:
    for align in m.Align:
        if align.value in style:
            return align
    return m.Align.LEFT
