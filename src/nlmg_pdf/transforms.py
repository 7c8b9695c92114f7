"""Transforms over the document model, run between loading and rendering.

Each takes a Guide and returns a new one.  The edition rules live here and nowhere else:
the renderer draws whatever the filtered model holds.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any

from . import model as m
from .outline import link_targets, walk
from .pieces import handout

__all__ = ["EditionPolicy", "POLICIES", "for_edition", "notes_after_citing_blocks", "number_questions", "prepare",
           "rewrite_guide", "unlink_missing_targets", "walk"]

Rewrite = Callable[[m.Block], Iterable[m.Block]]


def rewrite_blocks(blocks: Iterable[m.Block], rewrite: Rewrite) -> tuple[m.Block, ...]:
    """Apply `rewrite` to every block, children first; it may return none, one or many."""
    out: list[m.Block] = []
    for block in blocks:
        groups = m.child_groups(block)
        if groups:
            block = m.with_child_groups(block, tuple(rewrite_blocks(group, rewrite) for group in groups))
        out.extend(rewrite(block))
    return tuple(out)


def rewrite_guide(guide: m.Guide, rewrite: Rewrite) -> m.Guide:
    sections = tuple(replace(s, blocks=rewrite_blocks(s.blocks, rewrite)) for s in guide.sections)
    return replace(guide, sections=sections)


WORKBOOK_COVER_FIELDS = ("Name", "Class", "Date")


@dataclass(frozen=True)
class EditionPolicy:
    """What an edition prints of the exercises: the teacher's copy keeps the answers, keys
    and notes and drops the lines, which an answered question does not need; the student
    workbook keeps the write-in lines and the cover's name lines and loses every answer."""

    answers: bool  # answers, answer guidance and the answer key
    write_in_lines: bool
    cover_fields: tuple[str, ...]
    fillable: bool  # the lines and the quiz's circles are form fields too, to answer on a laptop


POLICIES = {
    m.Edition.TEACHER: EditionPolicy(answers=True, write_in_lines=False, cover_fields=(), fillable=False),
    m.Edition.STUDENT: EditionPolicy(answers=False, write_in_lines=True, cover_fields=WORKBOOK_COVER_FIELDS,
                                     fillable=True),
}


def for_edition(guide: m.Guide, edition: m.Edition) -> m.Guide:
    """Make the guide one edition's product, by that edition's policy."""
    policy = POLICIES[edition]

    def exercise(entry):  # a question or a quiz item
        if not policy.answers:
            entry = replace(entry, answer=None)
        return entry if policy.write_in_lines else replace(entry, lines=0)

    def rewrite(block: m.Block) -> Iterable[m.Block]:
        if isinstance(block, m.Only):
            return block.children if edition in block.editions else ()
        if isinstance(block, m.QuestionList):
            return (replace(block, questions=tuple(map(exercise, block.questions))),)
        if isinstance(block, m.Quiz):
            return (replace(block, items=tuple(map(exercise, block.items))),)
        if isinstance(block, m.AnswerKey) and not policy.answers:
            return ()
        return (block,)

    kept = replace(guide, edition=edition, cover_fields=policy.cover_fields, fillable=policy.fillable,
                   sections=tuple(s for s in guide.sections if edition in s.editions))
    return rewrite_guide(kept, rewrite)


def unlink_missing_targets(guide: m.Guide) -> m.Guide:
    """A link into the guide whose target this guide lacks (a section of the other edition)
    becomes its plain words, since it would lead nowhere; every writer then draws what is left."""
    present = frozenset(link_targets(guide))
    sections = tuple(replace(s, blocks=_relinked(s.blocks, present)) for s in guide.sections)
    return replace(guide, sections=sections)


def _relinked(value: Any, present: frozenset[str]) -> Any:
    """`value` with every internal link to a target not in `present` replaced by its words."""
    if isinstance(value, tuple):
        out: list[Any] = []
        changed = False
        for item in value:
            if isinstance(item, m.Link) and item.internal and item.target[1:] not in present:
                out.extend(_relinked(item.children, present))
                changed = True
            else:
                new = _relinked(item, present)
                changed |= new is not item
                out.append(new)
        return tuple(out) if changed else value
    if is_dataclass(value) and not isinstance(value, type | m.Source | m.Theme):
        changes = {}
        for field in fields(value):
            old = getattr(value, field.name)
            if isinstance(old, tuple) or is_dataclass(old):
                new = _relinked(old, present)
                if new is not old:
                    changes[field.name] = new
        return replace(value, **changes) if changes else value
    return value


def notes_after_citing_blocks(guide: m.Guide) -> m.Guide:
    """Each section's notes moved to just after the first of its blocks that cites each (a
    table's note under the table), for a writer whose notes would otherwise print pages after
    their markers (paged output). A note no block cites stays where it was."""
    return replace(guide, sections=tuple(replace(section, blocks=_notes_moved(section.blocks))
                                         for section in guide.sections))


def _notes_moved(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    notes = {note.anchor: note for block in blocks if isinstance(block, m.NoteList) for note in block.notes}
    if not notes:
        return blocks
    placed: set[str] = set()
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.NoteList):
            left = tuple(note for note in block.notes if note.anchor not in placed)
            if left:
                out.append(replace(block, notes=left))
            continue
        out.append(block)
        cited = [notes[anchor] for anchor in dict.fromkeys(_cited(block)) if anchor in notes and anchor not in placed]
        if cited:
            placed.update(note.anchor for note in cited)
            out.append(m.NoteList(tuple(cited), source=getattr(block, "source", m.NOWHERE)))
    return tuple(out)


def _cited(value: Any) -> Iterable[str]:
    """The anchors of the notes `value` cites, in reading order."""
    if isinstance(value, m.NoteRef):
        yield value.anchor
    elif isinstance(value, tuple):
        for item in value:
            yield from _cited(item)
    elif is_dataclass(value) and not isinstance(value, type | m.Source | m.Theme):
        for field in fields(value):
            yield from _cited(getattr(value, field.name))


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
    edited = for_edition(number_questions(guide), edition)
    if guide.only:  # a handout: its pieces only, numbered as in the whole guide, linking only among themselves
        edited = handout(edited, guide.only)
    return unlink_missing_targets(edited)


def double_sided(guide: m.Guide) -> m.Guide:
    """For double-sided printing: every section starts a page, a right-hand one, so that any
    section can be pulled from a printed master (the renderer adds a blank page before it
    where needed)."""
    return replace(guide, duplex=True, sections=tuple(replace(section, new_page=True) for section in guide.sections))
