"""Building: the edition transforms, the layout (in parallel where it pays) and atomic writing."""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path

from .errors import Problem, UserError
from .layout_worker import LayoutWorker
from .model import Edition, Guide, Source
from .output import SIGNALS, Interrupted, check_writable, signals_deferred, write_all
from .stylesheet import Style
from .transforms import prepare

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Built:
    path: Path
    pages: int
    size: int
    seconds: float


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    seconds: float


def render_edition(guide: Guide, style: Style, edition: Edition, progress: Progress = lambda message: None,
                   stop: threading.Event | None = None) -> Rendered:
    started = time.perf_counter()
    prepared = prepare(guide, edition)
    if not prepared.sections:
        raise UserError.one(Source("guide.yaml"), f"the {edition.value} edition has no sections; expected at least "
                            "one (a section's 'edition' field keeps it to one edition)")
    pdf, pages = render(prepared, style, progress, stop)
    return Rendered(pdf, pages, time.perf_counter() - started)


def layout_problems(guide: Guide, style: Style) -> list[Problem]:
    """What laying out every edition finds that reading cannot (a word too wide for its column,
    a box taller than a page), without writing anything: for `nlmg-pdf check`."""
    problems: list[Problem] = []
    for edition in Edition:
        try:
            render_edition(guide, style, edition)
        except UserError as error:
            problems += [problem for problem in error.problems if problem not in problems]
    return problems


@contextmanager
def layout_workers(editions: int) -> Iterator[list[LayoutWorker]]:
    """Processes to lay out all editions but one, started before the content is read so that
    they import reportlab meanwhile; none when one edition or one core leaves nothing to share."""
    workers = [LayoutWorker() for _ in range(min(editions, _cores()) - 1)]  # this process lays out one too
    try:
        yield workers
    finally:
        for worker in workers:
            worker.close()  # on Ctrl-C a worker stops at once instead of finishing its pages


def build_editions(guide: Guide, style: Style, targets: dict[Edition, Path],
                   progress: Progress = lambda message: None, workers: Sequence[LayoutWorker] = (),
                   booklet: bool = False, last: bool = True) -> list[Built]:
    """Lay out each edition (the teacher's here, others in `workers` if given), then write
    the files, all together or none. Only this process writes, so a build stopped by Ctrl-C
    or SIGTERM while laying out writes nothing; one stopped while writing finishes writing
    first (`Interrupted.written` then says so). A `last` build (the process ends soon after)
    ignores the signals once written; otherwise (a watch) they are handled as before."""
    for out in targets.values():
        check_writable(out)  # before minutes of layout, not after
    # the teacher edition, the longest, is laid out here while the workers take the others
    here, *elsewhere = sorted(targets, key=lambda edition: edition is not Edition.TEACHER)
    given = dict(zip(elsewhere, workers, strict=False))
    rendered: dict[Edition, Rendered] = {}
    with stopped_by_signals() as stop:
        if given:
            progress(f"laying out {len(targets)} editions side by side")
        for edition, worker in given.items():
            worker.lay_out(guide, style, edition)
        for edition in [here, *(edition for edition in elsewhere if edition not in given)]:
            rendered[edition] = render_edition(guide, style, edition, progress, stop)
        for edition, worker in given.items():
            while not worker.wait(0.05) and not stop.is_set():
                pass  # (a signal is seen between waits)
            if not stop.is_set():
                rendered[edition] = worker.result()
    if booklet:  # (imposed before anything is written, so a failure leaves every file as it was)
        progress("imposing the pages as booklets")
        rendered = {edition: _imposed(done, guide) for edition, done in rendered.items()}
    progress(f"writing {', '.join(map(str, targets.values()))}")
    with signals_deferred(then_ignored=last) as held:
        write_all({out: rendered[edition].pdf for edition, out in targets.items()})
    built = [Built(out, rendered[edition].pages, len(rendered[edition].pdf), rendered[edition].seconds)
             for edition, out in targets.items()]
    if held.number is not None:
        raise Interrupted(held.number, written=True)
    return built


def _imposed(rendered: Rendered, guide: Guide) -> Rendered:
    from .booklet import impose

    pdf = impose(rendered.pdf, guide.metadata.title)
    return Rendered(pdf, -(-rendered.pages // 4) * 2, rendered.seconds)  # (two sides a sheet)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may actually use
    except AttributeError:
        return os.cpu_count() or 1


def render(guide: Guide, style: Style, progress: Progress, stop: threading.Event | None = None) -> tuple[bytes, int]:
    from .render.document import render_pdf  # reportlab is imported only when a build needs it

    with source_date_epoch(guide.metadata.date):
        return render_pdf(guide, style, progress, stop)


class Stop(threading.Event):
    """Set by Ctrl-C or SIGTERM during layout; `number` is the signal's."""

    number: int = signal.SIGINT


@contextmanager
def stopped_by_signals() -> Iterator[Stop]:
    """Ctrl-C or SIGTERM during layout sets a flag that the layout checks between blocks. A
    signal that raised straight into reportlab could be caught by its bare `except:` and come
    out as some other error; the flag ends the build cleanly, as `Interrupted` from here."""
    stop = Stop()

    def stopping(number, frame) -> None:
        stop.number = number
        stop.set()

    previous = {number: signal.signal(number, stopping) for number in SIGNALS}
    try:
        yield stop
    except KeyboardInterrupt:  # (the layout's way of stopping when it sees the flag)
        if not stop.is_set():
            raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if stop.is_set():
        raise Interrupted(stop.number)


@contextmanager
def source_date_epoch(fallback):
    """Reproducible dates: honour SOURCE_DATE_EPOCH, else the manifest's date (midnight UTC)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():  # checked by inputs.load
        yield
        return
    epoch = int(datetime.combine(fallback, clock(0), tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # reportlab's own switch for fixed dates
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


