"""The command line as a user meets it: help, results, options, and mistakes."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, open_pdf, run_tool

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
