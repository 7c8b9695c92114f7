"""Every style on both papers: exact sizes, nothing outside the margins, no colour in print."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from PIL import ImageChops

from conftest import CONTENT, PAPERS, ROOT, STYLES, BuiltPdf, run_tool
from nlmg_pdf.errors import UserError
from nlmg_pdf.reading.guide import load_guide
from nlmg_pdf.reading.style import load_style
from nlmg_pdf.stylesheet import PAPER_SIZES, contrast

SAFE_EDGE = 0.3 * 72  # running heads and footers sit in the margins, but never this close to the edge


def style(name: str):
    return load_style(ROOT / "styles" / f"{name}.yaml", f"styles/{name}.yaml", ROOT / "styles")


@pytest.fixture(scope="session")
def matrix(pdfs) -> dict[tuple[str, str], dict[str, BuiltPdf]]:
    """Both editions built in every style on both papers, from the shared cache (the pairs not
    built yet are built side by side)."""
    pdfs.build((name, paper) for name in STYLES for paper in PAPERS)
    return {(name, paper): {edition: pdfs.open(edition, name, paper) for edition in ("student", "teacher")}
            for name in STYLES for paper in PAPERS}


def characters(path: Path):
    """(page number, page size, left, bottom, right, top, font size) of every printed character."""
    document = pdfium.PdfDocument(path)
    for number, page in enumerate(document, start=1):
        size = page.get_size()
        text = page.get_textpage()
        for index in range(text.count_chars()):  # the character's code point, not a text range: 2.5 times faster
            if chr(pdfium_raw.FPDFText_GetUnicode(text.raw, index)).strip():
                yield (number, size, *text.get_charbox(index), pdfium_raw.FPDFText_GetFontSize(text.raw, index))


@pytest.mark.slow
def test_pages_are_exactly_the_paper_asked_for(matrix):
    for (_, paper), files in matrix.items():
        for pdf in files.values():
            for page in pdf.reader.pages:
                assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(PAPER_SIZES[paper],
                                                                                                  abs=0.01)


@pytest.mark.slow
def test_no_text_outside_the_margins(matrix):
    for (name, _), files in matrix.items():
        margins = style(name)
        for path in (pdf.path for pdf in files.values()):
            for page, (width, height), left, bottom, right, top, _ in characters(path):  # (messages made on failure)
                assert left >= margins.margin_left - 1 and right <= width - margins.margin_right + 1, (
                    f"{path.name} ({name}) page {page}")
                assert bottom >= SAFE_EDGE and top <= height - SAFE_EDGE, f"{path.name} ({name}) page {page}"


@pytest.mark.slow
def test_print_style_has_no_colour_at_all(matrix):
    for pdf in matrix["print", "letter"].values():
        for page in pdfium.PdfDocument(pdf.path):
            red, green, blue = page.render(scale=0.5).to_pil().convert("RGB").split()
            assert ImageChops.difference(red, green).getbbox() is None
            assert ImageChops.difference(green, blue).getbbox() is None


@pytest.mark.slow
def test_large_print_body_text_is_at_least_eighteen_point(matrix):
    for pdf in matrix["large-print", "a4"].values():
        sizes = Counter(round(size, 1) for *_, size in characters(pdf.path))
        body, _ = sizes.most_common(1)[0]
        assert body >= 18
        assert min(sizes) >= 12  # footnote markers are the only smaller text


@pytest.mark.slow
def test_no_page_ends_with_a_heading(matrix):
    for (name, paper), files in matrix.items():
        chosen = style(name)
        for path in (pdf.path for pdf in files.values()):
            last: dict[int, tuple[float, float]] = {}  # page -> (bottom, size) of its lowest body text
            for page, (_, height), _, bottom, _, top, size in characters(path):
                if bottom > chosen.margin_bottom - 2 and top < height - chosen.margin_top + 2:
                    if page not in last or bottom < last[page][0] - 1:
                        last[page] = (bottom, size)
                    elif abs(bottom - last[page][0]) <= 1:
                        last[page] = (bottom, max(size, last[page][1]))
            for page, (_, size) in last.items():
                if page > 2:  # the cover and contents have their own layout
                    assert size < chosen.subheading_size - 0.1, f"{path.name} ({name}, {paper}) page {page}"


@pytest.mark.parametrize(("name", "paper"), [
    pytest.param(name, paper, marks=() if (name, paper) == ("default", "letter") else pytest.mark.slow)
    for name in STYLES for paper in PAPERS])
def test_page_labels_match_the_footers_in_every_style(request, pdfs, name, paper):
    """Every page is numbered as a print dialog counts, from the cover: its label is its place in
    the file, and every page but the cover says so in its footer, "Page 3 of N", so typing a
    range of footer numbers prints those pages in any viewer."""
    if (name, paper) != ("default", "letter"):
        request.getfixturevalue("matrix")  # the whole matrix, built side by side
    for edition in ("teacher", "student"):
        pdf = pdfs.open(edition, name, paper)
        count = len(pdf.pages)
        labels = pdf.reader.page_labels
        assert labels == [str(n) for n in range(1, count + 1)]
        assert not re.search(r"Page \d+ of", pdf.pages[0])  # the cover has no footer
        for number, text in enumerate(pdf.pages[1:], start=2):  # every page but the cover
            assert f"Page {number} of {count}" in text, (edition, number, text[-80:])


def test_text_colours_are_readable():
    themes = load_guide(CONTENT).quotations["souls"].themes
    for name in STYLES:
        chosen = style(name)
        for background in ("#ffffff", chosen.box_colour):
            for colour in (chosen.text_colour, chosen.accent_colour, chosen.muted_colour, chosen.answer_colour,
                           chosen.link_colour, *(chosen.paint(theme.colour) for theme in themes)):
                assert contrast(colour, background) >= 4.5, (name, colour, background)
        assert contrast(chosen.banner_text_colour, chosen.accent_colour) >= 4.5


def test_large_print_follows_large_print_guidance():
    large = style("large-print")
    assert large.body_size >= 18 and large.small_size >= 16
    assert large.body_font == large.heading_font == "Source Sans Pro"
    assert not large.justify and not large.hyphenate and not large.quote_italic
    assert min(large.margin_left, large.margin_right, large.margin_top, large.margin_bottom) >= 72
    assert large.body_leading >= 1.5 * large.body_size


@pytest.mark.slow
def test_a_style_of_ones_own_extends_a_shipped_one(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("name: mine\nextends: default\ntext:\n  size: 12pt\n  leading: 16pt\n")
    loaded = load_style(mine, "mine.yaml", ROOT / "styles")
    default = style("default")
    assert (loaded.body_size, loaded.body_leading, loaded.accent_colour) == (12, 16, default.accent_colour)
    result = run_tool("build", "--style", str(mine), "--out", str(tmp_path / "mine.pdf"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("change", "message"), [
    ("text:\n  size: 12pt\n  colour: red\n", "mine.yaml:5:3: unknown field 'colour'; expected one of: hyphenate, "
     "justify, leading, paragraph-space, size, small-size"),
    ("text:\n  size: big\n", "mine.yaml:4:9: field 'size': expected a length from 7pt to 36pt, such as 10pt, "
     "0.75in or 20mm, got the text 'big'"),
    ("fonts:\n  body: Comic Sans\n", "mine.yaml:4:9: field 'body' is 'Comic Sans'; expected one of: Source Serif Pro, "
     "Source Sans Pro"),
    ("text:\n  size: 0pt\n", "mine.yaml:4:9: field 'size': expected a length from 7pt to 36pt, such as 10pt, "
     "0.75in or 20mm, got the text '0pt'"),
    ("page:\n  margin-left: 4in\n", "mine.yaml:4:16: field 'margin-left': expected a length from 27pt to 216pt, "
     "such as 27pt, 0.75in or 20mm, got the text '4in'"),
    ("page:\n  margin-bottom: 0pt\n", "mine.yaml:4:18: field 'margin-bottom': expected a length from 36pt to "
     "216pt, such as 36pt, 0.75in or 20mm, got the text '0pt'"),  # (the footer was drawn off the page)
    ("blocks:\n  box-border: 200pt\n", "mine.yaml:4:15: field 'box-border': expected a length from 0pt to 6pt, "
     "such as 6pt, 0.75in or 20mm, got the text '200pt'"),
    ("colours:\n  text: '#ffffff'\n", "mine.yaml:3:1: text (#ffffff on #ffffff): a contrast of 1.0:1; "
     "expected at least 4.5:1 (WCAG AA), so it can be read and copied"),
    ("colours:\n  link: '#9ab0ff'\n", "mine.yaml:3:1: links (#9ab0ff on #ffffff): a contrast of 2.1:1; "
     "expected at least 4.5:1 (WCAG AA), so it can be read and copied"),
    ("text:\n  size: 14pt\n  leading: 10pt\n", "mine.yaml:3:1: a leading of 10pt under a size of 14pt sets "
     "lines on top of each other; expected a leading at least the size"),
    ("extends: fancy\n", "mine.yaml:2:1: 'extends: fancy' names no style file; expected one of: default, "
     "large-print, print"),
])
def test_style_mistakes_are_named_with_file_and_line(tmp_path, change, message):
    mine = tmp_path / "mine.yaml"
    body = change if change.startswith("extends") else f"extends: default\n{change}"
    mine.write_text("name: mine\n" + body)
    with pytest.raises(UserError) as caught:
        load_style(mine, "mine.yaml", ROOT / "styles")
    assert str(caught.value) == message


def test_a_bad_style_stops_the_build_with_its_place(tmp_path):
    mine = tmp_path / "mine.yaml"
    shutil.copy(ROOT / "styles" / "default.yaml", mine)
    mine.write_text(mine.read_text().replace("justify: true", "justify: maybe"))
    result = run_tool("build", "--style", str(mine), "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("field 'justify': expected true or false, got the text 'maybe'")
    assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()


def test_a_style_of_ones_own_may_share_a_shipped_styles_name(tmp_path):
    (tmp_path / "default.yaml").write_text("name: my-default\nextends: print\n")
    assert load_style(tmp_path / "default.yaml", "default.yaml", ROOT / "styles").grayscale
    (tmp_path / "a.yaml").write_text("name: a\nextends: b\n")
    (tmp_path / "b.yaml").write_text("name: b\nextends: a\n")
    with pytest.raises(UserError) as caught:
        load_style(tmp_path / "a.yaml", "a.yaml", ROOT / "styles")
    assert "'extends: a' goes round in a circle" in str(caught.value)
