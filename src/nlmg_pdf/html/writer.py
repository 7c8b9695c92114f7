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
from .svg import drawing_svgs

DASH, LEFT_QUOTE, RIGHT_QUOTE, APOSTROPHE = "\u2014", "\u201c", "\u201d", "\u2019"
ESSAY_ROWS = 12


def write_html(guide: m.Guide, style: Style) -> str:
    """The whole page for `guide` (already prepared for one edition)."""
    writer = HtmlWriter(guide, style)
    sections = "\n".join(writer.section(section) for section in guide.sections)
    return page(guide, style, writer.contents(), sections, writer.themes, keeps_answers=writer.fields > 0)


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
        self.under = ("", "")  # the section's title and the '##' heading the blocks are under
        self.fields = 0  # how many questions and items have a box or buttons to answer with
        self.tables = self.drawings = 0  # (each table's caption, each drawing's title has an id of its own)
        self.themes: dict[str, str] = {}  # the colour of each theme whose icon is shown, by id
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
        self.depth, self.under = 1, (section.title, "")
        return (f'<section id="{escape(section.id)}" aria-labelledby="{escape(section.id)}-title">\n'
                f'<h1 id="{escape(section.id)}-title">{text(section.title)}</h1>\n{self.blocks(section.blocks)}\n'
                "</section>")

    def heading(self, block: m.Heading) -> str:
        self.depth = block.level
        if block.level == 2:
            self.under = (self.under[0], m.plain_text(block.children))
        before = f'<span class="icon {self.painted(block.theme)}" aria-hidden="true">' \
                 f"{block.theme.glyph}</span> " if block.theme else ""
        after = ""
        if block.themes:
            names = ", ".join(theme.name for theme in block.themes)
            icons = "".join(f'<span class="{self.painted(theme)}">{theme.glyph}</span>' for theme in block.themes)
            after = (f'\u00a0<span class="icons" aria-hidden="true">{icons}</span>'
                     f'<span class="visually-hidden">{LABELS.themes}: {text(names)}</span>')
        return f'<h{block.level} id="{escape(block.anchor)}">{before}{inline(block.children)}{after}</h{block.level}>'

    def painted(self, theme: m.Theme) -> str:
        """The class that colours a theme's icon (the style sheet gives each scheme its shade)."""
        self.themes[theme.id] = self.style.paint(theme.colour)
        return f"theme-{escape(theme.id)}"

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
        return self.boxed_table(text(shown), not caption, head, rows, len(columns))

    def boxed_table(self, caption: str, hide_caption: bool, head: str, rows: list[str], columns: int,
                    kind: str = "table") -> str:
        """A table in a box of its own, which scrolls sideways where the table is wider than the
        screen: a keyboard stop named by the caption, so that the keyboard can scroll it too. A
        table of four columns or more keeps a readable width on a phone and scrolls."""
        self.tables += 1
        named = f"table-{self.tables}"
        hidden = ' class="visually-hidden"' if hide_caption else ""
        kind += " wide" if columns >= 4 else ""
        return (f'<div class="{kind}" role="region" aria-labelledby="{named}" tabindex="0"><table>'
                f'<caption id="{named}"{hidden}>{caption}</caption><thead><tr>{head}</tr></thead>'
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

    def quotation(self, q: m.Quotation) -> str:
        return (f'<figure class="quotation"><blockquote><p>{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE}</p></blockquote>'
                f"<figcaption>{DASH} {text(q.speaker)}, {LABELS.chapter} {q.chapter}</figcaption></figure>")

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

    def answered(self, number: int, name: str) -> str:
        """What marks an item answered here: its number and the name of the field holding the answer,
        read by the script that keeps the answers."""
        self.fields += 1
        return f' data-number="{number}" data-field="{escape(name)}"'

    def answer_set(self) -> str:
        """The name the answers to a list are listed under: "Study questions: Part One"."""
        if not self.student:
            return ""
        return f' data-set="{escape(": ".join(part for part in self.under if part))}"'

    def questions(self, block: m.QuestionList) -> str:
        items = []
        for q in block.questions:
            body, marks = f"<p>{inline(q.text)}</p>", ""
            if q.answer:
                body += f'<p class="answer"><strong>{LABELS.answer_guidance}</strong> {inline(q.answer)}</p>'
            elif self.student:
                name = f"answer-{q.number}"
                marks = self.answered(q.number, name)
                rows = max(3, q.lines) if q.lines else ESSAY_ROWS  # (no lines: written on paper in the PDF)
                body += (f'<label for="{name}" class="visually-hidden">Your answer to question {q.number}</label>'
                         f'<textarea id="{name}" name="{name}" rows="{rows}" data-answer></textarea>')
            items.append(f'<li value="{q.number}" id="question-{q.number}"{marks}>{body}</li>')
        return f'<ol class="questions"{self.answer_set()}>{"".join(items)}</ol>'

    def key_quotations(self, block: m.KeyQuotations) -> str:
        out = []
        for q in block.quotations:
            notes = ""  # (after the figure, whose caption, the speaker, stays under the words)
            if q.themes:
                tags = " · ".join(f'<span aria-hidden="true" class="{self.painted(t)}">{t.glyph}</span> '
                                  f"{text(t.name)}" for t in q.themes)
                notes += f'<p class="tags"><strong>{LABELS.themes}:</strong> {tags}</p>'
            if q.comment:
                notes += f"<p>{inline(q.comment)}</p>"
            out.append(f'<div class="key-quotation">{self.quotation(q)}{notes}</div>')
        return "\n".join(out)

    def quiz(self, block: m.Quiz) -> str:
        items = []
        for item in block.items:
            name = f"{block.field_prefix}-{item.number}"
            body = f'<p id="{name}-text">{inline(item.text)}</p>'
            marks = ""
            if self.student:
                marks = self.answered(item.number, name)
                body += self.quiz_fields(item, name)
            elif item.kind is not m.QuizKind.SHORT:
                body += '<ul class="options">' + "".join(f"<li>{shown}</li>" for _, shown in self.options(item)) + \
                        "</ul>"
            if item.answer is not None:
                body += f'<p class="answer"><strong>{LABELS.answer}</strong> {text(item.answer_text())}</p>'
            items.append(f'<li value="{item.number}" id="{name}"{marks}>{body}</li>')
        return f'<ol class="quiz"{self.answer_set()}>{"".join(items)}</ol>'

    @staticmethod
    def options(item: m.QuizItem) -> list[tuple[str, str]]:
        """Each choice as (the value a student's answer records, what is shown): "B" and its
        letter and words, or "True"."""
        if item.kind is m.QuizKind.CHOICE:
            return [(letter, f"<b>{letter}</b> {inline(words)}")
                    for letter, words in zip(m.OPTION_LETTERS, item.options, strict=False)]
        return [(LABELS.true, LABELS.true), (LABELS.false, LABELS.false)]

    def quiz_fields(self, item: m.QuizItem, name: str) -> str:
        """A labelled box for a short answer, or a group of buttons named by the item's words."""
        if item.kind is m.QuizKind.SHORT:
            return (f'<label for="{name}-answer" class="visually-hidden">Your answer to item {item.number}</label>'
                    f'<textarea id="{name}-answer" name="{name}" rows="{max(2, item.lines)}" data-answer></textarea>')
        choices = "".join(f'<label><input type="radio" name="{name}" value="{escape(value)}" data-answer> '
                          f"<span>{shown}</span></label>" for value, shown in self.options(item))
        return (f'<fieldset aria-labelledby="{name}-text"><legend class="visually-hidden">Item {item.number}</legend>'
                f"{choices}</fieldset>")

    def answer_key(self, block: m.AnswerKey) -> str:
        rows = tuple(((m.Text(str(item.number)),), (m.Text(item.answer_text()),)) for item in block.items)
        return self.table(m.Table(((m.Text("Item"),), (m.Text("Answer"),)), rows, (m.Align.LEFT,) * 2, m.NOWHERE),
                          caption=f"The quiz{APOSTROPHE}s answers")

    def schedule(self, block: m.ReadingSchedule) -> str:
        """The readings, and in the student's page a box for the date each is due and a circle to
        tick when it is read (kept with the answers), before the focus, so that a phone shows them
        without scrolling sideways."""
        reading, chapters, focus, due, done = LABELS.schedule_columns
        columns = [reading, chapters, due, done, focus] if self.student else [reading, chapters, focus]
        head = "".join(f'<th scope="col">{text(label)}</th>' for label in columns)
        rows = []
        for number, r in enumerate(block.readings, 1):
            cells = f'<th scope="row">{text(r.part)}</th><td>{text(r.chapters)}</td>'
            if self.student:
                which = text(f"{r.part}, {LABELS.chapter}s {r.chapters}")
                cells += (f'<td><label for="due-{number}" class="visually-hidden">{due}: {which}</label>'
                          f'<input type="text" id="due-{number}" name="due-{number}" data-answer></td>'
                          f'<td><label for="done-{number}" class="visually-hidden">{done}: {which}</label>'
                          f'<input type="checkbox" id="done-{number}" name="done-{number}" value="done" data-answer>'
                          "</td>")
            rows.append(f"<tr>{cells}<td>{text(r.focus)}</td></tr>")
        return self.boxed_table("Reading schedule", True, head, rows, len(columns), "table schedule")

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
        self.drawings += 1
        svgs = drawing_svgs(block, self.style, description(block), self.drawings)
        return f'<figure class="drawing">{svgs}</figure>\n{self.blocks(alternative(block))}'
