"""The workbook as a teacher copies it: room to write as much as the model answer, a name
line on every page a student writes on, and the reading schedule on a page of its own."""
from __future__ import annotations

import math
import re

import pytest

import layout_checks as lc
from conftest import STYLES, shipped_guide
from nlmg_pdf import model as m
from nlmg_pdf.transforms import walk

NAME_LINE = "Name"


def questions(edition: m.Edition) -> list[m.Question]:
    return [question for block in walk(shipped_guide(edition)) if isinstance(block, m.QuestionList)
            for question in block.questions]


def test_each_question_has_room_for_an_answer_as_long_as_the_model_answer():
    answered = {question.source: question for question in questions(m.Edition.TEACHER)}
    for question in questions(m.Edition.STUDENT):
        model = answered[question.source].answer
        if question.lines and model:  # (essays are written on separate paper: no lines)
            assert question.lines >= min(30, math.ceil(len(m.plain_text(model).split()) / 10)), question.source


def footer(pdf, page: int) -> str:
    return pdf.pages[page].rsplit("Page ", 1)[-1]


def test_every_page_with_questions_or_the_quiz_has_a_name_line_and_no_other_page_has(student, teacher):
    named = [page for page in range(1, len(student.pages)) if f" {NAME_LINE} " in f" {footer(student, page)} "]
    first = next(page for page in range(len(student.pages)) if student.pages[page].startswith("Study questions"))
    quiz = next(page for page in range(len(student.pages)) if student.pages[page].startswith("Quiz"))
    assert first in named and quiz in named and min(named) == first  # none before the questions begin
    assert not any(f" {NAME_LINE} " in f" {footer(teacher, page)} " for page in range(1, len(teacher.pages)))


def test_the_reading_schedule_has_a_page_of_its_own(student):
    (page,) = [index for index, text in enumerate(student.pages) if text.startswith("Reading schedule")]
    assert "Plot overview" not in student.pages[page] and "How to use this guide" not in student.pages[page]


@pytest.mark.parametrize("style", [pytest.param(name, marks=() if name == "default" else pytest.mark.slow)
                                   for name in STYLES])
def test_the_answer_keys_numbers_run_down_each_column_of_each_page_in_turn(pdfs, style):
    """Read as a teacher marks: down the first column of a page, then the next, then overleaf,
    the numbers go 1, 2, 3 ... to the last, whichever page the key breaks on."""
    if style != "default":
        pdfs.build((name, "letter") for name in STYLES)
    layout = lc.read_layout(pdfs.path("teacher", style), lc.style_margins(style))
    start = next(mark.page for mark in layout.bookmarks if mark.title == "Quiz answer key")
    read = []
    for page in layout.pages[start - 1:]:
        numbers = [(word.left, -word.top, int(word.text[:-1])) for line in layout.body(page)
                   for word in line.words if re.fullmatch(r"\d+\.", word.text)]
        columns = sorted({round(left / 20) for left, _, _ in numbers})
        read += [number for column in columns  # each column top to bottom
                 for _, number in sorted((down, number) for left, down, number in numbers
                                         if round(left / 20) == column)]
    items = [item for block in walk(shipped_guide(m.Edition.TEACHER)) if isinstance(block, m.Quiz) and not block.check
             for item in block.items]
    assert read == [item.number for item in items], read
