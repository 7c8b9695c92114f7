"""`nlmg-pdf watch`: build, then build again whenever a file the build reads is saved.

The files are watched with watchfiles (the Rust `notify` library's events: inotify, FSEvents
or ReadDirectoryChanges, with polling where none works), which groups the several events one
save makes (editors write a temporary file and rename it) into one change. Between builds the
process keeps what a new one would do again: its imports, the fonts and hyphenation patterns,
the parsed Markdown of every text unchanged since the last build, and a warm layout process
for each further edition.
"""
from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .build import layout_workers
from .errors import UserError
from .inputs import content_shown, find_style, shown
from .layout_worker import LayoutWorker
from .locations import bundled
from .output import Interrupted
from .reading.parser import KeptParses, parses_kept
from .request import Done, Request, carry_out

STEP_MS = 50  # a change is built once the files have been quiet this long
READY_MS = 200  # the watcher's first wait, after which it says it is watching
IGNORED_NAMES = ("~", ".swp", ".swx", ".tmp")  # editors' backups and swap files


class Watched:
    """What a change must touch to be built: a file the last build read, or a file in the
    content folder (a section the manifest may name next) or beside the style."""

    def __init__(self, request: Request) -> None:
        self.content = (request.content or bundled("content")).resolve()
        try:
            self.style: Path | None = find_style(request.style).resolve()
        except UserError:  # an unknown style name: the build says so
            self.style = None
        self.inputs: set[Path] = set()

    def follow(self, done: Done | bool) -> None:
        """After a good build, watch the files it read (a failed one changes nothing)."""
        if isinstance(done, Done):
            self.inputs = done.inputs

    def folders(self) -> list[Path]:
        found = {self.content, *(path.parent for path in self.inputs)}
        if self.style is not None:
            found.add(self.style.parent)
        return sorted(folder for folder in found if folder.is_dir())

    def relevant(self, changes: Iterable[tuple[object, str]]) -> list[Path]:
        """The files of a change that matter once it is over: those still there, and those
        a build read (a section deleted is a change too)."""
        paths = [Path(name) for _, name in changes]
        return [path for path in paths if path.exists() or path.resolve() in self.inputs]

    def __call__(self, change: object, name: str) -> bool:
        path = Path(name)
        if path.name.startswith(".") or path.name.endswith(IGNORED_NAMES):
            return False
        real = path.resolve()
        return real in self.inputs or real == self.style or real.is_relative_to(self.content)


def watch(request: Request, say: Callable[[str], None], report: Callable[[UserError], None]) -> int:
    """Build `request`, then again after every change, until Ctrl-C (or SIGTERM); the exit code.
    A command-line mistake (an unknown style, say) ends it at once, as `build` would."""
    watched, kept = Watched(request), KeptParses()
    extra = len(request.editions) - 1 if "pdf" in request.formats else 0
    with signals_as_interrupts(), layout_workers(extra + 1) as workers:  # (warm for the next build)
        try:
            done = build_once(request, kept, workers, report)
            if done is False:
                return 1
            watched.follow(done)
            _changes_built(request, watched, kept, workers, say, report)
        except KeyboardInterrupt:
            say("Stopped watching.")
        except Interrupted as stopped:
            say("Stopped watching: the build under way was "
                + ("finished writing first." if stopped.written else "stopped, and the files are as they were."))
    return 0


def _changes_built(request: Request, watched: Watched, kept: KeptParses, workers: list[LayoutWorker],
                   say: Callable[[str], None], report: Callable[[UserError], None]) -> None:
    """Wait for changes and build each, for ever (until Ctrl-C)."""
    import watchfiles

    announced = False
    while True:  # (watched anew when a build reads a file from a folder not yet watched)
        folders = watched.folders()
        for changes in watchfiles.watch(*folders, watch_filter=watched, step=STEP_MS, rust_timeout=READY_MS,
                                        yield_on_timeout=True):
            if not announced:  # (the first wait is over, so the watcher is surely set up)
                say(f"Watching {content_shown(request.content)}"
                    + (f" and {shown(watched.style)}" if watched.style else "") + " for changes; Ctrl-C to stop.")
                announced = True
            names = sorted({shown(path) for path in watched.relevant(changes)})
            if not names:  # (a wait's end, or only a file made and gone again: an editor's temporary one)
                continue
            say(f"Changed: {', '.join(names[:3])}{' and more' if len(names) > 3 else ''}; building again")
            started = time.perf_counter()
            done = build_once(request, kept, workers, report)
            if isinstance(done, Done):
                say(f"Built again in {time.perf_counter() - started:.2f} s.")
            watched.follow(done)
            if watched.folders() != folders:
                break


def build_once(request: Request, kept: KeptParses, workers: list[LayoutWorker],
               report: Callable[[UserError], None]) -> Done | bool:
    """One build: its result lines printed, or its problems (as `check` prints them) with the
    files left as they were. False for a mistake on the command line, which no edit can mend."""
    kept.next_round()
    try:
        with parses_kept(kept):
            done = carry_out(request, workers=workers[:], last=False)
    except UserError as error:
        renew(workers)
        report(error)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written, and the last files "
              "are as they were.", file=sys.stderr, flush=True)
        return not all(problem.source.path.startswith("--") for problem in error.problems)
    renew(workers)
    for line in done.lines:
        print(line, flush=True)
    return done


def renew(workers: list[LayoutWorker]) -> None:
    """Each layout process lays out one edition: those a build used are replaced by new ones,
    which import reportlab while the editor works on the next change."""
    for number, worker in enumerate(workers):
        if worker.given:
            worker.close()
            workers[number] = LayoutWorker()


@contextmanager
def signals_as_interrupts() -> Iterator[None]:
    """SIGTERM ends the watch as Ctrl-C does (a build under way stops cleanly either way)."""

    def interrupt(number, frame) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
