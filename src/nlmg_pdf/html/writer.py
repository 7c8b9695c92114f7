"""Model -> semantic HTML5, dispatched on node type like the PDF renderer (an unknown type is a
bug, not skipped). Everything is inline: the style sheet, the drawings (SVG), no request leaves
the page, and nothing needs JavaScript to be read."""
from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape
from typing import Any

from .. import model as m
from ..drawing_text import alternative, description
from ..outline import LABELS, contents_entries, names_rows
from ..stylesheet import Style
from .page import page
from .svg import drawing_svg

DASH, LEFT_QUOTE, RIGHT_QUOTE = "\u2014", "\u201c", "\u201d"


def write_html(guide: m.Guide, style: Style) -> str:
    """The whole page for `guide` (already prepared for one edition)."""
    writer = HtmlWriter(guide, style)
    sections = "\n".join(writer.section(section) for section in guide.sections)
    return page(guide, style, writer.contents(), sections)


def inline(nodes: tuple[m.Inline, ...]) -> str:
    return "".join(_inline(node) for node in nodes)


def _inline(node: m.Inline) -> str:
    if isinstance(node, m.Text):
        return escape(node.text, quote=False)
    if isinstance(node, m.Emphasis):
        return f"<em>{inline(node.children)}</em>"
    if isinstance(node, m.Strong):
        return f"<strong>{inline(node.children)}</strong>"
    if isinstance(node, m.Code):
        return f"<code>{escape(node.text, quote=False)}</code>"
    if isinstance(node, m.Link):
        return f'<a href="{escape(node.target)}">{inline(node.children)}</a>'
    if isinstance(node, m.LineBreak):
        return "<br>"
    if isinstance(node, m.NoteRef):
        return (f'<sup><a href="#{escape(node.anchor)}" id="ref-{escape(node.anchor)}" '
                f'aria-label="note {node.number}">{node.number}</a></sup>')
    raise TypeError(f"no HTML for inline node {type(node).__name__}")


def text(value: str) -> str:
    return escape(value, quote=False)


class HtmlWriter:
    def __init__(self, guide: m.Guide, style: Style):
        self.guide, self.style = guide, style
        self.student = guide.edition is m.Edition.STUDENT
        self.depth = 1
        self._handlers: dict[type, Callable[[Any], str]] = {
            m.Heading: self.heading, m.Paragraph: lambda b: f"<p>{inline(b.children)}</p>",
            m.ListBlock: self.list_block, m.BlockQuote: lambda b: f"<blockquote>{self.blocks(b.children)}</blockquote>",
            m.Rule: lambda b: "<hr>", m.Table: self.table, m.Callout: self.callout, m.NoteList: self.notes,
            m.PullQuote: self.pull_quote, m.CharacterBox: self.character, m.QuestionList: self.questions,
            m.KeyQuotations: self.key_quotations, m.Quiz: self.quiz, m.AnswerKey: self.answer_key,
            m.ReadingSchedule: self.schedule, m.Glossary: self.glossary, m.Figure: self.figure,
            m.ThemeTracker: self.drawing, m.Timeline: self.drawing, m.RelationshipMap: self.drawing,
        }

    def blocks(self, blocks) -> str:
        out = []
        for block in blocks:
            handler = self._handlers.get(type(block))
            if handler is None:
                raise TypeError(f"the HTML writer has no rule for {type(block).__name__}")
            out.append(handler(block))
        return "\n".join(out)

    def contents(self) -> str:
        """The contents as nested lists: sections, and the headings a section lists."""
        entries = contents_entries(self.guide)

        def items(start: int, level: int) -> tuple[str, int]:
            out, index = [], start
            while index < len(entries) and entries[index].level >= level:
                entry = entries[index]
                link = f'<a href="#{escape(entry.anchor)}">{text(entry.title)}</a>'
                index += 1
                inner = ""
                if index < len(entries) and entries[index].level > level:
                    nested, index = items(index, entries[index].level)
                    inner = f"<ol>{nested}</ol>"
                out.append(f"<li>{link}{inner}</li>")
            return "".join(out), index

        listed, _ = items(0, 0)
        return (f'<nav aria-labelledby="contents-title"><h2 id="contents-title">{LABELS.contents}</h2>'
                f"<ol>{listed}</ol></nav>")

    def section(self, section: m.Section) -> str:
        self.depth = 1
        return (f'<section id="{escape(section.id)}" aria-labelledby="{escape(section.id)}-title">\n'
                f'<h1 id="{escape(section.id)}-title">{text(section.title)}</h1>\n{self.blocks(section.blocks)}\n'
                "</section>")

    def heading(self, block: m.Heading) -> str:
        self.depth = block.level
        before = f'<span class="icon" aria-hidden="true" style="color:{self.colour(block.theme)}">' \
                 f"{block.theme.glyph}</span> " if block.theme else ""
        after = ""
        if block.themes:
            names = ", ".join(theme.name for theme in block.themes)
            icons = "".join(f'<span style="color:{self.colour(theme)}">{theme.glyph}</span>' for theme in block.themes)
            after = (f' <span class="icons" aria-hidden="true">{icons}</span>'
                     f'<span class="visually-hidden">{LABELS.themes}: {text(names)}</span>')
        return f'<h{block.level} id="{escape(block.anchor)}">{before}{inline(block.children)}{after}</h{block.level}>'

    def colour(self, theme: m.Theme) -> str:
        return self.style.paint(theme.colour)

    def list_block(self, block: m.ListBlock) -> str:
        items = "".join(f"<li>{self.blocks(item)}</li>" for item in block.items)
        if block.ordered:
            start = f' start="{block.start}"' if block.start != 1 else ""
            return f"<ol{start}>{items}</ol>"
        return f"<ul>{items}</ul>"

    def table(self, block: m.Table, caption: str = "") -> str:
        columns = [m.plain_text(cell) for cell in block.header]
        named = len(columns) > 1 and names_rows([columns[0], *(m.plain_text(row[0]) for row in block.rows if row)])
        head = "".join(f'<th scope="col">{inline(cell)}</th>' for cell in block.header)
        rows = []
        for row in block.rows:
            cells = [f'<th scope="row">{inline(cell)}</th>' if named and number == 0 else f"<td>{inline(cell)}</td>"
                     for number, cell in enumerate(row)]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        shown = caption or f"{len(block.rows)} rows: {', '.join(columns)}"
        hidden = "" if caption else ' class="visually-hidden"'
        return (f'<div class="table"><table><caption{hidden}>{text(shown)}</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div>")

    def callout(self, block: m.Callout) -> str:
        return f'<aside class="box" aria-label="{escape(block.title)}"><p class="box-title">{text(block.title)}</p>' \
               f"{self.blocks(block.children)}</aside>"

    def notes(self, block: m.NoteList) -> str:
        def note_html(note: m.Note) -> str:
            back = f' <a href="#ref-{escape(note.anchor)}" aria-label="Back to the text">\u21a9</a>'
            body = self.blocks(note.children)
            at = body.rfind("</p>")  # (the way back ends the note's last paragraph)
            ended = body[:at] + back + body[at:] if at >= 0 else body + back
            return f'<li id="{escape(note.anchor)}">{ended}</li>'

        items = "".join(note_html(note) for note in block.notes)
        return f'<aside class="notes" aria-label="Notes"><ol>{items}</ol></aside>'

    def quotation(self, q: m.Quotation, extra: str = "") -> str:
        # (a figure's caption is its first or last child: what else is said of the quotation goes between)
        return (f'<figure class="quotation"><blockquote><p>{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE}</p></blockquote>'
                f"{extra}<figcaption>{DASH} {text(q.speaker)}, {LABELS.chapter} {q.chapter}</figcaption></figure>")

    def pull_quote(self, block: m.PullQuote) -> str:
        return self.quotation(block.quotation).replace('class="quotation"', 'class="quotation pull"', 1)

    def character(self, block: m.CharacterBox) -> str:
        c = block.character
        level = min(self.depth + 1, 6)
        parts = [f'<h{level} id="character-{escape(c.id)}">{text(c.name)}</h{level}>',
                 f'<p class="role">{text(c.role)}</p>', f"<p>{inline(c.profile)}</p>"]
        for label, inlines in ((LABELS.arc, c.arc), (LABELS.relationships, c.relationships)):
            if inlines:
                parts.append(f"<p><strong>{label}:</strong> {inline(inlines)}</p>")
        if c.traits:
            parts.append(f"<p><strong>{LABELS.traits}:</strong> {text(' · '.join(c.traits))}</p>")
        if c.quotation:
            parts.append(self.quotation(c.quotation))
        return f'<aside class="box character" aria-labelledby="character-{escape(c.id)}">{"".join(parts)}</aside>'

    def questions(self, block: m.QuestionList) -> str:
        items = []
        for q in block.questions:
            body = f"<p>{inline(q.text)}</p>"
            if q.answer:
                body += f'<p class="answer"><strong>{LABELS.answer_guidance}</strong> {inline(q.answer)}</p>'
            elif self.student:
                body += (f'<label for="answer-{q.number}" class="visually-hidden">Your answer to question {q.number}'
                         f'</label><textarea id="answer-{q.number}" name="answer-{q.number}" rows="{max(3, q.lines)}">'
                         "</textarea>")
            items.append(f'<li value="{q.number}" id="question-{q.number}">{body}</li>')
        return f'<ol class="questions">{"".join(items)}</ol>'

    def key_quotations(self, block: m.KeyQuotations) -> str:
        out = []
        for q in block.quotations:
            extra = ""
            if q.themes:
                tags = " · ".join(f'<span aria-hidden="true" style="color:{self.colour(t)}">{t.glyph}</span> '
                                  f"{text(t.name)}" for t in q.themes)
                extra += f'<p class="tags"><strong>{LABELS.themes}:</strong> {tags}</p>'
            if q.comment:
                extra += f"<p>{inline(q.comment)}</p>"
            out.append(self.quotation(q, extra))
        return "\n".join(out)

    def quiz(self, block: m.Quiz) -> str:
        prefix = block.field_prefix
        items = []
        for item in block.items:
            name = f"{prefix}-{item.number}"
            body = f'<p id="{name}-text">{inline(item.text)}</p>'
            if item.kind is m.QuizKind.SHORT:
                if self.student:
                    body += (f'<label for="{name}-answer" class="visually-hidden">Your answer to item {item.number}'
                             f'</label><input type="text" id="{name}-answer" name="{name}">')
            else:
                options = (list(zip(m.OPTION_LETTERS, item.options, strict=False))
                           if item.kind is m.QuizKind.CHOICE else
                           [("true", (m.Text(LABELS.true),)), ("false", (m.Text(LABELS.false),))])
                if self.student:
                    choices = "".join(
                        f'<label><input type="radio" name="{name}" value="{value}"> '
                        f'{f"<b>{value}</b> " if item.kind is m.QuizKind.CHOICE else ""}{inline(words)}</label>'
                        for value, words in options)
                    body += (f'<fieldset aria-labelledby="{name}-text"><legend class="visually-hidden">Item '
                             f"{item.number}</legend>{choices}</fieldset>")
                else:
                    body += "<ul class=\"options\">" + "".join(
                        f'<li>{f"<b>{value}</b> " if item.kind is m.QuizKind.CHOICE else ""}{inline(words)}</li>'
                        for value, words in options) + "</ul>"
            if item.answer is not None:
                body += f'<p class="answer"><strong>{LABELS.answer}</strong> {text(item.answer_text())}</p>'
            items.append(f'<li value="{item.number}" id="{name}">{body}</li>')
        return f'<ol class="quiz">{"".join(items)}</ol>'

    def answer_key(self, block: m.AnswerKey) -> str:
        rows = tuple(((m.Text(str(item.number)),), (m.Text(item.answer_text()),)) for item in block.items)
        return self.table(m.Table(((m.Text("Item"),), (m.Text("Answer"),)), rows, (m.Align.LEFT,) * 2, m.NOWHERE),
                          caption="The quiz's answers")

    def schedule(self, block: m.ReadingSchedule) -> str:
        header = tuple((m.Text(label),) for label in LABELS.schedule_columns[:3])
        rows = tuple(((m.Text(r.part),), (m.Text(r.chapters),), (m.Text(r.focus),)) for r in block.readings)
        return self.table(m.Table(header, rows, (m.Align.LEFT,) * 3, m.NOWHERE), caption="Reading schedule")

    def glossary(self, block: m.Glossary) -> str:
        items = "".join(f"<dt>{text(term.term)}"
                        f'{f" <small>({LABELS.chapter} {term.chapter})</small>" if term.chapter else ""}</dt>'
                        f"<dd>{inline(term.definition)}</dd>" for term in block.terms)
        return f'<dl class="glossary">{items}</dl>'

    def figure(self, block: m.Figure) -> str:
        kind = "image/png" if block.data[:4] == b"\x89PNG" else "image/jpeg"
        source = f"data:{kind};base64,{base64.b64encode(block.data).decode()}"
        caption = f"<figcaption>{inline(block.caption)}</figcaption>" if block.caption else ""
        return f'<figure><img src="{source}" alt="{escape(block.alt)}">{caption}</figure>'

    def drawing(self, block: m.Drawing) -> str:
        svg = drawing_svg(block, self.style, description(block))
        return f'<figure class="drawing">{svg}</figure>\n{self.blocks(alternative(block))}'
