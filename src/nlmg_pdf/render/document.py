"""The whole handout: page templates, cover, contents, outline, running heads and metadata."""
from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from reportlab.lib import colors
from reportlab.lib.sequencer import Sequencer
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, LayoutError, NextPageTemplate, PageBreak, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from .. import __version__
from .. import model as m
from ..errors import UserError
from ..stylesheet import Style
from ..transforms import walk
from .blocks import BlockRenderer
from .cover import cover
from .flowables import Heading, TooWide
from .markup import text
from .paragraph_styles import Styles, build_styles

PAGE_TOTAL_FORM = "page-total"

Progress = Callable[[str], None]


class GuideCanvas(Canvas):
    """A canvas that can print "page N of M" in one go: each footer draws a form holding M,
    and the form is only defined once the last page is known, just before saving. It also
    labels the pages as the footers number them: front matter i, ii..., the body from 1."""

    def __init__(self, *args, total_font: tuple[str, float, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.total_font = total_font
        self.front_pages = 0  # set by the document when the body begins
        self.too_wide: list[TooWide] = []  # words no column can hold, noted as they are measured

    def save(self):
        font, size, colour = self.total_font
        self.beginForm(PAGE_TOTAL_FORM)
        self.setFont(font, size)
        self.setFillColor(colors.HexColor(colour))
        self.drawString(0, 0, str(self.getPageNumber() - 1 - self.front_pages))
        self.endForm()
        self.addPageLabel(0, "ROMAN_LOWER")
        self.addPageLabel(self.front_pages, "ARABIC", 1)
        super().save()


class GuideDocument(BaseDocTemplate):
    def __init__(self, output, guide: m.Guide, style: Style, styles: Styles, progress: Progress,
                 stop: threading.Event | None = None):
        md = guide.metadata
        super().__init__(
            output, pagesize=style.page_size, title=md.title, author=md.author, subject=md.subject,
            keywords=", ".join(md.keywords), creator=f"nlmg-pdf {__version__}", lang=md.language,
            leftMargin=style.margin_left, rightMargin=style.margin_right, topMargin=style.margin_top,
            bottomMargin=style.margin_bottom, initialFontName=styles.body.fontName,
            initialFontSize=style.body_size, displayDocTitle=1)
        self.guide, self.style, self.styles, self.progress = guide, style, styles, progress
        self.stop = stop  # set when the user asks the build to stop
        self.current_section, self.section_page = "", 0
        self.front_pages: int | None = None  # pages before the body, known once it begins
        self.last_origin = None  # the block being laid out, or the one a split part came from
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=self._cover_background),
            PageTemplate("contents", [frame], onPageEnd=self._footer),
            PageTemplate("body", [frame], onPageEnd=self._decorate),
        ])

    # --- what happens as flowables land on pages ------------------------------------

    def handle_documentBegin(self):
        super().handle_documentBegin()
        self.front_pages = None  # every layout pass counts afresh

    def afterFlowable(self, flowable):
        if not isinstance(flowable, Heading):
            return
        if self.front_pages is None:  # the first section title starts the body
            self.front_pages = self.canv.front_pages = self.page - 1
        page = self.page - self.front_pages
        if flowable.level == 0:
            self.current_section = flowable.title
            if flowable.opens_page:
                self.section_page = self.page
        if flowable.in_contents:
            self.notify("TOCEntry", (flowable.level, text(flowable.title), page, flowable.anchor))
        self.canv.addOutlineEntry(flowable.title, flowable.anchor, level=flowable.level, closed=flowable.level > 0)

    def handle_flowable(self, flowables):
        """Lay out the next flowable; one that cannot be laid out becomes the editor's problem,
        named by the block it came from, instead of reportlab's LayoutError."""
        if self.stop is not None and self.stop.is_set():
            raise KeyboardInterrupt  # between blocks, never inside reportlab's own handlers
        current = flowables[0] if flowables else None
        self.last_origin = getattr(current, "origin", None) or self.last_origin
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            raise UserError.one(self._where(), f"this {self._what()} is too large to fit on any page; "
                                "expected it shorter, or split into several") from None
        if self.canv.too_wide:
            found = self.canv.too_wide[0]
            raise UserError.one(self._where(), f"the word '{found.word}' is wider than its column "
                                f"({found.width:.0f} pt; the column has {found.room:.0f} pt) in this "
                                f"{self._what()}; expected shorter words, or a space or hyphen to break at")

    def _where(self) -> m.Source:
        return self.last_origin.source if self.last_origin else m.Source(self.guide.metadata.title)

    def _what(self) -> str:
        return self.last_origin.kind if self.last_origin else "block"

    def handle_pageBegin(self):
        super().handle_pageBegin()
        self.progress(f"laying out page {self.page}")

    # --- page decoration --------------------------------------------------------------

    def _cover_background(self, canvas, doc):
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(self.style.accent_colour))
        canvas.rect(0, height - self.topMargin * 0.55, width, self.topMargin * 0.55, stroke=0, fill=1)
        canvas.restoreState()

    def _decorate(self, canvas, doc):
        self._footer(canvas, doc)
        if self.page == self.section_page:
            return  # a section's opening page has its title already
        canvas.saveState()
        font, size = self.styles.quote_source.fontName, self.style.small_size
        y = self.pagesize[1] - self.topMargin + size * 2
        canvas.setFont(font, size)
        canvas.setFillColor(colors.HexColor(self.style.muted_colour))
        canvas.drawString(self.leftMargin, y, self.guide.metadata.title)
        canvas.drawRightString(self.leftMargin + self.width, y, self.current_section)
        canvas.setStrokeColor(colors.HexColor(self.style.rule_colour))
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, y - size * 0.6, self.leftMargin + self.width, y - size * 0.6)
        canvas.restoreState()

    def _footer(self, canvas, doc):
        canvas.saveState()
        font, size, colour = self.styles.quote_source.fontName, self.style.small_size, self.style.muted_colour
        y = self.bottomMargin - size * 3
        canvas.setFont(font, size)
        canvas.setFillColor(colors.HexColor(colour))
        edition = self.guide.edition.label if self.guide.edition else ""
        canvas.drawRightString(self.leftMargin + self.width, y, f"{self.guide.metadata.title} \u00b7 {edition}")
        if self.front_pages is None:  # front matter: roman numbers, and no total
            canvas.drawString(self.leftMargin, y, f"Page {roman(self.page)}")
        else:
            label = f"Page {self.page - self.front_pages} of "
            canvas.drawString(self.leftMargin, y, label)
            canvas.translate(self.leftMargin + canvas.stringWidth(label, font, size), y)
            canvas.doForm(PAGE_TOTAL_FORM)  # the total, filled in once the last page is known
        canvas.restoreState()

def anchors(guide: m.Guide) -> frozenset[str]:
    """Every place in this document a link may lead to: sections, headings and notes."""
    found = {section.id for section in guide.sections}
    for block in walk(guide):
        if isinstance(block, m.Heading):
            found.add(block.anchor)
        elif isinstance(block, m.NoteList):
            found.update(note.anchor for note in block.notes)
    return frozenset(found)


def roman(number: int) -> str:
    counter = Sequencer()
    counter.setFormat("page", "i")
    counter.reset("page", number)
    return counter.thisf("page")


def _contents(styles: Styles) -> list:
    toc = TableOfContents(levelStyles=list(styles.toc_levels), dotsMinLevel=0,
                          tableStyle=[("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                      ("TOPPADDING", (0, 0), (-1, -1), 1),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    return [Paragraph("Contents", styles.contents_title), toc]


def render_pdf(guide: m.Guide, style: Style, progress: Progress = lambda message: None,
               stop: threading.Event | None = None) -> tuple[bytes, int]:
    """Lay out `guide` (already filtered for one edition); return the PDF and its page count."""
    styles = build_styles(style, guide.metadata.language)
    blocks = BlockRenderer(style, styles, anchors(guide))
    story = [NextPageTemplate("contents"), *cover(guide, styles, style, blocks.frame_width), PageBreak(),
             *_contents(styles)]
    story.append(NextPageTemplate("body"))
    for number, section in enumerate(guide.sections):
        # the first section always leaves the contents' page, whatever its front matter says
        story += blocks.section(replace(section, new_page=True) if number == 0 else section)
    output = io.BytesIO()
    document = GuideDocument(output, guide, style, styles, progress, stop)
    footer_font = (styles.quote_source.fontName, style.small_size, style.muted_colour)
    document.multiBuild(story, canvasmaker=partial(GuideCanvas, total_font=footer_font))
    return output.getvalue(), document.page
