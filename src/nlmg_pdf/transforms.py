"""Transforms over the document model, run between loading and rendering.

Each takes a Guide and returns a new one.  The edition rules live here and nowhere else:
the renderer draws whatever the filtered model holds.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from . import model as m

Rewrite = Callable[[m.Block], Iterable[m.Block]]


def rewrite_blocks(blocks: Iterable[m.Block], rewrite: Rewrite) -> tuple[m.Block, ...]:
    """Apply `rewrite` to every block, children first; it may return none, one or many."""
    out: list[m.Block] = []
    for block in blocks:
        out.extend(rewrite(_with_rewritten_children(block, rewrite)))
    return tuple(out)


def _with_rewritten_children(block: m.Block, rewrite: Rewrite) -> m.Block:
    if isinstance(block, m.ListBlock):
        return replace(block, items=tuple(rewrite_blocks(item, rewrite) for item in block.items))
    if isinstance(block, (m.BlockQuote, m.Callout, m.Only)):
        return replace(block, children=rewrite_blocks(block.children, rewrite))
    if isinstance(block, m.NoteList):
        notes = tuple(replace(note, children=rewrite_blocks(note.children, rewrite)) for note in block.notes)
        return replace(block, notes=notes)
    return block


def walk(guide: m.Guide) -> Iterator[m.Block]:
    """Every block of the guide, containers before what they hold, in reading order."""
    def within(blocks: Iterable[m.Block]) -> Iterator[m.Block]:
        for block in blocks:
            yield block
            if isinstance(block, m.ListBlock):
                for item in block.items:
                    yield from within(item)
            elif isinstance(block, m.BlockQuote | m.Callout | m.Only):
                yield from within(block.children)
            elif isinstance(block, m.NoteList):
                for note in block.notes:
                    yield from within(note.children)

    for section in guide.sections:
        yield from within(section.blocks)


def rewrite_guide(guide: m.Guide, rewrite: Rewrite) -> m.Guide:
    sections = tuple(replace(s, blocks=rewrite_blocks(s.blocks, rewrite)) for s in guide.sections)
    return replace(guide, sections=sections)


WORKBOOK_COVER_FIELDS = ("Name", "Class", "Date")


def for_edition(guide: m.Guide, edition: m.Edition) -> m.Guide:
    """Make the guide one edition's product. The student workbook keeps the write-in lines
    and the cover's name lines and loses every answer; the teacher's copy keeps the answers,
    keys and notes, and drops the lines, which an answered question does not need."""
    teacher = edition is m.Edition.TEACHER

    def rewrite(block: m.Block) -> Iterable[m.Block]:
        if isinstance(block, m.Only):
            return block.children if edition in block.editions else ()
        if isinstance(block, m.QuestionList):
            questions = tuple(replace(q, lines=0) if teacher else replace(q, answer=None) for q in block.questions)
            return (replace(block, questions=questions),)
        if isinstance(block, m.Quiz):
            items = tuple(replace(i, lines=0) if teacher else replace(i, answer=None) for i in block.items)
            return (replace(block, items=items),)
        if isinstance(block, m.AnswerKey) and not teacher:
            return ()
        return (block,)

    kept = replace(guide, edition=edition, cover_fields=() if teacher else WORKBOOK_COVER_FIELDS,
                   sections=tuple(s for s in guide.sections if edition in s.editions))
    return rewrite_guide(kept, rewrite)


def number_questions(guide: m.Guide) -> m.Guide:
    """Number questions through the whole guide, so 'question 14' is one question in class."""
    counter = 0

    def rewrite(block: m.Block) -> Iterable[m.Block]:
        nonlocal counter
        if not isinstance(block, m.QuestionList):
            return (block,)
        numbered = []
        for question in block.questions:
            counter += 1
            numbered.append(replace(question, number=counter))
        return (replace(block, questions=tuple(numbered)),)

    return rewrite_guide(guide, rewrite)


def prepare(guide: m.Guide, edition: m.Edition) -> m.Guide:
    """The transforms every build runs. Questions are numbered before the edition filter, so a
    question keeps its number in both editions even if some set is in one edition only."""
    return for_edition(number_questions(guide), edition)

