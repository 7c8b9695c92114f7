"""Typst's build of the guide, for run.py to time as a process of its own:

    python bench/typst_build.py GUIDE.typ OUT.pdf FONT_FOLDER...

Only the guide's fonts are offered (no system fonts), as the tool uses only its own.
"""
from __future__ import annotations

import sys

import typst


def main(source: str, out: str, *fonts: str) -> None:
    typst.compile(source, output=out, font_paths=list(fonts), ignore_system_fonts=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
