"""Flowables for what students answer: study questions, the quiz and the reading checks, and their keys."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, TableStyle

from .. import model as m
from ..outline import LABELS
from .flowables import FieldLine, FilledColumns, Gap, Grid, Kept, MarkCircle, TaggedParagraph, WriteInLines
from .forms import Choice, Field
from .layout import COLUMN_HEADER, TABLE_PADDING, column_widths, table_summary
from .markup import escaped
from .tagging import Node

if TYPE_CHECKING:
    from .blocks import BlockRenderer

KEY_COLUMNS = 3  # the answer key's columns, at the most
KEY_COLUMN_EMS = 13  # the least width of one, in ems of body text (large print has fewer)
SHORT_OPTION = 38  # characters; longer options get a line each


def questions(r: BlockRenderer, block: m.QuestionList) -> list[Flowable]:
    out: list[Flowable] = []
    with r.inside("L"):
        for question in block.questions:
            with _entry(r) as label:
                parts = [_numbered(r, question.text, question.number, label)]
                if question.answer is not None:
                    guidance = f"<b>{LABELS.answer_guidance}</b> {r.markup(question.answer)}"
                    parts.append(r.tagged(guidance, r.paras.answer))
                field = _field(r, f"question-{question.number}", question.number, question.text, question.lines)
            parts += _write_in(r, question.lines, field)
            # a question never parts from its write-in lines (a student would write in the wrong
            # place); its answer guidance, in the teacher's copy, may go on overleaf
            kept = Kept(parts) if question.lines else Kept(parts, least=r.least)
            out += [kept, *_after_write_in(r, question.lines)]
    return out


def quiz(r: BlockRenderer, block: m.Quiz) -> list[Flowable]:
    out: list[Flowable] = []
    with r.inside("L"):
        for item in block.items:
            with _entry(r) as label:
                parts: list[Flowable] = [_numbered(r, item.text, item.number, label)]
                name = f"{block.field_prefix}-{item.number}"
                field = _field(r, name, item.number, item.text, item.lines)
                if item.kind is m.QuizKind.CHOICE:
                    parts.append(_choices(r, name, item, [(letter, r.markup(option)) for letter, option
                                                     in zip(m.OPTION_LETTERS, item.options, strict=False)]))
                elif item.kind is m.QuizKind.TRUE_FALSE:
                    choices = [("true", f"<b>{LABELS.true}</b>"), ("false", f"<b>{LABELS.false}</b>")]
                    parts.append(_choices(r, name, item, choices))
                if item.answer is not None:
                    parts.append(r.tagged(f"<b>{LABELS.answer}</b> {escaped(item.answer_text())}", r.paras.answer))
            parts += _write_in(r, item.lines, field)
            out += [Kept(parts), *_after_write_in(r, item.lines)]
    return out


@contextmanager
def _entry(r: BlockRenderer) -> Iterator[Node]:
    """A list item (LI) whose Lbl is yielded; what is rendered meanwhile is its LBody."""
    with r.inside("LI") as item:
        label = item.add("Lbl")
        with r.inside("LBody"):
            yield label


def _numbered(r: BlockRenderer, inlines, number: int, label: Node) -> TaggedParagraph:
    return r.tagged(r.markup(inlines), r.paras.question, bulletText=f"{number}.", label=label)


def _field(r: BlockRenderer, name: str, number: int, inlines, lines: int) -> Field | None:
    """In a fillable copy, the text field over a question's lines: its Form element comes after
    the question's words, and its tooltip is the question."""
    if not (r.fillable and lines):
        return None
    return Field(name, tooltip(number, inlines), r.parent.add("Form"))


def tooltip(number: int, inlines) -> str:
    """What a screen reader says on a question's field: its number and words."""
    return f"Question {number}: {m.plain_text(inlines)}"


def _write_in(r: BlockRenderer, lines: int, field: Field | None = None) -> list[Flowable]:
    if not lines:
        return []
    indent = r.paras.question.leftIndent
    # in the muted text colour, not the light rule colour, so the lines survive a photocopier
    return [WriteInLines(lines, r.style.write_in_spacing, r.style.write_in_weight, r.style.muted_colour, indent,
                         field=field, text_size=r.style.body_size, text_colour=r.style.text_colour)]


def _after_write_in(r: BlockRenderer, lines: int) -> list[Flowable]:
    return [Gap(r.style.paragraph_space * 1.5)] if lines else []


def _choices(r: BlockRenderer, name: str, item: m.QuizItem, options: list[tuple[str, str]]) -> Grid:
    """Options with a circle to mark each, two to a row when they are short, else one to a row.
    The circle of the right answer is filled when the item carries its answer."""
    circle = r.style.body_size
    cells = []
    option_words = dict(zip(m.OPTION_LETTERS, item.options, strict=False))
    with r.inside("L"):  # the options, read in order whatever their layout
        for key, label in options:
            shown = f"<b>{key}</b>&nbsp;&nbsp;{label}" if key in m.OPTION_LETTERS else label
            with r.inside("LI"), r.inside("LBody"):
                choice = None
                if r.fillable:  # a radio button on the circle, its Form element before the choice's words
                    words = f"{key} {m.plain_text(option_words[key])}" if key in m.OPTION_LETTERS else key
                    choice = Choice(name, tooltip(item.number, item.text), key, words,
                                    r.parent.add("Form"))
                cells += [MarkCircle(circle, r.style.text_colour, filled=key == item.answer, choice=choice),
                          r.tagged(shown, r.paras.table_cell)]
    short = all(len(m.plain_text(option)) <= SHORT_OPTION for option in item.options)
    per_row = 2 if short else 1
    row_cells = 2 * per_row
    rows = [cells[i:i + row_cells] + [""] * (row_cells - len(cells[i:i + row_cells]))
            for i in range(0, len(cells), row_cells)]
    indent = r.paras.question.leftIndent
    column = (r.frame_width - indent) / per_row
    mark = circle + 8
    table = Grid(rows, colWidths=[mark, column - mark] * per_row, hAlign="RIGHT")  # indented like the text
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), r.paras.table_cell.fontName),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    table.spaceAfter = r.style.paragraph_space
    return table


def answer_key(r: BlockRenderer, block: m.AnswerKey) -> list[Flowable]:
    """Question number -> answer in columns, so a stack of quizzes is quick to mark: as many
    columns as the page has room for at the type size, numbers running down each in turn."""
    cells = []
    with r.inside("L"):  # in number order, though the columns are filled top to bottom
        for item in block.items:
            with r.inside("LI"), r.inside("LBody"):
                cells.append(r.tagged(f"<b>{item.number}.</b> {escaped(item.answer_text())}", r.paras.table_cell))
    count = max(1, min(KEY_COLUMNS, int(r.frame_width / (r.style.body_size * KEY_COLUMN_EMS))))
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), r.paras.table_cell.fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(r.style.rule_colour)),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ])

    return [FilledColumns(cells, count, partial(_key_table, count, style)), Gap(r.style.paragraph_space)]


def _key_table(count: int, style: TableStyle, rows: list[list]) -> Grid:
    grid = Grid(rows, colWidths=[f"{100 / count:.2f}%"] * count, hAlign="LEFT", repeatRows=0)
    grid.setStyle(style)
    return grid


SCHEDULE_COLUMNS = LABELS.schedule_columns
WRITING_ROOM = 2.4  # lines of body text: the least height of a schedule row, for a handwritten date
SCHEDULE_SHARES = (0.1, 0.05, 0.6, 0.2, 0.05)  # how the room beyond the longest words is shared


def _reading_name(reading: m.Reading) -> str:
    return f"Reading for {reading.part}, chapters {reading.chapters}"


def reading_schedule(r: BlockRenderer, block: m.ReadingSchedule) -> list[Flowable]:
    """Each reading with blank room for the date it is due and a circle to tick when done."""
    def cell(value: str) -> Paragraph:
        return r.tagged(escaped(value), r.paras.table_cell, role="TD")

    def blank(number: int, reading: m.Reading) -> str | FieldLine:  # a cell for the student to write in
        cell = r.parent.add("TD", keep_empty=True)  # (an element with nothing printed)
        if not r.fillable:
            return ""
        field = Field(f"due-{number}", f"{_reading_name(reading)}: the date it is due", cell.add("Form"),
                      multiline=False)
        return FieldLine(field, r.paras.table_cell.leading, r.style.body_size, r.style.text_colour)

    def tick(number: int, reading: m.Reading) -> MarkCircle:  # a circle to tick, drawn as decoration
        cell = r.parent.add("TD", keep_empty=True)
        check = Field(f"done-{number}", f"{_reading_name(reading)}: done", cell.add("Form")) if r.fillable else None
        return MarkCircle(r.style.body_size, r.style.text_colour, filled=False, check=check)

    summary = f"{table_summary(list(SCHEDULE_COLUMNS), len(block.readings))}; the last two are for you to fill in"
    with r.inside("Table", attributes={"O": "Table", "Summary": summary}):
        with r.inside("TR"):
            head = [r.tagged(f"<b>{label}</b>", r.paras.table_head, role="TH", attributes=COLUMN_HEADER)
                    for label in SCHEDULE_COLUMNS]
        rows = []
        for number, reading in enumerate(block.readings, 1):
            with r.inside("TR"):
                rows.append([cell(reading.part), cell(reading.chapters), cell(reading.focus), blank(number, reading),
                             tick(number, reading)])
    columns = [[label, *values] for label, values in zip(SCHEDULE_COLUMNS, (
        [reading.part for reading in block.readings], [reading.chapters for reading in block.readings],
        [reading.focus for reading in block.readings], ["00/00/00"], ["Done"]), strict=True)]
    widths = column_widths(columns, r.paras.table_head.fontName, r.paras.table_head.fontSize, TABLE_PADDING,
                           r.frame_width, weights=list(SCHEDULE_SHARES))
    # each row as tall as its cells, and never less than room to write a date in by hand
    table = Grid([head, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    padding = (r.style.body_leading * WRITING_ROOM - r.paras.table_cell.leading) / 2
    grid = colors.HexColor(r.style.rule_colour)
    table.setStyle(TableStyle([
        ("TOPPADDING", (0, 1), (-1, -1), padding), ("BOTTOMPADDING", (0, 1), (-1, -1), padding),
        ("FONTNAME", (0, 0), (-1, -1), r.paras.table_cell.fontName),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (4, 0), (4, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(r.style.box_colour)),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor(r.style.accent_colour)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, grid),
        ("LINEBEFORE", (3, 1), (4, -1), 0.5, grid),
    ]))
    return [table, Gap(r.style.paragraph_space)]


HANDLERS: dict[type, Callable[..., list[Flowable]]] = {
    m.QuestionList: questions, m.Quiz: quiz, m.AnswerKey: answer_key, m.ReadingSchedule: reading_schedule,
}
