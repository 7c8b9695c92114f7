"""The HTML companion (`build --format html`): one self-contained page per edition from the same
model, semantic and complete, checked from the written file."""
from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EDITIONS, ROOT, absent, node_file, run_tool, shipped_guide
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
    drawings = re.findall(r"<svg role=\"img\" aria-labelledby=\"(drawing-\d+[wn]-title) (drawing-\d+[wn]-desc)\"",
                          html)
    # each drawing laid out for a wide column and for a phone, the page showing one of the two
    assert [title for title, _ in drawings] == [f"drawing-{n}{kind}-title" for n in (1, 2, 3) for kind in "wn"]
    assert html.count('<figure class="drawing"><div class="drawing-wide"><svg') == 3
    for title, desc in drawings:
        assert re.search(rf'<title id="{title}">[^<]+</title>', html)
        assert re.search(rf'<desc id="{desc}">[^<]{{80,}}</desc>', html)
    assert "SourceSansPro" not in html and "font-family: Helvetica" not in html  # the page's fonts, not the PDF's
    assert "Chapters that develop it" in html and "told in chapter 1" in html and "Kathy H. and Tommy:" in html


@pytest.mark.slow
def test_the_nu_html_checker_finds_no_error(pages):
    jar = node_file("vnu-jar/build/dist/vnu.jar", "NLMG_VNU_JAR")
    if jar is None or shutil.which("java") is None:
        absent("the Nu HTML Checker (npm package vnu-jar) or Java is not installed", "NLMG_REQUIRE_HTML_CHECKER")
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


def test_without_a_script_the_student_page_reads_and_the_script_is_the_only_one_allowed(pages):
    html = pages["student"].read_text()
    doc = parsed(pages["student"])
    tools = next(attributes for _, attributes in doc.tags if attributes.get("id") == "answers-tools")
    assert "hidden" in tools and "<noscript>" in html  # (the buttons need the script: without it, a note)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    policy = next(attributes["content"] for tag, attributes in doc.tags
                  if attributes.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert len(scripts) == 1 and f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    teacher = pages["teacher"].read_text()
    assert "<script" not in teacher and "script-src 'none'" in teacher and 'id="answers-tools"' not in teacher


def test_every_item_to_answer_names_its_number_field_and_set(pages):
    doc = parsed(pages["student"])
    fields = {attributes["name"] for tag, attributes in doc.tags if "data-answer" in attributes}
    items = [attributes for _, attributes in doc.tags if "data-number" in attributes]
    readings = len(next(block for block in walk(shipped_guide(m.Edition.STUDENT))
                        if isinstance(block, m.ReadingSchedule)).readings)
    schedule = {f"{kind}-{number}" for kind in ("due", "done") for number in range(1, readings + 1)}
    assert {item["data-field"] for item in items} | {"answers-name", "answers-class"} | schedule == fields
    sets = [attributes["data-set"] for _, attributes in doc.tags if "data-set" in attributes]
    assert sets[:4] == ["Study questions: Part One", "Study questions: Part Two", "Study questions: Part Three",
                        "Study questions: Discussion questions"]
    assert "Quiz" in sets and "Essay and project prompts" in sets


def scheme_colours(html: str) -> tuple[dict[str, str], dict[str, str]]:
    """The page's colours as its style sheet gives them, light and dark: the named colours of :root
    and each theme's icon colour (theme-ID)."""
    light_root, dark_root = re.findall(r":root \{ (?:color-scheme: [^;]*; )?(--text:[^}]*)\}", html)
    light_themes, dark_themes = (dict(re.findall(r"\.theme-([\w-]+) \{ color: (#[0-9a-f]{6}); \}", part))
                                 for part in html.split("@media (prefers-color-scheme: dark)", 1))
    schemes = []
    for root, themes in ((light_root, light_themes), (dark_root, dark_themes)):
        named = dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", root))
        schemes.append({**named, **{f"theme-{ident}": colour for ident, colour in themes.items()}})
    return schemes[0], schemes[1]


def low_contrast(colours: dict[str, str]) -> list[str]:
    """Every colour of text or icons below 4.5:1 on the page or on a box, and the buttons' words
    (the page's colour) on their accent."""
    from nlmg_pdf.stylesheet import contrast

    shown = [name for name in colours if name in ("text", "muted", "accent", "answer", "link")
             or name.startswith("theme-")]
    pairs = [(name, ground) for name in shown for ground in ("page", "box")] + [("page", "accent")]
    return [f"{name} on {ground}: {contrast(colours[name], colours[ground]):.2f}" for name, ground in pairs
            if contrast(colours[name], colours[ground]) < 4.5]


@pytest.mark.parametrize("style", ["default", "print", "large-print"])
def test_every_colour_reads_in_both_schemes(style):
    from nlmg_pdf.html import write_html
    from nlmg_pdf.reading.style import load_style

    chosen = load_style(ROOT / "styles" / f"{style}.yaml", f"styles/{style}.yaml", ROOT / "styles")
    light, dark = scheme_colours(write_html(shipped_guide(m.Edition.STUDENT), chosen))
    assert len([name for name in dark if name.startswith("theme-")]) == 6
    assert low_contrast(light) == [] and low_contrast(dark) == []
    # the theme's own colours, which the light scheme uses, would not do on the dark page
    assert low_contrast({**dark, **{name: light[name] for name in light if name.startswith("theme-")}})
