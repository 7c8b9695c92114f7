"""Typography for text read as plain text (a name, a role, a title, a schedule's focus).

Markdown text gets curly quotes, apostrophes and dashes from markdown-it's typographer. A YAML
field printed as it is written gets the very same, from the same configured parser's own rules,
so a field reads the same whether it is Markdown or plain: Kathy's "friend" -- and more becomes
Kathy’s “friend” – and more. Nothing else in the text is read as Markdown: a `*` stays a `*`.
"""
from __future__ import annotations

from markdown_it.rules_core import StateCore, replace, smartquotes
from markdown_it.token import Token

from .parser import MARKDOWN

TYPOGRAPHER_RULES = (replace, smartquotes)  # markdown-it's 'replacements' (dashes, ellipses, ©) and 'smartquotes'


def typeset(text: str) -> str:
    """`text` set as the same words in a line of Markdown would be set."""
    words = Token("text", "", 0, content=text)
    line = Token("inline", "", 0, content=text, children=[words])
    state = StateCore(text, MARKDOWN, {}, [line])
    for rule in MARKDOWN.core.ruler.getRules(""):  # the parser's own order, and only what it has enabled
        if rule in TYPOGRAPHER_RULES:
            rule(state)
    return words.content
