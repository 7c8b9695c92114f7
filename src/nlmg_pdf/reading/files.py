"""Opening the files content and styles name: only inside their folder, only regular files,
and only up to a size a guide's text could need.

A name leading out of the content folder (`../`, an absolute path, a symbolic link pointing
elsewhere) is refused, so nothing outside it is ever read or quoted in a message. A FIFO or a
device (`/dev/zero`) is refused without waiting on it: the file is opened without blocking and
looked at before anything is read. Every file read is noted, so that a build can refuse to
write its PDF over one of its own inputs.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import UserError
from ..model import Source

MAX_TEXT_BYTES = 1024 * 1024  # a Markdown or YAML file: the longest shipped one is 30 KB
MAX_IMAGE_BYTES = 20 * 1024 * 1024

_read: ContextVar[set[Path] | None] = ContextVar("read", default=None)


@contextmanager
def noting_reads() -> Iterator[set[Path]]:
    """Note the real path of every file read inside the block, in the set it yields."""
    found: set[Path] = set()
    token = _read.set(found)
    try:
        yield found
    finally:
        _read.reset(token)


def inside(root: Path, name: str) -> Path | None:
    """The file `name` names in the folder `root`, links followed; None if it lies outside."""
    folder = root.resolve()
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder) else None


def confined(root: Path, name: str, where: Source, folder: str = "the content folder") -> Path:
    """`inside`, or a problem at `where` saying the name leads out of the folder."""
    path = inside(root, name)
    if path is None:
        raise UserError.one(where, f"'{name}' lies outside {folder}; expected a file inside it")
    return path


KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
         (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, as a person would say it: 'a named pipe'."""
    return next((kind for test, kind in KINDS if test(mode)), "not a regular file")


def read_bytes(path: Path, where: Source, limit: int = MAX_TEXT_BYTES, subject: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them. A problem is placed
    at `where`: the file itself, or the place that names it, then calling it `subject`
    ("'sections/faq.md'", "image 'map.png'")."""
    missing, subject = subject or "file", subject or "the file"
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise UserError.one(where, f"{missing} not found") from None
    except OSError as error:
        raise UserError.one(where, f"cannot read {subject} ({error.strerror})") from None
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise UserError.one(where, f"{subject} is {kind_of(mode)}; expected a file")
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise UserError.one(where, f"cannot read {subject} ({error.strerror})") from None
    if len(data) > limit:
        raise UserError.one(where, f"{subject} is larger than {limit // 1024 // 1024} MB; expected a smaller file")
    noted = _read.get()
    if noted is not None:
        noted.add(Path(path).resolve())
    return data
