"""Choosing a handout's pieces on the command line, and listing them: every edition asked for
must have every piece asked for, and a mistake names the pieces there are."""
from __future__ import annotations

from .errors import UserError, did_you_mean
from .model import Edition, Guide, QuestionList, Source
from .outline import walk_blocks
from .pieces import pieces
from .transforms import prepare


def pieces_by_edition(guide: Guide) -> dict[Edition, dict]:
    return {edition: pieces(prepare(guide, edition)) for edition in Edition}


def chosen_pieces(guide: Guide, only: str, editions: list[Edition]) -> tuple[str, ...]:
    """The ids of `--only ID[,ID...]`, checked against every edition being built."""
    ids = tuple(dict.fromkeys(part.strip() for part in only.split(",") if part.strip()))
    found = pieces_by_edition(guide)
    known = list(dict.fromkeys(ident for by_id in found.values() for ident in by_id))
    if not ids:
        raise UserError.one(Source("--only"), "no piece named; expected ids such as 'part-two-questions' "
                            "(nlmg-pdf list shows them all)")
    for ident in ids:
        if ident not in known:
            raise UserError.one(Source("--only"), f"unknown piece '{ident}'{did_you_mean(ident, known) or ''}; "
                                f"expected one of: {', '.join(known)}")
        for edition in editions:
            if ident not in found[edition]:
                other = next(e for e in Edition if ident in found[e])
                raise UserError.one(Source("--only"), f"'{ident}' is in the {other.value} edition only; "
                                    f"expected --edition {other.value}, or a piece of the {edition.value} edition")
    return ids


def _numbers(piece) -> str:
    """The question numbers a piece holds, as a class refers to them: ' (questions 12–21)'."""
    numbers = [question.number for block in walk_blocks(piece.section.blocks) if isinstance(block, QuestionList)
               for question in block.questions]
    if not numbers:
        return ""
    return f" (question {numbers[0]})" if len(numbers) == 1 else f" (questions {numbers[0]}\u2013{numbers[-1]})"


def piece_lines(guide: Guide) -> list[str]:
    """A line for each piece: its id, what it is, its name, and the edition it is in if only one."""
    found = pieces_by_edition(guide)
    ids = list(dict.fromkeys(ident for by_id in found.values() for ident in by_id))
    width = max(len(ident) for ident in ids)
    lines = []
    for ident in ids:
        editions = [edition for edition in Edition if ident in found[edition]]
        piece = found[editions[0]][ident]
        only = f" ({editions[0].value} edition only)" if len(editions) == 1 else ""
        lines.append(f"{ident:<{width}}  {piece.kind}: {piece.section.title}{_numbers(piece)}{only}")
    return lines
