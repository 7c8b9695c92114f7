"""The `nlmg-pdf` command line."""
from __future__ import annotations

from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .errors import UserError
from .model import Edition
from .stylesheet import PAPER_SIZES

app = typer.Typer(
    help="Build the printable study guide to Kazuo Ishiguro's Never Let Me Go.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


Paper = StrEnum("Paper", {name: name for name in PAPER_SIZES})


def default_output(edition: Edition) -> Path:
    return Path("out") / f"never-let-me-go-{edition.value}.pdf"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nlmg-pdf {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Build the printable study guide to Kazuo Ishiguro's Never Let Me Go."""


@app.command()
def build(
    edition: Annotated[Edition, typer.Option(help="Which edition to build: the student workbook "
                                             "or the teacher's copy with answers and notes.")] = Edition.TEACHER,
    out: Annotated[Path | None, typer.Option("--out", help="Where to write the PDF "
                                                "(default: out/never-let-me-go-EDITION.pdf).")] = None,
    content: Annotated[Path | None, typer.Option(help="A content folder to build instead of the "
                                                    "guide's own (for an edited copy).")] = None,
    style: Annotated[str, typer.Option(help="A style name from styles/ or a path to a style file.")] = "default",
    paper: Annotated[Paper | None, typer.Option(help="Paper size; overrides the style's.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the result line.")] = False,
) -> None:
    """Build one edition of the guide as a PDF and print where it went."""
    from .build import build as run_build

    target = out or default_output(edition)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    console = Console(highlight=False, soft_wrap=True)
    # a spinner with the current step on a terminal; nothing extra when piped or quiet
    status = console.status("Building") if console.is_terminal and not quiet else None
    try:
        with status or nullcontext():
            built = run_build(edition, target, content=content, style_name=style,
                              paper=paper.value if paper else None,
                              progress=status.update if status else lambda message: None)
    except UserError as error:
        for problem in error.problems:
            errors.print(str(problem), markup=False)
        raise typer.Exit(1) from None
    kb = built.size / 1024
    console.print(f"{built.path}: {built.pages} pages, {kb:,.0f} KB, {built.seconds:.2f} s", markup=False)


def main() -> None:
    app()
