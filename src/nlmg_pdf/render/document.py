"""The whole handout: page templates, cover, contents, outline, running heads and metadata."""
from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property, partial

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import NullDraw

from .. import __version__
from .. import model as m
from ..errors import UserError
from ..outline import BLOCK_NAMES, contents_entries, link_targets
from ..stylesheet import Style
from ..transforms import notes_after_citing_blocks
from .blocks import LEAST_LINES, BlockRenderer
from .canvas import PAGE_TOTAL_FORM, GuideCanvas
from .contents import contents
from .cover import cover, handout_header
from .flowables import Heading, Kept, RightHandPage
from .imprint import imprint
from .paragraph_styles import ParagraphStyles, build_paragraph_styles
from .session import LayoutSession, Origin, Progress
from .tagging import FOOTER, HEADER, Node, artifact

EXERCISES = frozenset({BLOCK_NAMES[m.QuestionList], BLOCK_NAMES[m.Quiz]})  # the blocks a student writes in


PDF_VERSION = (1, 7)  # what PDF/UA-1 is written against (reportlab would say 1.4)
PAGE_NUMBER_ROOM = "Page 000 of 000"  # the widest page number a footer shows


def document_title(guide: m.Guide) -> str:
    """The title a viewer's window and a screen reader give the file: the edition's too, so the
    two files a course page offers are told apart."""
    title = guide.metadata.title
    return f"{title} ({guide.edition.label})" if guide.edition else title


class GuideDocument(BaseDocTemplate):
    def __init__(self, output, guide: m.Guide, style: Style, paras: ParagraphStyles, session: LayoutSession):
        md = guide.metadata
        super().__init__(
            output, pagesize=style.page_size, title=document_title(guide), author=md.author, subject=md.subject,
            keywords=", ".join(md.keywords), creator=f"nlmg-pdf {__version__}", lang=md.language,
            leftMargin=style.margin_left, rightMargin=style.margin_right, topMargin=style.margin_top,
            bottomMargin=style.margin_bottom, initialFontName=paras.body.fontName,
            initialFontSize=style.body_size, displayDocTitle=1)
        self.guide, self.style, self.paras, self.session = guide, style, paras, session
        self.current_section, self.section_page, self.blank_page = "", 0, 0
        self.page_section, self.page_begun = "", False  # the section the page opens in; anything on it yet?
        # a heading kept with what follows moves on only if the page cannot hold its first lines
        self.keepTogetherClass = partial(Kept, least=style.body_leading * LEAST_LINES)
        self.last_origin: Origin | None = None  # the block being laid out, or the one a split part came from
        self.setProgressCallBack(self._page_done)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [
            PageTemplate("cover", [frame], onPage=self._cover_background),
            PageTemplate("contents", [frame], onPageEnd=self._footer),
            PageTemplate("body", [frame], onPageEnd=self._decorate),
        ]
        self.addPageTemplates(templates[2:] if guide.handout else templates)  # (a handout has no cover)

    # --- what happens as flowables land on pages ------------------------------------

    def beforePage(self):
        self.page_section, self.page_begun, self.page_exercises = self.current_section, False, False

    def afterFlowable(self, flowable):
        opens_page = not self.page_begun
        origin = self.session.origin_of(flowable)
        if origin is not None and origin.kind in EXERCISES:
            self.page_exercises = True  # a page a student writes on, which may be copied on its own
        if not isinstance(flowable, NullDraw | ActionFlowable):  # spacers, breaks and actions print nothing
            self.page_begun = True
        if isinstance(flowable, RightHandPage) and flowable.blank:
            self.blank_page = self.page  # (a blank page has no running head)
        if not isinstance(flowable, Heading):
            return
        session = self.session
        if flowable.level == 0:
            self.current_section = flowable.title
            if opens_page:  # the running head names the section the page opens in
                self.page_section = flowable.title
            if flowable.opens_page:
                self.section_page = self.page
        if flowable.in_contents and flowable.anchor:
            session.heading_pages[flowable.anchor] = self.page  # the page's own number, as a print dialog counts

    def handle_flowable(self, flowables):
        """Lay out the next flowable; one that cannot be laid out becomes the editor's problem,
        named by the block it came from, instead of reportlab's LayoutError."""
        if self.session.stopping():
            raise KeyboardInterrupt  # between blocks, never inside reportlab's own handlers
        if flowables:
            self.last_origin = self.session.origin_of(flowables[0]) or self.last_origin
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            raise UserError.one(self._where(), f"this {self._what()} is too large to fit on any page; "
                                "expected it shorter, or split into several") from None
        if self.session.too_wide:
            found = self.session.too_wide[0]
            # (measured perhaps with the flowables kept with it, so its own block is named)
            self.last_origin = found.origin or self.last_origin
            raise UserError.one(self._where(), f"the word '{found.word}' is wider than its column "
                                f"({found.width:.0f} pt; the column has {found.room:.0f} pt) in this "
                                f"{self._what()}; expected shorter words, or a space or hyphen to break at")
        if self.session.missing:
            missing = self.session.missing[0]
            self.last_origin = missing.origin or self.last_origin
            character = missing.character
            name = unicodedata.name(character, "a character without a name").lower()
            shown = repr(character)[1:-1] if not character.isprintable() else character
            raise UserError.one(self._where(), f"the character '{shown}' (U+{ord(character):04X}, {name}) in this "
                                f"{self._what()} is not in the guide's fonts and would print as an empty box; "
                                "expected a character they have, or the same said in words")

    def _where(self) -> m.Source:
        return self.last_origin.source if self.last_origin else m.Source("guide.yaml")  # (the guide as a whole)

    def _what(self) -> str:
        return self.last_origin.kind if self.last_origin else "block"

    def _page_done(self, kind: str, value: int) -> None:
        if kind == "PAGE":
            self.session.progress(f"laid out page {value}")

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
        if self.page in (self.section_page, self.blank_page) or (self.guide.handout and self.page == 1):
            return  # an opening page (a handout's first) has its title already; a blank page needs no head
        with artifact(canvas, HEADER):
            self._running_head(canvas)

    def _running_head(self, canvas):
        canvas.saveState()
        font, size = self.paras.quote_source.fontName, self.style.small_size
        y = self.pagesize[1] - self.topMargin + size * 2
        canvas.setFont(font, size)
        canvas.setFillColor(colors.HexColor(self.style.muted_colour))
        half = self.width / 2 - size  # each side's share of the line, so long names never meet
        canvas.drawString(self.leftMargin, y, fitted(self.guide.metadata.title, font, size, half))
        canvas.drawRightString(self.leftMargin + self.width, y, fitted(self.page_section, font, size, half))
        canvas.setStrokeColor(colors.HexColor(self.style.rule_colour))
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, y - size * 0.6, self.leftMargin + self.width, y - size * 0.6)
        canvas.restoreState()

    def _footer(self, canvas, doc):
        with artifact(canvas, FOOTER):
            self._page_number(canvas)
            if self.guide.cover_fields and self.page_exercises:
                self._name_line(canvas)

    @cached_property
    def _footer_right(self) -> str:
        """The guide's name and edition, the title shortened to leave room for the page number
        (the same on every page, so worked out once)."""
        edition = self.guide.edition.label if self.guide.edition else ""
        font, size = self.paras.quote_source.fontName, self.style.small_size
        room = self.width - stringWidth(f"{PAGE_NUMBER_ROOM} \u00b7 {edition}", font, size) - size * 2
        return f"{fitted(self.guide.metadata.title, font, size, room)} \u00b7 {edition}"

    def _name_line(self, canvas):
        """A line for the student's name in the footer, between the page number and the guide's
        name, so a page copied alone still says whose it is."""
        canvas.saveState()
        font, size = self.paras.quote_source.fontName, self.style.small_size
        y = self.bottomMargin - size * 3
        left = self.leftMargin + canvas.stringWidth(PAGE_NUMBER_ROOM, font, size) + size * 1.5
        right = self.leftMargin + self.width - canvas.stringWidth(self._footer_right, font, size) - size * 1.5
        label = self.guide.cover_fields[0]
        label_width = canvas.stringWidth(label, font, size) + size * 0.5
        if right - left - label_width < self.width * 0.2:  # large print: a line of its own, above
            left, right, y = self.leftMargin, self.leftMargin + self.width, y + size * 1.6
        start = left + label_width
        end = min(right, start + self.width * 0.3)
        canvas.setFont(font, size)
        canvas.setFillColor(colors.HexColor(self.style.muted_colour))
        canvas.drawString(left, y, label)
        canvas.setStrokeColor(colors.HexColor(self.style.muted_colour))
        canvas.setLineWidth(self.style.write_in_weight * 0.8)  # finer than the answer lines
        canvas.line(start, y - size * 0.2, end, y - size * 0.2)
        canvas.restoreState()

    def _page_number(self, canvas):
        canvas.saveState()
        font, size, colour = self.paras.quote_source.fontName, self.style.small_size, self.style.muted_colour
        y = self.bottomMargin - size * 3
        canvas.setFont(font, size)
        canvas.setFillColor(colors.HexColor(colour))
        canvas.drawRightString(self.leftMargin + self.width, y, self._footer_right)
        # every page counted from the cover, as every viewer's print dialog counts: "Page 38" is
        # the 38th page of the file, so typing 38-40 prints what the footers call 38 to 40
        label = f"Page {self.page} of "
        canvas.drawString(self.leftMargin, y, label)
        canvas.translate(self.leftMargin + canvas.stringWidth(label, font, size), y)
        canvas.doForm(PAGE_TOTAL_FORM)  # the total, filled in once the last page is known
        canvas.restoreState()

def fitted(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut at a word and ended with an ellipsis if it is wider than `width` (a long
    title in a running head or footer, which would print over what is beside it)."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split()
    while len(words) > 1 and stringWidth(" ".join(words) + "\u2026", font, size) > width:
        words.pop()
    shown = " ".join(words)
    while shown and stringWidth(shown + "\u2026", font, size) > width:  # one long word
        shown = shown[:-1]
    return shown.rstrip(" ,;:") + "\u2026"


class Unfolding(list):
    """A story that makes its sections' flowables as layout reaches them. platypus takes
    flowables off the front and looks only a few ahead, so a long guide need never hold
    all its flowables (its largest part in memory) at once.

    Only the front is ever filled in, so a copy, a slice to the end or a loop over it would
    silently miss every section not yet made: those raise instead (use `whole()`)."""

    AHEAD = 64  # flowables kept ready; far more than platypus ever looks ahead

    def __init__(self, head: list[Flowable], sections: Iterator[list[Flowable]]):
        super().__init__(head)
        self._sections = sections
        self._fill()

    def whole(self) -> list[Flowable]:
        """Every flowable, made now (for a tool that needs the story at once)."""
        self.extend(flowable for section in self._sections for flowable in section)
        return list(super().__iter__())

    def _fill(self) -> None:
        while len(self) < self.AHEAD and (section := next(self._sections, None)) is not None:
            self.extend(section)

    def __delitem__(self, index) -> None:
        super().__delitem__(index)
        self._fill()

    def __getitem__(self, index):
        # platypus takes slices off the front (a heading kept with what follows); a slice
        # to the end, or counted from it, would end where the made flowables do
        if isinstance(index, slice) and (index.stop is None or index.stop < 0 or (index.start or 0) < 0):
            self._refuse("sliced to its end")
        return super().__getitem__(index)

    def __iter__(self):
        self._refuse("iterated over")

    def copy(self):
        self._refuse("copied")

    def __copy__(self):
        self._refuse("copied")

    def __deepcopy__(self, memo):
        self._refuse("copied")

    def _refuse(self, done: str):
        raise TypeError(f"an unfolding story cannot be {done}: it holds only the flowables made so far; "
                        "call whole() for all of them")


@dataclass
class Story:
    """Everything laid out: the flowables in order, the structure tree they belong to, the
    paragraph paras, and the words that describe each place a link may lead to."""

    flowables: Unfolding
    structure: Node
    paras: ParagraphStyles
    link_titles: dict[str, str]


def make_story(guide: m.Guide, style: Style, session: LayoutSession | None = None) -> Story:
    """The flowables for `guide` (already filtered for one edition): cover, contents, sections."""
    session = session or LayoutSession()
    guide = notes_after_citing_blocks(guide)  # a note prints under what cites it, not pages later
    paras = build_paragraph_styles(style, guide.metadata.language)
    structure = Node("Document")
    listed = frozenset(entry.anchor for entry in contents_entries(guide))
    blocks = BlockRenderer(style, paras, structure, listed, session.origins, fillable=guide.fillable,
                           duplex=guide.duplex)
    if guide.handout:  # a few pages: a head of its own, then the pieces, the first straight after it
        front = handout_header(guide, paras, style, blocks.frame_width, structure)
        first_new_page = False
    else:
        front = [NextPageTemplate("contents"), *cover(guide, paras, style, blocks.frame_width, structure),
                 PageBreak(), *imprint(guide, paras, style, blocks.frame_width, structure, session.origins),
                 PageBreak(), *contents(guide, paras, structure, session.origins, blocks.frame_width,
                                        style.frame_height), NextPageTemplate("body")]
        first_new_page = True  # the first section always leaves the contents' page, whatever its front matter says
    sections = (blocks.section(replace(section, new_page=first_new_page) if number == 0 else section)
                for number, section in enumerate(guide.sections))
    return Story(Unfolding(front, sections), structure, paras, link_targets(guide))


def render_pdf(guide: m.Guide, style: Style, progress: Progress = lambda message: None,
               stop: threading.Event | None = None) -> tuple[bytes, int]:
    """Lay out `guide` (already filtered for one edition) in a single pass; return the PDF
    and its page count."""
    session = LayoutSession(progress, stop)
    story = make_story(guide, style, session)
    output = io.BytesIO()
    document = GuideDocument(output, guide, style, story.paras, session)
    number_font = (story.paras.quote_source.fontName, style.small_size, style.muted_colour)
    document.build(story.flowables, canvasmaker=partial(
        GuideCanvas, session=session, number_font=number_font, structure=story.structure,
        link_titles=story.link_titles, metadata=guide.metadata, title=document_title(guide),
        pdfVersion=PDF_VERSION))
    return output.getvalue(), document.page
