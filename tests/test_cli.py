"""The command line as a user meets it: help, results, options, and mistakes."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CONTENT, open_pdf, run_tool
from nlmg_pdf import __version__

RESULT_LINE = re.compile(r"^(?P<path>\S+\.pdf): (?P<pages>\d+) pages, [\d,]+ KB, \d+\.\d\d s$")


def test_help_describes_the_commands():
    result = run_tool("--help")
    assert result.returncode == 0
    # (the help names no particular novel since a376361: see test_other_novel.py)
    assert "study guide" in result.stdout and "build" in result.stdout
    build_help = run_tool("build", "--help").stdout
    for option in ("--edition", "--out", "--content", "--style", "--paper", "--quiet"):
        assert option in build_help


def test_console_script_is_installed():
    script = shutil.which("nlmg-pdf", path=str(Path(sys.executable).parent))
    assert script, "the nlmg-pdf command is not installed beside this Python"
    result = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("nlmg-pdf ")


def test_build_prints_one_result_line_when_piped(tmp_path):
    out = tmp_path / "guide.pdf"
    result = run_tool("build", "--edition", "student", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    match = RESULT_LINE.match(lines[0])
    assert match and match["path"] == str(out)
    assert int(match["pages"]) == len(open_pdf(out).reader.pages)


@pytest.mark.slow
def test_default_output_is_under_out_in_the_current_folder(tmp_path):
    result = run_tool("build", "--edition", "student", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "never-let-me-go-student.pdf").is_file()


@pytest.mark.slow
def test_builds_an_edited_copy_of_the_content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    manifest = copy / "guide.yaml"
    manifest.write_text(manifest.read_text().replace("subtitle: ", "subtitle: Edited copy. "))
    plot = copy / "sections" / "plot.md"
    plot.write_text(plot.read_text() + "\nA test of escaping: 5 < 6 & <b>not bold</b> <font size=40>x</font>.\n")
    out = tmp_path / "edited.pdf"
    result = run_tool("build", "--content", str(copy), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = open_pdf(out)
    assert "Edited copy." in pdf.pages[0]
    assert "5 < 6 & <b>not bold</b> <font size=40>x</font>." in pdf.text


def test_a_missing_content_folder_is_reported(tmp_path):
    result = run_tool("build", "--content", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'nowhere'}: content directory not found")
    assert "Traceback" not in result.stderr


def test_help_loads_neither_reportlab_nor_the_model():
    """Help is instant because the commands import the heavy parts only when they run."""
    probe = ("import sys; from nlmg_pdf.cli import app; "
             "print(sorted(m for m in ('reportlab', 'rich', 'nlmg_pdf.model', 'markdown_it') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_usual_short_options_and_case_free_choices(tmp_path):
    assert run_tool("-h").stdout == run_tool("--help").stdout and "Usage: nlmg-pdf" in run_tool("-h").stdout
    assert run_tool("build", "-h").stdout == run_tool("build", "--help").stdout
    assert run_tool("-V").stdout == run_tool("--version").stdout == f"nlmg-pdf {__version__}\n"
    build_help = " ".join(run_tool("build", "-h").stdout.split())
    assert "-o, --out PATH" in build_help and "--content PATH" in build_help and "--style NAME|PATH" in build_help
    assert "<str>" not in build_help and "<path>" not in build_help
    # (the web page is the quick build; the options are read the same for a PDF)
    result = run_tool("build", "--edition", "Student", "--paper", "A4", "--format", "html", "-o", f"{tmp_path}/")
    assert result.returncode == 0, result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["never-let-me-go-student.html"]
    wrong = run_tool("build", "--paper", "B5")
    assert wrong.returncode != 0 and len(wrong.stderr.strip().splitlines()) == 1 and "'B5'" in wrong.stderr


def test_open_shows_each_written_file_in_the_systems_viewer(tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    opened = tmp_path / "opened.txt"
    viewer = tools / ("open" if sys.platform == "darwin" else "xdg-open")
    viewer.write_text(f'#!/bin/sh\necho "$1" >> "{opened}"\n')
    viewer.chmod(0o755)
    env = {"PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    result = run_tool("build", "--edition", "all", "--format", "html", "--open", "-o", f"{tmp_path}/out/", env=env)
    assert result.returncode == 0, result.stderr
    for _ in range(100):  # (the viewer is started, not waited for)
        if opened.is_file() and len(opened.read_text().splitlines()) == 2:
            break
        time.sleep(0.05)
    assert sorted(Path(line).name for line in opened.read_text().splitlines()) == [
        "never-let-me-go-student.html", "never-let-me-go-teacher.html"]
    missing = run_tool("build", "--format", "html", "--open", "-o", f"{tmp_path}/again/",
                       env={"PATH": str(tools.parent)})
    assert missing.returncode == 0 and "--open: no " in missing.stderr and (tmp_path / "again").is_dir()


def test_shell_completion_installs_and_completes(tmp_path):
    installed = run_tool("--install-completion", "bash", env={"HOME": str(tmp_path), "SHELL": "/bin/bash"})
    assert installed.returncode == 0, installed.stderr
    script = tmp_path / ".bash_completions" / "nlmg-pdf.sh"
    assert script.is_file() and str(script) in (tmp_path / ".bashrc").read_text()
    completed = run_tool(env={"_NLMG_PDF_COMPLETE": "complete_bash", "COMP_WORDS": "nlmg-pdf bu", "COMP_CWORD": "1"})
    assert completed.stdout.split() == ["build"]


def on_a_terminal(*args: str, cwd: Path) -> str:
    """What `nlmg-pdf ARGS` shows on a terminal (a pseudo-terminal here), as one string."""
    import pty

    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "nlmg_pdf", *args], cwd=cwd, stdin=follower, stdout=follower,
                             stderr=follower, env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # (the terminal closes when the build ends)
            break
        if not chunk:
            break
        shown += chunk
    child.wait(timeout=120)
    os.close(leader)
    return shown.decode(errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_build_shows_its_progress_on_a_terminal_and_not_when_quiet(tmp_path):
    shown = on_a_terminal("build", "-o", "guide.pdf", cwd=tmp_path)
    assert "Reading the content" in shown and "guide.pdf: " in shown
    quiet = on_a_terminal("build", "-q", "-o", "quiet.pdf", cwd=tmp_path)
    assert "Reading the content" not in quiet and "quiet.pdf: " in quiet
    piped = run_tool("build", "-o", f"{tmp_path}/piped.pdf")  # (not a terminal: the result line alone)
    assert piped.stdout.splitlines() == [line for line in piped.stdout.splitlines() if line.endswith(" s")]
    assert len(piped.stdout.splitlines()) == 1
