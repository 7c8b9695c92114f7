"""The student edition can be filled in on a laptop: a text field over each question's lines
and each of the cover's lines, a radio group for each quiz item with choices, a date and a
check box for each reading of the schedule; every field in
the structure tree with a tooltip naming its question; answers kept when the copy is filled
in and saved; and an empty copy that prints exactly like the workbook without fields. The
teacher's copy has none."""
from __future__ import annotations

import io
import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader, PdfWriter

from conftest import shipped_guide
from nlmg_pdf import model as m
from nlmg_pdf.transforms import walk
from tagged_pdf import tagged

COVER_FIELDS = ["name", "class", "date"]


def readings() -> list[m.Reading]:
    return [reading for block in walk(shipped_guide(m.Edition.STUDENT)) if isinstance(block, m.ReadingSchedule)
            for reading in block.readings]


def exercises(edition: m.Edition) -> tuple[list[m.Question], dict[str, m.QuizItem]]:
    """The study questions, and the items of the quiz and the reading checks by their fields'
    names ('quiz-3', 'check-part-two-3')."""
    blocks = list(walk(shipped_guide(edition)))
    questions = [question for block in blocks if isinstance(block, m.QuestionList) for question in block.questions]
    items = {f"{block.field_prefix}-{item.number}": item for block in blocks if isinstance(block, m.Quiz)
             for item in block.items}
    assert {name.split("-")[0] for name in items} == {"quiz", "check"}
    return questions, items


def widgets(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    return [(index, annotation) for index, page in enumerate(pdf.pages)
            for annotation in page.obj.get("/Annots", []) if annotation.get("/Subtype") == "/Widget"]


def expected_fields() -> dict[str, str]:
    """Field name -> its kind, from the model: what the workbook should hold."""
    questions, items = exercises(m.Edition.STUDENT)
    wanted = {name: "/Tx" for name in COVER_FIELDS}
    wanted |= {f"question-{question.number}": "/Tx" for question in questions if question.lines}
    for name, item in items.items():
        if item.kind in (m.QuizKind.CHOICE, m.QuizKind.TRUE_FALSE):
            wanted[name] = "/Btn"
        elif item.lines:
            wanted[name] = "/Tx"
    for number, _ in enumerate(readings(), 1):  # the reading schedule's date to write and circle to tick
        wanted |= {f"due-{number}": "/Tx", f"done-{number}": "/Btn"}
    assert readings()
    return wanted


def test_the_workbook_has_a_field_for_every_answer_and_the_teachers_copy_none(student, teacher):
    fields = student.reader.get_fields() or {}
    assert {name: field.get("/FT") for name, field in fields.items()} == expected_fields()
    assert not teacher.reader.get_fields() and "/AcroForm" not in teacher.reader.trailer["/Root"]
    _, items = exercises(m.Edition.STUDENT)
    for name, item in items.items():  # a button for each choice, each chosen by its own letter (or true or false)
        if item.kind in (m.QuizKind.CHOICE, m.QuizKind.TRUE_FALSE):
            states = sorted(state for state in fields[name].get("/_States_", []) if state != "/Off")
            letters = m.OPTION_LETTERS[:len(item.options)] if item.kind is m.QuizKind.CHOICE else ("false", "true")
            assert states == [f"/{letter}" for letter in letters], (item.number, states)


def test_every_field_is_in_the_tree_with_a_tooltip_naming_its_question(student):
    doc = tagged(student.path)
    questions, items = exercises(m.Edition.STUDENT)
    words = {f"question-{q.number}": (q.number, q.text) for q in questions}
    words |= {name: (item.number, item.text) for name, item in items.items()}
    in_tree = {element.obj.objgen: element for element in doc.elements}
    order = []
    for index, widget in widgets(doc.pdf):
        field = widget.get("/Parent", widget)
        name, tooltip = str(field.T), str(field.get("/TU", ""))
        owner = doc.parent_tree.get(int(widget.StructParent))
        assert isinstance(owner, pikepdf.Dictionary) and owner.S == "/Form", (name, owner)
        assert owner.objgen in in_tree, f"{name}: its Form element is not in the tree"
        assert any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and kid.Obj.objgen ==
                   widget.objgen for kid in (owner.K if isinstance(owner.K, pikepdf.Array) else [owner.K]))
        if name in words:
            number, inlines = words[name]
            assert tooltip == f"Question {number}: {m.plain_text(inlines)}", (name, tooltip)
        elif name.startswith(("due-", "done-")):
            reading = readings()[int(name.split("-")[1]) - 1]
            assert tooltip.startswith(f"Reading for {reading.part}, chapters {reading.chapters}: "), (name, tooltip)
        else:
            assert name in COVER_FIELDS and tooltip.lower() == name
        order.append(doc.elements.index(in_tree[owner.objgen]))
        assert doc.pdf.pages[index].obj.get("/Tabs") == "/S"  # Tab follows the structure
    assert order == sorted(order), "the fields are not met in reading order"


def test_fields_draw_nothing_of_their_own(student):
    """No border, no background, no font in an appearance: the page's own lines and circles show."""
    pdf = pikepdf.open(student.path)
    for _, widget in widgets(pdf):
        assert "/MK" not in widget and "/BS" not in widget, widget.get("/T", widget.get("/Parent", {}).get("/T"))
        assert int(widget.F) & 4  # printed with the page, so what was typed prints too
        for appearance in (widget.AP.N.values() if isinstance(widget.AP.N, pikepdf.Dictionary)
                           and "/BBox" not in widget.AP.N else [widget.AP.N]):
            assert "/Font" not in appearance.get("/Resources", {})


@pytest.mark.slow
def test_answers_typed_and_chosen_are_kept_when_the_copy_is_saved(student, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(student.path))
    answers = {"name": "Sam Okafor", "question-1": "Kathy looks back from her thirties.", "quiz-1": "/B",
               "due-1": "7 March", "done-1": "/Yes"}
    for page in writer.pages:
        if any(annotation.get_object().get("/Subtype") == "/Widget" for annotation in page.get("/Annots", [])):
            writer.update_page_form_field_values(page, answers, auto_regenerate=False)
    saved = tmp_path / "filled.pdf"
    writer.write(saved)
    fields = PdfReader(saved).get_fields()
    assert {name: fields[name].get("/V") for name in answers} == answers
    assert fields["question-2"].get("/V") in ("", None)  # and nothing else was filled
    if shutil.which("pdftoppm"):  # poppler (Okular's and Evince's library) draws what was saved
        filled = pikepdf.open(saved)  # (kept open while its objects are read)
        page = next(index for index, widget in widgets(filled) if str(widget.get("/T", "")) == "question-1")
        assert render(saved, page) != render(student.path, page)


def render(path, index: int, *options: str) -> bytes:
    return subprocess.run(["pdftoppm", "-r", "50", "-png", *options, "-f", str(index + 1), "-l", str(index + 1),
                           str(path)], capture_output=True, check=True).stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed "
                    "(.ci/run installs poppler-utils)")
def test_an_empty_copy_prints_exactly_like_the_workbook_without_fields(student):
    pdf = pikepdf.open(student.path)
    pages = sorted({index for index, _ in widgets(pdf)})
    for index in (pages[0], pages[len(pages) // 2], pages[-1]):  # the cover, a questions page, a quiz page
        shown = [Image.open(io.BytesIO(render(student.path, index, *hide))).convert("RGB")
                 for hide in ([], ["-hide-annotations"])]
        assert ImageChops.difference(*shown).getbbox() is None, f"page {index + 1} looks different with its fields"
