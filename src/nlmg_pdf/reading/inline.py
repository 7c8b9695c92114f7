"""Inline Markdown (emphasis, links, footnote markers) -> model inlines."""
from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from .. import model as m
from ..errors import Problems
from .parser import inline_tokens

ALLOWED_LINK = re.compile(r"(https?|mailto):")


class InlineReader:
    """Converts inline nodes for one file, noting internal links for a later check."""

    def __init__(self, path: str, problems: Problems, anchor_prefix: str = "", first_line: int = 1):
        self.path, self.problems, self.anchor_prefix = path, problems, anchor_prefix
        self.line, self.column = 0, 0  # where the text being read begins
        self.lines: list[str] = []  # the Markdown body's lines, once known, to place links exactly
        self.first_line = first_line
        self.links: list[tuple[str, m.Source]] = []

    def parse(self, text: str, where: m.Source) -> tuple[m.Inline, ...]:
        """Markdown inside a YAML field (a profile, an answer): inline markup only."""
        self.line, self.column = where.line, where.column
        tokens = inline_tokens(text.strip())
        return self.convert(SyntaxTreeNode(tokens).children[0].children)

    def convert(self, nodes) -> tuple[m.Inline, ...]:
        out = (self._inline(node) for node in nodes)
        return tuple(node for node in out if node is not None)

    def note_anchor(self, number: int) -> str:
        return f"{self.anchor_prefix}--note-{number}"

    def place_of(self, fragment: str = "") -> m.Source:
        """Where the current text begins, or better, where `fragment` appears in it."""
        if fragment:
            for number in range(max(self.line - self.first_line, 0), len(self.lines)):
                column = self.lines[number].find(fragment)
                if column >= 0:
                    return m.Source(self.path, self.first_line + number, column + 1)
        return m.Source(self.path, self.line, self.column)

    def _inline(self, node: SyntaxTreeNode) -> m.Inline | None:
        kind = node.type
        if kind == "text":
            return m.Text(node.content)
        if kind == "softbreak":
            return m.Text(" ")
        if kind == "hardbreak":
            return m.LineBreak()
        if kind == "em":
            return m.Emphasis(self.convert(node.children))
        if kind == "strong":
            return m.Strong(self.convert(node.children))
        if kind == "code_inline":
            return m.Code(node.content)
        if kind == "link":
            return self._link(node)
        if kind == "footnote_ref":
            number = node.meta["id"] + 1
            return m.NoteRef(number, self.note_anchor(number))
        if kind == "footnote_anchor":
            return None  # markdown-it's back-link; printed notes carry their numbers instead
        if kind == "image":
            self.problems.add(self.place_of(), "an image inside a line of text; expected it alone in a "
                              "paragraph of its own, where it becomes a figure")
            return None
        self.problems.add(self.place_of(), f"{describe(kind)} is not supported in text; "
                          "expected words, emphasis, links or footnote markers")
        return None

    def _link(self, node: SyntaxTreeNode) -> m.Inline:
        target = str(node.attrs.get("href", ""))
        where = self.place_of(f"]({target}")
        if target.startswith("#"):
            self.links.append((target[1:], where))
        elif not ALLOWED_LINK.match(target):
            self.problems.add(where, f"link to '{target}': expected a web address "
                              "(https://...), a mailto: address or '#section-id'")
        return m.Link(target, self.convert(node.children))


def describe(node_type: str) -> str:
    names = {"fence": "a fenced code block", "code_block": "an indented code block (remove the indentation)",
             "image": "an image", "html_block": "raw HTML", "html_inline": "raw HTML"}
    return names.get(node_type, f"Markdown element '{node_type}'")
