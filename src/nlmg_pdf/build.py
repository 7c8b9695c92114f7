"""Building: the edition transforms, the layout (in parallel where it pays) and atomic writing."""
from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as clock
from multiprocessing.pool import Pool
from pathlib import Path

from .errors import UserError
from .model import Edition, Guide, Source
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
    pdf, pages = render(prepare(guide, edition), style, progress, stop)
    return Rendered(pdf, pages, time.perf_counter() - started)


@contextmanager
def layout_workers(editions: int) -> Iterator[Pool | None]:
    """Processes to lay out all editions but one, started before the content is read so that
    they import reportlab meanwhile; None when one edition or one core leaves nothing to share."""
    count = min(editions, _cores()) - 1  # this process lays out an edition too
    if count < 1:
        yield None
        return
    pool = multiprocessing.get_context("spawn").Pool(count, initializer=_start_worker)
    try:
        yield pool
    finally:
        pool.terminate()  # on Ctrl-C the workers stop at once instead of finishing their pages


def build_editions(guide: Guide, style: Style, targets: dict[Edition, Path],
                   progress: Progress = lambda message: None, workers: Pool | None = None) -> list[Built]:
    """Lay out each edition (the teacher's here, the others in `workers` if given), then
    write the files. Only this process writes, so an interrupted build writes nothing."""
    for out in targets.values():
        check_writable(out)  # before minutes of layout, not after
    # the teacher edition, the longest, is laid out here while the workers take the others
    here, *elsewhere = sorted(targets, key=lambda edition: edition is not Edition.TEACHER)
    rendered: dict[Edition, Rendered] = {}
    others = None
    if workers is not None and elsewhere:
        progress(f"laying out {len(targets)} editions side by side")
        others = workers.starmap_async(render_edition, [(guide, style, edition) for edition in elsewhere])
    with stopped_by_interrupt() as stop:
        for edition in [here] if others else [here, *elsewhere]:
            rendered[edition] = render_edition(guide, style, edition, progress, stop)
    if others is not None:
        rendered.update(zip(elsewhere, others.get(), strict=True))
    built = []
    for edition, out in targets.items():
        result = rendered[edition]
        progress(f"writing {out}")
        write_atomically(out, result.pdf)
        built.append(Built(out, result.pages, len(result.pdf), result.seconds))
    return built


def _start_worker() -> None:
    """Ctrl-C is for the main process: it stops the workers and writes nothing. Importing the
    renderer now overlaps reportlab's import with the main process reading the content."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .render import document  # noqa: F401


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may actually use
    except AttributeError:
        return os.cpu_count() or 1


def render(guide: Guide, style: Style, progress: Progress, stop: threading.Event | None = None) -> tuple[bytes, int]:
    from .render.document import render_pdf  # reportlab is imported only when a build needs it

    with source_date_epoch(guide.metadata.date):
        return render_pdf(guide, style, progress, stop)


@contextmanager
def stopped_by_interrupt():
    """Ctrl-C during layout sets a flag that the layout checks between blocks. A signal that
    raised straight into reportlab could be caught by its bare `except:` and come out as
    some other error; the flag ends the build cleanly, as a KeyboardInterrupt from here."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda number, frame: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)
    if stop.is_set():
        raise KeyboardInterrupt


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


def check_writable(target: Path) -> None:
    """Fail early, with the place, when the PDF could not be written where asked."""
    folder = target.parent
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise UserError.one(Source(str(folder)), "cannot write here; expected a folder you can write to")
    if target.is_dir():
        raise UserError.one(Source(str(target)), "is a folder; expected the name of a PDF file to write")


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failed build never leaves half a PDF."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise UserError.one(Source(str(target.parent)), f"cannot write here ({error.strerror}); "
                            "expected a folder you can write to") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
