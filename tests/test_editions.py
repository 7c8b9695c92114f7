"""Two products from one source: a student workbook to write in, a teacher's answered copy."""
from __future__ import annotations

import re

import pytest

from conftest import open_pdf, run_tool, shipped_guide, write_in_rules
from nlmg_pdf import model as m
from nlmg_pdf.transforms import walk

CIRCLE = re.compile(r"m\n(?:[-\d. ]+ c\n){4}(S|B\*?)\n")  # four curves, then stroked or filled
FIGURE = re.compile(r"/Figure <</MCID \d+>> BDC.*?EMC", re.DOTALL)  # a drawing's marks, in its Figure


def blocks_of(edition: m.Edition, kind) -> list:
    """Every block of a kind in the edition, in reading order."""
    return [block for block in walk(shipped_guide(edition)) if isinstance(block, kind)]


def exercises(edition: m.Edition) -> list:
    """The edition's questions and quiz items, in the order they are printed."""
    return [item for block in blocks_of(edition, (m.QuestionList, m.Quiz))
            for item in (block.questions if isinstance(block, m.QuestionList) else block.items)]


def drawing(pdf, page: int) -> str:
    return pdf.reader.pages[page].get_contents().get_data().decode("latin-1")


def write_in_lines(pdf, page: int) -> int:
    return len(write_in_rules(pdf, page))


def test_student_cover_is_a_workbook_cover_and_the_teacher_cover_says_so(student, teacher):
    for label in ("Name", "Class", "Date"):
        assert re.search(rf"\b{label}\b", student.pages[0])
        assert not re.search(rf"\b{label}\b", teacher.pages[0])
    assert "Student edition" in student.pages[0] and "Teacher" not in student.pages[0]
    assert "Teacher edition" in teacher.pages[0] and "Kazuo Ishiguro" in teacher.pages[0]


def test_every_question_has_its_write_in_lines_on_its_own_page(student):
    items = exercises(m.Edition.STUDENT)
    assert sum(item.lines for item in items) > 100
    expected = [0] * len(student.pages)
    for item in items:
        opening = f"{item.number}. {' '.join(m.plain_text(item.text).split()[:6])}"
        (page,) = [i for i, text in enumerate(student.pages) if opening in text and i > 2][-1:]
        expected[page] += item.lines  # all its lines are drawn on the page where it starts
    assert [write_in_lines(student, page) for page in range(len(student.pages))] == expected


def test_teacher_edition_has_answers_instead_of_lines(teacher):
    assert sum(write_in_lines(teacher, page) for page in range(len(teacher.pages))) == 0
    assert all(item.answer for item in exercises(m.Edition.TEACHER))


def test_quiz_choices_have_circles_to_mark_filled_only_at_the_teachers_answers(student, teacher):
    items = [item for item in exercises(m.Edition.STUDENT) if isinstance(item, m.QuizItem)]
    choices = sum(len(i.options) if i.kind is m.QuizKind.CHOICE else 2 for i in items if i.kind is not m.QuizKind.SHORT)
    answered = sum(1 for i in items if i.kind is not m.QuizKind.SHORT)
    readings = sum(len(block.readings) for block in blocks_of(m.Edition.STUDENT, m.ReadingSchedule))

    def circles(pdf, filled: bool):  # (a drawing's circles, such as the timeline's marks, are no answer circles)
        found = [op for page in range(len(pdf.pages)) for op in CIRCLE.findall(FIGURE.sub("", drawing(pdf, page)))]
        return sum(op.startswith("B") == filled for op in found)

    assert circles(student, filled=False) == choices + readings and circles(student, filled=True) == 0
    assert circles(teacher, filled=True) == answered and circles(teacher, filled=False) == choices - answered


def test_reading_schedule_is_in_the_workbook_only(student, teacher):
    assert "Reading schedule" in student.text and "Reading schedule" not in teacher.text
    for part, chapters in (("Part One", "1–4"), ("Part Three", "21–22"), ("Part Three", "23")):
        assert student.shows(f"{part} {chapters}")


def test_the_film_section_and_the_timed_lessons_are_the_teachers_and_new_quiz_items_in_both(student, teacher):
    """The film's differences and how to use it in class, and the lesson plans, are teaching
    material; the quiz items for the chapters it missed are in both copies, answered in one."""
    for shown in ("What it keeps", "Using the film in class", "Plan (60 minutes)"):
        assert teacher.shows(shown) and not student.shows(shown), shown
    for item in ("which donation is he recovering", "Why do the students call the visitor"):
        assert teacher.shows(item) and student.shows(item), item
    assert teacher.shows("Answer: C (His third)") and not student.shows("His third)")


def test_every_teacher_page_says_teacher_edition(teacher, student):
    assert all("Teacher edition" in text for text in teacher.pages[1:])
    assert not any("Teacher edition" in text for text in student.pages)


def test_question_numbers_match_between_editions():
    student = [(i.number, m.plain_text(i.text)) for i in exercises(m.Edition.STUDENT)]
    teacher = [(i.number, m.plain_text(i.text)) for i in exercises(m.Edition.TEACHER)]
    assert student == teacher and len({n for n, _ in student if n}) > 40


@pytest.mark.slow
@pytest.mark.parametrize("out", [None, "handouts"])
def test_edition_all_builds_both_into_one_folder(tmp_path, out):
    args = ["build", "--edition", "all", *(["--out", out] if out else [])]
    result = run_tool(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / (out or "out")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for edition in ("student", "teacher"):
        path = folder / f"never-let-me-go-{edition}.pdf"
        assert any(line.startswith(str(path.relative_to(tmp_path))) for line in lines)
        assert f"{edition.capitalize()} edition" in open_pdf(path).pages[1]


def test_edition_all_refuses_a_pdf_file_as_its_folder(tmp_path):
    result = run_tool("build", "--edition", "all", "--out", "guide.pdf", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == ("--out: 'guide.pdf' names a PDF file; with --edition all, "
                                     "expected a folder to write both editions into")


def test_the_reading_checks_are_in_both_copies_answered_in_one_and_the_vocabulary_in_both(student, teacher):
    checks = [block for block in blocks_of(m.Edition.TEACHER, m.Quiz) if block.check]
    assert [block.check for block in checks] == ["part-one", "part-two", "part-three"]
    for block in checks:
        for item in block.items:
            opening = f"{item.number}. {' '.join(m.plain_text(item.text).split()[:6])}"
            assert teacher.shows(opening) and student.shows(opening), opening
            answer = f"Answer: {item.answer_text()}"
            assert teacher.shows(answer) and not student.shows(answer), answer
    for shown in ("Part Two: chapters 10–17", "Words from the novel", "Pathetic fallacy.", "bemusement"):
        assert teacher.shows(shown) and student.shows(shown), shown
    assert teacher.shows("the pages double as the key") and not student.shows("double as the key")
