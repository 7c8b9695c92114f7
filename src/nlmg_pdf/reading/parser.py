"""The one configured Markdown parser: CommonMark with tables, footnotes, boxes and directives.

Raw HTML is off, so a tag typed into content stays visible text and can never become markup.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

DIRECTIVE_LINE = re.compile(r"@([a-z][a-z-]*)(?:[ \t]+(.*?))?[ \t]*$")


def _directive_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A line `@name argument` on its own is a directive (a pull-quote, a character box...)."""
    if state.is_code_block(start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    match = DIRECTIVE_LINE.match(state.src[begin:state.eMarks[start]])
    if not match:
        return False
    if not silent:
        token = state.push("directive", "", 0)
        token.info, token.content = match.group(1), match.group(2) or ""
        token.map = [start, start + 1]
    state.line = start + 1
    return True


def _parser() -> MarkdownIt:
    # typographer: curly quotes and apostrophes, en and em dashes, as a typesetter would set them
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "replacements", "smartquotes"])
    md.use(footnote_plugin)
    # every `::: name` opens a box; the reader checks the name so a typo is reported
    md.use(container_plugin, name="box", validate=lambda params, markup: True)
    md.block.ruler.before("paragraph", "directive", _directive_rule, {"alt": ["paragraph"]})
    return md


MARKDOWN = _parser()


class KeptParses:
    """The tokens of each text parsed in this round of builds and the last, so that a rebuild
    (`nlmg-pdf watch`) parses again only the texts an edit changed. Two rounds are kept, not
    all: a text edited away is forgotten one rebuild later."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, str], Sequence[Token]] = {}
        self.now: dict[tuple[str, str], Sequence[Token]] = {}

    def next_round(self) -> None:
        self.last, self.now = self.now, {}

    def tokens(self, kind: str, text: str, parse: Callable[[str], list[Token]]) -> Sequence[Token]:
        key = (kind, text)
        found = self.now.get(key) or self.last.get(key)
        if found is None:
            found = tuple(parse(text))  # (read, never changed, by the readers)
        self.now[key] = found
        return found


_kept: KeptParses | None = None


@contextmanager
def parses_kept(kept: KeptParses) -> Iterator[None]:
    """Within the block, texts parsed before (by `kept`) are not parsed again."""
    global _kept
    before, _kept = _kept, kept
    try:
        yield
    finally:
        _kept = before


def block_tokens(text: str) -> Sequence[Token]:
    """The tokens of a Markdown body."""
    return _kept.tokens("block", text, MARKDOWN.parse) if _kept else MARKDOWN.parse(text)


def inline_tokens(text: str) -> Sequence[Token]:
    """The tokens of inline Markdown (a YAML field's text)."""
    return _kept.tokens("inline", text, MARKDOWN.parseInline) if _kept else MARKDOWN.parseInline(text)
