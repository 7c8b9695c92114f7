"""Handouts (`build --only`): one lesson's pieces, numbered as in the whole guide, with a short
head instead of a cover and contents, and the pieces there are (`nlmg-pdf list`)."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import layout_checks as lc
from conftest import EDITIONS, open_pdf, run_tool, shipped_guide
from nlmg_pdf import model as m
from nlmg_pdf.outline import walk
from nlmg_pdf.transforms import prepare

KINDS = {  # a handout of each kind: its pieces, and the most pages each edition may take
    "part-two-questions": {"student": 5, "teacher": 3},
    "part-one-check": {"student": 2, "teacher": 2},
    "quiz": {"student": 8, "teacher": 8},
    "glossary": {"student": 3, "teacher": 3},
}


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("handouts")
    for ident in KINDS:
        result = run_tool("build", "--edition", "all", "--only", ident, "--out", f"{folder}/")
        assert result.returncode == 0, result.stderr
    return folder


def handout_model(ident: str, edition: str) -> m.Guide:
    return prepare(replace(shipped_guide(), only=(ident,)), m.Edition(edition))


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("ident", [pytest.param(ident, marks=() if ident == "part-two-questions" else pytest.mark.slow)
                                   for ident in KINDS])
def test_a_handout_keeps_the_guides_numbers_and_has_a_head_instead_of_a_cover(handouts, ident, edition):
    pdf = open_pdf(handouts / f"never-let-me-go-{edition}-{ident}.pdf")
    guide = handout_model(ident, edition)
    assert 1 <= len(pdf.pages) <= KINDS[ident][edition], len(pdf.pages)
    first = pdf.pages[0]
    assert first.startswith(f"Never Let Me Go \u00b7 {edition.capitalize()} edition")
    assert guide.sections[0].title in re.sub(r"\s+", " ", first) and "Contents" not in first
    assert ("Name" in first and "Class" in first and "Date" in first) == (edition == "student")
    shown = pdf.text
    blocks = list(walk(guide))
    numbers = [q.number for b in blocks if isinstance(b, m.QuestionList) for q in b.questions]
    numbers += [item.number for b in blocks if isinstance(b, m.Quiz) for item in b.items]
    for number in numbers:
        assert re.search(rf"(?:^|\s){number}\.\s", shown), number
    if ident == "part-two-questions":
        assert numbers == list(range(12, 22))  # as in the whole guide, so "question 14" is the same question
    answers = [b for b in blocks if isinstance(b, m.QuestionList | m.Quiz)]
    if answers:
        assert ("Answer guidance." in shown or "Answer:" in shown) == (edition == "teacher")
    layout = lc.read_layout(pdf.path, lc.style_margins("default"))
    problems = {name: found for name, found in lc.all_checks(layout, guide).items() if found}
    assert not problems, problems


def test_the_pieces_are_listed_with_their_numbers():
    result = run_tool("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "part-two-questions    question set: Study questions: Part Two (questions 12\u201321)" in lines
    assert any(line.startswith("part-one-check ") and "reading check" in line for line in lines)
    assert any(line.startswith("teaching-notes ") and line.endswith("(teacher edition only)") for line in lines)
    assert len(lines) == len({line.split()[0] for line in lines}) > 30


@pytest.mark.parametrize(("args", "message"), [
    (["--only", "part-two-questoins"], "--only: unknown piece 'part-two-questoins'; did you mean "
                                       "'part-two-questions'?; expected one of: at-a-glance, "),
    (["--edition", "student", "--only", "teaching-notes"],
     "--only: 'teaching-notes' is in the teacher edition only; expected --edition teacher, or a piece of the "
     "student edition"),
    (["--only", ","], "--only: no piece named; expected ids such as 'part-two-questions' (nlmg-pdf list shows "
                      "them all)"),
])
def test_a_piece_that_is_not_there_is_one_line_naming_those_that_are(tmp_path, args, message):
    result = run_tool("build", *args, "--out", f"{tmp_path}/")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(message), line
    assert not list(tmp_path.iterdir())
