"""Where the renderer meets reportlab: one contract test per private hook in
render/reportlab_compat.py (so an upgrade that breaks one names it), no private reportlab
name anywhere else, the layout session's problems reported at their block, and a story
that cannot be copied short."""
from __future__ import annotations

import copy
import io
import re
import shutil
import typing
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, ListFlowable, ListItem, PageTemplate, Paragraph, Table

from conftest import ROOT, run_tool
from nlmg_pdf import model as m
from nlmg_pdf.editions import Edition
from nlmg_pdf.inputs import load
from nlmg_pdf.outline import BLOCK_NAMES, block_name
from nlmg_pdf.render import reportlab_compat as compat
from nlmg_pdf.render.blocks import BlockRenderer
from nlmg_pdf.render.document import Unfolding, make_story
from nlmg_pdf.render.paragraph_styles import build_paragraph_styles
from nlmg_pdf.transforms import prepare

OTHER = ROOT / "tests" / "other_novel"
STYLE = ParagraphStyle("plain", fontName="Helvetica", fontSize=10, leading=12)


def pdf_of(canvas: Canvas) -> pikepdf.Pdf:
    canvas.save()
    return pikepdf.open(io.BytesIO(canvas.getpdfdata()))


def new_canvas(cls=Canvas) -> Canvas:
    return cls(io.BytesIO(), pageCompression=0)


# --- the page being drawn ---------------------------------------------------------------


def test_page_code_length_counts_and_drop_code_takes_back():
    canvas = new_canvas()
    before = compat.page_code_length(canvas)
    canvas.addLiteral("% dropped")
    canvas.addLiteral("% kept")
    assert compat.page_code_length(canvas) == before + 2
    assert compat.page_code_since(canvas, before) == ["% dropped", "% kept"]
    compat.drop_code(canvas, before)
    assert compat.page_code_length(canvas) == before + 1
    pdf = pdf_of(canvas)
    content = pdf.pages[0].Contents.read_bytes()
    assert b"% kept" in content and b"% dropped" not in content


def test_page_finished_sees_each_page_once_and_allowed_keys_are_written():
    finished = []

    class Numbering(compat.HookedCanvas):
        def page_finished(self, page):
            compat.allow_page_keys(page, ("StructParents", "Tabs"))
            page.StructParents = len(finished)
            page.Tabs = PDFName("S")
            finished.append(page)

    canvas = new_canvas(Numbering)
    canvas.beginForm("a-form")  # forms pass through the same reportlab method; they are not pages
    canvas.drawString(0, 0, "form")
    canvas.endForm()
    for _ in range(2):
        canvas.doForm("a-form")
        canvas.showPage()
    pdf = pdf_of(canvas)
    assert len(finished) == 2
    assert [int(page.obj.StructParents) for page in pdf.pages] == [0, 1]
    assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)


def test_annotating_sees_every_annotation_and_its_reference_resolves():
    seen = []

    class Flagging(compat.HookedCanvas):
        def annotating(self, entries, name):
            seen.append(compat.annotation_reference(self, name))
            entries["F"] = 4
            return entries

    canvas = new_canvas(Flagging)
    canvas.drawString(10, 60, "a page with links")
    canvas.bookmarkPage("here")
    canvas.linkURL("https://example.org/", (10, 10, 50, 20), relative=0)
    canvas.linkRect("", "here", (10, 30, 50, 40), relative=0)
    # the references, kept elsewhere in the file (as the structure tree keeps them), are the annotations
    canvas.setCatalogEntry("StructTreeRoot", compat.register_object(
        canvas, PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": PDFArray(seen)}), "Holder"))
    pdf = pdf_of(canvas)
    annotations = list(pdf.pages[0].Annots)
    assert len(seen) == 2 == len(annotations)
    assert all(int(annotation.F) == 4 for annotation in annotations)
    assert [kid.objgen for kid in pdf.Root.StructTreeRoot.K] == [annotation.objgen for annotation in annotations]


def test_text_being_drawn_and_its_code_are_the_paragraphs_text_object():
    """An <onDraw> callback sees the text object its line is drawn into, and the operators so
    far; operators set in their place are drawn inside that object's BT ... ET."""
    seen = []

    def probe(canvas, kind, label):
        textobject = compat.text_being_drawn(canvas)
        seen.append((label, list(compat.text_code(textobject))))
        code = compat.text_code(textobject)
        compat.set_text_code(textobject, [*code, f"% at {label}"])

    written = io.BytesIO()
    canvas = Canvas(written, pageCompression=0)
    canvas.setNamedCB("probe", probe)
    paragraph = Paragraph('before <onDraw name="probe" label="one"/>middle <onDraw name="probe" label="two"/>after',
                          STYLE)
    paragraph.wrap(400, 100)
    paragraph.drawOn(canvas, 72, 700)
    canvas.save()
    assert [label for label, _ in seen] == ["one", "two"]
    assert all(code[0] == "BT" for _, code in seen) and len(seen[1][1]) > len(seen[0][1])
    pdf = pikepdf.open(io.BytesIO(written.getvalue()))
    content = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    text = content[content.index("BT"):content.index("ET", content.index("% at two"))]
    assert text.index("(before ") < text.index("% at one") < text.index("(middle ") < text.index("% at two")


def test_a_paragraph_with_links_and_icons_draws_on_a_canvas_that_tags_nothing():
    """The guide's paragraphs mark their spans with a canvas callback; any canvas can draw them."""
    from nlmg_pdf.render.flowables import TaggedParagraph
    from nlmg_pdf.render.markup import icon, linked

    written = io.BytesIO()
    canvas = Canvas(written, pageCompression=0)
    shown = f"See the {linked('https://example.org/', 'glossary')} and {icon('*', '#000000', 'Helvetica')} themes."
    paragraph = TaggedParagraph(shown, STYLE)
    paragraph.wrap(400, 100)
    paragraph.drawOn(canvas, 72, 700)
    canvas.save()
    assert PdfReader(io.BytesIO(written.getvalue())).pages[0].extract_text().split() == [
        "See", "the", "glossary", "and", "*", "themes."]


def test_stretch_so_far_is_the_justifications_added_space_on_the_line():
    """reportlab's link areas in justified text begin where the line would be without the
    word spacing; the hooked canvas's text objects count the spaces a line has drawn."""
    canvas = compat.HookedCanvas(io.BytesIO())
    textobject = canvas.beginText(72, 700)
    textobject.setWordSpace(2.5)
    assert compat.stretch_so_far(textobject) == 0
    textobject._textOut("one two three ")
    assert compat.stretch_so_far(textobject) == 3 * 2.5
    textobject._textOut("end", 1)  # the line's last run: the next line starts afresh
    assert compat.stretch_so_far(textobject) == 0


def test_add_annotation_puts_an_annotation_made_here_on_the_page():
    written = io.BytesIO()
    canvas = Canvas(written, pageCompression=0)
    before = compat.annotation_total(canvas)
    reference = compat.add_annotation(canvas, PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "Rect": PDFArray([72, 72, 144, 96]),
        "FT": PDFName("Tx"), "T": PDFString("probe")}), "Probe1")
    assert compat.annotation_total(canvas) == before + 1 and reference is not None
    canvas.drawString(72, 700, "a page with a field")
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(written.getvalue()))
    (annotation,) = pdf.pages[0].obj.Annots
    assert annotation.Subtype == "/Widget" and str(annotation.T) == "probe"


def test_register_object_puts_a_named_object_in_the_file():
    canvas = new_canvas()
    reference = compat.register_object(canvas, PDFDictionary({"Type": PDFName("StructTreeRoot"),
                                                              "Said": PDFString("hello")}), "Thing1")
    canvas.setCatalogEntry("StructTreeRoot", reference)
    pdf = pdf_of(canvas)
    thing = pdf.Root.StructTreeRoot
    assert thing.is_indirect and str(thing.Said) == "hello"


# --- flowables --------------------------------------------------------------------------


def build(flowables: list[Flowable]) -> PdfReader:
    output = io.BytesIO()
    document = BaseDocTemplate(output, pageTemplates=[PageTemplate("page", [Frame(72, 72, 300, 600)])])
    document.build(flowables)
    return PdfReader(io.BytesIO(output.getvalue()))


def test_bullet_made_is_given_each_items_bullet_and_bulleted_flowable_finds_its_item():
    drawn = []

    class Bullet:
        def __init__(self, bullet):
            self.bullet = bullet

        def drawOn(self, indenter, canvas, x, y, _sW=0):
            drawn.append(compat.bulleted_flowable(indenter))
            self.bullet.drawOn(indenter, canvas, x, y, _sW)

        def __getattr__(self, name):
            if name.startswith("__") or name == "bullet":
                raise AttributeError(name)
            return getattr(self.bullet, name)

    class Listing(compat.HookedList):
        def bullet_made(self, bullet):
            return Bullet(bullet)

    items = [Paragraph(f"item {n}", STYLE) for n in range(3)]
    reader = build([Listing([ListItem(item) for item in items], bulletType="1")])
    assert drawn == items
    assert "1" in reader.pages[0].extract_text() and "item 2" in reader.pages[0].extract_text()


def test_row_cells_are_the_values_the_table_was_given():
    rows = [["a", Paragraph("b", STYLE)], ["c", "d"]]
    table = Table(rows)
    assert compat.row_cells(table, 0) == rows[0] and compat.row_cells(table, 1) == rows[1]


def test_table_rows_are_every_row_the_table_was_given_and_a_split_part_its_own():
    rows = [[Paragraph(f"row {number}", STYLE)] for number in range(40)]
    table = Table(rows)
    assert compat.table_rows(table) == rows
    table.wrapOn(new_canvas(), 300, 1000)
    first, rest = table.split(300, 200)
    # a split part holds the same flowables, each cell's perhaps wrapped in a tuple
    unwrapped = [cell[0] if isinstance(cell, tuple | list) else cell
                 for part in (first, rest) for row in compat.table_rows(part) for cell in row]
    assert len(compat.table_rows(first)) > 1 and all(a is b for a, (b,) in zip(unwrapped, rows, strict=True))


def test_replace_cell_changes_that_table_only():
    rows = [["title", "x"], ["a", "b"]]
    table = Table(rows)
    compat.replace_cell(table, 0, 0, "title (continued)")
    assert compat.row_cells(table, 0) == ["title (continued)", "x"] and rows[0] == ["title", "x"]
    canvas = new_canvas()
    table.wrapOn(canvas, 300, 300)
    table.drawOn(canvas, 72, 600)
    canvas.save()
    assert "title (continued)" in PdfReader(io.BytesIO(canvas.getpdfdata())).pages[0].extract_text()


def test_line_words_and_line_count_read_the_lines_as_drawn():
    for shown in ("one two three four five six seven eight", "<b>one</b> two <i>three</i> four five six seven eight"):
        paragraph = Paragraph(shown, STYLE)
        paragraph.wrap(60, 500)
        count = compat.line_count(paragraph)
        assert count > 2
        lines = [compat.line_words(paragraph, line) for line in range(count)]
        assert [word for line in lines for word in line] == re.sub(r"<[^>]+>", "", shown).split()
        assert compat.line_words(paragraph, -1) == lines[-1]


def test_broken_lines_and_words_of_a_paragraph():
    paragraph = Paragraph("<b>Bold</b> and <i>leaning</i> words", STYLE)
    assert not compat.has_broken_lines(paragraph)
    paragraph.wrap(300, 100)
    assert compat.has_broken_lines(paragraph)
    assert compat.paragraph_words(paragraph) == ["Bold", "and", "leaning", "words"]


@pytest.mark.parametrize("shown", ["plain words " * 12, "<b>bold</b> and <i>leaning</i> words " * 6])
def test_readable_line_ends_keep_words_apart_and_change_nothing_after(shown):
    paragraph = Paragraph(shown, STYLE)
    paragraph.wrap(120, 500)
    lines = len(paragraph.blPara.lines)
    assert lines > 2
    before = repr(paragraph.blPara.lines)
    canvas = new_canvas()
    with compat.readable_line_ends(paragraph):
        paragraph.drawOn(canvas, 72, 400)
    assert repr(paragraph.blPara.lines) == before
    canvas.save()
    text = PdfReader(io.BytesIO(canvas.getpdfdata())).pages[0].extract_text()
    assert text.split() == re.sub(r"<[^>]+>", "", shown).split()


@pytest.mark.parametrize("shown", ["the students understand their circumstances progressively " * 3,
                                   "the <b>students</b> understand their circumstances progressively " * 3])
def test_readable_line_ends_turn_an_added_hyphen_into_a_soft_one(shown):
    from nlmg_pdf.render.fonts import register_family
    from nlmg_pdf.render.hyphenation import hyphenator

    style = ParagraphStyle("hyphenated", parent=STYLE, fontName=register_family("Source Serif Pro"),
                           hyphenationLang=hyphenator("en_GB"), embeddedHyphenation=0, uriWasteReduce=0)
    paragraph = Paragraph(shown, style)
    paragraph.wrap(118, 500)
    heads = [line for line in range(compat.line_count(paragraph) - 1)
             if compat.line_words(paragraph, line)[-1].endswith("-")]
    assert heads, "no line was hyphenated: the test needs a narrower column"
    written = io.BytesIO()
    canvas = Canvas(written, pageCompression=0)
    with compat.readable_line_ends(paragraph):
        paragraph.drawOn(canvas, 72, 400)
    assert all(compat.line_words(paragraph, line)[-1].endswith("-") for line in heads)  # as it was after
    canvas.save()
    text = PdfReader(io.BytesIO(written.getvalue())).pages[0].extract_text()
    assert text.count("\u00ad") == len(heads) and "-" not in text
    assert text.replace("\u00ad\n", "").split() == re.sub(r"<[^>]+>", "", shown).split()


def test_map_only_used_codes_leaves_no_code_mapped_to_nothing():
    from nlmg_pdf.render.fonts import register_family

    written = io.BytesIO()
    canvas = Canvas(written, pageCompression=0)
    canvas.setFont(register_family("Source Sans Pro"), 12)
    canvas.drawString(72, 700, "A few words, \u2018quoted\u2019 \u2014 and \u00e9")
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(written.getvalue()))
    maps = [font.ToUnicode.read_bytes().decode() for font in pdf.pages[0].Resources.Font.values()
            if "/ToUnicode" in font]  # (the canvas's first font, Helvetica, is not embedded)
    assert maps and all("<0000>" not in cmap for cmap in maps)
    for cmap in maps:
        counts = [int(count) for count in re.findall(r"(\d+) beginbfchar", cmap)]
        entries = re.findall(r"^<[0-9A-F]{2}> <([0-9A-F]{4})>$", cmap, re.MULTILINE)
        assert all(count <= 100 for count in counts) and sum(counts) == len(entries)
        assert {chr(int(value, 16)) for value in entries} >= set("Afew")


def test_register_when_used_makes_a_font_only_when_it_is_first_asked_for():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from nlmg_pdf.fontfiles import face_file

    made, then = [], []

    def make():
        made.append(1)
        return TTFont("SeamTest-regular", str(face_file("Source Sans Pro", "regular")))

    compat.register_when_used("SeamTest-regular", make, then=lambda: then.append(1))
    assert made == [] and "SeamTest-regular" not in pdfmetrics.getRegisteredFontNames()
    width = pdfmetrics.stringWidth("Kathy", "SeamTest-regular", 10)  # (as paragraphs measure)
    assert made == [1] and then == [1] and width > 0
    new_canvas().setFont("SeamTest-regular", 10)  # made once: drawing finds the same font
    assert made == [1] and pdfmetrics.getFont("SeamTest-regular").face.name.startswith(b"SourceSansPro")
    with pytest.raises(KeyError):  # a name nobody registered is still reportlab's own error
        pdfmetrics.getFont("SeamTest-never-registered")


FACES_MAPPED = """
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase import pdfmetrics
from nlmg_pdf.fontfiles import FACES, face_name
from nlmg_pdf.render.fonts import register_family

family = "Source Serif Pro"
regular, bold, bold_italic = register_family(family), face_name(family, "bold"), face_name(family, "bold-italic")
expected = {(regular, 1, 0): bold, (regular, 0, 1): face_name(family, "italic"), (regular, 1, 1): bold_italic,
            (bold, 0, 1): bold_italic, (bold, 1, 1): bold_italic}
for face in FACES:  # making each face (which maps its own family anew) leaves the mapping as it was
    pdfmetrics.getFont(face_name(family, face))
    assert {key: tt2ps(*key) for key in expected} == expected, face
    semibold = face_name(family, "semibold")
    assert ps2tt(semibold)[0] == semibold.lower(), face  # a face of its own, as <para> needs
print("mapped")
"""


def test_faces_made_when_used_resolve_bold_and_italic_as_registering_all_at_once_would():
    import subprocess
    import sys

    # (in a new process: here an earlier test may have made every face already)
    result = subprocess.run([sys.executable, "-c", FACES_MAPPED], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "mapped", result.stderr


# --- no private reportlab name outside the compatibility module ------------------------------------


def reportlab_private_names() -> set[str]:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase.pdfdoc import PDFCatalog, PDFDocument, PDFPage
    from reportlab.platypus import (
        DocAssign,
        Image,
        KeepInFrame,
        KeepTogether,
        PageBreak,
        Spacer,
    )
    from reportlab.platypus.flowables import BulletDrawer, DDIndenter, HRFlowable

    classes = [Canvas, PDFDocument, PDFPage, PDFCatalog, BaseDocTemplate, PageTemplate, Frame, Flowable, Paragraph,
               Table, ListFlowable, ListItem, DDIndenter, BulletDrawer, KeepTogether, KeepInFrame, Image, HRFlowable,
               Spacer, PageBreak, DocAssign, ImageReader, ParagraphStyle]
    names = {name for cls in classes for name in dir(cls) if name.startswith("_") and not name.startswith("__")}
    canvas, paragraph = Canvas(io.BytesIO()), Paragraph("x", STYLE)
    paragraph.wrap(100, 100)
    table = Table([["x"]])
    table.wrap(100, 100)
    for made in (canvas, paragraph, table, BaseDocTemplate(io.BytesIO())):
        names |= {name for name in vars(made) if name.startswith("_") and not name.startswith("__")}
    return names | {"blPara", "frags", "__NoDefault__"}


def test_no_private_reportlab_name_outside_the_compatibility_module():
    private = reportlab_private_names()
    found = []
    for path in sorted((ROOT / "src" / "nlmg_pdf").rglob("*.py")):
        if path.name == "reportlab_compat.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for name in re.findall(r"\.(_{1,2}[A-Za-z]\w*|blPara|frags)\b", line):
                if name in private:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {name}")
    assert not found, "\n".join(found)


def test_the_scan_finds_a_private_name():
    assert {"_code", "_doc", "_cellvalues", "_makeBullet", "_setAnnotations", "blPara"} <= reportlab_private_names()


# --- one renderer and one name for every kind of block ---------------------------------------------


def test_every_kind_of_block_has_a_name_and_a_renderer():
    kinds = set(typing.get_args(m.Block))
    assert set(BLOCK_NAMES) == kinds
    guide, style = load()
    renderer = BlockRenderer(style, build_paragraph_styles(style))
    assert set(renderer._handlers) == kinds - {m.Only}  # an Only block never outlives the edition filter
    with pytest.raises(TypeError, match="no rule for Only"):
        renderer.render([m.Only(frozenset({Edition.TEACHER}), ())])
    assert block_name(m.Rule()) == "rule"


# --- the story ----------------------------------------------------------------------------------


def test_the_unfolding_story_cannot_be_copied_short():
    guide, style = load()
    story = make_story(prepare(guide, Edition.TEACHER), style).flowables
    made = len(story)
    assert made < 200  # only the front is made before layout begins
    for shortened in (lambda s: s[:], lambda s: s[3:], lambda s: list(s), copy.copy, copy.deepcopy,
                      lambda s: s.copy(), lambda s: [*s]):
        with pytest.raises(TypeError, match="unfolding story"):
            shortened(story)
    assert story[:2] == story.whole()[:2]  # a slice off the front, as platypus takes, is allowed
    assert len(story.whole()) > made * 3


def test_a_fresh_unfolding_list_fills_as_its_front_is_taken():
    sections = iter([[Paragraph(f"{s}.{n}", STYLE) for n in range(40)] for s in range(5)])
    story = Unfolding([], sections)
    assert len(story) == 80  # sections are made until AHEAD flowables are ready
    taken = 0
    while len(story):
        del story[0]
        taken += 1
    assert taken == 200


# --- problems found while laying out, at their block --------------------------------------------------

LONG = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4


def spoil(copy_of: Path, file: str, old: str, new: str) -> None:
    path = copy_of / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


WHERE = {  # a place for a word too wide for any column, and the file and kind of block named
    "paragraph": ("sections/opening.md", "with a straight face,", f"with a {LONG} face,",
                  "sections/opening.md:5:1", "paragraph"),
    "pull-quote": ("data/quotations.yaml", "universally acknowledged", f"universally {LONG}",
                   "sections/opening.md:9:1", "pull-quote"),
    "section title": ("sections/people.md", "title: People", f"title: People {LONG}",
                      "sections/people.md", "section title"),
    "list item": ("sections/opening.md", "- The Bennet family", f"- The {LONG} family",
                  "sections/opening.md:14:1", "list"),
    "table cell": ("sections/opening.md", "@questions opening", f"| a | b |\n| - | - |\n| x | {LONG} |\n",
                   "sections/opening.md:17:1", "table"),
    "paragraph in a box": ("sections/people.md", "@character elizabeth",
                           f"@character elizabeth\n\n::: note\nA {LONG}.\n:::\n",
                           "sections/people.md:8:1", "paragraph"),
    "heading": ("sections/people.md", "@character elizabeth", f"## A {LONG}\n\n@character elizabeth",
                "sections/people.md:5:1", "heading"),
    "character box": ("data/characters.yaml", "Quick, observant", f"Quick, {LONG}",
                      "sections/people.md:5:1", "character box"),
    "question": ("data/questions.yaml", "seriously?", f"{LONG}?", "sections/opening.md:17:1", "set of questions"),
}


FAST = ("pull-quote", "section title")  # once tracebacks; the other places are in the slow lane


@pytest.mark.parametrize("place", [place if place in FAST else pytest.param(place, marks=pytest.mark.slow)
                                   for place in WHERE])
def test_a_word_too_wide_anywhere_is_named_at_its_block(tmp_path, place):
    file, old, new, where, kind = WHERE[place]
    content = tmp_path / "content"
    shutil.copytree(OTHER, content)
    spoil(content, file, old, new)
    result = run_tool("build", "--content", "content", "--out", "guide.pdf", cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"content/{where}"), lines[0]
    assert "is wider than its column" in lines[0] and f"in this {kind};" in lines[0], lines[0]
    assert not (tmp_path / "guide.pdf").exists()
