"""`nlmg-pdf watch`: a saved edit rebuilds the PDF; an edit with a mistake prints its problems
and leaves the last PDF as it was; Ctrl-C or SIGTERM ends the watch cleanly. Run as a real
process on a copy of the small guide in tests/other_novel, edited as an editor would."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, in_process, open_pdf

OTHER = ROOT / "tests" / "other_novel"
OPENING = "sections/opening.md"
SENTENCE = "A watched sentence, added while the watch ran."


class Watch:
    """`nlmg-pdf watch` in a child process, its output read line by line as it comes."""

    def __init__(self, cwd: Path, *args: str) -> None:
        environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        environment["NLMG_PDF_TRACEBACK"] = "1"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nlmg_pdf", "watch", *args], cwd=cwd, env=environment, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # (a shell's `&` ignores it)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, fragment: str, timeout: float = 60) -> list[str]:
        """The lines printed up to and including the first one holding `fragment`."""
        ending, got = time.monotonic() + timeout, []
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, ending - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no line with {fragment!r} in {timeout} s; printed: {self.seen}")
            got.append(line)
            self.seen.append(line)
            if fragment in line:
                return got

    def stop(self, number: int = signal.SIGINT) -> tuple[int, str]:
        self.process.send_signal(number)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            pytest.fail(f"the watch went on after signal {number}; printed: {self.seen}")
        time.sleep(0.1)  # (the reader takes the last lines)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return self.process.returncode, "\n".join(rest)


@pytest.fixture
def guide(tmp_path) -> Path:
    """A copy of the small guide, in tmp_path/content, with the PDF to go to tmp_path/out."""
    shutil.copytree(OTHER, tmp_path / "content")
    return tmp_path


def save(path: Path, old: str, new: str) -> None:
    """Save an edit as editors do: a new file, renamed over the old one."""
    text = path.read_text()
    assert old in text, old
    fresh = path.with_name(path.name + ".new~")
    fresh.write_text(text.replace(old, new, 1))
    fresh.replace(path)


def test_an_edit_rebuilds_the_pdf_and_an_edit_with_a_mistake_leaves_the_last_one(guide):
    watch = Watch(guide, "--content", "content", "--out", "out/guide.pdf")
    first = watch.until("for changes; Ctrl-C to stop.")
    assert first[0].startswith("out/guide.pdf: 6 pages, "), first
    pdf = guide / "out" / "guide.pdf"
    assert SENTENCE not in open_pdf(pdf).text

    save(guide / "content" / OPENING, "@pullquote truth", f"{SENTENCE}\n\n@pullquote truth")
    again = watch.until("Built again in")
    assert again[0] == f"Changed: content/{OPENING}; building again", again  # (not the editor's temporary file)
    assert again[1].startswith("out/guide.pdf: 6 pages, ")
    assert SENTENCE in open_pdf(pdf).text
    good = pdf.read_bytes()

    save(guide / "content" / OPENING, "@pullquote truth", "@pullquote nothing-by-this-id\n\n[a](#nowhere)")
    broken = watch.until("problems found")
    assert broken[0] == f"Changed: content/{OPENING}; building again"
    problems = broken[1:-1]
    assert len(problems) == 2 and all(line.startswith(f"content/{OPENING}:") for line in problems), problems
    assert any("#nowhere" in line for line in problems) and any("nothing-by-this-id" in line for line in problems)
    assert broken[-1] == "2 problems found; nothing was written, and the last files are as they were."
    assert pdf.read_bytes() == good

    save(guide / "content" / OPENING, "@pullquote nothing-by-this-id\n\n[a](#nowhere)", "@pullquote truth")
    watch.until("Built again in")  # (mended, it builds again: the watch went on)
    code, rest = watch.stop()
    assert (code, rest) == (0, "Stopped watching."), watch.seen
    assert sorted(path.name for path in (guide / "out").iterdir()) == ["guide.pdf"]  # no temporary file left


def test_a_change_to_the_style_rebuilds_and_sigterm_ends_the_watch(guide):
    style = guide / "mine.yaml"
    shutil.copy(ROOT / "styles" / "default.yaml", style)
    watch = Watch(guide, "--content", "content", "--style", "mine.yaml", "-o", "out/guide.pdf")
    assert watch.until("for changes")[-1] == "Watching content and mine.yaml for changes; Ctrl-C to stop."
    assert open_pdf(guide / "out" / "guide.pdf").reader.pages[0].mediabox.width == 612  # Letter
    save(style, "paper: letter", "paper: a4")
    assert watch.until("Built again")[0] == "Changed: mine.yaml; building again"
    assert float(open_pdf(guide / "out" / "guide.pdf").reader.pages[0].mediabox.width) == pytest.approx(595.3, abs=0.1)
    code, rest = watch.stop(signal.SIGTERM)
    assert (code, rest) == (0, "Stopped watching."), watch.seen


def test_a_quiet_watch_prints_only_what_it_wrote(guide):
    watch = Watch(guide, "--content", "content", "-o", "out/guide.pdf", "-q")
    assert watch.until("out/guide.pdf: ")[0].startswith("out/guide.pdf: 6 pages, ")
    time.sleep(1)  # (time to say more, if it were going to)
    code, rest = watch.stop()
    assert (code, rest, watch.seen[1:]) == (0, "", []), watch.seen


def test_a_mistake_on_the_command_line_ends_the_watch_at_once(guide, monkeypatch):
    result = in_process(["watch", "--content", "content", "--style", "no-such-style"], guide, monkeypatch)
    assert result.returncode == 1
    assert "no-such-style" in result.stderr and "1 problem found" in result.stderr
    assert not (guide / "out").exists()


def test_the_watch_skips_editors_temporary_files_and_keeps_a_deleted_section(guide):
    from nlmg_pdf.editions import Edition
    from nlmg_pdf.request import Request
    from nlmg_pdf.watching import Watched

    watched = Watched(Request((Edition.TEACHER,), content=guide / "content"))
    section = (guide / "content" / OPENING).resolve()
    watched.inputs = {section}
    for name in (".opening.md.swp", "opening.md.swp", "opening.md~", ".#opening.md", "opening.md.tmp"):
        assert not watched(None, str(section.with_name(name))), name
    assert watched(None, str(section))
    assert not watched(None, str(guide / "elsewhere.md"))  # outside the content, and never read
    gone = section.with_name("sedAbC123")  # made and renamed away within the change
    section.unlink()
    assert watched.relevant({(None, str(gone)), (None, str(section))}) == [section]


def test_kept_parses_are_used_only_for_the_same_text(guide, monkeypatch):
    """A rebuild reuses the tokens of unchanged texts, and parses an edited one afresh."""
    from nlmg_pdf.reading import parser
    from nlmg_pdf.reading.guide import load_guide

    calls = []
    kept = parser.KeptParses()

    original = parser.MARKDOWN.parse

    def counted(text):
        calls.append(text)
        return original(text)

    def load():
        kept.next_round()
        with parser.parses_kept(kept):
            return load_guide(guide / "content")

    monkeypatch.setattr(parser.MARKDOWN, "parse", counted)
    first = load()
    parsed = len(calls)
    assert parsed >= 3  # a body for each section
    assert load() == first and len(calls) == parsed  # nothing parsed again
    save(guide / "content" / OPENING, "@pullquote truth", f"{SENTENCE}\n\n@pullquote truth")
    edited = load()
    assert len(calls) == parsed + 1 and SENTENCE in calls[-1]  # only the edited section
    assert edited != first and SENTENCE in repr(edited)
