"""The whole handout: page templates, cover, contents, outline, running heads and metadata."""
from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from reportlab.lib import colors
from reportlab.lib.sequencer import Sequencer
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from .. import __version__
from .. import model as m
from ..errors import UserError
from ..stylesheet import Style
from ..transforms import walk
from .blocks import BlockRenderer
from .canvas import PAGE_TOTAL_FORM, GuideCanvas
from .contents import contents, contents_entries
from .cover import cover
from .flowables import Heading
from .paragraph_styles import Styles, build_styles
from .tagging import FOOTER, HEADER, Node, artifact

Progress = Callable[[str], None]


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

    def afterFlowable(self, flowable):
        if not isinstance(flowable, Heading):
            return
        if self.front_pages is None:  # the first section title starts the body
            self.front_pages = self.canv.front_pages = self.page - 1
        if flowable.level == 0:
            self.current_section = flowable.title
            if flowable.opens_page:
                self.section_page = self.page
        if flowable.in_contents:
            self.canv.heading_pages[flowable.anchor] = self.page - self.front_pages

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
        with artifact(canvas):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor(self.style.accent_colour))
            canvas.rect(0, height - self.topMargin * 0.55, width, self.topMargin * 0.55, stroke=0, fill=1)
            canvas.restoreState()

    def _decorate(self, canvas, doc):
        self._footer(canvas, doc)
        if self.page == self.section_page:
            return  # a section's opening page has its title already
        with artifact(canvas, HEADER):
            self._running_head(canvas)

    def _running_head(self, canvas):
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
        with artifact(canvas, FOOTER):
            self._page_number(canvas)

    def _page_number(self, canvas):
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

def anchors(guide: m.Guide) -> dict[str, str]:
    """Every place in this document a link may lead to (sections, headings and notes), with
    the words that describe it to someone who cannot see where the link points."""
    found = {section.id: section.title for section in guide.sections}
    for block in walk(guide):
        if isinstance(block, m.Heading):
            found[block.anchor] = m.plain_text(block.children)
        elif isinstance(block, m.NoteList):
            found.update((note.anchor, f"note {note.number}") for note in block.notes)
    return found


def roman(number: int) -> str:
    counter = Sequencer()
    counter.setFormat("page", "i")
    counter.reset("page", number)
    return counter.thisf("page")


class Unfolding(list):
    """A story that makes its sections' flowables as layout reaches them. platypus takes
    flowables off the front and looks only a few ahead, so a long guide need never hold
    all its flowables (its largest part in memory) at once."""

    AHEAD = 64  # flowables kept ready; far more than platypus ever looks ahead

    def __init__(self, head: list[Flowable], sections: Iterator[list[Flowable]]):
        super().__init__(head)
        self._sections = sections
        self._fill()

    def whole(self) -> list[Flowable]:
        """Every flowable, made now (for a tool that needs the story at once)."""
        self.extend(flowable for section in self._sections for flowable in section)
        return list(self)

    def _fill(self) -> None:
        while len(self) < self.AHEAD and (section := next(self._sections, None)) is not None:
            self.extend(section)

    def __delitem__(self, index) -> None:
        super().__delitem__(index)
        self._fill()


@dataclass
class Story:
    """Everything laid out: the flowables in order, the structure tree they belong to, the
    paragraph styles, and the words that describe each place a link may lead to."""

    flowables: Unfolding
    structure: Node
    styles: Styles
    link_titles: dict[str, str]


def make_story(guide: m.Guide, style: Style) -> Story:
    """The flowables for `guide` (already filtered for one edition): cover, contents, sections."""
    styles = build_styles(style, guide.metadata.language)
    structure = Node("Document")
    targets = anchors(guide)
    listed = frozenset(anchor for _, _, anchor in contents_entries(guide))
    blocks = BlockRenderer(style, styles, frozenset(targets), structure, listed)
    front = [NextPageTemplate("contents"), *cover(guide, styles, style, blocks.frame_width, structure),
             PageBreak(), *contents(guide, styles, structure), NextPageTemplate("body")]
    # the first section always leaves the contents' page, whatever its front matter says
    sections = (blocks.section(replace(section, new_page=True) if number == 0 else section)
                for number, section in enumerate(guide.sections))
    return Story(Unfolding(front, sections), structure, styles, targets)


def render_pdf(guide: m.Guide, style: Style, progress: Progress = lambda message: None,
               stop: threading.Event | None = None) -> tuple[bytes, int]:
    """Lay out `guide` (already filtered for one edition) in a single pass; return the PDF
    and its page count."""
    story = make_story(guide, style)
    output = io.BytesIO()
    document = GuideDocument(output, guide, style, story.styles, progress, stop)
    number_font = (story.styles.quote_source.fontName, style.small_size, style.muted_colour)
    document.build(story.flowables, canvasmaker=partial(
        GuideCanvas, number_font=number_font, structure=story.structure, link_titles=story.link_titles,
        metadata=guide.metadata))
    return output.getvalue(), document.page
