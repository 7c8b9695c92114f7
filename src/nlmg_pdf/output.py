"""Writing the PDFs so that nothing is ever lost: all of a build's files are replaced together
or none is, never over one of the build's own inputs or over a device or pipe, and a signal
that arrives meanwhile waits until the files are whole.

Each PDF is first written in full beside its target, under a hidden name that carries this
process's id (`.never-let-me-go-teacher.pdf.4242.x1y2.part`); then the old files are kept
aside as hard links while the new ones are renamed into place, and put back if any rename
fails. A temporary file left by a process that no longer runs (one killed outright) is
removed by the next build that writes beside it.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .model import Source
from .reading.files import kind_of

SIGNALS: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)


class Interrupted(Exception):  # noqa: N818 - what happened, as the user sees it
    """Ctrl-C (SIGINT) or SIGTERM stopped the build; `written` says whether the PDFs had been
    replaced already (the signal came while they were written, and waited for them)."""

    def __init__(self, number: int, written: bool = False):
        super().__init__(signal.Signals(number).name)
        self.number, self.written = number, written


def check_target(target: Path, inputs: set[Path], shown: str) -> None:
    """Refuse to write the PDF over one of the build's own inputs or over anything that is not
    a regular file (a device such as /dev/null, a named pipe), before any layout is done."""
    try:
        real = target.resolve()
        mode = os.stat(target).st_mode if target.exists() else None
    except OSError as error:
        raise UserError.one(Source("--out"), f"cannot use '{shown}' ({error.strerror}); expected the name of "
                            "a PDF file to write") from None
    if real in inputs:
        raise UserError.one(Source("--out"), f"'{shown}' is one of the files this build reads; expected a new "
                            "name for the PDF (the content and the style are never written over)")
    if mode is not None and not stat.S_ISREG(mode):
        raise UserError.one(Source(shown), f"is {kind_of(mode)}; expected the name of a PDF file to write")


def check_writable(target: Path) -> None:
    """Fail early, with the place, when the PDF could not be written where asked."""
    folder = target.parent
    try:
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
        is_folder = target.is_dir()
    except OSError as error:  # a name longer than the system allows, say
        raise UserError.one(Source(str(target)), f"cannot be written ({error.strerror}); expected a shorter "
                            "name for the PDF") from None
    if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise UserError.one(Source(str(folder)), "cannot write here; expected a folder you can write to")
    if is_folder:
        raise UserError.one(Source(str(target)), "is a folder; expected the name of a PDF file to write")
    if len(os.fsencode(target.name)) > 200:  # (the temporary name beside it adds some 30 bytes)
        raise UserError.one(Source(str(target)), "has a name too long to write safely; expected a name "
                            "under 200 bytes")


@dataclass
class _Deferred:
    number: int | None = None
    previous: dict[int, object] = field(default_factory=dict)


@contextmanager
def signals_deferred(then_ignored: bool = False) -> Iterator[_Deferred]:
    """Hold SIGINT and SIGTERM until the block ends: files half-renamed are worse than a build
    that finishes the last milliseconds of its work. The signal's number is kept. With
    `then_ignored`, they stay ignored after the block: the work is done, and a signal could
    only cut short the lines saying what was written, or make them untrue."""
    held = _Deferred()

    def hold(number, frame) -> None:
        held.number = held.number or number

    for each in SIGNALS:
        held.previous[each] = signal.signal(each, hold)
    try:
        yield held
    finally:
        for each, previous in held.previous.items():
            signal.signal(each, signal.SIG_IGN if then_ignored else previous)  # type: ignore[arg-type]


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every file, or leave every target as it was. A problem names the file."""
    temporaries: dict[Path, Path] = {}
    try:
        for target, data in outputs.items():
            temporaries[target] = _written_beside(target, data)
        _replace_together(temporaries)
    finally:
        for temporary in temporaries.values():
            with suppress(OSError):
                temporary.unlink(missing_ok=True)


def _written_beside(target: Path, data: bytes) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".part")
    except OSError as error:
        raise UserError.one(Source(str(target.parent)), f"cannot write here ({error.strerror}); "
                            "expected a folder you can write to") from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # (a full disk can show itself only now)
        os.chmod(temporary, 0o644)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError.one(Source(str(target)), f"cannot be written ({error.strerror}); "
                            f"{_as_they_were(target)}") from None
    return temporary


def _replace_together(temporaries: dict[Path, Path]) -> None:
    """Rename each temporary file over its target; if one rename fails, put back the ones done."""
    kept: dict[Path, Path | None] = {}  # target -> a hard link to its old file (None: there was none)
    done: list[Path] = []
    try:
        for target in temporaries:
            kept[target] = _keep_aside(target)
        for target, temporary in temporaries.items():
            os.replace(temporary, target)
            done.append(target)
    except OSError as error:
        for target in done:  # back as they were
            with suppress(OSError):
                old = kept.get(target)
                if old is not None:
                    os.replace(old, target)
                else:
                    target.unlink()
        failed = next((target for target in temporaries if target not in done), next(iter(temporaries)))
        raise UserError.one(Source(str(failed)), f"cannot be replaced ({error.strerror}); "
                            f"{_as_they_were(failed, len(temporaries))}") from None
    finally:
        for old in kept.values():
            if old is not None:
                with suppress(OSError):
                    old.unlink(missing_ok=True)


def _keep_aside(target: Path) -> Path | None:
    """A hard link to the target's present file, to put back; None if there is no file."""
    if not target.exists():
        return None
    aside = target.with_name(f".{target.name}.{os.getpid()}.old.part")
    aside.unlink(missing_ok=True)
    try:
        os.link(target, aside)
    except OSError:  # a file system without hard links: a copy does as well
        shutil.copyfile(target, aside)
    return aside


def _as_they_were(target: Path, count: int = 1) -> str:
    return "the PDFs written before are as they were" if count > 1 else "the PDF written before is as it was"


TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.(?:old|[^.]+)\.part$")


def remove_stale_temporaries(target: Path) -> None:
    """Remove the temporary files beside `target` that a process no longer running left."""
    for path in target.parent.glob(f".{glob_escape(target.name)}.*.part"):
        found = TEMPORARY.match(path.name)
        if found and found["name"] == target.name and not _running(int(found["pid"])):
            with suppress(OSError):
                path.unlink()


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
