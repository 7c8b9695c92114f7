"""The `nlmg-pdf` program's entry point: it imports the command line itself, so that Ctrl-C
pressed while that import is under way (the first tenth of a second) ends as quietly as later."""
from __future__ import annotations

import sys

from . import INTERRUPTED


def main() -> None:
    try:
        from .cli import main as command
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    command()
