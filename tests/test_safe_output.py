"""Nothing lost: the PDF is never written over one of the build's inputs or over a device; all
editions are replaced together or none is; a full disk or a failed rename leaves every earlier
PDF as it was; SIGINT and SIGTERM stop a build cleanly, with a true message; a temporary file a
killed build left is cleared by the next one; a fault in the tool is one line."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, in_process
from nlmg_pdf import cli, output
from nlmg_pdf.errors import UserError


@pytest.fixture
def copy(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("target", ["content/guide.yaml", "content/sections/faq.md", "content/data/quiz.yaml",
                                    "mine.yaml"])
def test_the_pdf_is_never_written_over_one_of_the_builds_inputs(copy, target, monkeypatch):
    style = copy.parent / "mine.yaml"
    style.write_text("extends: default\nname: mine\n")
    before = snapshot(copy.parent)
    result = in_process(["build", "--content", "content", "--style", "mine.yaml", "--out", target], copy.parent,
                        monkeypatch)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"--out: '{target}' is one of the files this build reads; expected a new name "
                                     "for the PDF (the content and the style are never written over)")
    assert snapshot(copy.parent) == before


def test_the_pdf_is_never_written_over_a_device_or_a_pipe(tmp_path, monkeypatch):
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    for target, kind in (("/dev/null", "a device"), (str(pipe), "a named pipe")):
        result = in_process(["build", "--out", target], ROOT, monkeypatch)
        assert result.returncode == 1 and result.stderr.strip() == (f"{target}: is {kind}; expected the name of "
                                                                    "a PDF file to write")
    assert Path("/dev/null").is_char_device() and pipe.is_fifo()


def outputs(tmp_path: Path) -> dict[Path, bytes]:
    first, second = tmp_path / "teacher.pdf", tmp_path / "student.pdf"
    first.write_bytes(b"old teacher")
    second.write_bytes(b"old student")
    return {first: b"new teacher", second: b"new student"}


def test_all_editions_are_replaced_together(tmp_path):
    wanted = outputs(tmp_path)
    output.write_all(wanted)
    assert {path: path.read_bytes() for path in wanted} == wanted
    assert sorted(path.name for path in tmp_path.iterdir()) == ["student.pdf", "teacher.pdf"]


def test_a_full_disk_while_writing_the_second_edition_leaves_both_as_they_were(tmp_path, monkeypatch):
    wanted = outputs(tmp_path)
    calls = []

    def fsync(handle):
        calls.append(handle)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", fsync)
    with pytest.raises(UserError) as caught:
        output.write_all(wanted)
    assert str(caught.value) == (f"{tmp_path / 'student.pdf'}: cannot be written (No space left on device); "
                                 "the PDF written before is as it was")
    assert [path.read_bytes() for path in wanted] == [b"old teacher", b"old student"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["student.pdf", "teacher.pdf"]


def test_a_failed_rename_of_the_second_edition_puts_the_first_back(tmp_path, monkeypatch):
    wanted = outputs(tmp_path)
    replace = os.replace

    def failing(source, target):
        if Path(target).name == "student.pdf" and str(source).endswith(".part") and ".old." not in str(source):
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        replace(source, target)

    monkeypatch.setattr(output.os, "replace", failing)
    with pytest.raises(UserError) as caught:
        output.write_all(wanted)
    assert str(caught.value).startswith(f"{tmp_path / 'student.pdf'}: cannot be replaced (Operation not permitted)")
    assert [path.read_bytes() for path in wanted] == [b"old teacher", b"old student"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["student.pdf", "teacher.pdf"]


def test_a_temporary_file_left_by_a_killed_build_is_cleared_by_the_next(tmp_path):
    target = tmp_path / "guide.pdf"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".guide.pdf.{dead.pid}.abcd1234.part"
    live = tmp_path / f".guide.pdf.{os.getpid()}.efgh5678.part"  # a build still running: left alone
    other = tmp_path / f".other.pdf.{dead.pid}.abcd1234.part"  # another file's: left alone
    for path in (stale, live, other):
        path.write_bytes(b"half a PDF")
    output.write_all({target: b"%PDF whole"})
    assert not stale.exists() and live.exists() and other.exists() and target.read_bytes() == b"%PDF whole"


def test_a_name_too_long_is_one_line(tmp_path, monkeypatch):
    result = in_process(["build", "--out", str(tmp_path / ("x" * 300 + ".pdf"))], ROOT, monkeypatch)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and ("too long" in result.stderr), result.stderr


@pytest.fixture(scope="module")
def long_content(tmp_path_factory) -> Path:
    """The guide with every section four times over, so its layout surely lasts some seconds."""
    folder = tmp_path_factory.mktemp("long") / "content"
    shutil.copytree(CONTENT, folder)
    manifest = folder / "guide.yaml"
    lines = manifest.read_text().splitlines()
    sections = [line for line in lines if line.startswith("  - sections/")]
    copies = []
    for number in range(1, 4):
        for line in sections:
            name = line.split("/", 1)[1]
            shutil.copy(folder / "sections" / name, folder / "sections" / f"x{number}-{name}")
            copies.append(f"  - sections/x{number}-{name}")
    at = lines.index(sections[-1]) + 1
    manifest.write_text("\n".join([*lines[:at], *copies, *lines[at:]]) + "\n")
    return folder


def interrupted_build(tmp_path: Path, content: Path, number: int, after: float) -> subprocess.CompletedProcess:
    """A real build of `content`, sent the signal `after` seconds in."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment["NLMG_PDF_TRACEBACK"] = "1"
    process = subprocess.Popen([sys.executable, "-m", "nlmg_pdf", "build", "-q", "--edition", "all", "--content",
                                str(content), "--out", f"{tmp_path}/"], cwd=ROOT, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    process.send_signal(number)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def python_still_starting(stderr: str) -> bool:
    """Whether a KeyboardInterrupt came while Python was still starting `python -m`: every frame
    of its traceback is Python's own (runpy, the import machinery), none the tool's."""
    lines = stderr.strip().splitlines()
    if stderr.startswith("Could not import runpy module"):
        return True
    frames = [line for line in lines if line.lstrip().startswith("File ")]
    # (a traceback, or, when it came during the import of `site`, Python's fatal start-up error)
    first = ("Traceback", "Fatal Python error: init_import_site")
    return (bool(lines) and lines[0].startswith(first) and lines[-1].strip() == "KeyboardInterrupt"
            and bool(frames) and all('File "<frozen ' in frame for frame in frames))


def check_interrupted(tmp_path: Path, result: subprocess.CompletedProcess, before: dict[str, bytes],
                      number: int) -> None:
    """Either the build finished, or it stopped and said truly what it left; never a half state."""
    now = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    if result.returncode in (1, -number) and python_still_starting(result.stderr):  # (-number: it re-raised the signal)
        # Ctrl-C while Python itself was still starting `python -m` (on a slow machine, 20 ms
        # in): Python's own message, and none of the tool ran, so nothing may have changed
        assert now == before
        return
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr, result.stderr
    assert sorted(now) == sorted(before), sorted(now)  # no temporary file left
    changed = {name for name in now if now[name] != before[name]}
    if result.returncode == 0:
        assert changed == set(before)
        return
    if result.returncode == -number:  # killed as Python started, before any of the tool ran
        assert not changed
        return
    assert result.returncode == 128 + number, (result.returncode, result.stderr)
    if "written whole" in result.stderr:
        assert changed == set(before)
    else:
        assert result.stderr.strip() == "Interrupted: no PDF was written, and earlier ones are as they were."
        assert not changed


def old_pdfs(tmp_path: Path) -> dict[str, bytes]:
    for name in ("never-let-me-go-teacher.pdf", "never-let-me-go-student.pdf"):
        (tmp_path / name).write_bytes(b"%PDF an older build of " + name.encode())
    return {path.name: path.read_bytes() for path in tmp_path.iterdir()}


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_layout_stops_the_build_and_writes_nothing(tmp_path, long_content, number):
    before = old_pdfs(tmp_path)
    result = interrupted_build(tmp_path, long_content, number, 2.0)
    check_interrupted(tmp_path, result, before, number)
    assert result.returncode == 128 + number  # (two seconds in, the long guide is being laid out)


@pytest.mark.slow
def test_signals_at_many_points_of_a_build_never_leave_half_a_state(tmp_path, long_content):
    """From start-up to the end: the long guide takes a few seconds, so the late signals come
    near or after the writing, and the last ones after a finished build."""
    runs = [(content, after) for content, times in ((CONTENT, (0.02, 0.1, 0.3, 0.6, 0.9, 1.2, 1.5, 2.0)),
                                                    (long_content, (2.5, 4.0)))
            for after in times]
    for step, (content, after) in enumerate(runs):
        number = (signal.SIGINT, signal.SIGTERM)[step % 2]
        folder = tmp_path / f"run-{step}"
        folder.mkdir()
        before = old_pdfs(folder)
        check_interrupted(folder, interrupted_build(folder, content, number, after), before, number)


@pytest.mark.slow
def test_a_build_whose_parent_is_killed_leaves_no_process_and_prints_nothing(tmp_path):
    """`kill -9` cannot be caught, but the second edition's layout process sees its parent go
    and ends quietly: no traceback, no warning about leaked semaphores, nothing left running
    (the test's pipes close only when every process of the build has ended)."""
    for after in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen([sys.executable, "-m", "nlmg_pdf", "build", "-q", "--edition", "all",
                                    "--out", f"{tmp_path}/"], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(after)
        process.kill()
        out, err = process.communicate(timeout=30)
        assert err == "", (after, err)


def test_a_fault_in_the_tool_is_one_line(monkeypatch, capsys):
    def broken(**options):
        raise RuntimeError("a fault")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("NLMG_PDF_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as leaving:
        cli.main()
    assert leaving.value.code == 70
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("nlmg-pdf: internal error (RuntimeError: a fault)")


def test_only_pythons_own_start_up_is_excused():
    """The signal test lets through a Ctrl-C that lands while Python itself starts, and no other."""
    frames = ['  File "<frozen runpy>", line 189, in _run_module_as_main',
              '  File "<frozen runpy>", line 112, in _get_module_details']
    assert python_still_starting("\n".join(["Traceback (most recent call last):", *frames, "KeyboardInterrupt"]))
    assert python_still_starting("Could not import runpy module\nTraceback (most recent call last):\n...")
    in_the_tool = ["Traceback (most recent call last):", frames[0],
                   '  File "/x/nlmg_pdf/cli.py", line 3, in <module>', "KeyboardInterrupt"]
    assert not python_still_starting("\n".join(in_the_tool))
    assert not python_still_starting("Interrupted: no PDF was written, and earlier ones are as they were.")


def test_ctrl_c_while_the_entry_point_is_imported_is_one_line():
    """`python -m nlmg_pdf` interrupted as it imports its own entry point says so in one line."""
    interrupt = ("import runpy, sys\n"
                 "class Interrupting:\n"
                 "    def find_spec(self, name, path=None, target=None):\n"
                 "        if name == 'nlmg_pdf.command':\n"
                 "            raise KeyboardInterrupt\n"
                 "sys.meta_path.insert(0, Interrupting())\n"
                 "runpy.run_module('nlmg_pdf', run_name='__main__', alter_sys=True)\n")
    result = subprocess.run([sys.executable, "-c", interrupt], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (result.returncode, result.stderr.strip()) == (
        130, "Interrupted: no PDF was written, and earlier ones are as they were.")
