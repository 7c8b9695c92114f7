"""Typography for text read as plain text (a name, a role, a title, a schedule's focus).

Markdown text gets curly quotes, apostrophes and dashes from markdown-it's typographer. A YAML
field printed as it is written gets the very same, from the same configured parser's own rules,
so a field reads the same whether it is Markdown or plain: Kathy's "friend" -- and more becomes
Kathy’s “friend” – and more. Nothing else in the text is read as Markdown: a `*` stays a `*`.
"""
from __future__ import annotations

import re

from markdown_it.rules_core import StateCore, replace, smartquotes
from markdown_it.token import Token

from ..addresses import ADDRESS
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


STAND_IN = "\ue000"  # a private-use character: to the typographer, a letter, as an address's last one is


def typeset_around_addresses(text: str) -> str:
    """`text` set as `typeset` sets it, except the web and email addresses in it, kept exactly
    as written ("--" or a quote mark in an address is part of it). Each address stands in as a
    letter while the words are set, so a quote mark beside one still opens or closes rightly."""
    text = text.replace(STAND_IN, "")
    addresses = iter([found.group() for found in ADDRESS.finditer(text)])
    shown = typeset(ADDRESS.sub(STAND_IN, text))
    return re.sub(STAND_IN, lambda _: next(addresses), shown)
