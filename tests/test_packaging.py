"""A regular (non-editable) install carries the guide's content and styles with it."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, open_pdf


@pytest.mark.slow
def test_wheel_ships_content_and_styles_and_builds_from_anywhere(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("nlmg_pdf-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "nlmg_pdf/bundled/content/guide.yaml" in names
    assert "nlmg_pdf/bundled/styles/default.yaml" in names

    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run([sys.executable, "-c", "from nlmg_pdf.locations import bundled; print(bundled('content'))"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == str(target / "nlmg_pdf" / "bundled" / "content")
    result = subprocess.run([sys.executable, "-m", "nlmg_pdf", "build", "--edition", "student", "--format",
                             "pdf,html"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(open_pdf(elsewhere / "out" / "never-let-me-go-student.pdf").reader.pages) > 5
    assert "localStorage" in (elsewhere / "out" / "never-let-me-go-student.html").read_text()  # (answers.js ships)
