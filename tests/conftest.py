"""Shared fixtures: the guide built once per test session, as a user builds it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


def run_tool(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m nlmg_pdf ARGS` in a child process, exactly as from a shell."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "nlmg_pdf", *args], cwd=cwd or ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


WRITE_IN_RULE = re.compile(r"^n [\d.]+ ([\d.]+) m [\d.]+ \1 l S$", re.M)  # a level line


def write_in_rules(pdf, page: int) -> list[float]:
    """The heights of the rules drawn with the write-in pen (0.6 pt) on one page, as drawn."""
    heights, pen = [], None
    for line in pdf.reader.pages[page].get_contents().get_data().decode("latin-1").splitlines():
        if line.endswith(" w"):
            pen = line
        elif pen == ".6 w" and (match := WRITE_IN_RULE.match(line)):
            heights.append(float(match[1]))
    return heights


def words(text: str) -> str:
    """Text with every run of whitespace made one space, so wrapped lines compare equal."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class BuiltPdf:
    path: Path
    reader: PdfReader
    pages: list[str]  # each page's extracted text, whitespace normalised

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def shows(self, passage: str) -> bool:
        """Whether the passage is printed, however lines were broken or words hyphenated."""
        return flat(passage) in flat(self.text)


def flat(text: str) -> str:
    """Text with hyphens and spacing taken out, so 'under- stand' and 'understand' match."""
    return re.sub(r"\s+", "", text).replace("-", "").replace("\u00ad", "")


def open_pdf(path: Path) -> BuiltPdf:
    reader = PdfReader(path)
    return BuiltPdf(path, reader, [words(page.extract_text()) for page in reader.pages])


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, BuiltPdf]:
    folder = tmp_path_factory.mktemp("built")
    out = {}
    for edition in ("teacher", "student"):
        path = folder / f"{edition}.pdf"
        result = run_tool("build", "--edition", edition, "--out", str(path))
        assert result.returncode == 0, result.stderr
        out[edition] = open_pdf(path)
    return out


@pytest.fixture(scope="session")
def teacher(built) -> BuiltPdf:
    return built["teacher"]


@pytest.fixture(scope="session")
def student(built) -> BuiltPdf:
    return built["student"]
