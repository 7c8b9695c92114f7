"""The pipeline: load -> transforms -> render -> write, with the output replaced atomically."""
from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as clock
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


def build_edition(guide: Guide, style: Style, edition: Edition, out: Path,
                  progress: Progress = lambda message: None) -> Built:
    started = time.perf_counter()
    pdf, pages = render(prepare(guide, edition), style, progress)
    progress(f"writing {out}")
    write_atomically(out, pdf)
    return Built(out, pages, len(pdf), time.perf_counter() - started)


def build_editions(guide: Guide, style: Style, targets: dict[Edition, Path],
                   progress: Progress = lambda message: None) -> list[Built]:
    """Build several editions, each in a process of its own when there are cores to spare."""
    workers = min(len(targets), _cores())
    if workers < 2:
        return [build_edition(guide, style, edition, out, progress) for edition, out in targets.items()]
    progress(f"building {len(targets)} editions side by side")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_edition, guide, style, edition, out) for edition, out in targets.items()]
        return [future.result() for future in futures]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may actually use
    except AttributeError:
        return os.cpu_count() or 1


def render(guide: Guide, style: Style, progress: Progress) -> tuple[bytes, int]:
    from .render.document import render_pdf  # reportlab is imported only when a build needs it

    with source_date_epoch(guide.metadata.date):
        return render_pdf(guide, style, progress)


@contextmanager
def source_date_epoch(fallback):
    """Reproducible dates: honour SOURCE_DATE_EPOCH, else the manifest's date (midnight UTC)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    epoch = int(datetime.combine(fallback, clock(0), tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # reportlab's own switch for fixed dates
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


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
