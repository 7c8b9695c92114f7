"""The cover and the imprint page after it: what they say, that the imprint says what the manifest
says, that each stays one page at full size in every style, and that the cover's drawing is decoration."""
from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import CONTENT, EDITIONS, PAPERS, STYLES, BuiltPdf, flat, open_pdf, run_tool, shipped_guide
from nlmg_pdf import __version__
from nlmg_pdf.model import Edition
from nlmg_pdf.reading.style import load_style
from nlmg_pdf.render.imprint import imprint
from nlmg_pdf.render.paragraph_styles import build_paragraph_styles
from nlmg_pdf.render.tagging import Node
from tagged_pdf import tagged

COVER, IMPRINT, CONTENTS = 0, 1, 2  # page indexes
PATH_PAINTING = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})


def shows(pdf: BuiltPdf, page: int, passage: str) -> bool:
    """Whether the page prints the passage, however its lines were broken."""
    return flat(passage) in flat(pdf.pages[page])


def page_text(pdf: BuiltPdf, page: int) -> str:
    """One page's text, extracted alone (the matrix's other pages are not read here)."""
    return pdf.reader.pages[page].extract_text()


def runs(pdf: BuiltPdf, page: int) -> list[tuple[str, tuple, tuple]]:
    found: list[tuple[str, tuple, tuple]] = []
    pdf.reader.pages[page].extract_text(
        visitor_text=lambda text, cm, tm, font, size: found.append((text, tuple(cm), tuple(tm))))
    return found


def day(when: date) -> str:
    return f"{when.day} {when:%B} {when.year}"  # as an en-GB guide writes it


def test_the_cover_names_the_guide_the_novel_its_author_and_the_edition(built):
    md = shipped_guide().metadata
    for edition, pdf in built.items():
        for passage in (md.title, md.subtitle, md.novel_title, md.novel_author, Edition(edition).label):
            assert shows(pdf, COVER, passage), (edition, passage, pdf.pages[COVER])
        other = next(each for each in Edition if each.value != edition)
        assert not shows(pdf, COVER, other.label)


def test_the_imprint_says_which_guide_this_is_how_to_cite_it_and_who_may_copy_it(built):
    md = shipped_guide().metadata
    assert md.licence and md.report, "the shipped manifest has a licence line and a place to report mistakes"
    assert "photocop" in md.licence
    for edition, pdf in built.items():
        label = Edition(edition).label
        for passage in ("About this guide", md.title, f"{label}, version {__version__} of {day(md.date)}.",
                        md.licence, md.report, "How to cite this guide",
                        f"{md.author}, {md.title}: {md.subtitle}, {label.lower()}, version {__version__}, "
                        f"{day(md.date)}."):
            assert shows(pdf, IMPRINT, passage), (edition, passage, pdf.pages[IMPRINT])
        assert not shows(pdf, COVER, "About this guide")
        assert shows(pdf, CONTENTS, "Contents") and not shows(pdf, IMPRINT, "Contents")


@pytest.mark.slow  # (a build of its own)
def test_the_imprint_follows_the_manifest(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    manifest = yaml.safe_load((content / "guide.yaml").read_text(encoding="utf-8"))
    manifest.update(date=date(2027, 3, 5), language="en-US",
                    licence="Only the Riverside School may copy this guide, for its own pupils.",
                    report="Write to corrections@riverside.example or use https://riverside.example/guide/errata.")
    (content / "guide.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    result = run_tool("build", "--content", str(content), "--edition", "student", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 0, result.stderr
    pdf = open_pdf(tmp_path / "x.pdf")
    for passage in ("Student edition, version", "of March 5, 2027.", manifest["licence"], manifest["report"]):
        assert shows(pdf, IMPRINT, passage), (passage, pdf.pages[IMPRINT])
    assert not shows(pdf, IMPRINT, shipped_guide().metadata.licence)
    assert web_links(tmp_path / "x.pdf", IMPRINT) == {"mailto:corrections@riverside.example",
                                                      "https://riverside.example/guide/errata"}


def test_a_web_address_too_wide_for_the_page_is_named_at_its_field(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    manifest = yaml.safe_load((content / "guide.yaml").read_text(encoding="utf-8"))
    manifest["report"] = "Use the form at https://riverside.example/" + "a" * 120 + "."
    (content / "guide.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    result = run_tool("build", "--content", str(content), "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"{content}/guide.yaml: the word 'https://riverside.example/aaa"), result.stderr
    assert "in this 'report' field" in result.stderr


def web_links(path: Path, page: int) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {str(annotation.A.URI) for annotation in pdf.pages[page].obj.get("/Annots", [])
                if "/A" in annotation and "/URI" in annotation.A}


def test_without_a_licence_or_a_place_to_report_the_imprint_leaves_them_out():
    guide = shipped_guide(Edition.TEACHER)
    style = load_style(CONTENT.parent / "styles" / "default.yaml", "styles/default.yaml", CONTENT.parent / "styles")
    paras = build_paragraph_styles(style)

    def parts(metadata) -> list[str]:
        root = Node("Document")
        imprint(replace(guide, metadata=metadata), paras, style, style.frame_width, root)
        (section,) = root.children
        return [node.role for node in section.children]

    assert parts(guide.metadata).count("H2") == 3  # copying, citing, reporting
    assert parts(replace(guide.metadata, licence="", report="")).count("H2") == 1  # citing only
    assert parts(guide.metadata)[0] == "H1"  # the tree's first heading, as the contents' title after it is


@pytest.mark.parametrize(("name", "paper"), [
    pytest.param(name, paper, marks=() if (name, paper) == ("default", "letter") else pytest.mark.slow)
    for name in STYLES for paper in PAPERS])
def test_cover_and_imprint_are_one_page_each_at_full_size(request, pdfs, name, paper):
    """Both fit their page without being shrunk (KeepInFrame scales the drawing when they do not):
    every run of text on them is drawn at scale 1, and the contents begin on the third page."""
    if (name, paper) != ("default", "letter"):
        pdfs.build((style, each) for style in STYLES for each in PAPERS)
    for edition in EDITIONS:
        pdf = pdfs.open(edition, name, paper)
        assert all(flat(words) in flat(page_text(pdf, page)) for page, words
                   in ((IMPRINT, "About this guide"), (CONTENTS, "Contents"))), (name, paper, edition)
        for page in (COVER, IMPRINT):
            scaled = [text for text, cm, tm in runs(pdf, page) if text.strip()
                      and (abs(cm[0] * tm[0] - 1) > 1e-6 or abs(cm[3] * tm[3] - 1) > 1e-6)]
            assert not scaled, (name, paper, edition, page + 1, scaled[:5])


@pytest.fixture(params=[pytest.param(name, marks=() if name == "default" else pytest.mark.slow) for name in STYLES])
def cover_of(request, pdfs) -> dict[str, Path]:
    name = request.param
    if name != "default":
        pdfs.build((style, "letter") for style in STYLES)
    return {edition: pdfs.path(edition, name) for edition in EDITIONS}


def test_the_motif_is_drawn_as_decoration_and_the_words_as_paragraphs(cover_of):
    for path in cover_of.values():
        doc = tagged(path)
        for page in (COVER, IMPRINT):
            assert not doc.pages[page].unmarked, (path, page + 1, doc.pages[page].unmarked[:3])
        inside, outside = painted_paths(path, COVER)
        assert inside >= 20, f"{path}: only {inside} paths painted as artifacts on the cover; the motif is missing"
        assert outside == 0, f"{path}: {outside} paths on the cover painted as content"
        # the cover is a section of paragraphs: the drawing has no element, and it holds no heading
        # (the workbook's Name, Class and Date lines are form fields as well, one after each label)
        sections = [element for element in doc.elements if element.role == "Sect"]
        cover = sections[0]
        kids = [element.role for element in doc.elements
                if element.parent is not None and element.parent.objgen == cover.obj.objgen]
        fields = ["P", "Form"] * 3 if path.name.endswith("-student.pdf") else []
        assert kids and set(kids) == {"P", *fields} and kids[len(kids) - len(fields):] == fields, (path, kids)
        assert flat(shipped_guide().metadata.title) in flat(doc.text_of(cover))


def test_the_covers_lines_are_even_and_never_part_the_authors_name(cover_of):
    """A subtitle or a line about the novel that takes two lines takes two of about even length
    (not a full line over a word), and the author's name is on one line."""
    md = shipped_guide().metadata
    passages = (md.subtitle, f"{md.novel_title}, by {md.novel_author}, was first published in {md.novel_published}.")
    for path in cover_of.values():
        lines = [line.strip() for line in open_pdf(path).reader.pages[COVER].extract_text().splitlines()]
        for passage in passages:
            broken = lines_holding(lines, passage)
            assert broken, (path, passage, lines)
            assert any(md.novel_author in line for line in broken), (path, broken)
            shortest, longest = min(map(len, broken)), max(map(len, broken))
            assert shortest >= longest / 2, f"{path}: {broken} are far from even"


def lines_holding(lines: list[str], passage: str) -> list[str]:
    """The run of consecutive lines that together print `passage`, or []."""
    for first in range(len(lines)):
        for last in range(first, len(lines)):
            if flat(" ".join(lines[first:last + 1])) == flat(passage):
                return lines[first:last + 1]
    return []


def painted_paths(path, page: int) -> tuple[int, int]:
    """How many path-painting operators on the page are inside an artifact, and how many are not."""
    inside = outside = 0
    with pikepdf.open(path) as pdf:
        stack: list[str] = []
        for instruction in pikepdf.parse_content_stream(pdf.pages[page]):
            op = str(instruction.operator)
            if op in ("BDC", "BMC"):
                stack.append(str(instruction.operands[0]))
            elif op == "EMC":
                stack.pop()
            elif op in PATH_PAINTING:
                if "/Artifact" in stack:
                    inside += 1
                else:
                    outside += 1
    return inside, outside
