"""The drawings (theme tracker, timeline, relationship map): from the content's data, checked
like any data, drawn in the style's fonts and colours, tagged as Figures with a description,
and set out again in words (a table, a list) that a screen reader can move through."""
from __future__ import annotations

import math
import re
import shutil
from itertools import combinations
from pathlib import Path

import pikepdf
import pytest
from reportlab.graphics.shapes import Circle, Group, Line, Rect, String

import layout_checks as lc
from conftest import CONTENT, EDITIONS, PAPERS, STYLES, check_in_process, shipped_guide
from nlmg_pdf import model as m
from nlmg_pdf.drawings import Look, draw
from nlmg_pdf.geometry import inside, overlap
from nlmg_pdf.reading.style import load_style
from nlmg_pdf.render.fonts import face_name, register_family
from nlmg_pdf.stylesheet import gray
from nlmg_pdf.transforms import walk
from tagged_pdf import Element, tagged

ROOT = CONTENT.parent
KINDS = {"Theme tracker": m.ThemeTracker, "Timeline": m.Timeline, "Relationship map": m.RelationshipMap}


def drawings_in(edition: m.Edition) -> dict[type, m.Block]:
    return {type(block): block for block in walk(shipped_guide(edition)) if isinstance(block, tuple(KINDS.values()))}


def figures(doc) -> dict[str, tuple[Element, Element]]:
    """Each drawing's Figure and the element of words after it, by the kind its /Alt names."""
    found = {}
    for element in doc.elements:
        kids = [kid for kid in element.kids if isinstance(kid, Element)]
        for figure, words in zip(kids, kids[1:], strict=False):
            alt = str(figure.obj.get("/Alt", ""))
            if figure.role == "Figure" and alt.split(":")[0] in KINDS:
                found[alt.split(":")[0]] = (figure, words)
    return found


def cells(doc, table: Element) -> list[list[str]]:
    rows = [row for row in table.kids if isinstance(row, Element) and row.role == "TR"]
    return [[doc.text_of(cell).strip() for cell in row.kids if isinstance(cell, Element)] for row in rows]


# --- in the built file --------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_drawing_is_a_described_figure_followed_by_its_words(built, edition):
    doc = tagged(built[edition].path)
    found = figures(doc)
    assert set(found) == set(KINDS), sorted(found)
    for kind, (figure, words) in found.items():
        alt = str(figure.obj.Alt)
        assert len(alt) > 120 and "after" in alt, alt  # a description that says where the words are
        assert words.role == ("Table" if kind == "Theme tracker" else "L"), (kind, words.role)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_trackers_table_names_every_theme_and_every_chapter_as_the_data_does(built, edition):
    doc = tagged(built[edition].path)
    figure, table = figures(doc)["Theme tracker"]
    header, *rows = cells(doc, table)
    assert header == ["Theme", "Chapters that develop it", "In all"]
    tracker = drawings_in(m.Edition(edition))[m.ThemeTracker]
    expected = {theme.name: [entry.chapter for entry in tracker.chapters
                             if theme in (chosen.theme for chosen in entry.themes)] for theme in tracker.themes}
    assert {name: [int(n) for n in numbers.split(", ")] for name, numbers, _ in rows} == expected
    assert {int(count) for _, _, count in rows} == {len(chapters) for chapters in expected.values()}
    assert set().union(*map(set, expected.values())) == set(range(1, 24))  # every chapter, every theme
    table_cells = [cell for row in table.kids if isinstance(row, Element) for cell in row.kids
                   if isinstance(cell, Element)]
    assert [cell.role for cell in table_cells[:3]] == ["TH"] * 3 and table_cells[3].role == "TH"  # row headers


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_timeline_and_the_map_are_listed_item_by_item(built, edition):
    doc = tagged(built[edition].path)
    made = drawings_in(m.Edition(edition))
    for kind, items in (("Timeline", made[m.Timeline].events), ("Relationship map", made[m.RelationshipMap].links)):
        _, listed = figures(doc)[kind]
        entries = [doc.text_of(item) for item in listed.kids if isinstance(item, Element) and item.role == "LI"]
        assert len(entries) == len(items), kind
    _, listed = figures(doc)["Timeline"]
    for event, entry in zip(made[m.Timeline].events, (doc.text_of(item) for item in listed.kids
                                                       if isinstance(item, Element)), strict=True):
        assert event.text in entry and f"told in chapter {event.chapter}" in entry, entry


@pytest.mark.parametrize("style_name", STYLES)
def test_the_maps_labels_touch_no_box_no_other_label_and_no_line(style_name):
    chosen = look(style_name)
    drawing = draw(drawings_in(m.Edition.STUDENT)[m.RelationshipMap], chosen)
    boxes = [(r.x, r.y, r.x + r.width, r.y + r.height) for r in shapes(drawing) if isinstance(r, Rect) and r.rx]
    words = [(t.x - chosen.measure(t.text) / 2, t.y - chosen.size * 0.25, t.x + chosen.measure(t.text) / 2,
              t.y + chosen.size * 0.8) for t in shapes(drawing) if isinstance(t, String) and t.fontName == chosen.font]
    lines = [((line.x1, line.y1), (line.x2, line.y2)) for line in shapes(drawing) if isinstance(line, Line)]
    assert len(boxes) == 10 and len(words) >= 14 and lines
    for word in words:
        assert not any(overlap(word, box, air=0) for box in boxes), word
        assert not any(inside(a, b, word) for a, b in lines), word
    for first, second in combinations(words, 2):
        assert not overlap(first, second, air=-0.5), (first, second)
    for box in boxes:
        assert box[0] >= -0.01 and box[2] <= chosen.width + 0.01


@pytest.mark.parametrize("style_name", STYLES)
def test_each_events_number_marks_it_on_both_lines(style_name):
    """The timeline's marks: each event's number in a circle twice (at its age, at its chapter),
    and no two circles overlapping."""
    chosen = look(style_name)
    drawing = draw(drawings_in(m.Edition.STUDENT)[m.Timeline], chosen)
    circles = [shape for shape in shapes(drawing) if isinstance(shape, Circle)]
    numbers = [shape.text for shape in shapes(drawing) if isinstance(shape, String)
               and any(abs(shape.x - c.cx) < 0.01 and abs(shape.y - c.cy) < c.r for c in circles)]
    events = drawings_in(m.Edition.STUDENT)[m.Timeline].events
    assert sorted(numbers, key=int) == sorted([str(event.number) for event in events] * 2, key=int)
    for first, second in combinations(circles, 2):
        assert math.dist((first.cx, first.cy), (second.cx, second.cy)) >= first.r + second.r, (first, second)


def test_chapter_headings_carry_their_themes_icons_read_as_the_themes_names(built):
    doc = tagged(built["student"].path)
    by_chapter = {entry.chapter: entry for entry in shipped_guide().chapter_themes}
    headings = [element for element in doc.elements if element.role == "H2"
                and re.match(r"Chapter \d+:", doc.text_of(element))]
    assert len(headings) == 23
    for heading in headings:
        chapter = int(re.match(r"Chapter (\d+)", doc.text_of(heading))[1])
        themes = [chosen.theme for chosen in by_chapter[chapter].themes]
        shown = doc.text_of(heading).replace("\u00a0", " ").rstrip()
        assert shown.endswith(" ".join(theme.glyph for theme in themes)), shown
        (span,) = [kid for kid in heading.kids if isinstance(kid, Element) and kid.role == "Span"]
        assert str(span.obj.Alt) == "Themes: " + ", ".join(theme.name for theme in themes)


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("paper", PAPERS)
def test_the_drawings_text_is_inside_the_frame_in_every_style_and_paper(pdfs, style, paper):
    pdfs.build([(style, paper)])
    margins = lc.style_margins(style)
    for edition in EDITIONS:
        layout = lc.read_layout(pdfs.path(edition, style, paper), margins)
        drawn = 0
        for page in layout.pages:
            for line in page.lines:
                if any(element.role == "Figure" for element in line.elements):
                    drawn += 1
                    assert line.left >= margins.left - 1 and line.right <= page.width - margins.right + 1, line
                    assert layout.in_frame(page, line.bottom, line.top), line
        assert drawn > 60, (style, paper, edition, drawn)


# --- the drawings themselves -----------------------------------------------------------------------------


def look(style_name: str) -> Look:
    style = load_style(ROOT / "styles" / f"{style_name}.yaml", f"styles/{style_name}.yaml", ROOT / "styles")
    sans = register_family(style.heading_font)
    return Look(width=style.frame_width, height=style.frame_height * 0.8, font=sans,
                bold=face_name(style.heading_font, "bold"), icon_font=sans, size=style.small_size,
                text=style.text_colour, muted=style.muted_colour, rule=style.rule_colour, accent=style.accent_colour,
                shade=style.box_colour, page="#ffffff", paint=style.paint)


def shapes(node):
    for child in getattr(node, "contents", ()):
        yield child
        if isinstance(child, Group):
            yield from shapes(child)


def hexes(node) -> set[str]:
    found = set()
    for shape in shapes(node):
        for name in ("fillColor", "strokeColor"):
            colour = getattr(shape, name, None)
            if colour is not None:
                found.add("#" + colour.hexval()[2:].lower())
    return found


@pytest.mark.parametrize("style_name", STYLES)
def test_drawings_use_only_the_styles_fonts_and_colours_and_fit_the_frame(style_name):
    chosen = look(style_name)
    themes = {chosen.paint(theme.colour) for theme in drawings_in(m.Edition.STUDENT)[m.ThemeTracker].themes}
    allowed = {chosen.text, chosen.muted, chosen.rule, chosen.accent, chosen.shade, chosen.page} | themes
    for block in drawings_in(m.Edition.STUDENT).values():
        drawing = draw(block, chosen)
        assert drawing.width <= chosen.width + 0.01 and drawing.height <= chosen.height + 0.01
        assert drawing.initialFontName == chosen.font  # (reportlab's default is an unembedded Helvetica)
        strings = [shape for shape in shapes(drawing) if isinstance(shape, String)]
        assert strings and {s.fontName for s in strings} <= {chosen.font, chosen.bold, chosen.icon_font}
        assert min(s.fontSize for s in strings) >= chosen.size  # nothing smaller than the style's small text
        used = hexes(drawing)
        assert used <= {colour.lower() for colour in allowed}, used - allowed
        if style_name == "print":
            assert all(colour == gray(colour) for colour in used), used


def test_large_print_draws_larger():
    """Nothing in a large-print drawing is smaller than 16 points (large-print guidance)."""
    large = look("large-print")
    for kind in KINDS.values():
        block = drawings_in(m.Edition.STUDENT)[kind]
        sizes = [shape.fontSize for shape in shapes(draw(block, large)) if isinstance(shape, String)]
        assert min(sizes) >= 16, (kind, min(sizes))


# --- the data, checked ----------------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def spoil(path: Path, old: str, new: str) -> int:
    """Replace `old` by `new` once; the line (from 1) where the change starts."""
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return text[:text.index(old)].count("\n") + 1


def found(copy: Path, monkeypatch) -> list[str]:
    result = check_in_process(copy, monkeypatch)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[:-1]


def test_connections_that_cross_or_run_through_a_character_are_named_at_their_place(copy, monkeypatch):
    data = copy / "data" / "relationships.yaml"
    line = spoil(data, "places:\n", "  - between: [madame, laura]\n    label: through Kathy\n"
                 "  - between: [madame, tommy]\n    label: across\nplaces:\n")
    assert found(copy, monkeypatch) == [
        f"content/data/relationships.yaml:{line}:14: the connection madame and laura runs through 'kathy'; "
        "expected a line that passes no other character (move one of them to another cell)",
        f"content/data/relationships.yaml:{line + 2}:14: the connection madame and tommy crosses miss-emily "
        "and kathy; expected connections that do not cross (move a character to another cell)"]


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("relationships.yaml", "  - character: laura\n    column: 1\n    row: 3",
     "  - character: lara\n    column: 1\n    row: 3",
     "content/data/relationships.yaml:LINE:16: unknown character 'lara'; did you mean 'laura'?\n"
     "content/data/relationships.yaml:LAURA:14: 'laura' is not on the map; expected a character from 'places'"),
    ("relationships.yaml", "  - character: ruth\n    column: 2\n    row: 3",
     "  - character: ruth\n    column: 1\n    row: 1",
     "content/data/relationships.yaml:LINE:5: 'ruth' is in the cell of 'madame' (column 1, row 1); expected each "
     "character in a cell of its own"),
    ("relationships.yaml", "between: [rodney, chrissie]", "between: [rodney, rodney]",
     "content/data/relationships.yaml:LINE:14: 'between' names rodney, rodney; expected two different characters"),
    ("timeline.yaml", "    from: 16\n", "    from: 15\n",
     "content/data/timeline.yaml:LINE:11: the era 'The Cottages' starts at 15, inside 'Hailsham'; expected eras in "
     "order, each from where the last ends"),
    ("timeline.yaml", "    age: 31\n", "    age: 40\n",
     "content/data/timeline.yaml:LINE:10: age 40 is outside the eras, 5 to 31; expected an age on the story's line"),
    ("chapters.yaml", "    last: 23\n", "    last: 22\n",
     "content/data/chapters.yaml:LINE:1: the last Part ends at chapter 22; expected it to end at the novel's last "
     "chapter, 23"),
])
def test_each_mistake_in_the_drawings_data_is_named_at_its_place(copy, monkeypatch, file, old, new, expected):
    line = spoil(copy / "data" / file, old, new)
    offset = {"lara": 0, "cell of": 1, "between": 0, "era": 0, "age 40": 0, "last Part": None}
    key = next(k for k in offset if k in expected)
    text = (copy / "data" / file).read_text().splitlines()
    where = line + offset[key] if offset[key] is not None else next(
        n for n, content in enumerate(text, 1) if content.startswith("parts:"))
    laura = next((n for n, content in enumerate(text, 1) if "[kathy, laura]" in content), 0)
    assert found(copy, monkeypatch) == expected.replace("LINE", str(where)).replace("LAURA", str(laura)).split("\n")


def test_a_chapter_heading_that_names_no_chapter_is_named(copy, monkeypatch):
    line = spoil(copy / "sections" / "chapters-part-two.md", "## Chapter 10:", "## Chaptre 10:")
    assert found(copy, monkeypatch) == [
        f"content/sections/chapters-part-two.md:{line}:1: the heading 'Chaptre 10: Arrival at the Cottages' names no "
        "chapter of the novel; expected it to begin 'Chapter N', N from 1 to 23 (the section has chapter headings)"]


@pytest.mark.slow
def test_a_short_page_before_a_drawing_that_moved_on_is_by_design_and_only_then(pdfs):
    """In large print on A4 the tracker, never split, moves to the page after the Themes
    section's first: that page is short by design; told nothing of drawings, the checker flags it."""
    pdfs.build([("large-print", "a4")])
    layout = lc.read_layout(pdfs.path("student", "large-print", "a4"), lc.style_margins("large-print"))
    before = [page for page in layout.pages[:-1] if lc.page_kind(layout, page) == lc.BEFORE_DRAWING
              and lc.fullness(layout, page) < 0.5]
    assert len(before) == 1, before
    opening = layout.pages[before[0].number]
    assert any(element.role == "Figure" for element in layout.body(opening)[0].elements)
    told_nothing = [kind for kind in lc.BY_DESIGN if kind != lc.BEFORE_DRAWING]
    flagged = lc.half_empty_pages(layout, told_nothing, new_page_sections=lc.new_page_sections(
        shipped_guide(m.Edition.STUDENT)), new_page_parts=lc.new_page_parts(shipped_guide(m.Edition.STUDENT)))
    assert any(problem.startswith(f"page {before[0].number}:") for problem in flagged), flagged


def test_a_drawing_with_nothing_to_draw_is_a_mistake_not_a_crash(copy, monkeypatch):
    timeline, relationships = copy / "data" / "timeline.yaml", copy / "data" / "relationships.yaml"
    timeline.write_text("age-label: Age\npresent: now\neras: []\nevents: []\n")
    relationships.write_text("places:\n  - character: kathy\n    column: 1\n    row: 1\nlinks: []\n")
    assert sorted(found(copy, monkeypatch)) == [
        "content/data/relationships.yaml:1:1: a relationship map needs two characters or more and a connection; "
        "expected entries under 'places' and 'links'",
        "content/data/timeline.yaml:3:1: a timeline needs at least one era and one event; expected entries under "
        "'eras' and 'events'"]


@pytest.mark.slow
def test_without_their_spans_words_a_headings_icons_would_be_read(built, tmp_path):
    """The icons after a chapter heading are read as the themes' names only through their Span's
    /Alt: without it, the reading of the tree holds the glyphs themselves."""
    from nlmg_pdf.model import ICONS

    pdf = pikepdf.open(built["student"].path)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Span" and "/Alt" in obj:
            del obj.Alt
    pdf.save(tmp_path / "unspoken.pdf")
    icons = set(ICONS.values())
    read = {index: tagged(built["student"].path).page_read_text(index) for index in range(len(built["student"].pages))}
    unspoken = tagged(tmp_path / "unspoken.pdf")
    assert not any(icons & set(text) for text in read.values())
    assert any(icons & set(unspoken.page_read_text(index)) for index in read)
