"""The guide's own flowables, each composed from reportlab's existing ones."""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .forms import Choice, Field, forms_of
from .reportlab_compat import (
    HookedList,
    bulleted_flowable,
    has_broken_lines,
    line_count,
    line_words,
    paragraph_words,
    readable_line_ends,
    replace_cell,
    row_cells,
    table_rows,
)
from .session import Missing, TooWide, session_of
from .tagging import ORNAMENT, Node, artifact, labelled, marked, ready_for_spans, tagger_of, underlines_as_decoration


class TaggedParagraph(Paragraph):
    """A paragraph of the guide's text, drawn as the content of its structure element `node`
    (and, when it begins a list item, with its bullet as the item's `label` element).

    reportlab would let a word too long for its column run past the margin; this one notes
    it in the layout session for the document to report at the block it belongs to.
    (It cannot raise: reportlab rebuilds exceptions from wrap().)"""

    _wrapped_at: float | None = None  # the width the lines were last broken for
    runs_on = False  # whether its element's text goes on after it (its next part, a page number)
    _words: frozenset[str] | None = None  # the whole paragraph's words, which its split parts share
    _glyphs_checked = False  # whether its characters were looked for in its fonts
    style: ParagraphStyle  # (reportlab's)

    def __init__(self, shown: str, style, bulletText: str | None = None, *, node: Node | None = None,
                 label: Node | None = None, **options):
        super().__init__(shown, style, bulletText=bulletText, **options)
        self.node, self.label = node, label

    def wrap(self, available_width, available_height):
        # platypus measures most paragraphs twice at the same width (a kept group is measured
        # whole, then each part again as it lands); breaking lines is the costliest step of
        # layout, so the second time reuses the first (its height never depends on the room
        # below). reportlab drops the broken lines when a split fails; then they are made anew.
        if available_width == self._wrapped_at and has_broken_lines(self):
            return self.width, self.height
        self._wrapped_at = available_width
        room = available_width - self.style.leftIndent - self.style.rightIndent
        session = session_of(getattr(self, "canv", None))
        if session is not None and self.minWidth() > room + 0.5:
            word = max(paragraph_words(self), key=len, default="")
            session.too_wide.append(TooWide(word, self.minWidth(), room, session.origin_of(self)))
        if session is not None and not self._glyphs_checked:
            self._glyphs_checked = True
            session.missing += [Missing(char, font, session.origin_of(self)) for char, font in missing_glyphs(self)]
        self.words  # noqa: B018 (taken before the line breaking, which cuts the runs into words and their parts)
        size = super().wrap(available_width, available_height)
        if self.style.hyphenationLang and (_ends_in_a_broken_word(self) or _hyphen_ladder(self)):
            # the last line would hold only the end of a hyphenated word, or three lines in a row
            # would end in hyphens: set the paragraph without them
            self.style = _unhyphenated(self.style)
            size = super().wrap(available_width, available_height)
        return size

    def split(self, available_width, available_height):
        words = self.words
        parts = super().split(available_width, available_height)
        if len(parts) == 2 and _hyphen_ends(parts[0], available_width, available_height):
            # a word hyphenated across the page: end the page up to three lines sooner, if both parts
            # keep two lines (reportlab's own widow rule may give the same split a line sooner)
            for lines in (1, 2, 3):
                sooner = super().split(available_width, available_height - lines * self.style.leading)
                if (len(sooner) == 2 and not _hyphen_ends(sooner[0], available_width, available_height)
                        and all(_lines(part, available_width) >= 2 for part in sooner)):
                    parts = sooner
                    break
            else:
                plain = self._split_unhyphenated(available_width, available_height)
                if plain is not None:  # the paragraph's lines broken without hyphens end the page well
                    parts = plain
                elif _lines(parts[0], available_width) <= 2:
                    return []  # the paragraph moves on whole: two lines short is the lesser fault
        for part in parts:  # both halves of a split paragraph are one element
            part.node, part.label, part._words = self.node, self.label, words
        for part in parts[:-1]:  # (its words go on overleaf: the page's last word ends with a space)
            part.runs_on = True
        if parts:
            parts[-1].runs_on = self.runs_on
        return parts

    def _split_unhyphenated(self, available_width, available_height) -> list | None:
        """The split of this paragraph set without hyphens, if it ends the page on a whole word
        and leaves two lines each side; else None, and the paragraph as it was."""
        hyphenated = self.style
        if not hyphenated.hyphenationLang:
            return None
        self.style, self._wrapped_at = _unhyphenated(hyphenated), None
        self.wrap(available_width, available_height)
        parts = super().split(available_width, available_height)
        if (len(parts) == 2 and not _hyphen_ends(parts[0], available_width, available_height)
                and all(_lines(part, available_width) >= 2 for part in parts)):
            return parts
        self.style, self._wrapped_at = hyphenated, None
        self.wrap(available_width, available_height)
        return None

    @property
    def words(self) -> frozenset[str]:
        """The words of the whole paragraph (a split part keeps those of the paragraph it came from)."""
        if self._words is None:
            self._words = frozenset(paragraph_words(self))
        return self._words

    def draw(self):
        label = self.label if self.bulletText else None  # (a list's own bullets tag themselves)
        ready_for_spans(self.canv)
        with labelled(self.canv, label, self.node), readable_line_ends(self, self.runs_on, self.words), \
                underlines_as_decoration(self.canv):
            super().draw()


class Balanced(TaggedParagraph):
    """A display paragraph (the cover's title and subtitle, a contents entry) broken into lines
    of about even length, as a typesetter breaks a title, instead of a full line over a word or
    two: the narrowest measure that needs no more lines than the full one."""

    def wrap(self, available_width, available_height):
        size = super().wrap(available_width, available_height)
        lines = line_count(self)
        if lines < 2:
            return size
        narrow, wide = available_width / 2, available_width  # too narrow; wide enough
        while wide - narrow > 1:
            middle = (narrow + wide) / 2
            super().wrap(middle, available_height)
            narrow, wide = (narrow, middle) if line_count(self) <= lines else (middle, wide)
        return super().wrap(wide, available_height)


def missing_glyphs(paragraph: Paragraph) -> list[tuple[str, str]]:
    """(character, font) for each character of the paragraph its font has no glyph for."""
    found = []
    for frag in getattr(paragraph, "frags", []):
        text = getattr(frag, "text", "")
        if not text or not hasattr(frag, "fontName"):
            continue
        glyphs = _glyph_map(frag.fontName)
        if glyphs is None:
            continue
        found += [(char, frag.fontName) for char in dict.fromkeys(text)
                  if ord(char) not in glyphs and char not in SPACES and (char, frag.fontName) not in found]
    return found


SPACES = frozenset(" \u00a0\u00ad\n\t")


@cache
def _glyph_map(font_name: str) -> frozenset[int] | None:
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    mapping = getattr(face, "charToGlyph", None)
    return frozenset(mapping) if mapping else None  # (None: a standard font, which the guide never uses)


def _ends_in_a_broken_word(paragraph: Paragraph) -> bool:
    return line_count(paragraph) > 1 and _broken(line_words(paragraph, -2)) and len(line_words(paragraph, -1)) == 1


def _hyphen_ladder(paragraph: Paragraph, most: int = 2) -> bool:
    run = 0
    for line in range(line_count(paragraph) - 1):
        run = run + 1 if _broken(line_words(paragraph, line)) else 0
        if run > most:
            return True
    return False


def _broken(words: list[str]) -> bool:
    """Whether a line ends in a word broken by a hyphen (not a word that has one, like "so-called")."""
    last = words[-1].lstrip("\u201c\u2018(\"'") if words else ""
    return last.endswith("-") and last[:-1].isalpha()


def _hyphen_ends(part: Paragraph, width: float, height: float) -> bool:
    part.wrap(width, height)
    return _broken(line_words(part, -1))


def _lines(part: Paragraph, width: float) -> int:
    part.wrap(width, 1e6)
    return line_count(part)


@cache
def _unhyphenated(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-unhyphenated", parent=style, hyphenationLang="")


class Heading(TaggedParagraph):
    """A heading that leaves a bookmark and an outline entry at its own top edge."""

    def __init__(self, shown: str, style, level: int, anchor: str | None, title: str, in_contents: bool,
                 opens_page: bool = False, ornament: str | None = None, node: Node | None = None):
        # an ornament goes where a bullet would, and is decoration
        super().__init__(shown, style, bulletText=ornament, node=node, label=ORNAMENT if ornament else None)
        self.level, self.anchor, self.title = level, anchor, title
        self.in_contents, self.opens_page = in_contents, opens_page

    def draw(self):
        if self.anchor:  # (a second box for the same character has no bookmark of its own)
            self.canv.bookmarkHorizontal(self.anchor, 0, self.height + self.style.fontSize * 0.3)
            self.canv.addOutlineEntry(self.title, self.anchor, level=self.level, closed=self.level > 0)
        super().draw()


class Kept(KeepTogether):
    """Flowables kept on one page when they fit; `parts` stays readable so that a heading
    before it can join in (platypus will not nest one KeepTogether in another).

    With `least` (a height), they are moved to the next page only when the room left cannot
    hold all but the last of them and at least `least` of the last: a heading keeps its first
    lines and a box its first rows, and a long box or paragraph no longer leaves most of a
    page empty behind it. Without it, they are never parted (a question and its lines)."""

    def __init__(self, parts: list[Flowable], least: float | None = None, lead: tuple[Flowable, ...] = ()):
        super().__init__(parts)
        self.parts, self.least = list(parts), least
        self.lead = lead  # what of the last part must stay with its first `least` (a box's title rows)

    def wrap(self, available_width, available_height):
        if not hasattr(self, "canv"):  # measured by a container that calls wrap(), not wrapOn()
            return self.wrapOn(None, available_width, available_height)
        return super().wrap(available_width, available_height)

    def split(self, available_width, available_height):
        here = self._split_here(available_width, available_height) if self.least is not None else None
        return here or super().split(available_width, available_height)

    def _split_here(self, width: float, height: float) -> list[Flowable] | None:
        """All but the last part, and the last split where the page ends; None if the room left
        would hold less than `least` of the last part."""
        *before, last = self.parts
        canvas = getattr(self, "canv", None)  # (none when a container measures it alone)
        room = height
        for flowable in before:
            room -= flowable.wrapOn(canvas, width, room)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        room -= last.getSpaceBefore()
        least = (self.least or 0) + sum(flowable.wrapOn(canvas, width, room)[1] for flowable in self.lead)
        if room < least:
            return None
        pieces = split_leaving(lambda sooner: last.splitOn(canvas, width, sooner) if sooner >= least else [],
                               room, self.least or 0, lambda piece: piece.wrapOn(canvas, width, height)[1])
        if len(pieces) < 2 or pieces[0].wrapOn(canvas, width, room)[1] < least:
            return None
        return [*before, *pieces]


class Gap(Spacer):
    """Space between blocks, which no page begins with: it is the space before a flowable of
    no height, and platypus drops a flowable's space before at the top of a page (a Spacer
    there would push the page's first line down)."""

    def __init__(self, height: float):
        super().__init__(0, 0)
        self.spaceBefore = height


def split_leaving(split: Callable[[float], list], height: float, least: float,
                  measure: Callable[[Flowable], float]) -> list:
    """`split(height)`; but when the next page would begin with less than `least` (a line or a
    row alone), the page ends a little sooner, by `least` at a time and three times at most.

    A split may give more pieces than the page holds (a list gives all its items, for the page
    to take what fits), so what goes overleaf is what does not fit. A conditional break then
    ends the page where the split does: platypus would otherwise try the rest in the room left
    and split it again, leaving the line alone after all, or set both halves on one page."""
    pieces = split(height)
    if len(pieces) < 2:  # (a piece that is the flowable itself is being measured by the caller)
        return pieces
    fit = _fitting(pieces, height, measure)
    if 0 < fit < len(pieces) and _stacked(pieces[fit:], measure) < least:
        for step in (1, 2, 3):
            sooner = height - step * least
            retry = split(sooner)
            fit = _fitting(retry, sooner, measure) if len(retry) >= 2 else 0
            if 0 < fit < len(retry) and _stacked(retry[fit:], measure) >= least:
                pieces = retry
                break
        else:
            fit = _fitting(pieces, height, measure)
    if 0 < fit < len(pieces):
        # the page ends here: break it, or platypus would set what goes on on the room left
        # below (the page ended sooner, or the pieces measure a little short), a gap mid-text.
        # (A page's full height is never less than `height`, so a fresh page never breaks.)
        return [*pieces[:fit], CondPageBreak(height), *pieces[fit:]]
    return pieces


def _fitting(pieces: list[Flowable], height: float, measure: Callable[[Flowable], float]) -> int:
    """How many of the pieces, from the first, fit in `height`."""
    for count in range(1, len(pieces) + 1):
        if _stacked(pieces[:count], measure) > height + 1e-6:
            return count - 1
    return len(pieces)


def _stacked(pieces: list[Flowable], measure: Callable[[Flowable], float]) -> float:
    """Their height one after another, with the space between them (a page end takes none)."""
    pieces = [piece for piece in pieces if not isinstance(piece, CondPageBreak)]
    between = sum(max(a.getSpaceAfter(), b.getSpaceBefore()) for a, b in zip(pieces, pieces[1:], strict=False))
    return sum(measure(piece) for piece in pieces) + between


class PullQuote(Flowable):
    """A quotation set large between rules, with its speaker and chapter. It never splits:
    having no split() of its own, platypus moves it whole to the next page."""

    def __init__(self, quote: Paragraph, source: Paragraph, rule_colour: str, gap: float, rule_width: float):
        super().__init__()
        self.quote, self.source, self.rule_colour, self.gap = quote, source, rule_colour, gap
        self.rule_width = rule_width

    def wrap(self, available_width, available_height):
        self._inner = available_width * 0.88
        self._quote_h = self.quote.wrapOn(self.canv, self._inner, available_height)[1]
        self._source_h = self.source.wrapOn(self.canv, self._inner, available_height)[1]
        self.width = available_width
        self.height = self._quote_h + self._source_h + 4 * self.gap
        return self.width, self.height

    def draw(self):
        canvas, indent = self.canv, (self.width - self._inner) / 2
        with artifact(canvas):
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor(self.rule_colour))
            canvas.setLineWidth(self.rule_width)
            canvas.line(indent, self.height - self.gap / 2, self.width - indent, self.height - self.gap / 2)
            canvas.line(indent, self.gap / 2, self.width - indent, self.gap / 2)
            canvas.restoreState()
        self.quote.drawOn(canvas, indent, self.height - 1.5 * self.gap - self._quote_h)
        self.source.drawOn(canvas, indent, 1.5 * self.gap)

    def split(self, available_width, available_height):
        return []


class Grid(Table):
    """A table whose shading and rules are decoration. So is a plain-string cell (only ever
    empty space here), and a header row drawn again on a later page: its cells were read once."""

    continued: Flowable | None = None  # shown in place of the first row's first cell on a later page
    splitInRow: float  # (reportlab's: the least height of a row split across pages)

    def __init__(self, data, *args, **kwargs):
        kwargs.setdefault("renderCB", _tag_table)  # (a split part is made with its parent's)
        super().__init__(data, *args, **kwargs)

    def split(self, available_width, available_height):
        parts = split_leaving(lambda height: self._split_once(available_width, height), available_height,
                              self.splitInRow, lambda part: _height(part, available_width))
        if self.continued is not None and len(parts) >= 2:
            replace_cell(parts[-1], 0, 0, self.continued)
            parts[-1].continued = self.continued
        return parts

    def _split_once(self, available_width, available_height) -> list:
        if available_height <= 0:
            return []
        try:
            return super().split(available_width, available_height)
        except IndexError:  # reportlab's split inside a row takes every cell's content to split in two
            if not self.splitInRow:
                raise
            least, self.splitInRow = self.splitInRow, 0  # so split between rows only, or move on whole
            try:
                return super().split(available_width, available_height)
            finally:
                self.splitInRow = least


class NotesAfter(Flowable):
    """A block and the notes printed under it, which never begin a page without the block's
    end above them: when they do not fit below it, the block's last lines (at least `least`)
    go over with them. But when the block must break and its part on this page holds the
    notes' markers (`anchors`), the notes end this page, under that part, as footnotes do."""

    def __init__(self, block: Flowable, notes: list[Flowable], least: float, anchors: tuple[str, ...] = ()):
        super().__init__()
        self.block, self.notes, self.least, self.anchors = block, notes, least, anchors

    def _stack(self, width: float) -> list[tuple[Flowable, float, float]]:
        """(flowable, its top below this one's top, its height) for the block and each note."""
        canvas, top, after, out = getattr(self, "canv", None), 0.0, 0.0, []
        for number, flowable in enumerate([self.block, *self.notes]):
            height = flowable.wrapOn(canvas, width, 1e6)[1]
            top += max(after, flowable.getSpaceBefore()) if number else 0.0
            out.append((flowable, top, height))
            top, after = top + height, flowable.getSpaceAfter()
        return out

    def wrap(self, available_width, available_height):
        self.width = available_width
        *_, (_, top, height) = self._stack(available_width)
        self.height = top + height
        return self.width, self.height

    def split(self, available_width, available_height):
        canvas = getattr(self, "canv", None)
        stack = self._stack(available_width)
        if stack[-1][1] + stack[-1][2] <= available_height:
            return [self]  # it fits (a kept group asks its last part to split wherever the page ends)
        block = stack[0][2]
        split = lambda height: self.block.splitOn(canvas, available_width, height) if height > 0 else []  # noqa: E731
        measure = lambda piece: piece.wrapOn(canvas, available_width, 1e6)[1]  # noqa: E731
        notes = stack[-1][1] + stack[-1][2] - block  # the notes' height, with the space above them
        early = split_leaving(split, available_height - notes, self.least, measure)
        end = next((at for at, piece in enumerate(early) if isinstance(piece, CondPageBreak)), 0)
        if end and any(_cites(piece, self.anchors) for piece in early[:end]):
            return [*early[:end], *self.notes, CondPageBreak(available_height), *early[end + 1:]]
        # all of the block the page holds, or, when it holds the block but not its notes, less
        room = min(available_height, block - self.least)
        pieces = split_leaving(split, room, self.least, measure)
        if len(pieces) < 2:
            return []
        return [*pieces[:-1], NotesAfter(pieces[-1], self.notes, self.least, self.anchors)]

    def drawOn(self, canvas, x, y, _sW=0):
        for flowable, top, height in self._stack(self.width):
            flowable.drawOn(canvas, x, y + self.height - top - height)


def _cites(flowable: Any, anchors: tuple[str, ...]) -> bool:
    """Whether the flowable (a paragraph, or a table or group of them) links to one of the notes."""
    if isinstance(flowable, Paragraph):
        return any(f'href="#{anchor}"' in (getattr(flowable, "text", "") or "") for anchor in anchors)
    if isinstance(flowable, Table):
        return any(_cites(cell, anchors) for row in table_rows(flowable) for cell in row)
    if isinstance(flowable, list | tuple):
        return any(_cites(item, anchors) for item in flowable)
    return isinstance(flowable, Kept) and _cites(flowable.parts, anchors)


class FilledColumns(Flowable):
    """Cells set in `columns` columns, filled top to bottom and then left to right, as a table
    made by `table` (from rows of cells). Split over pages, each page's columns are filled in
    turn, so the numbers run down the first column of a page, then the next, and go on overleaf;
    neither page has fewer than two rows."""

    def __init__(self, cells: list[Flowable], columns: int, table: Callable[[list[list]], Table]):
        super().__init__()
        self.cells, self.columns, self.table = cells, columns, table
        self._grid: Table | None = None

    def _filled(self, cells: list[Flowable]) -> Table:
        rows = -(-len(cells) // self.columns)
        down = [cells[column * rows:(column + 1) * rows] for column in range(self.columns)]
        return self.table([[column[row] if row < len(column) else "" for column in down] for row in range(rows)])

    def wrap(self, available_width, available_height):
        self._grid = self._filled(self.cells)
        self.width, self.height = self._grid.wrapOn(getattr(self, "canv", None), available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        canvas, least = getattr(self, "canv", None), 2 * self.columns  # two rows
        fitting = 0
        for count in range(least, len(self.cells) - least + 1, self.columns):  # whole rows, two left over
            if self._filled(self.cells[:count]).wrapOn(canvas, available_width, available_height)[1] > available_height:
                break
            fitting = count
        if not fitting:
            return []
        return [FilledColumns(self.cells[:fitting], self.columns, self.table),
                FilledColumns(self.cells[fitting:], self.columns, self.table)]

    def draw(self):
        assert self._grid is not None, "drawn before it was measured"
        self._grid.drawOn(self.canv, 0, 0)


def _tag_table(table: Table, event: str, *args) -> None:
    tagger = tagger_of(table.canv)
    if tagger is None:
        return
    if event in ("startBG", "startLines"):
        tagger.begin_artifact()
    elif event in ("endBG", "endLines"):
        tagger.end_artifact()
    elif event == "startRow":
        # (a row split across pages goes on with its element; only a repeated header is read once)
        cells = row_cells(table, args[0])
        repeated = args[0] < _repeated_rows(table) and any(tagger.drawn(node) for node in _nodes(cells))
        tagger.begin_part(repeated, ("Pagination", None))
    elif event == "startCell":
        tagger.begin_part(not isinstance(args[2], (Flowable, list, tuple)))
    elif event in ("endRow", "endCell"):
        tagger.end_part()


def _repeated_rows(table: Table) -> int:
    rows = table.repeatRows
    return rows if isinstance(rows, int) else max(rows, default=-1) + 1


def _nodes(cells) -> list[Node]:
    found = []
    for cell in cells:
        for flowable in cell if isinstance(cell, (list, tuple)) else [cell]:
            if isinstance(flowable, TaggedParagraph) and flowable.node is not None:
                found.append(flowable.node)
    return found


def _height(flowable: Flowable, width: float) -> float:
    return flowable.wrapOn(None, width, 1e6)[1]


class Rule(HRFlowable):
    """A decorative rule."""

    def draw(self):
        with artifact(self.canv):
            super().draw()


class Picture(Image):
    """An image drawn as the content of its Figure element, which carries its description."""

    def __init__(self, *args, node: Node, **kwargs):
        super().__init__(*args, **kwargs)
        self.node = node

    def draw(self):
        with marked(self.canv, self.node):
            super().draw()


class DrawnFigure(Flowable):
    """A vector drawing, drawn as the content of its Figure element (which carries its description)."""

    def __init__(self, drawing: Drawing, node: Node):
        super().__init__()
        self.drawing, self.node = drawing, node
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, available_width, available_height):
        return self.drawing.width, self.drawing.height

    def draw(self):
        with marked(self.canv, self.node):
            renderPDF.draw(self.drawing, self.canv, 0, 0)


class RightHandPage(Flowable):
    """Makes what follows start on a right-hand page, for double-sided printing (the cover is
    page 1, a right-hand page): on a left-hand page it takes the whole page, which then says
    it is intentionally blank. It always follows a page break, so it begins a page."""

    NOTICE = "This page is intentionally left blank."

    def __init__(self, font: str, size: float, colour: str):
        super().__init__()
        self.font, self.size, self.colour = font, size, colour
        self.blank = False

    def wrap(self, available_width, available_height):
        self.blank = self.canv.getPageNumber() % 2 == 0
        self._room = (available_width, available_height)
        return self._room if self.blank else (0, 0)

    def draw(self):
        if self.blank:
            with artifact(self.canv, ("Pagination", None)):
                self.canv.setFont(self.font, self.size)
                self.canv.setFillColor(colors.HexColor(self.colour))
                self.canv.drawCentredString(self._room[0] / 2, self._room[1] / 2, self.NOTICE)


class BulletedList(HookedList):
    """A list whose bullets or numbers are drawn as their items' Lbl elements."""

    def bullet_made(self, bullet):
        return _Label(bullet)


class _Label:
    """A list item's bullet, drawn as the `label` element of the item's first flowable."""

    def __init__(self, bullet):
        self.bullet = bullet

    def drawOn(self, indenter, canvas, x, y, _sW=0):
        beside = bulleted_flowable(indenter)
        with marked(canvas, beside.label if isinstance(beside, TaggedParagraph) else None):
            self.bullet.drawOn(indenter, canvas, x, y, _sW)

    def __getattr__(self, name):  # reportlab reads the bullet's font and format from it
        if name.startswith("__") or name == "bullet":
            raise AttributeError(name)
        return getattr(self.bullet, name)


def framed(rows: list[list], font: str, border: str, padding: float, border_width: float,
           background: str | None = None, accent_left: bool = False, least: float = 0,
           continued: Flowable | None = None) -> Table:
    """A one-column box. It splits between rows, or inside one (leaving at least `least` of
    it on each page), when the page has room for only part of it; given `continued`, the rest
    opens with it in place of the box's first row."""
    # a row is split only where it holds paragraphs: reportlab would split a kept group or a
    # list inside a cell as if it were on a page of its own
    in_rows = all(isinstance(cell, Paragraph) for row in rows for cell in row)
    # (splitByRow=0 with splitInRow: reportlab tries the row the page ends in first, then between rows)
    table = Grid(rows, colWidths=["100%"], splitByRow=0 if in_rows else 1, splitInRow=least if in_rows else 0,
                 repeatRows=1 if continued else 0)
    table.continued = continued
    commands: list[tuple] = [
        # every table names its font, or reportlab sets an unembedded Helvetica in each cell
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.3), ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 0.3),
        ("TOPPADDING", (0, 0), (-1, 0), padding), ("BOTTOMPADDING", (0, -1), (-1, -1), padding),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if background:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(background)))
    if accent_left:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), border_width * 3.5, colors.HexColor(border)))
    else:
        commands.append(("BOX", (0, 0), (-1, -1), border_width, colors.HexColor(border)))
    table.setStyle(TableStyle(commands))
    return table


class WriteInLines(Flowable):
    """Ruled lines for a student to write an answer on, and to type it in (`field`, a text
    field over the lines, in text of `text_size`) in a fillable copy."""

    def __init__(self, count: int, spacing: float, weight: float, colour: str, indent: float = 0,
                 field: Field | None = None, text_size: float = 0, text_colour: str = "#000000"):
        super().__init__()
        self.count, self.spacing, self.weight, self.colour, self.indent = count, spacing, weight, colour, indent
        self.field, self.text_size, self.text_colour = field, text_size, text_colour

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.count * self.spacing
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        with artifact(canvas):
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor(self.colour))
            canvas.setLineWidth(self.weight)
            for number in range(self.count):
                y = self.height - (number + 1) * self.spacing
                canvas.line(self.indent, y, self.width, y)
            canvas.restoreState()
        forms = forms_of(canvas)
        if self.field is not None and forms is not None:
            forms.text_field(self.field, self.indent, 0, self.width - self.indent, self.height, self.text_size,
                             self.text_colour)


class FieldLine(Flowable):
    """A text field over a line drawn by something else (a cover's table rules its lines)."""

    def __init__(self, field: Field, height: float, text_size: float, text_colour: str):
        super().__init__()
        self.field, self.height, self.text_size, self.text_colour = field, height, text_size, text_colour

    def wrap(self, available_width, available_height):
        self.width = available_width
        return self.width, self.height

    def draw(self):
        forms = forms_of(self.canv)
        if forms is not None:
            forms.text_field(self.field, 0, 0, self.width, self.height, self.text_size, self.text_colour)


class MarkCircle(Flowable):
    """A circle to mark an answer in; drawn filled for the right answer in an answered copy."""

    def __init__(self, size: float, colour: str, filled: bool, choice: Choice | None = None,
                 check: Field | None = None):
        super().__init__()
        self.size, self.colour, self.filled, self.choice, self.check = size, colour, filled, choice, check
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        canvas = self.canv
        with artifact(canvas):
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor(self.colour))
            canvas.setFillColor(colors.HexColor(self.colour))
            canvas.setLineWidth(0.8)
            radius = self.size / 2
            canvas.circle(radius, radius, radius - 0.5, stroke=1, fill=1 if self.filled else 0)
            canvas.restoreState()
        forms = forms_of(canvas)
        if forms is not None and self.choice is not None:  # (a fillable copy: a button over the circle)
            forms.radio_button(self.choice, 0, 0, self.size, self.colour)
        if forms is not None and self.check is not None:
            forms.check_box(self.check, 0, 0, self.size, self.colour)
