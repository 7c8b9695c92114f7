"""Model inlines -> reportlab paragraph markup.  All content text is escaped here, once."""
from __future__ import annotations

from xml.sax.saxutils import escape

from .. import model as m


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
    if isinstance(node, m.Link):
        words = markup(node.children, link_colour)
        target = escape(node.target, {'"': "&quot;"})
        underline = "" if node.internal else ' underline="1"'
        return f'<a href="{target}" color="{link_colour}"{underline}>{words}</a>'
    if isinstance(node, m.LineBreak):
        return "<br/>"
    if isinstance(node, m.NoteRef):
        return f'<super><a href="#{node.anchor}" color="{link_colour}">{node.number}</a></super>'
    raise TypeError(f"no markup for inline node {type(node).__name__}")


NO_BREAK = "\u00a0"  # a space no line ends at


def icon(glyph: str, colour: str, font: str) -> str:
    """A theme's icon, set in a font known to have it, in the theme's colour."""
    return f'<font name="{font}" color="{colour}">{escape(glyph)}</font>'
