"""The HTML companion (`build --format html`): one self-contained page per edition from the same
model, semantic and complete, checked from the written file."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EDITIONS, ROOT, run_tool, shipped_guide
from nlmg_pdf import model as m
from nlmg_pdf.outline import walk


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    result = run_tool("build", "--edition", "all", "--format", "html", "--out", f"{folder}/")
    assert result.returncode == 0, result.stderr
    return {edition: folder / f"never-let-me-go-{edition}.html" for edition in EDITIONS}


class Elements(HTMLParser):
    """Every start tag with its attributes, in order, and the text inside each element by id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.open: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag not in ("br", "hr", "img", "input", "meta"):
            self.open.append((tag, attributes.get("id")))
            if attributes.get("id"):
                self.text.setdefault(attributes["id"], [])

    def handle_endtag(self, tag):
        while self.open:
            name, _ = self.open.pop()
            if name == tag:
                break

    def handle_data(self, data):
        for _, ident in self.open:
            if ident:
                self.text[ident].append(data)

    def words(self, ident: str) -> str:
        return " ".join("".join(self.text.get(ident, [])).split())


def parsed(path: Path) -> Elements:
    elements = Elements()
    elements.feed(path.read_text())
    return elements


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_page_asks_nothing_of_any_server(pages, edition):
    html = pages[edition].read_text()
    assert not re.search(r"<link\b|<script\b[^>]*\bsrc=|@import|\bsrc=\"https?:|url\(\s*['\"]?https?:", html)
    sources = [attributes["src"] for tag, attributes in parsed(pages[edition]).tags if "src" in attributes]
    assert all(source.startswith("data:") for source in sources)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_page_is_the_guide_in_sections_headings_and_numbers(pages, edition):
    doc = parsed(pages[edition])
    tags = doc.tags
    assert tags[0][0] == "html" and tags[0][1]["lang"] == "en-GB"
    ids = {attributes["id"] for _, attributes in tags if "id" in attributes}
    skip = next(attributes for tag, attributes in tags if tag == "a")
    assert skip["href"] == "#main" and "main" in ids
    guide = shipped_guide(m.Edition(edition))
    sections = [attributes["id"] for tag, attributes in tags if tag == "section"]
    assert sections == [section.id for section in guide.sections]
    links = [attributes["href"][1:] for tag, attributes in tags
             if tag == "a" and attributes.get("href", "").startswith("#")]
    assert set(links) <= ids  # every link inside the page lands somewhere
    levels = [int(tag[1]) for tag, _ in tags if re.fullmatch(r"h[1-6]", tag)]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))  # no heading level skipped
    for block in walk(guide):
        if isinstance(block, m.Heading):
            assert m.plain_text(block.children) in doc.words(block.anchor), block.anchor
        elif isinstance(block, m.QuestionList):
            for question in block.questions:
                shown = doc.words(f"question-{question.number}")
                assert " ".join(m.plain_text(question.text).split()) in shown, question.number
        elif isinstance(block, m.Quiz):
            for item in block.items:
                assert " ".join(m.plain_text(item.text).split()) in doc.words(f"{block.field_prefix}-{item.number}")
    numbers = [int(attributes["value"]) for tag, attributes in tags if tag == "li" and "value" in attributes
               and attributes.get("id", "").startswith("question-")]
    assert numbers == sorted(numbers) and numbers[0] == 1


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_answer_box_has_a_label_and_the_teachers_copy_has_answers(pages, edition):
    doc = parsed(pages[edition])
    fields = [attributes for tag, attributes in doc.tags if tag in ("textarea", "input")]
    labels = {attributes["for"] for tag, attributes in doc.tags if tag == "label" and "for" in attributes}
    radios = [field for field in fields if field.get("type") == "radio"]
    typed = [field for field in fields if field.get("type") != "radio"]
    html = pages[edition].read_text()
    if edition == "student":
        assert len(typed) > 60 and all(field["id"] in labels for field in typed)
        assert len(radios) > 100 and "Answer guidance." not in html
    else:
        assert not fields and html.count("Answer guidance.") > 40


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_drawings_are_svg_with_a_title_a_description_and_their_words_after(pages, edition):
    html = pages[edition].read_text()
    drawings = re.findall(r"<svg role=\"img\" aria-labelledby=\"(drawing-\d+-title) (drawing-\d+-desc)\"", html)
    assert len(drawings) == 3
    for title, desc in drawings:
        assert re.search(rf'<title id="{title}">[^<]+</title>', html)
        assert re.search(rf'<desc id="{desc}">[^<]{{80,}}</desc>', html)
    assert "SourceSansPro" not in html and "font-family: Helvetica" not in html  # the page's fonts, not the PDF's
    assert "Chapters that develop it" in html and "told in chapter 1" in html and "Kathy H. and Tommy:" in html


def vnu_jar() -> Path | None:
    """The Nu HTML Checker, from NLMG_VNU_JAR or the npm package vnu-jar (installed by .ci/run)."""
    given = os.environ.get("NLMG_VNU_JAR")
    candidates = [Path(given)] if given else []
    candidates += [folder / "node_modules/vnu-jar/build/dist/vnu.jar" for folder in (ROOT, ROOT.parent)]
    return next((path for path in candidates if path.is_file()), None)


@pytest.mark.slow
def test_the_nu_html_checker_finds_no_error(pages):
    jar = vnu_jar()
    if jar is None or shutil.which("java") is None:
        missing = "the Nu HTML Checker (npm package vnu-jar) or Java is not installed"
        if os.environ.get("NLMG_REQUIRE_HTML_CHECKER"):  # (CI installs it, so there its absence is a failure)
            pytest.fail(missing)
        pytest.skip(missing)
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", *map(str, pages.values())],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr[:3000]


def test_an_unknown_format_is_one_line(tmp_path):
    result = run_tool("build", "--format", "epub", "--out", f"{tmp_path}/")
    assert result.returncode == 1 and result.stderr.strip() == (
        "--format: unknown format 'epub'; expected pdf, html or pdf,html")
    assert not list(tmp_path.iterdir())


def test_the_html_writer_imports_nothing_from_the_pdf_writer():
    import ast

    for path in (ROOT / "src" / "nlmg_pdf" / "html").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(name == "render" or name.startswith(("render.", "nlmg_pdf.render")) for name in names), (
                path.name, names)


def test_a_booklet_build_writes_the_page_under_the_guides_own_name(tmp_path):
    result = run_tool("build", "--booklet", "--format", "pdf,html", "--out", f"{tmp_path}/")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "never-let-me-go-teacher-booklet.pdf", "never-let-me-go-teacher.html"]
