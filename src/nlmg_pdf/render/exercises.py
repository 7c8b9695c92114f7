"""Flowables for what students answer: study questions, the quiz and its answer key."""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .. import model as m
from .flowables import Kept
from .markup import text

if TYPE_CHECKING:
    from .blocks import BlockRenderer

KEY_COLUMNS = 3
SHORT_OPTION = 38  # characters; longer options get a line each


def questions(r: BlockRenderer, block: m.QuestionList) -> list[Flowable]:
    out: list[Flowable] = []
    for question in block.questions:
        parts = [Paragraph(r.markup(question.text), r.styles.question, bulletText=f"{question.number}.")]
        if question.answer is not None:
            parts.append(Paragraph(f"<b>Answer guidance.</b> {r.markup(question.answer)}", r.styles.answer))
        out.append(Kept(parts))
    return out


def quiz(r: BlockRenderer, block: m.Quiz) -> list[Flowable]:
    out: list[Flowable] = []
    for item in block.items:
        parts: list[Flowable] = [Paragraph(r.markup(item.text), r.styles.question, bulletText=f"{item.number}.")]
        if item.kind is m.QuizKind.CHOICE:
            parts.append(_options(r, item))
        elif item.kind is m.QuizKind.TRUE_FALSE:
            parts.append(Paragraph(f"<b>True</b>{'&nbsp;' * 6}<b>False</b>", r.styles.quiz_option))
        if item.answer is not None:
            parts.append(Paragraph(f"<b>Answer:</b> {text(item.answer_text())}", r.styles.answer))
        out.append(Kept(parts))
    return out


def _options(r: BlockRenderer, item: m.QuizItem) -> Table:
    """Lettered options, two to a row when they are short enough, else one to a row."""
    cells = [Paragraph(f"<b>{letter}</b>&nbsp;&nbsp;{r.markup(option)}", r.styles.table_cell)
             for letter, option in zip(m.OPTION_LETTERS, item.options, strict=False)]
    short = all(len(m.plain_text(option)) <= SHORT_OPTION for option in item.options)
    per_row = 2 if short else 1
    rows = [cells[i:i + per_row] + [""] * (per_row - len(cells[i:i + per_row])) for i in range(0, len(cells), per_row)]
    table = Table(rows, colWidths=[f"{100 / per_row:.2f}%"] * per_row, hAlign="LEFT")
    indent = r.styles.quiz_option.leftIndent
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), r.styles.table_cell.fontName),
        ("LEFTPADDING", (0, 0), (0, -1), indent), ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    table.spaceAfter = r.style.paragraph_space
    return table


def answer_key(r: BlockRenderer, block: m.AnswerKey) -> list[Flowable]:
    """Question number -> answer in columns, so a stack of quizzes is quick to mark."""
    cells = [Paragraph(f"<b>{item.number}.</b> {text(item.answer_text())}", r.styles.table_cell)
             for item in block.items]
    rows_count = -(-len(cells) // KEY_COLUMNS)
    columns = [cells[i * rows_count:(i + 1) * rows_count] for i in range(KEY_COLUMNS)]
    rows = [[column[row] if row < len(column) else "" for column in columns] for row in range(rows_count)]
    table = Table(rows, colWidths=[f"{100 / KEY_COLUMNS:.2f}%"] * KEY_COLUMNS, hAlign="LEFT", repeatRows=0)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), r.styles.table_cell.fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(r.style.rule_colour)),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return [table, Spacer(1, r.style.paragraph_space)]


HANDLERS = {m.QuestionList: questions, m.Quiz: quiz, m.AnswerKey: answer_key}
