"""Where a page ends inside a kept list or a box: never with one line of it alone overleaf.

Small documents laid out with the renderer's own flowables, placed so that the natural break
would leave a single line on the next page, read back page by page."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ListItem, SimpleDocTemplate, Spacer

from nlmg_pdf.render.flowables import BulletedList, Kept, TaggedParagraph, framed

LEADING = 14
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=LEADING)
LEAST = 2 * LEADING  # two lines: what a page may begin with, at the least
PAGE = 400  # pt of text frame, inside which a SimpleDocTemplate's frame pads 6 pt above and below
FRAME = PAGE - 12


def lines(count: int, name: str) -> TaggedParagraph:
    """A paragraph of `count` short lines, each naming itself."""
    return TaggedParagraph("<br/>".join(f"{name} line {n}" for n in range(1, count + 1)), BODY)


def pages_of(path: Path, story: list) -> list[str]:
    document = SimpleDocTemplate(str(path), pagesize=(300, PAGE + 40), leftMargin=20, rightMargin=20,
                                 topMargin=20, bottomMargin=20)
    document.build(story)
    return [page.extract_text() for page in PdfReader(path).pages]


def fill(height: float) -> Spacer:
    return Spacer(1, height)


def test_a_kept_lists_last_short_item_is_not_alone_overleaf(tmp_path):
    items = BulletedList([ListItem([lines(2, "first")]), ListItem([lines(4, "second")]),
                          ListItem([lines(1, "third")])], bulletType="bullet", start="-")
    # the first two items fit below the filler, the third (one line) would go overleaf alone
    story = [fill(FRAME - 6 * LEADING - 6), Kept([items], least=LEAST)]
    pages = pages_of(tmp_path / "list.pdf", story)
    assert len(pages) == 2
    assert "third line 1" in pages[1] and "second line 1" in pages[1], pages
    assert "first line 2" in pages[0], pages


@pytest.mark.parametrize("rows", [[2, 3, 1], [3, 3, 1]])
def test_a_boxs_last_one_line_row_is_not_alone_overleaf(tmp_path, rows):
    box = framed([[lines(count, f"row{number}")] for number, count in enumerate(rows, 1)], "Helvetica",
                 "#000000", padding=6, border_width=0.5, least=LEAST)
    # room for all but the last row, and a little of it: too little to take the last line
    story = [fill(FRAME - (sum(rows) - 1) * LEADING - 20), Kept([box], least=LEAST)]
    pages = pages_of(tmp_path / "box.pdf", story)
    assert len(pages) == 2, pages
    overleaf = [line for line in pages[1].splitlines() if "line" in line]
    assert len(overleaf) >= 2, pages
    assert f"row{len(rows)} line 1" in pages[1]
