"""What a reader sees: pull-quotes, character boxes, and each edition's own material."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import STYLES, shipped_guide, words
from nlmg_pdf import model as m
from nlmg_pdf.transforms import notes_after_citing_blocks, walk


def guide() -> m.Guide:
    return shipped_guide()


def sample(inlines) -> str:
    """A distinctive stretch of a block's words, short enough to sit on one page."""
    return " ".join(words(m.plain_text(inlines)).split()[:8])


def blocks_in(g: m.Guide, blocks) -> list:
    """`blocks` and every block inside them, containers first (walk over a guide holding just them)."""
    return list(walk(replace(g, sections=(replace(g.sections[0], blocks=tuple(blocks)),))))


def teacher_only_samples() -> list[str]:
    """Text from every teacher-only place in the content: sections, boxes and answers."""
    g, samples = guide(), []
    for section in g.sections:
        teacher_section = m.Edition.STUDENT not in section.editions
        inside = blocks_in(g, section.blocks)
        paragraphs = inside if teacher_section else [
            p for block in inside if isinstance(block, m.Only) and m.Edition.STUDENT not in block.editions
            for p in blocks_in(g, block.children)]
        # (an extract of the novel that teaching material quotes, as exam practice does, is the
        # novel's words, which the student edition may quote too: the guide's own words are sampled)
        quoted = {id(p) for block in inside if isinstance(block, m.BlockQuote) for p in blocks_in(g, block.children)}
        samples += [sample(p.children) for p in paragraphs if isinstance(p, m.Paragraph) and id(p) not in quoted]
        samples += [sample(q.answer) for block in inside if isinstance(block, m.QuestionList)
                    for q in block.questions if q.answer]
        if teacher_section:
            samples.append(section.title)
    return [s for s in samples if s]


def test_key_quotations_are_printed_with_speaker_and_chapter(teacher, student):
    """Every quotation, through @key-quotations (the shipped guide places no @pullquote; a
    pull-quote is tested on the other novel's guide, in test_other_novel.py)."""
    for quotation in guide().quotations.values():
        for pdf in (teacher, student):
            assert pdf.shows(quotation.text)
            assert pdf.shows(f"— {quotation.speaker}, chapter {quotation.chapter}")


def test_character_boxes_show_name_role_profile_and_traits(teacher):
    for character in guide().characters.values():
        assert teacher.shows(character.name)
        assert teacher.shows(character.role)
        assert teacher.shows(sample(character.profile))
        assert teacher.shows(" · ".join(character.traits))


def test_teacher_only_material_is_in_the_teacher_edition_only(teacher, student):
    samples = teacher_only_samples()
    assert len(samples) > 10
    for text in samples:
        assert teacher.shows(text), text
        assert not student.shows(text), text
    assert "Answer guidance" in teacher.text and "Answer guidance" not in student.text
    quiz = [item for b in walk(guide()) if isinstance(b, m.Quiz) for item in b.items]
    assert quiz
    for item in quiz:
        assert teacher.shows(f"Answer: {item.answer_text()}")
    assert "Answer:" not in student.text and "Quiz answer key" not in student.text
    assert "TEACHING NOTE" in teacher.text and "TEACHING NOTE" not in student.text


def test_teacher_only_material_is_not_in_the_student_outline_or_metadata(student):
    hidden = {s.title for s in guide().sections if m.Edition.STUDENT not in s.editions}
    titles = [item.title for item in student.reader.outline if not isinstance(item, list)]
    assert hidden and not hidden & set(titles)
    assert "Teacher" not in str(student.reader.metadata)


def test_student_only_material_is_in_the_student_edition_only(teacher, student):
    samples = []
    for block in walk(guide()):
        if isinstance(block, m.Only) and m.Edition.TEACHER not in block.editions:
            samples += [sample(p.children) for p in block.children if isinstance(p, m.Paragraph)]
    assert samples
    for text in samples:
        assert student.shows(text) and not teacher.shows(text)


def test_questions_are_numbered_alike_in_both_editions(teacher, student):
    questions = [q for section in guide().sections for b in section.blocks
                 if isinstance(b, m.QuestionList) for q in b.questions]
    for number, question in enumerate(questions, start=1):
        for pdf in (teacher, student):
            assert pdf.shows(f"{number}. {sample(question.text)}")


def test_footnotes_are_printed_as_numbered_notes(teacher):
    notes = [n for b in walk(guide()) if isinstance(b, m.NoteList) for n in b.notes]
    assert notes
    for note in notes:
        assert teacher.shows(f"{note.number} {sample(note.children[0].children)}")


def test_a_note_is_printed_under_the_block_that_cites_it():
    """The reader moves each note to just after the first block citing it, in its section."""
    g = guide()
    section = next(s for s in g.sections if any(isinstance(b, m.NoteList) for b in s.blocks))
    moved = notes_after_citing_blocks(replace(g, sections=(section,))).sections[0].blocks
    kinds = [type(block).__name__ for block in moved]
    assert kinds[:2] == ["Table", "NoteList"] and kinds.count("NoteList") == 1, kinds
    assert moved[1].notes == next(b for b in section.blocks if isinstance(b, m.NoteList)).notes
    uncited = m.NoteList((m.Note(9, "note-9", (m.Paragraph((m.Text("Nobody cites me."),)),)),))
    kept = notes_after_citing_blocks(replace(g, sections=(replace(section, blocks=(*section.blocks, uncited)),)))
    assert kept.sections[0].blocks[-1] == uncited  # a note nothing cites stays where it was


@pytest.mark.parametrize("style", [pytest.param(name, marks=() if name == "default" else pytest.mark.slow)
                                   for name in STYLES])
def test_a_note_prints_on_its_markers_page_under_the_block_citing_it(pdfs, style):
    """The 'At a glance' table's note prints on the page of its marker ('decades' and the note's
    number), right under the table: under its end, or, where the table goes on overleaf (large
    print), under its part on that page, as a footnote; and never with a table split on one page."""
    if style != "default":
        pdfs.build((name, "letter") for name in STYLES)
    pdf = pdfs.open("teacher", style)
    note = next(n for b in walk(guide()) if isinstance(b, m.NoteList) for n in b.notes)
    shown = f"{note.number} {sample(note.children[0].children)}"
    pages = [number for number, text in enumerate(pdf.pages) if words(shown) in words(text)]
    marker = [number for number, text in enumerate(pdf.pages) if f"earlier decades{note.number}" in words(text)]
    assert pages and pages == marker, (pages, marker)
    assert all(words(text).count("Feature Details") <= 1 for text in pdf.pages), "a table split on its own page"
    before_note = words(pdf.pages[pages[0]]).split(shown)[0].rstrip()
    last_rows = ("just below the surface", "carers and donors (18\u201323)")  # the table's end, or a part's
    assert before_note.endswith(last_rows), before_note[-200:]
