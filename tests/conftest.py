"""Shared fixtures: every PDF the tests read, built once per test session, as a user builds it.

`pdfs` is the one build cache: each (style, paper) is built on first use, both editions in one
`build --edition all`, and each file's text is extracted only when a test reads it. `built`,
`teacher` and `student` are views of its default-style letter pair.

`-m "not slow"` is the inner loop's fast lane; the `slow` marker is registered below.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from pypdf import PdfReader

if TYPE_CHECKING:
    from nlmg_pdf.model import Edition, Guide

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
STYLES = ("default", "print", "large-print")
PAPERS = ("letter", "a4")
EDITIONS = ("teacher", "student")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: builds or checks beyond the default style's pair (every style and paper, "
                   "outside checkers over every style, generated examples, the wheel, interrupted and "
                   "parallel builds); leave them out with -m 'not slow' for a fast inner loop")


@cache
def shipped_guide(edition: Edition | None = None) -> Guide:
    """The shipped content as the model, loaded once per session, and prepared for an edition
    (`nlmg_pdf.transforms.prepare`) when one is given. The model is immutable, so tests share it."""
    from nlmg_pdf.reading.guide import load_guide
    from nlmg_pdf.transforms import prepare

    return load_guide(CONTENT) if edition is None else prepare(shipped_guide(), edition)


def run_tool(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m nlmg_pdf ARGS` in a child process, exactly as from a shell."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment["NLMG_PDF_TRACEBACK"] = "1"  # a fault in the tool shows as a traceback, which the tests look for
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "nlmg_pdf", *args], cwd=cwd or ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def node_file(relative: str, setting: str) -> Path | None:
    """A file of an npm package the tests use (the Nu HTML Checker, axe-core): at the path the
    environment variable `setting` names, or where .ci/run installs it (.ci/node), or in a
    node_modules beside or above the project."""
    given = os.environ.get(setting)
    candidates = [Path(given)] if given else []
    candidates += [folder / "node_modules" / relative for folder in (ROOT / ".ci" / "node", ROOT, ROOT.parent)]
    return next((path for path in candidates if path.is_file()), None)


def absent(what: str, setting: str) -> NoReturn:
    """Skip a test whose outside tool is missing, with the reason; fail instead where `setting` is
    on (.ci/run installs the tool, so there its absence is a fault)."""
    if os.environ.get(setting):
        pytest.fail(f"{what} (and {setting} is set)")
    pytest.skip(what)


def in_process(args: list[str], cwd: Path, monkeypatch) -> subprocess.CompletedProcess:
    """`nlmg-pdf ARGS`, run from `cwd` by the same command-line app in this process (a child's
    start-up costs more than a check): for the many small cases; what only a real process
    shows (signals, start-up, exit codes from the shell) is tested with `run_tool`."""
    from typer.testing import CliRunner

    from nlmg_pdf.cli import app

    monkeypatch.chdir(cwd)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, SystemExit | None), result.exception  # no error escaped the app
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def check_in_process(copy: Path, monkeypatch) -> subprocess.CompletedProcess:
    """`nlmg-pdf check --content content`, run in this process from the folder holding `copy`."""
    return in_process(["check", "--content", "content"], copy.parent, monkeypatch)


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


def outline(pdf) -> list[tuple[int, str, int, float]]:
    """(level, title, page number, top) of every bookmark, in order."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                page = pdf.reader.get_destination_page_number(item) + 1
                found.append((level, words(item.title), page, float(item["/Top"])))

    walk(pdf.reader.outline, 0)
    return found


class BuiltPdf:
    """A built PDF, read with pypdf. Its text is extracted on first use of `pages` or `text`
    (pypdf's extraction is the slow part), so a test that reads sizes or objects never pays for it."""

    def __init__(self, path: Path):
        self.path = path
        self.reader = PdfReader(path)

    @cached_property
    def extracted(self) -> list[str]:
        """Each page's text as pypdf extracts it, line by line."""
        return self._extraction[0]

    @cached_property
    def runs(self) -> list[list[tuple[str, tuple, tuple]]]:
        """Each page's runs of text as pypdf's extraction meets them: (text, cm, tm), the current
        transformation and text matrices it was drawn with."""
        return self._extraction[1]

    @cached_property
    def _extraction(self) -> tuple[list[str], list[list[tuple[str, tuple, tuple]]]]:
        texts, runs = [], []
        for page in self.reader.pages:
            found: list[tuple[str, tuple, tuple]] = []
            texts.append(page.extract_text(
                visitor_text=lambda text, cm, tm, font, size, found=found: found.append((text, tuple(cm), tuple(tm)))))
            runs.append(found)
        return texts, runs

    @cached_property
    def pages(self) -> list[str]:
        """Each page's extracted text, whitespace normalised."""
        return [words(text) for text in self.extracted]

    @cached_property
    def text(self) -> str:
        return " ".join(self.pages)

    @cached_property
    def _flat_text(self) -> str:
        return flat(self.text)

    def shows(self, passage: str) -> bool:
        """Whether the passage is printed, however lines were broken or words hyphenated."""
        return flat(passage) in self._flat_text

    def __repr__(self) -> str:
        return f"BuiltPdf({self.path})"


def flat(text: str) -> str:
    """Text with hyphens and spacing taken out, so 'under- stand' and 'understand' match."""
    return re.sub(r"\s+", "", text).replace("-", "").replace("\u00ad", "")


def open_pdf(path: Path) -> BuiltPdf:
    return BuiltPdf(path)


class Builds:
    """The guide's PDFs for every (style, paper), each pair built once, when first asked for.
    Safe to use from several threads: a (style, paper) being built is waited for, not built twice."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._lock = threading.Lock()
        self._building: dict[tuple[str, str], threading.Lock] = {}
        self._folders: dict[tuple[str, str], Path] = {}
        self._failures: dict[tuple[str, str], str] = {}
        self._opened: dict[tuple[str, str, str], BuiltPdf] = {}

    def path(self, edition: str, style: str = "default", paper: str = "letter") -> Path:
        """The PDF of one edition in a style on a paper, built (with the other edition) if need be."""
        assert edition in EDITIONS, edition
        return self._folder(style, paper) / f"never-let-me-go-{edition}.pdf"

    def open(self, edition: str, style: str = "default", paper: str = "letter") -> BuiltPdf:
        """The same PDF read with pypdf, opened once; its text is extracted once, when first read."""
        path, key = self.path(edition, style, paper), (edition, style, paper)
        with self._lock:
            if key not in self._opened:
                self._opened[key] = BuiltPdf(path)
            return self._opened[key]

    def build(self, pairs: Iterable[tuple[str, str]], workers: int = 2) -> None:
        """Build several (style, paper) pairs at once, in threads (each build is its own processes)."""
        missing = [pair for pair in dict.fromkeys(pairs) if pair not in self._folders]
        if len(missing) > 1:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(self._attempt, missing))
        for style, paper in missing:
            self._folder(style, paper)  # raises for a failed build

    def _attempt(self, pair: tuple[str, str]) -> None:
        try:
            self._folder(*pair)
        except AssertionError:
            pass  # remembered, and raised to whoever asks for that pair

    def _folder(self, style: str, paper: str) -> Path:
        key = (style, paper)
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:
            if key not in self._folders and key not in self._failures:
                folder = self.folder / f"{style}-{paper}"
                result = run_tool("build", "--edition", "all", "--style", style, "--paper", paper,
                                  "--out", str(folder))
                if result.returncode == 0:
                    self._folders[key] = folder
                else:
                    self._failures[key] = result.stderr
        assert key not in self._failures, f"build --style {style} --paper {paper}: {self._failures[key]}"
        return self._folders[key]


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session")
def built(pdfs) -> dict[str, BuiltPdf]:
    """Both editions in the default style on letter paper, by edition."""
    return {edition: pdfs.open(edition) for edition in EDITIONS}


@pytest.fixture(scope="session")
def teacher(built) -> BuiltPdf:
    return built["teacher"]


@pytest.fixture(scope="session")
def student(built) -> BuiltPdf:
    return built["student"]
