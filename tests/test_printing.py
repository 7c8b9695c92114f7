"""Printing as a teacher does: double-sided masters (--duplex) and booklets (--booklet)."""
from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

import layout_checks as lc
from conftest import EDITIONS, PAPERS, open_pdf, outline, run_tool, shipped_guide
from nlmg_pdf.booklet import booklet_order
from nlmg_pdf.model import Edition
from nlmg_pdf.stylesheet import PAPER_SIZES
from nlmg_pdf.transforms import double_sided
from tagged_pdf import tagged


@pytest.fixture(scope="module")
def duplex(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("duplex")
    result = run_tool("build", "--edition", "all", "--duplex", "--out", f"{folder}/")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_duplex_build_starts_every_section_and_reading_check_on_a_right_hand_page(duplex, edition):
    path = duplex / f"never-let-me-go-{edition}.pdf"
    pdf = open_pdf(path)
    marks = outline(pdf)
    sections = [page for level, _, page, _ in marks if level == 0]
    guide = shipped_guide(Edition(edition))
    assert len(sections) == len(guide.sections) and all(page % 2 == 1 for page in sections), sections
    checks = [page for level, title, page, _ in marks if level == 1 and title.startswith("Part ")
              and any(title == check for check in lc.new_page_parts(guide))]
    assert len(checks) == 2 and all(page % 2 == 1 for page in checks), checks  # (the first opens the section)
    blank = [index for index, text in enumerate(pdf.pages) if lc.BLANK in text]
    assert blank and all(index % 2 == 1 for index in blank)  # (from 0: the left-hand pages)
    doc = tagged(path)
    for index in blank:
        assert lc.BLANK not in doc.page_tree_text(index) and lc.BLANK in doc.pages[index].artifact_text
        assert "Never Let Me Go \u00b7" in pdf.pages[index] and "Page" in pdf.pages[index]  # footer, no head
    layout = lc.read_layout(path, lc.style_margins("default"))
    assert all(layout.running_head(layout.pages[index]) is None for index in blank)
    problems = {name: found for name, found in lc.all_checks(layout, double_sided(guide)).items() if found}
    assert not problems, problems


# --- booklets ---------------------------------------------------------------------------------------------


def test_booklet_order_folds_into_the_guides_order():
    """Sheet by sheet, front then back: folding the printed stack gives pages 1, 2, 3... in order
    (from 0 here; None is a blank page padding the count to a multiple of four)."""
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert booklet_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]
    sides = booklet_order(68)
    reading = [None] * 68
    for sheet in range(len(sides) // 2):  # unfold: the inner sheets' pages come between the outer sheets'
        (back_left, front_right), (front_left, back_right) = sides[2 * sheet], sides[2 * sheet + 1]
        reading[2 * sheet], reading[2 * sheet + 1] = front_right, front_left
        reading[67 - 2 * sheet - 1], reading[67 - 2 * sheet] = back_right, back_left
    assert reading == list(range(68))


def footer_number(text: str) -> int | None:
    found = re.search(r"Page (\d+) of \d+", text)
    return int(found[1]) if found else None


@pytest.fixture(scope="module")
def booklets(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("booklets")
    for paper in PAPERS:
        result = run_tool("build", "--edition", "all", "--booklet", "--paper", paper, "--out", f"{folder}/{paper}/")
        assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_booklet_puts_each_page_where_folding_needs_it_sheet_by_sheet(booklets, pdfs, paper, edition):
    pdfs.build([("default", paper)])
    plain = open_pdf(pdfs.path(edition, "default", paper))
    path = booklets / paper / f"never-let-me-go-{edition}-booklet.pdf"
    assert not (booklets / paper / f"never-let-me-go-{edition}.pdf").exists()  # the guide's own PDF is another file
    document = pdfium.PdfDocument(path)
    width, height = PAPER_SIZES[paper]
    count = len(plain.pages)
    expected = booklet_order(count)
    assert len(document) == len(expected) == -(-count // 4) * 2
    for number, (side, (left, right)) in enumerate(zip(document, expected, strict=True)):
        assert side.get_size() == pytest.approx((height, width), abs=0.01)  # the paper, turned to landscape
        text = side.get_textpage()
        halves = [text.get_text_bounded(0, 0, height / 2, width), text.get_text_bounded(height / 2, 0, height, width)]
        for shown, index in zip(halves, (left, right), strict=True):
            if index is None:
                assert not shown.strip(), (number, shown[:80])  # a blank page that pads the count
            elif index == 0:
                assert "Never Let Me Go" in shown and footer_number(shown) is None  # the cover
            else:
                assert footer_number(shown) == index + 1, (number, index, shown[-120:])
    reader = pypdf.PdfReader(path)
    assert reader.page_labels[:3] == ["Sheet 1 front", "Sheet 1 back", "Sheet 2 front"]
    assert not any(page.get("/Annots") for page in reader.pages)  # links and fields stay in the guide's own PDF
