"""The contents, the outline and the links land where a reader expects."""
from __future__ import annotations

import ctypes
import re
from functools import cache

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from conftest import EDITIONS, PAPERS, STYLES, outline, shipped_guide, words
from nlmg_pdf.model import ICONS, CharacterBox, Edition, Heading, plain_text
from tagged_pdf import tagged

CONTENTS_LINE = re.compile(r"^(?P<title>.*?[^\s.])[\s.]*\.[\s.]*(?P<page>\d+)$")


def expected_headings(edition: Edition) -> list[tuple[int, str]]:
    """(level, title) of every heading the edition should have, in reading order: section
    titles, Markdown headings, and each character box's name one level below the heading
    it follows."""
    guide = shipped_guide(edition)
    out = []
    for section in guide.sections:
        out.append((0, section.title))
        level = 0
        for block in section.blocks:
            if isinstance(block, Heading):
                level = block.level - 1
                out.append((level, words(plain_text(block.children))))
            elif isinstance(block, CharacterBox):
                out.append((level + 1, block.character.name))
    return out


def expected_contents(edition: Edition) -> list[str]:
    """Section titles, each followed by its '##' and '###' headings when its front matter asks for them."""
    guide = shipped_guide(edition)
    out = []
    for section in guide.sections:
        out.append(section.title)
        if section.contents_headings:
            out += [words(plain_text(b.children)) for b in section.blocks
                    if isinstance(b, Heading) and b.level in (2, 3)]
    return out


def contents_bookmarks(pdf, edition: Edition) -> list[tuple[int, str, int, float]]:
    """The bookmarks of the headings the contents should list, in order."""
    guide = shipped_guide(edition)
    detailed = {s.title for s in guide.sections if s.contents_headings}
    found, section = [], None
    for entry in outline(pdf):
        level, title = entry[0], entry[1]
        section = title if level == 0 else section
        if level == 0 or (level in (1, 2) and section in detailed):
            found.append(entry)
    return found


def contents_entries(pdf) -> list[tuple[str, int]]:
    """The (title, page) lines printed on the contents pages, read line by line: a title,
    dot leaders, then a number (the footer's page total is a number without leaders)."""
    first_section_page = outline(pdf)[0][2]
    entries = []
    for line in (line for page in range(2, first_section_page) for line in baselines(pdf, page)):
        if match := CONTENTS_LINE.match(line):
            entries.append((words(match["title"]), int(match["page"])))
    return entries


def baselines(pdf, page_number: int) -> list[str]:
    """The text on each baseline of a page, top to bottom, placed by pdfium. (pypdf places
    text inside a form XObject as if the form were drawn at the page's corner, and the
    contents' page numbers are forms.)"""
    page = pdfium.PdfDocument(pdf.path)[page_number - 1]
    text = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: dict[float, list[str]] = {}
    for index in range(text.count_chars()):
        pdfium_raw.FPDFText_GetCharOrigin(text.raw, index, x, y)
        lines.setdefault(round(y.value, 1), []).append(text.get_text_range(index, 1))
    return ["".join(chars).strip() for _, chars in sorted(lines.items(), reverse=True)]


def test_outline_has_one_entry_per_heading_in_order(built):
    for edition, pdf in built.items():
        assert [(level, title) for level, title, _, _ in outline(pdf)] == expected_headings(Edition(edition))


def test_each_bookmark_lands_on_its_heading(built):
    for pdf in built.values():
        for _, title, page, top in outline(pdf):
            assert title in pdf.pages[page - 1], f"'{title}' is not on page {page}"
            # the destination is the heading's own height on the page, not just the page's top
            # (a long heading may wrap: its first line then starts the title)
            # (and a theme's heading starts with its icon, a chapter's ends with its themes' icons)
            icons = "".join(ICONS.values())
            lines = [(y, words(line).strip().strip(icons).strip()) for y, line in text_lines(pdf, page)]
            heading_y = [y for y, line in lines if line and title.startswith(line) and len(line) >= min(len(title), 12)]
            assert heading_y, f"no line '{title}' on page {page}"
            assert any(0 < top - y < 40 for y in heading_y), (title, top, heading_y)


@cache
def text_pieces(pdf, page_number: int) -> list[tuple[float, list[str]]]:
    """The pieces of text on each baseline of a page, top to bottom (read once per page)."""
    lines: dict[float, list[str]] = {}
    for text, cm, tm in pdf.runs[page_number - 1]:  # as pypdf's extraction met them (extracted once)
        if text.strip():
            lines.setdefault(round(tm[5] * cm[3] + cm[5], 1), []).append(text)
    return sorted(lines.items(), reverse=True)


def text_lines(pdf, page_number: int) -> list[tuple[float, str]]:
    return [(y, "".join(pieces)) for y, pieces in text_pieces(pdf, page_number)]


def test_contents_page_numbers_are_the_pages_headings_are_on(built):
    for edition, pdf in built.items():
        entries = contents_entries(pdf)
        assert [title for title, _ in entries] == expected_contents(Edition(edition))
        labels = pdf.reader.page_labels  # the contents print the pages' labels, which are their places in the file
        bookmarks = contents_bookmarks(pdf, Edition(edition))
        assert entries == [(title, int(labels[page - 1])) for _, title, page, _ in bookmarks]
        assert entries == [(title, page) for _, title, page, _ in bookmarks]
        for _, title, page, _ in bookmarks:
            assert title in pdf.pages[page - 1]


def test_contents_entries_are_links_to_their_headings(teacher):
    """Every contents link jumps to the very spot its heading's bookmark does."""
    targets = set()
    contents_pages = teacher.reader.pages[1:outline(teacher)[0][2] - 1]
    for annotation in (a.get_object() for page in contents_pages for a in page.get("/Annots", [])):
        if "/Dest" in annotation:
            page_object, _, _, top, _ = annotation["/Dest"]
            targets.add((teacher.reader.get_page_number(page_object.get_object()) + 1, round(float(top), 1)))
    listed = {(page, round(top, 1)) for level, _, page, top in contents_bookmarks(teacher, Edition.TEACHER)}
    assert targets == listed


def test_web_links_are_clickable(teacher):
    uris = [a.get_object()["/A"]["/URI"] for page in teacher.reader.pages for a in page.get("/Annots", [])
            if "/A" in a.get_object()]
    assert any(uri.startswith("https://www.nobelprize.org/") for uri in uris)


TITLE_REACH = 40  # points from a bookmark's top to its title's baseline, at most


def test_running_head_names_the_section(built):
    """The head of every body page: the guide's title and the section the page opens in (the
    last one begun on an earlier page, or one whose title is the first thing on this page),
    except on a page that opens a section. (The page labels and the footers are checked, in every style, by
    test_styles.py::test_page_labels_match_the_footers_in_every_style; the footer's edition by
    test_editions.py::test_every_teacher_page_says_teacher_edition.)"""
    for edition, pdf in built.items():
        count = len(pdf.pages)
        guide = shipped_guide(Edition(edition))
        opening = {s.title for number, s in enumerate(guide.sections) if s.new_page or number == 0}
        sections = [(page, title, top) for level, title, page, top in outline(pdf) if level == 0]
        opened_pages = {page for page, title, _ in sections if title in opening}
        first_body = outline(pdf)[0][2]  # after the cover, the imprint and the contents
        for page in range(first_body, count + 1):
            lines = text_pieces(pdf, page)
            top = lines[0][1]
            if page in opened_pages:  # a section's opening page shows its title, not a running head
                assert words(" ".join(top)) in opening
                continue
            first_line = lines[1][0] if len(lines) > 1 else 0.0  # the first line below the head
            current = [title for start, title, at in sections
                       if start < page or (start == page and 0 < at - first_line < TITLE_REACH)][-1]
            assert [words(piece) for piece in top] == ["Never Let Me Go", current], (page, top)


@pytest.mark.parametrize(("style", "paper"), [
    pytest.param(style, paper, marks=() if (style, paper) == ("default", "letter") else pytest.mark.slow)
    for style in STYLES for paper in PAPERS])
def test_the_contents_fill_their_pages_and_a_later_page_says_it_goes_on(pdfs, style, paper):
    """The regular type sizes keep the contents on one page (set a little closer when they must);
    large print takes more, each later page opening with 'Contents (continued)' (pagination: not
    read aloud) and holding a fair share of the entries, never one or two."""
    if (style, paper) != ("default", "letter"):
        pdfs.build((name, size) for name in STYLES for size in PAPERS)
    for edition in EDITIONS:
        pdf = pdfs.open(edition, style, paper)
        first_body = outline(pdf)[0][2]  # the first section's page, from 1
        pages = list(range(3, first_body))  # the contents begin on the third page
        if style != "large-print":
            assert len(pages) == 1, (edition, style, paper, len(pages))
        for page in pages[1:]:
            lines = [line for line in baselines(pdf, page) if line]
            assert lines[0] == "Contents (continued)", (edition, style, paper, page, lines[:2])
            entries = [line for line in lines if CONTENTS_LINE.match(line)]
            assert len(entries) >= 4, (edition, style, paper, page, entries)
        doc = tagged(pdfs.path(edition, style, paper))
        assert not any("(continued)" in doc.text_of(element) for element in doc.elements
                       if element.role in ("H1", "TOC")), "the cue is pagination, not part of the contents"
        for page in pages:
            assert not doc.pages[page - 1].unmarked, (edition, style, paper, page)
