"""The workbook as a teacher copies it: room to write as much as the model answer, a name
line on every page a student writes on, and the reading schedule on a page of its own."""
from __future__ import annotations

import math

from conftest import shipped_guide
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
