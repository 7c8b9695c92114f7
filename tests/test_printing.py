"""Printing as a teacher does: double-sided masters (--duplex)."""
from __future__ import annotations

from pathlib import Path

import pytest

import layout_checks as lc
from conftest import EDITIONS, open_pdf, outline, run_tool, shipped_guide
from nlmg_pdf.model import Edition
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
