"""Model inlines -> reportlab paragraph markup.  All content text is escaped here, once."""
from __future__ import annotations

from .. import model as m
from .tagging import DECORATION, END, LINK, NAMED, NOTE, SPAN

_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(value: str, more: dict[str, str | int | None] | None = None) -> str:
    """`value` with &, < and > (and any of `more`) as entities, for markup and XML. (The standard
    library's own, in xml.sax.saxutils, imports urllib, http and email with it: a tenth of a
    second of every build on a slow machine.)"""
    escaped = value.translate(_MARKUP)
    return escaped.translate(str.maketrans(more)) if more else escaped


def markup(inlines: tuple[m.Inline, ...], link_colour: str) -> str:
    """Paragraph markup for inline content."""
    return "".join(_inline(node, link_colour) for node in inlines)


def escaped(value: str) -> str:
    """Plain text (a name, a title) made safe for paragraph markup."""
    return escape(value)


def _inline(node: m.Inline, link_colour: str) -> str:
    if isinstance(node, m.Text):
        return escape(node.text)
    if isinstance(node, m.Emphasis):
        return f"<i>{markup(node.children, link_colour)}</i>"
    if isinstance(node, m.Strong):
        return f"<b>{markup(node.children, link_colour)}</b>"
    if isinstance(node, m.Code):
        return escape(node.text)
    if isinstance(node, m.Link):  # underlined, in the text as on the web: colour alone is not enough
        return linked(node.target, markup(node.children, link_colour), f' color="{link_colour}" underline="1"')
    if isinstance(node, m.LineBreak):
        return "<br/>"
    if isinstance(node, m.NoteRef):
        marker = linked(f"#{node.anchor}", str(node.number), f' color="{link_colour}"', note=node.number)
        return f"<super>{marker}</super>"
    raise TypeError(f"no markup for inline node {type(node).__name__}")


def linked(target: str, words: str, look: str = "", note: int | None = None) -> str:
    """`words` as a link to `target` ('#anchor' or an address), marked as a span so that the
    tagged PDF's Link element holds the words (a footnote's marker is read as 'note N')."""
    kind = f"{NOTE} {note}" if note is not None else LINK
    return (f'<onDraw name="{SPAN}" label="{_attribute(f"{kind} {target}")}"/>'
            f'<a href="{_attribute(target)}"{look}>{words}</a>{SPAN_END}')


def _attribute(value: str) -> str:
    return escape(value, {'"': "&quot;"})


SPAN_END = f'<onDraw name="{SPAN}" label="{END}"/>'


NO_BREAK = "\u00a0"  # a space no line ends at


def icon(glyph: str, colour: str, font: str) -> str:
    """A theme's icon, set in a font known to have it, in the theme's colour: decoration, which
    a screen reader passes over (the theme's name follows it)."""
    return (f'<onDraw name="{SPAN}" label="{DECORATION}"/><font name="{font}" color="{colour}">{escape(glyph)}</font>'
            f"{SPAN_END}")


def named_icons(icons: list[tuple[str, str]], words: str, font: str) -> str:
    """Icons (each a glyph and its colour) that stand for `words`, which a screen reader reads
    in their place: a chapter heading's themes."""
    shown = NO_BREAK.join(f'<font name="{font}" color="{colour}">{escape(glyph)}</font>' for glyph, colour in icons)
    return f'<onDraw name="{SPAN}" label="{_attribute(f"{NAMED} {words}")}"/>{shown}{SPAN_END}'
