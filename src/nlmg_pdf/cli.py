"""The `nlmg-pdf` command line.

Only what `--help` needs is imported at start-up; a command imports the rest (the model,
reportlab, rich) when it runs, so asking for help is instant.
"""
from __future__ import annotations

import os
import shutil
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .editions import Edition
from .stylesheet import PAPER_SIZES

if TYPE_CHECKING:
    from rich.status import Status

    from .errors import UserError
    from .model import Guide
    from .stylesheet import Style

# plain help text: typer's rich formatting costs a tenth of a second at every start-up
app = typer.Typer(
    help="Build a printable, accessible study guide to a novel from its Markdown and YAML content "
         "(by default, the guide that ships with the tool).",
    no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]})


Paper = StrEnum("Paper", {name: name for name in PAPER_SIZES})  # type: ignore[misc]  # (made from a dict)


ALL = "all"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nlmg-pdf {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Build a printable, accessible study guide to a novel from Markdown and YAML content."""


EditionChoice = StrEnum("EditionChoice", {**{e.value: e.value for e in Edition}, ALL: ALL})  # type: ignore[misc]
TEACHER_CHOICE = EditionChoice(Edition.TEACHER.value)


@app.command(short_help="Build the guide as a PDF (both editions with --edition all).")
def build(
    edition: Annotated[EditionChoice, typer.Option(
        case_sensitive=False, help="Which edition to build: the student workbook, the teacher's copy with answers "
             "and notes, or all of them.")] = TEACHER_CHOICE,
    out: Annotated[str | None, typer.Option(
        "--out", "-o", metavar="PATH", help="Where to write the PDF (default: out/TITLE-EDITION.pdf, named for "
                      "the novel, such as out/never-let-me-go-teacher.pdf); a folder "
                      "(ending in /) to write it into; with --edition all, the folder for both.")] = None,
    content: Annotated[Path | None, typer.Option(metavar="PATH", help="A content folder to build instead of the "
                                                    "guide's own (for an edited copy).")] = None,
    style: Annotated[str, typer.Option(metavar="NAME|PATH", help="A style name from styles/ or a path to a "
                                       "style file.")] = "default",
    paper: Annotated[Paper | None, typer.Option(case_sensitive=False, help="Paper size; overrides the "
                                                "style's.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display on a terminal; "
                                                              "only the result lines.")] = False,
    duplex: Annotated[bool, typer.Option("--duplex", help="For double-sided printing: start every section (and "
                                         "each reading check) on a right-hand page, after a blank page "
                                         "where needed.")] = False,
    only: Annotated[str | None, typer.Option("--only", metavar="ID[,ID...]", help="Build a handout of these "
                                             "pieces only (see 'nlmg-pdf list'): a section, a question set, a "
                                             "Part's reading check; numbered as in the whole guide, with a short "
                                             "head instead of a cover and contents.")] = None,
    booklet: Annotated[bool, typer.Option("--booklet", help="Impose the pages for a folded, stapled booklet: two "
                                          "reduced pages on each side of a landscape sheet of the same paper, to "
                                          "print double-sided (flip on the short edge); written as "
                                          "TITLE-EDITION-booklet.pdf.")] = False,
    formats: Annotated[str, typer.Option("--format", metavar="FORMAT[,FORMAT]", help="What to write: pdf, html "
                                         "(one self-contained page per edition, for a course page) or "
                                         "pdf,html.")] = "pdf",
    show: Annotated[bool, typer.Option("--open", help="Open what was written in the system's viewer (the PDF "
                                       "viewer, or the browser for a web page).")] = False,
) -> None:
    """Build the guide as a PDF and print where it went, one line per file."""
    try:  # (Ctrl-C during these imports, a fifth of a second, ends like Ctrl-C at any later point)
        from .build import layout_workers
        from .errors import UserError
        from .output import Interrupted
        from .request import Request, carry_out, formats_of

        status = None if quiet else _progress()
    except KeyboardInterrupt:
        _interrupted(False)
    try:
        request = Request(_editions(edition), out, content, style, paper.value if paper else None, duplex, only,
                          booklet, formats_of(formats))
        laying_out = len(request.editions) if "pdf" in request.formats else 1
        with status or nullcontext(), layout_workers(laying_out) as workers:
            done = carry_out(request, status.update if status else lambda message: None, workers)
    except UserError as error:
        _report(error)
        raise typer.Exit(1) from None
    except Interrupted as stopped:
        _interrupted(stopped.written, stopped.number)
    except KeyboardInterrupt:
        _interrupted(False)
    for line in done.lines:
        print(line)
    if show:
        _open([result.path for result in done.built] + list(done.pages.values()))


def _editions(chosen: EditionChoice) -> tuple[Edition, ...]:
    return tuple(Edition) if chosen == ALL else (Edition(chosen.value),)


@app.command(short_help="Build, then build again whenever the content or the style changes.")
def watch(
    edition: Annotated[EditionChoice, typer.Option(
        case_sensitive=False, help="Which edition to build: student, teacher or all.")] = TEACHER_CHOICE,
    out: Annotated[str | None, typer.Option("--out", "-o", metavar="PATH", help="Where to write the PDF, as for "
                                            "build.")] = None,
    content: Annotated[Path | None, typer.Option(metavar="PATH", help="The content folder to watch and build "
                                                 "(default: the guide's own).")] = None,
    style: Annotated[str, typer.Option(metavar="NAME|PATH", help="A style name from styles/ or a path to a "
                                       "style file; it is watched too.")] = "default",
    paper: Annotated[Paper | None, typer.Option(case_sensitive=False, help="Paper size; overrides the "
                                                "style's.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the result lines and problems, not what "
                                                              "changed.")] = False,
    duplex: Annotated[bool, typer.Option("--duplex", help="As for build.")] = False,
    only: Annotated[str | None, typer.Option("--only", metavar="ID[,ID...]", help="Build a handout of these "
                                             "pieces only, as for build.")] = None,
    formats: Annotated[str, typer.Option("--format", metavar="FORMAT[,FORMAT]", help="What to write: pdf, html "
                                         "or pdf,html.")] = "pdf",
) -> None:
    """Build the guide, then build it again each time a file of the content or the style is
    saved, until Ctrl-C. A change with a mistake prints its problems, as check does, and
    leaves the last good files as they were."""
    from .errors import UserError
    from .request import Request, formats_of
    from .watching import watch as watching

    try:
        request = Request(_editions(edition), out, content, style, paper.value if paper else None, duplex, only,
                          formats=formats_of(formats))
    except UserError as error:
        _report(error)
        raise typer.Exit(1) from None
    raise typer.Exit(watching(request, say=(lambda message: None) if quiet else _said, report=_report))


def _said(message: str) -> None:
    print(message, flush=True)


def _progress() -> Status | None:
    """A spinner with the current step, on a terminal only: piped, a build prints just its result
    lines (rich, which draws it, is imported only then)."""
    if not sys.stdout.isatty():
        return None
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False).status("Reading the content")


def _open(paths: list[Path]) -> None:
    """Show each written file in the system's viewer, as a double click would, without waiting
    for it; where there is none, say so on one line (the files are written either way)."""
    import subprocess

    for path in paths:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]  # (Windows only)
            continue
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        if shutil.which(opener) is None:
            print(f"--open: no '{opener}' here to open {path} with; open it yourself", file=sys.stderr)
            return
        subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)


def _interrupted(written: bool, number: int = 2) -> None:
    """Say truly what an interrupted build left, and exit as a shell expects (128 + signal)."""
    from . import INTERRUPTED

    if written:
        print("Interrupted as the PDFs were being written: they were written whole first.", file=sys.stderr)
    else:
        print(INTERRUPTED, file=sys.stderr)
    raise typer.Exit(128 + number)


@app.command(name="list", short_help="List the pieces a handout can be made of (build --only).")
def list_pieces(
    content: Annotated[Path | None, typer.Option(metavar="PATH", help="A content folder to list instead of the "
                                                 "guide's own.")] = None,
) -> None:
    """List every piece 'build --only' accepts: its id, what it is, and its name."""
    from .errors import UserError
    from .handouts import piece_lines
    from .inputs import load

    try:
        guide, _ = load(content)
    except UserError as error:
        _report(error)
        raise typer.Exit(1) from None
    for line in piece_lines(guide):
        print(line)


@app.command(short_help="Check the content and styles; list every problem.")
def check(
    content: Annotated[Path | None, typer.Option(metavar="PATH", help="A content folder to check instead of the "
                                                    "guide's own.")] = None,
    style: Annotated[str | None, typer.Option(metavar="NAME|PATH", help="A style name or a style file of your "
                                              "own to check as well (the shipped styles are always checked).")] = None,
) -> None:
    """Check the content and the styles without building; list every problem found."""
    from .errors import UserError
    from .inputs import check as run_check

    try:
        checked = run_check(content, style)
        _check_layout(checked.guide, checked.style, content)
    except UserError as error:
        _report(error)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        raise typer.Exit(1) from None
    print(checked.summary())


def _check_layout(guide: Guide, style: Style, content: Path | None) -> None:
    """Lay out both editions of the guide as read (in the style a build would use), writing
    nothing, so that the check finds everything the build would find."""
    from .build import layout_problems
    from .errors import UserError
    from .inputs import content_shown, placed

    problems = layout_problems(guide, style)
    if problems:
        raise UserError(placed(problems, content_shown(content)))


def _report(error: UserError) -> None:
    """Every problem on a line of its own, as `path:line:column: message`, exactly as written
    (plain text: no markup or emoji codes read into it, so `faq.md:100:1` stays as it is)."""
    for problem in error.problems:
        print(problem, file=sys.stderr, flush=True)


def main() -> None:
    """The command. A fault in the tool itself (never a mistake in the content, which is always
    a located message) is one line saying so, unless NLMG_PDF_TRACEBACK=1 asks for the detail."""
    try:
        code = app(prog_name="nlmg-pdf", standalone_mode=False)
    except typer.TyperException as error:  # a mistake on the command line: one line, not a usage block
        ctx = getattr(error, "ctx", None)
        where = ctx.command_path if ctx is not None else "nlmg-pdf"
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        if "\n" in message.strip():  # no command at all: the help itself
            print(message.strip())
        else:
            print(f"{where}: {message} (see '{where} --help')", file=sys.stderr)
        sys.exit(getattr(error, "exit_code", 2))
    except typer.Abort:
        _exit_interrupted()
    except KeyboardInterrupt:  # (before a command has set up its own handling)
        _exit_interrupted()
    except Exception as error:
        if os.environ.get("NLMG_PDF_TRACEBACK"):
            raise
        print(f"nlmg-pdf: internal error ({type(error).__name__}: {str(error)[:200]}); this is a fault in the "
              "tool, not in your content. Run again with NLMG_PDF_TRACEBACK=1 to see where, and report it.",
              file=sys.stderr)
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)


def _exit_interrupted() -> None:
    try:
        _interrupted(False)
    except typer.Exit as leaving:
        sys.exit(leaving.exit_code)
