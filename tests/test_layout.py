"""How the pages look, in every build: nothing printed over anything else, no page left half
empty mid-section, running heads that name the section the page opens in, no heading or list
stranded at the foot of a page, hyphenation that spares names and paragraph ends, no
straight quotes, no theme icon apart from its name and no gap inside a paragraph. The
checkers are in layout_checks.py (also a command: `python tests/layout_checks.py FILE.pdf
[--style NAME]`).

Each checker has a test over the whole matrix (both editions in every style on both papers)
and a test that it can fail, on a small PDF drawn here with reportlab's canvas that has the
defect (or on a doctored reading of one).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

import layout_checks as lc
from conftest import EDITIONS, PAPERS, ROOT, STYLES, shipped_guide
from nlmg_pdf.editions import Edition
from nlmg_pdf.reading.style import load_style

# The pages that may be less than half full: none of them ends a page while its section goes on.
ALLOWED_SHORT_PAGES = (
    lc.COVER,  # the cover is laid out on its own
    lc.CONTENTS,  # as long as the guide's list of sections is
    lc.LAST,  # the guide ends where it ends
    lc.BEFORE_NEW_PAGE,  # a section that starts on a new page leaves the rest of the page before it
    lc.BEFORE_RUN_ON,  # a run-on section's title moves on when it would have under a few lines after it
    lc.BEFORE_QUESTION,  # a question never parts from its lines, nor a quiz item from its options
    lc.BEFORE_NEW_PART,  # each reading check starts a page, to be copied on its own
    lc.BEFORE_DRAWING,  # a drawing (the theme tracker in large print) is never split
)


# --- the matrix ---------------------------------------------------------------------------------------


def every_build():
    """(style, paper, edition) for every build; only the default style on letter is in the fast lane."""
    return [pytest.param(style, paper, edition, id=f"{edition}-{style}-{paper}",
                         marks=() if (style, paper) == ("default", "letter") else pytest.mark.slow)
            for style in STYLES for paper in PAPERS for edition in EDITIONS]


def margins(style: str) -> lc.Margins:
    return lc.Margins.of(load_style(ROOT / "styles" / f"{style}.yaml", f"styles/{style}.yaml", ROOT / "styles"))


@pytest.fixture(scope="module")
def layout_of(pdfs):
    """The layout of one build, read once; asking for any pair but the default's builds them all,
    side by side."""
    def read(style: str, paper: str, edition: str) -> lc.Layout:
        if (style, paper) != ("default", "letter"):
            pdfs.build((name, size) for name in STYLES for size in PAPERS)
        return lc.read_layout(pdfs.path(edition, style, paper), margins(style))
    return read


def report(problems: list[str], limit: int = 25) -> str:
    more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:limit]) + more


class TestEveryBuild:
    """Each checker over both editions in every style on both papers."""

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_nothing_is_printed_over_anything_else(self, layout_of, style, paper, edition):
        problems = lc.overlaps(layout_of(style, paper, edition))
        assert not problems, report(problems)

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_no_page_is_half_empty_while_its_section_goes_on(self, layout_of, style, paper, edition):
        guide = shipped_guide(Edition(edition))
        problems = lc.half_empty_pages(layout_of(style, paper, edition), allowed=ALLOWED_SHORT_PAGES,
                                       new_page_sections=lc.new_page_sections(guide),
                                       new_page_parts=lc.new_page_parts(guide))
        assert not problems, report(problems)

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_running_heads_name_the_section_each_page_opens_in(self, layout_of, style, paper, edition):
        problems = lc.running_heads(layout_of(style, paper, edition))
        assert not problems, report(problems)

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_no_heading_or_list_is_stranded_at_the_foot_of_a_page(self, layout_of, style, paper, edition):
        problems = lc.stranded_headings(layout_of(style, paper, edition))
        assert not problems, report(problems)

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_hyphenation_spares_names_and_paragraph_ends(self, layout_of, style, paper, edition):
        problems = lc.hyphenation(layout_of(style, paper, edition), lc.source_of(shipped_guide(Edition(edition))))
        assert not problems, report(problems)

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_no_theme_icon_ends_a_line_apart_from_its_name(self, layout_of, style, paper, edition):
        problems = lc.icons_apart(layout_of(style, paper, edition), lc.theme_icons())
        assert not problems, report(problems)

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_no_paragraph_has_a_gap_between_its_lines(self, layout_of, style, paper, edition):
        problems = lc.gaps_in_paragraphs(layout_of(style, paper, edition))
        assert not problems, report(problems)

    @pytest.mark.parametrize(("style", "paper", "edition"), every_build())
    def test_no_straight_quotes_are_printed(self, layout_of, style, paper, edition):
        problems = lc.straight_quotes(layout_of(style, paper, edition))
        assert not problems, report(problems)


# --- small PDFs with the defects, drawn by hand ----------------------------------------------------------

MARGINS = lc.Margins(top=72, bottom=72, left=72, right=72)  # on letter paper: the frame is 72..720 pt high
WIDTH, HEIGHT = 612, 792
TOP, BOTTOM, RIGHT = HEIGHT - MARGINS.top, MARGINS.bottom, WIDTH - MARGINS.right
BODY, LEADING = 10, 14
FILLER = "and the words go on across the line the way a paragraph\u2019s words do"


class Drawing:
    """A PDF drawn page by page with reportlab's canvas, in the guide's geometry: a running head
    above the frame, a footer below it, section titles in the outline."""

    def __init__(self, path: Path):
        self.path = path
        self.canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
        self.y = TOP - BODY
        self.pages = 0

    def page(self, head: str | None = None, footer: str = "Page") -> Drawing:
        """Start a page (ending the one before, if any), with a running head naming `head`."""
        if self.pages:
            self.canvas.showPage()
        self.pages += 1
        self.y = TOP - BODY
        self.canvas.setFont("Helvetica", 8)
        self.canvas.drawString(MARGINS.left, BOTTOM - 25, footer)
        if head is not None:
            self.canvas.drawString(MARGINS.left, TOP + 17, "The guide")
            self.canvas.drawRightString(RIGHT, TOP + 17, head)
            self.canvas.line(MARGINS.left, TOP + 12, RIGHT, TOP + 12)
        return self

    def heading(self, title: str, level: int = 0, size: float = 18) -> Drawing:
        """A heading at the current place, with an outline entry (level 0: a section title)."""
        self.y -= size - BODY
        key = f"mark-{self.pages}-{title}"
        self.canvas.bookmarkPage(key, fit="XYZ", left=0, top=self.y + size + 2)
        self.canvas.addOutlineEntry(title, key, level=level)
        self.canvas.setFont("Helvetica-Bold", size)
        self.canvas.drawString(MARGINS.left, self.y, title)
        self.y -= size * 1.4
        return self

    def lines(self, *texts: str, leading: float = LEADING) -> Drawing:
        self.canvas.setFont("Helvetica", BODY)
        for text in texts:
            self.canvas.drawString(MARGINS.left, self.y, text)
            self.y -= leading
        return self

    def fill(self, down_to: float = BOTTOM + 2) -> Drawing:
        """Lines of text from here down to `down_to`."""
        while self.y - LEADING >= down_to - BODY:
            self.lines(FILLER)
        return self

    def gap(self, points: float) -> Drawing:
        self.y -= points
        return self

    def at(self, y: float) -> Drawing:
        self.y = y
        return self

    def save(self) -> lc.Layout:
        self.canvas.save()
        return lc.read_layout(self.path, MARGINS)


@pytest.fixture
def drawing(tmp_path):
    count = iter(range(1000))
    return lambda: Drawing(tmp_path / f"drawn-{next(count)}.pdf")


def a_cover(drawing) -> Drawing:
    return drawing().page().lines("The guide", "A cover of its own")


def test_a_page_drawn_right_passes_every_checker(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").fill()
              .page("Alpha").fill(TOP - 300).gap(LEADING).heading("Beta").fill()
              .page("Beta").lines("The last words.").save())
    assert lc.all_checks(layout) == {name: [] for name in lc.all_checks(layout)}


def test_overlaps_finds_lines_on_top_of_each_other_and_a_rule_through_words(drawing):
    made = a_cover(drawing).page().heading("Alpha").lines("A line of words set as usual", leading=4)
    made.lines("Another line too close below it")
    made.gap(40).lines("Words with a rule through them")
    made.canvas.line(MARGINS.left, made.y + LEADING + 3.5, MARGINS.left + 200, made.y + LEADING + 3.5)
    made.gap(40).lines("Words with an underline, which is no fault")
    made.canvas.line(MARGINS.left, made.y + LEADING - 1.5, MARGINS.left + 200, made.y + LEADING - 1.5)
    problems = lc.overlaps(made.fill().page("Alpha").lines("The end.").save())
    assert len(problems) == 2, report(problems)
    assert problems[0].startswith("page 2: 'A line of words set as usual' overlaps 'Another line too close below "
                                  "it' (words 'A'/'Another', "), problems[0]
    assert problems[1].startswith("page 2: a rule at ") and "'Words with a rule through them'" in problems[1]


def test_overlaps_finds_text_run_into_the_next_column(drawing):
    made = a_cover(drawing).page().heading("Alpha")
    made.canvas.setFont("Helvetica", BODY)
    made.canvas.drawString(MARGINS.left, 500, "A cell\u2019s words running far too long")
    made.canvas.drawString(MARGINS.left + 100, 500.5, "Next cell")
    problems = lc.overlaps(made.save())
    assert [problem.split(" (")[0] for problem in problems] == [
        "page 2: 'Next cell' overlaps 'A cell\u2019s words running far too long'"], report(problems)


def test_half_empty_pages_finds_a_short_page_mid_section(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").lines(FILLER, FILLER, FILLER)
              .page("Alpha").fill().page("Alpha").lines("The end.").save())
    assert lc.half_empty_pages(layout) == ["page 2: only 11% full, and 'Alpha' goes on on page 3"]
    assert [lc.page_kind(layout, page) for page in layout.pages] == [lc.COVER, lc.MID_SECTION, lc.MID_SECTION,
                                                                     lc.LAST]


def test_half_empty_pages_allows_a_page_before_a_new_section_only_if_told_to(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").lines(FILLER, FILLER)
              .page().heading("Beta").fill().page("Beta").lines("The end.").save())
    assert lc.half_empty_pages(layout) == []  # Beta's opening page has no running head: a new-page section
    assert lc.page_kind(layout, layout.pages[1], new_page_sections=["Alpha"]) == lc.BEFORE_RUN_ON
    assert lc.half_empty_pages(layout, new_page_sections=["Alpha"]) == [
        f"page 2: only 9% full, and it is {lc.BEFORE_RUN_ON}"]
    assert lc.half_empty_pages(layout, allowed=ALLOWED_SHORT_PAGES, new_page_sections=["Alpha"]) == []


def test_a_short_page_is_by_design_only_before_an_item_with_lines_to_write_on_or_circles_to_mark(drawing):
    def short_page_before_an_item(mark) -> str:
        made = (a_cover(drawing).page().heading("Alpha").lines(FILLER, FILLER)
                .page("Alpha").lines("1. A question on the novel, kept whole with what follows it"))
        mark(made.canvas, made.y)
        layout = made.fill().page("Alpha").lines("The end.").save()
        return lc.page_kind(layout, layout.pages[1])

    assert short_page_before_an_item(lambda canvas, y: None) == lc.MID_SECTION  # (the running head's rule only)
    assert short_page_before_an_item(lambda canvas, y: [canvas.line(MARGINS.left, y - n * 20, RIGHT, y - n * 20)
                                                        for n in range(1, 4)]) == lc.BEFORE_QUESTION
    assert short_page_before_an_item(lambda canvas, y: canvas.circle(MARGINS.left + 20, y, 5)) == lc.BEFORE_QUESTION


def test_half_empty_pages_allows_a_page_before_a_part_that_starts_a_page_only_if_told_to(drawing):
    layout = (a_cover(drawing).page().heading("Checks").heading("One", level=1, size=14).lines(FILLER, FILLER)
              .page("Checks").heading("Two", level=1, size=14).fill().page("Checks").lines("The end.").save())
    assert lc.page_kind(layout, layout.pages[1]) == lc.MID_SECTION
    assert lc.half_empty_pages(layout) == ["page 2: only 13% full, and 'Checks' goes on on page 3"]
    assert lc.half_empty_pages(layout, new_page_parts=["One"]) != []  # a part that is not the one overleaf
    assert lc.page_kind(layout, layout.pages[1], new_page_parts=["Two"]) == lc.BEFORE_NEW_PART
    assert lc.half_empty_pages(layout, allowed=ALLOWED_SHORT_PAGES, new_page_parts=["Two"]) == []


def test_running_heads_finds_a_head_naming_a_section_that_starts_lower_down(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").fill()
              .page("Beta").fill(TOP - 200).heading("Beta").fill()  # opens in Alpha
              .page("Beta").fill().page().lines("no running head here").save())
    assert lc.running_heads(layout) == [
        "page 3: the running head says 'Beta', but the page opens in 'Alpha'",
        "page 5: no running head; expected 'Beta'"]


def test_running_heads_allows_a_long_title_cut_short_with_an_ellipsis_and_nothing_else(drawing):
    def heads(head: str) -> list[str]:
        title = "Reading checks: Part One: chapters 1\u20139"
        return lc.running_heads(a_cover(drawing).page().heading(title).fill().page(head).fill().save())

    assert heads("Reading checks: Part One\u2026") == []
    assert heads("Reading checks: Part Two\u2026") == [
        "page 3: the running head says 'Reading checks: Part Two\u2026', but the page opens in "
        "'Reading checks: Part One: chapters 1\u20139'"]


def test_running_heads_passes_a_run_on_section_at_the_top_of_a_page(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").fill()
              .page("Beta").heading("Beta").fill().page("Beta").lines("The end.").save())
    assert lc.running_heads(layout) == []


def test_stranded_headings_finds_a_heading_with_one_line_under_it(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + 60).heading("Gamma", level=1, size=14)
              .lines(FILLER).page("Alpha").fill().page("Alpha").lines("The end.").save())
    assert lc.stranded_headings(layout) == [
        "page 2: the heading 'Gamma' (90% down the page) has only 1 line after it; what it heads goes on on page 3"]


def test_stranded_headings_finds_a_heading_whose_first_subheading_is_overleaf(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + 30).heading("Gamma", level=1, size=14)
              .page("Alpha").heading("Delta", level=2, size=12).fill().page("Alpha").lines("The end.").save())
    problems = lc.stranded_headings(layout)
    assert problems == ["page 2: the heading 'Gamma' (94% down the page) has only 0 lines after it; what it heads "
                        "goes on on page 3"], report(problems)


def test_stranded_headings_passes_a_heading_whose_text_ends_on_its_page(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + 60).heading("Gamma", level=1, size=14)
              .lines("A short part.").page("Alpha").heading("Delta", level=1, size=14).fill()
              .page("Alpha").lines("The end.").save())
    assert lc.stranded_headings(layout) == []


def test_stranded_headings_finds_a_list_item_broken_after_its_first_line(drawing):
    """The structure tree says which lines are a list item's; a canvas draws none, so the reading of
    the drawing is doctored to say so."""
    layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + 20).lines("\u2022 An item\u2019s first line")
              .page("Alpha").lines("and its second line", "and its third.").fill().save())
    items = lc.Element("L", (1, 0), lc.Element("Sect", (2, 0), lc.Element("Document", (3, 0), None)))
    item = lc.Element("LI", (4, 0), items)
    first = next(line for line in layout.pages[1].lines if line.text.startswith("\u2022"))
    rest = [line for line in layout.pages[2].lines if line.text.startswith("and its")]
    for line in (first, *rest):
        line.elements, line.owner = tuple(item.chain()), item
    assert lc.stranded_headings(layout) == [
        "page 2: a list is broken after its first line ('\u2022 An item\u2019s first line'); the rest is on page 3"]
    above = layout.body(layout.pages[1])[-2]  # the item begins a line earlier: two lines on page 2
    above.elements, above.owner = tuple(item.chain()), item
    assert lc.stranded_headings(layout) == []


def test_stranded_headings_tells_a_line_said_again_overleaf_from_a_title_set_again(drawing):
    """Two lines of a list on a page, the second's words said again by a later item overleaf, are
    two lines (not one and a title repeated); a table's header row set again overleaf is no line
    left behind, so one row under it is a row alone."""
    def stranded(first_page: tuple[str, ...], overleaf: tuple[str, ...]) -> list[str]:
        layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + 2 + LEADING * (len(first_page) - 1))
                  .lines(*first_page).page("Alpha").lines(*overleaf).fill().save())
        group = lc.Element("L", (1, 0), lc.Element("Sect", (2, 0), lc.Element("Document", (3, 0), None)))
        held = [line for page in layout.pages[1:3] for line in page.lines if line.text in first_page + overleaf]
        for line in held:
            line.elements, line.owner = tuple(group.chain()), group
        return lc.stranded_headings(layout)

    assert stranded(("1. The first item, in two lines:", "told in chapter 1."),
                    ("2. The second item, also in two:", "told in chapter 1.")) == []
    assert stranded(("Theme Chapters", "Memory 1, 6"), ("Theme Chapters", "Humanity 3, 7")) == [
        "page 2: a list is broken after its first line ('Memory 1, 6'); the rest is on page 3"]


def test_a_page_before_a_blank_one_is_judged_by_the_page_after_it(drawing):
    """The blank page a double-sided master puts before a section is no section's page: the
    page before it is short by design if the page after the blank one opens a section."""
    def layout_with(left_page: str):
        return (a_cover(drawing).page().heading("Alpha").lines("A short section's only lines.")
                .page().at(BOTTOM + 300).lines(left_page).page().heading("Beta").fill()
                .page("Beta").lines("The end.").save())

    blank = layout_with(lc.BLANK)
    assert blank.blank(blank.pages[2]) and lc.page_kind(blank, blank.pages[1], ["Alpha", "Beta"]) == lc.BEFORE_NEW_PAGE
    assert lc.running_heads(blank) == [] and lc.half_empty_pages(blank, ALLOWED_SHORT_PAGES, ["Alpha", "Beta"]) == []
    other = layout_with("Some words that are not the blank page's notice.")
    assert not other.blank(other.pages[2]) and lc.page_kind(other, other.pages[1], ["Alpha", "Beta"]) == lc.MID_SECTION
    assert lc.running_heads(other) == ["page 3: no running head; expected 'Alpha'"]


SOURCE = lc.Source("The children of Hailsham were often told a well-known story; the others went to the "
                   "coast, a conversation, profound tranquillity, understand, the beginning of it.",
                   names=frozenset({"Kathy"}))


def test_stranded_headings_finds_a_lead_in_at_the_foot_of_a_page(drawing):
    layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + 2 * LEADING).lines("Evidence to use:")
              .page("Alpha").lines("- chapter 1: the first thing", "- chapter 2: the second").fill().save())
    assert lc.stranded_headings(layout) == [
        "page 2: the page ends with 'Evidence to use:'; what it leads into is on page 3"]


def boxed_over_a_page(drawing, here: list[str], overleaf: list[str]) -> lc.Layout:
    """A box whose lines `here` end page 2 and `overleaf` begin page 3; the reading is doctored
    to say which lines are the box's, as in the test above."""
    layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + (len(here) + 1) * LEADING).lines(*here)
              .page("Alpha").lines(*overleaf).gap(LEADING).fill().save())
    box = lc.Element("Sect", (1, 0), lc.Element("Sect", (2, 0), lc.Element("Document", (3, 0), None)))
    for line in (line for page in layout.pages for line in page.lines if line.text in (*here, *overleaf)):
        line.elements, line.owner = tuple(box.chain()), box
    return layout


def test_stranded_headings_finds_a_box_ending_with_one_line_overleaf(drawing):
    layout = boxed_over_a_page(drawing, ["Relationships: the box\u2019s row", "which goes on here"],
                               ["Traits: funny \u00b7 mischievous"])
    assert lc.stranded_headings(layout) == [
        "page 3: a box from page 2 ends with its last line alone here ('Traits: funny \u00b7 mischievous')"]
    layout = boxed_over_a_page(drawing, ["Relationships: the box\u2019s row"],
                               ["which goes on here", "Traits: funny \u00b7 mischievous"])
    assert lc.stranded_headings(layout) == [
        "page 2: a box is broken after its first line ('Relationships: the box\u2019s row'); the rest is on page 3"]
    layout = boxed_over_a_page(drawing, ["Relationships: the box\u2019s row", "which goes on here"],
                               ["and on here", "Traits: funny \u00b7 mischievous"])
    assert lc.stranded_headings(layout) == []


def test_hyphenation_finds_names_last_words_and_ladders(drawing):
    layout = (a_cover(drawing).page().heading("Alpha")
              .lines("The children of Hail-", "sham were often told").gap(20)
              .lines("a story that Kathy\u2019s friends did not under-", "stand.").gap(20)
              .lines("and the others went to the coast for a con-", "versation of a very pro-",
                     "found kind, in a great tran-", "quillity.").gap(20)
              .lines("they were told a story, a well-", "known.").gap(20)
              .lines("it was Kathy, then Ka-", "thy again, who went").fill()
              .page("Alpha").lines("The end.").save())
    problems = lc.hyphenation(layout, SOURCE)
    assert problems == [
        "page 2: the name 'Hailsham' is hyphenated (Hail- / sham)",
        "page 2: the last word of a paragraph, 'understand', is hyphenated: its last line is only 'stand.'",
        "page 2: the last word of a paragraph, 'tranquillity', is hyphenated: its last line is only 'quillity.'",
        "page 2: the name 'Kathy' is hyphenated (Ka- / thy)",
        "page 2: 3 hyphenated line ends in a row (con-, pro-, tran-)"], report(problems)
    assert [item.compound for item in lc.breaks(layout, SOURCE)] == [False, False, False, False, False, True, False]


def test_hyphenation_finds_a_word_broken_over_the_page(drawing):
    """One paragraph over two pages: the structure tree says so, and the reading is doctored to."""
    layout = (a_cover(drawing).page().heading("Alpha").fill(BOTTOM + 20).lines("this is where the begin-")
              .page("Alpha").lines("ning of it goes on,", "and on.").save())
    paragraph = lc.Element("P", (1, 0), None)
    for line in [line for page in layout.pages[1:] for line in page.lines if line.text[:4] in ("this", "ning", "and ")]:
        line.elements, line.owner = (paragraph,), paragraph
    problems = lc.hyphenation(layout, SOURCE)
    assert problems == ["page 2: 'beginning' is hyphenated over the page, to page 3"], report(problems)


def test_straight_quotes_finds_a_straight_apostrophe_and_quotation_mark(drawing):
    layout = (a_cover(drawing).page().heading("Alpha")
              .lines("Kathy\u2019s tape, \u201cNever Let Me Go\u201d", "Kathy's tape", 'the song "Never"')
              .fill().page("Alpha").save())
    assert lc.straight_quotes(layout) == [
        "page 2: a straight ' in \"Kathy's tape\"",
        "page 2: a straight \" in 'the song \"Never\"'",
        "page 2: a straight \" in 'the song \"Never\"'"]


def test_icons_apart_finds_an_icon_at_a_lines_end(drawing):
    layout = (a_cover(drawing).page().heading("Alpha")
              .lines("Themes: \u00a7 Memory and \u00a7", "Hope, and the words go on", "\u00a7 Hope at the start")
              .fill().page("Alpha").save())
    assert lc.icons_apart(layout, {"\u00a7"}) == ["page 2: the line 'Themes: \u00a7 Memory and \u00a7' ends in an icon"]


def test_gaps_in_paragraphs_finds_the_halves_of_a_split_set_on_one_page(drawing):
    """The reading is doctored to say the lines are one paragraph's, as in the tests above."""
    layout = (a_cover(drawing).page().heading("Alpha").lines("The system\u2019s words are gentle, and",
                                                             "she uses them without irony: to complete is")
              .gap(8).lines("to die, sooner or later.").fill().page("Alpha").save())
    paragraph = lc.Element("P", (1, 0), lc.Element("Sect", (2, 0), lc.Element("Document", (3, 0), None)))
    lines = [line for line in layout.pages[1].lines if line.text.startswith(("The system", "she uses", "to die"))]
    for line in lines:
        line.elements, line.owner = tuple(paragraph.chain()), paragraph
    assert lc.gaps_in_paragraphs(layout) == [
        "page 2: a gap of 22 pt inside a paragraph, between ' without irony: to complete is' and "
        "'to die, sooner or later.'"]
    lines[2].owner = lc.Element("P", (4, 0), paragraph.parent)  # the next paragraph: a gap is right there
    assert lc.gaps_in_paragraphs(layout) == []


def test_the_command_prints_each_checkers_problems(drawing):
    made = a_cover(drawing).page().heading("Alpha").lines("Kathy's tape").fill().page("Beta").lines("The end.")
    made.save()
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "layout_checks.py"), str(made.path),
                             "--style", "default"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "straight quotes: 1 problem\n    page 2: a straight ' in \"Kathy's tape\"" in result.stdout
    assert "overlaps: 0 problems" in result.stdout and "running heads: 1 problem" in result.stdout
