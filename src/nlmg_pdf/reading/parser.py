"""The one configured Markdown parser: CommonMark with tables, footnotes, boxes and directives.

Raw HTML is off, so a tag typed into content stays visible text and can never become markup.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
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
