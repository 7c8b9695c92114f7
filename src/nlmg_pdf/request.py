"""What one `build` asks for, carried out: read the content, pick the pieces, lay out, write.

`nlmg-pdf build` carries out one request; `nlmg-pdf watch` carries out the same request again
after every change, in the same process. Only this module turns command-line choices into
files, so that both commands write exactly the same thing.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .build import Built, build_editions
from .editions import Edition
from .errors import UserError
from .handouts import chosen_pieces
from .inputs import content_shown, load, placed
from .layout_worker import LayoutWorker
from .model import Guide, Source
from .output import check_target, write_all
from .reading.files import noting_reads
from .stylesheet import Style
from .transforms import double_sided, prepare

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Request:
    """The choices of one build, as the command line gave them."""

    editions: tuple[Edition, ...]
    out: str | None = None
    content: Path | None = None
    style: str = "default"
    paper: str | None = None
    duplex: bool = False
    only: str | None = None
    booklet: bool = False
    formats: tuple[str, ...] = ("pdf",)


@dataclass
class Done:
    """What a request wrote, and the files it read (a watch follows them)."""

    built: list[Built]
    pages: dict[Edition, Path]  # the web pages written, by edition
    lines: list[str]  # a line for each file written, as the command prints it
    inputs: set[Path] = field(default_factory=set)


def formats_of(given: str) -> tuple[str, ...]:
    """The formats of `--format pdf,html`, each known."""
    chosen = tuple(part.strip().lower() for part in given.split(",") if part.strip())
    for name in chosen:
        if name not in FORMATS:
            raise UserError.one(Source("--format"), f"unknown format '{name}'; expected pdf, html or pdf,html")
    if not chosen:
        raise UserError.one(Source("--format"), "no format named; expected pdf, html or pdf,html")
    return chosen


def carry_out(request: Request, progress: Callable[[str], None] = lambda message: None,
              workers: Sequence[LayoutWorker] = (), last: bool = True) -> Done:
    """Read, lay out and write what `request` asks for; every mistake comes as one UserError,
    and nothing is written unless everything asked for can be. Unless it is the `last` (a
    watch builds again), Ctrl-C and SIGTERM are handled as before once the files are written."""
    refuse_pdf_folder(request)
    with noting_reads() as inputs:
        guide, style = load(request.content, request.style, request.paper)
    if request.duplex:
        guide = double_sided(guide)
    if request.only is not None:
        guide = replace(guide, only=chosen_pieces(guide, request.only, list(request.editions)))
    kind = "-".join([*guide.only, *(["booklet"] if request.booklet else [])])
    targets = targets_of(request, guide.metadata.file_stem, kind)
    pages: dict[Edition, Path] = {}
    if "html" in request.formats:  # (a booklet is only ever a PDF: the page is named for the guide or the handout)
        pages = {edition: target.with_suffix(".html")  # beside its PDF, with the same name
                 for edition, target in targets_of(request, guide.metadata.file_stem, "-".join(guide.only)).items()}
    for target in [*targets.values(), *pages.values()]:
        check_target(target, inputs, str(target))
    built = []
    if "pdf" in request.formats:
        try:
            built = build_editions(guide, style, targets, progress=progress, workers=workers,
                                   booklet=request.booklet, last=last)
        except UserError as error:  # a block that cannot be laid out, named by its file
            raise UserError(placed(error.problems, content_shown(request.content))) from None
    lines = [f"{result.path}: {result.pages} pages, {result.size / 1024:,.0f} KB, {result.seconds:.2f} s"
             for result in built]
    return Done(built, pages, lines + write_html(guide, style, pages), inputs)


def write_html(guide: Guide, style: Style, pages: dict[Edition, Path]) -> list[str]:
    """Write each edition's page (all or none); a line for each, as for a PDF."""
    from .html import write_html as page_of

    made, lines = {}, []
    for edition, target in pages.items():
        started = time.perf_counter()
        made[target] = page_of(prepare(guide, edition), style).encode()
        lines.append(f"{target}: {len(made[target]) / 1024:,.0f} KB, {time.perf_counter() - started:.2f} s")
    if made:
        write_all(made)
    return lines


def default_output(edition: Edition, stem: str, kind: str = "") -> Path:
    """out/STEM-EDITION.pdf, where STEM comes from the novel's title (never-let-me-go); a
    booklet's is out/STEM-EDITION-booklet.pdf, beside the guide's own."""
    return Path("out") / f"{stem}-{edition.value}{'-' + kind if kind else ''}.pdf"


def refuse_pdf_folder(request: Request) -> None:
    """Several editions go into a folder; a PDF file's name is a mistake there."""
    out = request.out
    if len(request.editions) > 1 and out is not None and out.lower().endswith(".pdf"):
        raise UserError.one(Source("--out"), f"'{out}' names a PDF file; with --edition all, "
                            "expected a folder to write both editions into")


def targets_of(request: Request, stem: str, kind: str = "") -> dict[Edition, Path]:
    """Where each edition asked for goes: `--out` names the file, or a folder to put it in."""
    editions, out = request.editions, request.out
    if out is None:
        return {edition: default_output(edition, stem, kind) for edition in editions}
    if len(editions) == 1 and not (out.endswith(("/", os.sep)) or _is_folder(Path(out))):
        return {editions[0]: Path(out)}
    return {edition: Path(out) / default_output(edition, stem, kind).name for edition in editions}


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, say: the checks of the target name the problem
        return False
