"""A second process that lays out one edition while the build lays out another.

A plain child process that takes its job on stdin and answers on stdout, rather than a
multiprocessing pool: a pool's semaphores and resource tracker print warnings, and its workers
tracebacks, when the build is killed. This child ends quietly however its parent ends: the
parent's end closes the child's stdin, which stops the layout, and an answer nobody reads is
dropped."""
from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
import traceback
from typing import IO, TYPE_CHECKING, Any

from .errors import UserError

if TYPE_CHECKING:
    from .build import Rendered
    from .model import Edition, Guide
    from .stylesheet import Style

DONE, FAILED = "done", "failed"


class LayoutWorker:
    """Started early, so that it imports reportlab while the build reads the content."""

    def __init__(self) -> None:
        # -P: a folder named like this package in the working directory is not imported instead
        self.process = subprocess.Popen([sys.executable, "-P", "-m", __name__],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._answer: tuple[str, Any] | None = None
        self._answered = threading.Event()
        self.given = False  # a job (one edition, once)

    def lay_out(self, guide: Guide, style: Style, edition: Edition) -> None:
        """Send the job; the answer is read as it comes, in the background."""
        self.given = True
        threading.Thread(target=self._send, args=(pickle.dumps((guide, style, edition)),), daemon=True).start()
        threading.Thread(target=self._receive, daemon=True).start()

    def wait(self, seconds: float) -> bool:
        return self._answered.wait(seconds)

    def result(self) -> Rendered:
        """The `Rendered` edition; the worker's `UserError` (a block that cannot be laid out)
        is raised here as if the layout had been done in this process."""
        self._answered.wait()
        if self._answer is None:  # (killed, by the system's memory limit say)
            raise RuntimeError(f"the layout process ended without an answer (exit {self.process.poll()})")
        kind, value = self._answer
        if kind == DONE:
            return value
        if isinstance(value, UserError):
            raise value
        raise RuntimeError(f"the layout process failed: {value}")

    def close(self) -> None:
        """Stop the worker at once if it is still busy (Ctrl-C, or an error here)."""
        if self.process.poll() is None and not self._answered.is_set():
            self.process.kill()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe:
                pipe.close()
        self.process.wait()

    def _send(self, job: bytes) -> None:
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(job)
            self.process.stdin.flush()  # stdin stays open: its end tells the worker to stop
        except (BrokenPipeError, ValueError):  # the worker is gone (killed, or closed by us)
            pass

    def _receive(self) -> None:
        try:
            self._answer = pickle.load(self.process.stdout)  # type: ignore[arg-type]
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            self._answer = None
        self._answered.set()


def main() -> None:
    # Ctrl-C at the terminal reaches every process of the build; the parent decides what stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .build import render_edition
    from .render import document  # noqa: F401  (the slow import, done while the parent reads)

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        guide, style, edition = pickle.load(stdin)
    except (EOFError, OSError, pickle.UnpicklingError):
        os._exit(0)  # the parent ended before it had a job to give
    stop = threading.Event()
    threading.Thread(target=_stop_when_closed, args=(stdin, stop), daemon=True).start()
    try:
        answer: tuple[str, Any] = (DONE, render_edition(guide, style, edition, stop=stop))
    except KeyboardInterrupt:  # (how the layout stops when it sees `stop`)
        os._exit(0)
    except Exception as error:  # noqa: BLE001 - sent to the parent, which reports it
        answer = (FAILED, error if isinstance(error, UserError) else traceback.format_exc(limit=-3))
    _answer(stdout, answer)


def _stop_when_closed(stdin: IO[bytes], stop: threading.Event) -> None:
    while stdin.read(1):
        pass
    stop.set()


def _answer(stdout: IO[bytes], answer: tuple[str, Any]) -> None:
    try:
        pickle.dump(answer, stdout)
        stdout.flush()
    except (BrokenPipeError, OSError):
        pass  # the parent is gone; nobody is left to tell
    os._exit(0)  # (not a normal exit, which would flush the broken pipe again and complain)


if __name__ == "__main__":
    main()
