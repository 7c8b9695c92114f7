"""Checkers for how a built guide's pages look, read from the PDF alone.

Every checker takes a `Layout` (`read_layout(path, margins)`: each page's characters, lines,
words, ruled lines and other graphics, read once with pypdfium2, plus the outline's headings and
the structure tree's elements, read with pypdf and pikepdf) and returns a list of problems, each a
sentence naming the page and what was found. An empty list means the pages look right.

    overlaps(layout)            words of different lines on top of each other; a rule through text
    half_empty_pages(layout)    a page less than half full while its section goes on overleaf
    running_heads(layout)       the running head names the section the page opens in
    stranded_headings(layout)   a heading with under two lines after it; a list item or box left
                                with one line at the foot of a page, or one line overleaf; a
                                page ending in a lead-in ("Evidence to use:")
    hyphenation(layout, ...)    no name hyphenated, no ladder of hyphens, no split last word
    straight_quotes(layout)     no ' or " printed anywhere
    icons_apart(layout, icons)  no theme icon at a line's end, its name on the next line
    gaps_in_paragraphs(layout)  no gap between two lines of one paragraph (halves of a split on one page)

From a shell, for a quick look at a build:

    python tests/layout_checks.py out/never-let-me-go-teacher.pdf [--style large-print]

Pages are numbered as a PDF viewer numbers them, from 1 (the cover), not as the footers do.
"""
from __future__ import annotations

import argparse
import ctypes
import re
import sys
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
# pdfium reports a hyphen it finds at a line end as \x02 (FPDFText_GetUnicode) or \ufffe (FPDFText_GetText)
PDFIUM_HYPHENS = frozenset("\x02\ufffe")
HYPHENS = frozenset("-\u00ad\u2010\u2011") | PDFIUM_HYPHENS
EDGE = 4.0  # pt: how far outside the text frame body text may reach (descenders, box padding)


# --- what a page shows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Margins:
    """The text frame's margins in points (the page size is read from each page)."""

    top: float
    bottom: float
    left: float
    right: float

    @classmethod
    def of(cls, style) -> Margins:
        """The margins of a `nlmg_pdf.stylesheet.Style`."""
        return cls(style.margin_top, style.margin_bottom, style.margin_left, style.margin_right)


@dataclass(eq=False, slots=True)
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    y: float  # the baseline
    size: float
    mcid: int  # the marked content it is drawn in, or -1
    hyphen: bool  # pdfium's judgement: a hyphen that ends a line, the word going on on the next
    blank: bool = False  # a space or a line break: no box


@dataclass(eq=False)
class Word:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    line: Line


@dataclass(eq=False)
class Line:
    """Characters drawn one after the other on one baseline (one line of a paragraph, one cell's line)."""

    page: int
    chars: list[Char]
    elements: tuple[Element, ...] = ()  # the structure elements its text belongs to, innermost first
    owner: Element | None = None  # the innermost element most of its text belongs to (its paragraph)

    @cached_property
    def inked(self) -> list[Char]:
        return [c for c in self.chars if not c.blank]

    @cached_property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join("-" if c.text in PDFIUM_HYPHENS else c.text for c in self.chars)).strip()

    @cached_property
    def baseline(self) -> float:
        return Counter(round(c.y, 1) for c in self.inked).most_common(1)[0][0]

    @cached_property
    def size(self) -> float:
        return max(c.size for c in self.inked)

    @property
    def left(self) -> float:
        return min(c.left for c in self.inked)

    @property
    def right(self) -> float:
        return max(c.right for c in self.inked)

    @cached_property
    def bottom(self) -> float:
        return min(c.bottom for c in self.inked)

    @cached_property
    def top(self) -> float:
        return max(c.top for c in self.inked)

    @property
    def ends_with_hyphen(self) -> bool:
        return bool(self.inked) and self.inked[-1].text in HYPHENS

    @cached_property
    def words(self) -> list[Word]:
        """The line's words: runs of characters between spaces (or wide gaps)."""
        out: list[Word] = []
        run: list[Char] = []

        def close():
            if run:
                out.append(Word("".join(c.text for c in run), min(c.left for c in run), min(c.bottom for c in run),
                                max(c.right for c in run), max(c.top for c in run), self))
                run.clear()

        for char in self.chars:
            if char.blank:
                close()
            else:
                if run and char.left - run[-1].right > 0.3 * char.size:
                    close()
                run.append(char)
        close()
        return out

    def __repr__(self) -> str:
        return f"Line(page {self.page}, {self.baseline:.1f}: {self.text[:40]!r})"


@dataclass(frozen=True)
class Segment:
    """A straight, stroked, horizontal part of a path: a rule."""

    left: float
    right: float
    y: float
    width: float


@dataclass(eq=False)
class Page:
    number: int  # from 1
    width: float
    height: float
    lines: list[Line]
    segments: list[Segment]
    graphics: list[tuple[float, float, float, float]]  # (left, bottom, right, top) of every path and image


@dataclass(eq=False)
class Element:
    """A structure element, as far as the checkers need it."""

    role: str  # the standard role, after the RoleMap
    key: tuple[int, int]  # the object's number and generation: its identity
    parent: Element | None

    def chain(self) -> Iterator[Element]:
        element: Element | None = self
        while element is not None:
            yield element
            element = element.parent

    @property
    def depth(self) -> int:
        return sum(1 for _ in self.chain()) - 1


INLINE_ROLES = frozenset({"Link", "Span", "Reference"})  # elements inside a paragraph's lines


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: a heading, where its destination is. Level 0 is a section title."""

    title: str
    level: int
    page: int  # from 1
    top: float | None


@dataclass(eq=False)
class Layout:
    path: Path
    margins: Margins
    pages: list[Page]
    bookmarks: list[Bookmark]
    _bodies: dict[int, list[Line]] = field(default_factory=dict, repr=False)

    # --- the frame -------------------------------------------------------------------------

    def frame_top(self, page: Page) -> float:
        return page.height - self.margins.top

    def frame_height(self, page: Page) -> float:
        return page.height - self.margins.top - self.margins.bottom

    def in_frame(self, page: Page, bottom: float, top: float) -> bool:
        return bottom >= self.margins.bottom - EDGE and top <= self.frame_top(page) + EDGE

    def body(self, page: Page) -> list[Line]:
        """The page's lines inside the text frame (no running head, no footer), top to bottom."""
        if page.number not in self._bodies:
            self._bodies[page.number] = sorted(
                (line for line in page.lines if self.in_frame(page, line.bottom, line.top)),
                key=lambda line: (-line.baseline, line.left))
        return self._bodies[page.number]

    def header(self, page: Page) -> list[Line]:
        return [line for line in page.lines if line.bottom > self.frame_top(page) + EDGE]

    # --- where the headings are --------------------------------------------------------------

    @cached_property
    def headings(self) -> list[tuple[Bookmark, list[Line]]]:
        """Every bookmark with the lines its heading is printed in (none if it cannot be found)."""
        return [(mark, self._heading_lines(mark)) for mark in self.bookmarks]

    @cached_property
    def sections(self) -> list[tuple[Bookmark, list[Line]]]:
        return [(mark, lines) for mark, lines in self.headings if mark.level == 0]

    @cached_property
    def heading_lines(self) -> dict[int, Bookmark]:
        """The heading each line of a heading belongs to, by the line's id."""
        return {id(line): mark for mark, lines in self.headings for line in lines}

    def _heading_lines(self, mark: Bookmark) -> list[Line]:
        if not 1 <= mark.page <= len(self.pages):
            return []
        page = self.pages[mark.page - 1]
        title = letters(mark.title)
        body = self.body(page)
        top = mark.top if mark.top is not None else page.height
        candidates = [n for n, line in enumerate(body) if line.top <= top + 2 and letters(line.text)
                      and (title.startswith(letters(line.text)) or letters(line.text).startswith(title))]
        if not candidates:
            return []
        start = candidates[0]
        lines, shown = [body[start]], letters(body[start].text)
        for line in body[start + 1:]:  # a title wrapped onto more lines
            more = shown + letters(line.text)
            if len(shown) >= len(title) or not title.startswith(more) or abs(line.size - lines[0].size) > 0.5:
                break
            lines.append(line)
            shown = more
        return lines

    def blank(self, page: Page) -> bool:
        """Whether the page is left blank on purpose (before a section, for double-sided printing)."""
        return [line.text for line in self.body(page)] == [BLANK]

    @cached_property
    def first_body_page(self) -> int:
        """The page of the first section title: the pages before it are the cover and the contents."""
        return min((mark.page for mark in self.bookmarks if mark.level == 0), default=1)

    def opening(self, page: Page) -> Bookmark | None:
        """The section whose title is the first thing printed on the page, if one is."""
        body = self.body(page)
        for mark, lines in self.sections:
            if lines and mark.page == page.number and body and lines[0] is body[0]:
                return mark
        return None

    def section_at_top(self, page: Page) -> Bookmark | None:
        """The section the page opens in: one whose title is the first thing on it, else the last one
        whose title was printed on an earlier page."""
        if (opening := self.opening(page)) is not None:
            return opening
        earlier = [mark for mark, _ in self.sections if mark.page < page.number]
        return earlier[-1] if earlier else None

    def running_head(self, page: Page) -> tuple[str, str] | None:
        """The running head's (left, right) words, or None if the page has none. The right-hand words
        are the ones that end at the frame's right edge."""
        runs: list[list[Char]] = []
        for line in sorted(self.header(page), key=lambda line: line.left):
            last: Char | None = None
            for char in line.chars:
                if not char.blank and (last is None or char.left - last.right > 2 * char.size):
                    runs.append([])
                if runs:
                    runs[-1].append(char)
                last = char if not char.blank else last
        runs = [run for run in runs if any(not c.blank for c in run)]
        if not runs:
            return None
        runs.sort(key=lambda run: min(c.left for c in run if not c.blank))
        frame_right = page.width - self.margins.right
        ends_right = abs(max(c.right for c in runs[-1] if not c.blank) - frame_right) < 3
        right = runs[-1] if ends_right else None
        left = runs[0] if not ends_right or len(runs) > 1 else None
        return (shown(left), shown(right))

    def label(self, page: Page) -> str:
        return f"page {page.number}"


def letters(text: str) -> str:
    """Only the letters and digits, in lower case, curly and straight quotes made one: for comparing
    what is printed with what a title says, whatever the spacing, ornaments or line breaks."""
    return re.sub(r"[^\w]|_", "", text.replace("\u2019", "'").casefold())


def shown(chars: list[Char] | None) -> str:
    return re.sub(r"\s+", " ", "".join(c.text for c in chars)).strip() if chars else ""


# --- reading the PDF -------------------------------------------------------------------------------


def read_layout(path: Path | str, margins: Margins) -> Layout:
    """The layout of a PDF, read once for each file as it is now (the file's size and time are part
    of the key, so a rebuilt PDF is read again)."""
    path = Path(path)
    stat = path.stat()
    return _read_layout(path.resolve(), stat.st_mtime_ns, stat.st_size, margins)


@lru_cache(maxsize=32)
def _read_layout(path: Path, _mtime: int, _size: int, margins: Margins) -> Layout:
    structure = _structure(path)
    document = pdfium.PdfDocument(path)
    try:
        pages = [_read_page(page, number, structure.get(number, {})) for number, page in enumerate(document, 1)]
    finally:
        document.close()
    return Layout(path, margins, pages, _bookmarks(path))


def _read_page(page: pdfium.PdfPage, number: int, elements: dict[int, Element]) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw)
    finally:
        textpage.close()
    segments, graphics = _graphics(page.raw)
    lines = _lines(number, chars)
    chains = {mcid: tuple(element.chain()) for mcid, element in elements.items()}
    for line in lines:
        mcids = Counter(char.mcid for char in line.inked)
        if (most := mcids.most_common(1)[0][0]) in elements:
            # a line that is mostly a link's words still belongs to the paragraph holding the link
            line.owner = next(element for element in elements[most].chain()
                              if element.role not in INLINE_ROLES or element.parent is None)
        if len(mcids) == 1:
            line.elements = chains.get(next(iter(mcids)), ())
        else:
            found: dict[tuple[int, int], Element] = {}
            for mcid in mcids:
                for element in chains.get(mcid, ()):
                    found.setdefault(element.key, element)
            line.elements = tuple(found.values())
    return Page(number, width, height, lines, segments, graphics)


def _address_prototype(function, restype, *argtypes):
    """The same pdfium function, called with and returning plain addresses: a text object's address
    is then an int (fast to compare), where pypdfium2's own prototype makes a new pointer object each
    call and ctypes.cast to compare them costs a third of the reading time."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_TEXT_OBJECT = _address_prototype(pdfium_raw.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_MARKED_CONTENT_ID = _address_prototype(pdfium_raw.FPDFPageObj_GetMarkedContentID, ctypes.c_int, ctypes.c_void_p)


SPACE, BREAK = Char(" ", 0, 0, 0, 0, 0, 0, -1, False, True), Char("\n", 0, 0, 0, 0, 0, 0, -1, False, True)


def _chars(text) -> list[Char]:
    """Every character pdfium reads on the page, in drawing order, with its glyph's box. The baseline,
    size and marked content are the text object's (one text-showing operation: constant in it)."""
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    address = ctypes.cast(text, ctypes.c_void_p).value
    count = pdfium_raw.FPDFText_CountChars(text)
    units = (ctypes.c_ushort * (count + 1))()  # the page's text in one call, a UTF-16 unit a character
    pdfium_raw.FPDFText_GetText(text, 0, count, units)
    objects: dict[int | None, tuple[int, float, float]] = {}  # text object -> (MCID, size, baseline)
    out = []
    for index in range(count):
        unit = units[index]
        char = chr(unit) if not 0xD800 <= unit < 0xE000 else chr(pdfium_raw.FPDFText_GetUnicode(text, index))
        if char.isspace():  # a space, or pdfium's line break (always made up by pdfium, never drawn)
            out.append(BREAK if char in "\r\n" else SPACE)
            continue
        pdfium_raw.FPDFText_GetCharBox(text, index, left, right, bottom, top)
        obj = _TEXT_OBJECT(address, index)
        if obj not in objects:
            pdfium_raw.FPDFText_GetCharOrigin(text, index, x, y)
            objects[obj] = (_MARKED_CONTENT_ID(obj) if obj else -1, pdfium_raw.FPDFText_GetFontSize(text, index),
                            y.value)
        mcid, size, baseline = objects[obj]
        hyphen = char in HYPHENS and bool(pdfium_raw.FPDFText_IsHyphen(text, index))
        out.append(Char(char, left.value, bottom.value, right.value, top.value, baseline, size, mcid, hyphen))
    return out


def _lines(number: int, chars: list[Char]) -> list[Line]:
    """Characters in drawing order, cut into lines where the baseline moves or the text goes back left."""
    lines: list[Line] = []
    current: list[Char] = []
    last: Char | None = None
    for char in chars:
        if char.text == "\n":
            if current:
                lines.append(Line(number, current))
            current, last = [], None
            continue
        if char.blank:
            if current:
                current.append(char)
            continue
        if last is not None:
            size = max(last.size, char.size)
            if abs(char.y - last.y) > 0.6 * size or char.left < last.right - 0.5 * size:
                lines.append(Line(number, current))
                current = []
        current.append(char)
        last = char
    if current:
        lines.append(Line(number, current))
    return [line for line in lines if line.inked]


def _graphics(page) -> tuple[list[Segment], list[tuple[float, float, float, float]]]:
    segments, boxes = [], []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke, width = ctypes.c_int(), ctypes.c_int(), ctypes.c_float()
    matrix = pdfium_raw.FS_MATRIX()
    for obj in _objects(page):
        kind = pdfium_raw.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_raw.FPDF_PAGEOBJ_PATH, pdfium_raw.FPDF_PAGEOBJ_IMAGE, pdfium_raw.FPDF_PAGEOBJ_SHADING):
            continue
        pdfium_raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        boxes.append((left.value, bottom.value, right.value, top.value))
        if kind != pdfium_raw.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_raw.FPDFPath_GetDrawMode(obj, fill, stroke)
        if not stroke.value:
            continue
        pdfium_raw.FPDFPageObj_GetStrokeWidth(obj, width)
        pdfium_raw.FPDFPageObj_GetMatrix(obj, matrix)
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        previous = start = None
        for index in range(pdfium_raw.FPDFPath_CountSegments(obj)):
            segment = pdfium_raw.FPDFPath_GetPathSegment(obj, index)
            pdfium_raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind_of = pdfium_raw.FPDFPathSegment_GetType(segment)
            if kind_of == pdfium_raw.FPDF_SEGMENT_LINETO and previous is not None:
                _add_level(segments, previous, point, width.value)
            if kind_of == pdfium_raw.FPDF_SEGMENT_MOVETO:
                start = point
            previous = point
            if pdfium_raw.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_level(segments, point, start, width.value)
    return segments, boxes


def _add_level(segments: list[Segment], a: tuple[float, float], b: tuple[float, float], width: float) -> None:
    if abs(a[1] - b[1]) < 0.05 and abs(a[0] - b[0]) > 1:
        segments.append(Segment(min(a[0], b[0]), max(a[0], b[0]), (a[1] + b[1]) / 2, width))


def _objects(page, form=None) -> Iterator:
    """Every page object, those inside form XObjects too."""
    count = pdfium_raw.FPDFPage_CountObjects(page) if form is None else pdfium_raw.FPDFFormObj_CountObjects(form)
    for index in range(count):
        obj = (pdfium_raw.FPDFPage_GetObject(page, index) if form is None
               else pdfium_raw.FPDFFormObj_GetObject(form, index))
        if pdfium_raw.FPDFPageObj_GetType(obj) == pdfium_raw.FPDF_PAGEOBJ_FORM:
            yield from _objects(page, obj)
        else:
            yield obj


def _structure(path: Path) -> dict[int, dict[int, Element]]:
    """For each page (from 1), the structure element each MCID belongs to, through the ParentTree."""
    with pikepdf.open(path) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary) or "/ParentTree" not in root:
            return {}
        role_map = root.get("/RoleMap", pikepdf.Dictionary())
        tree = _number_tree(root.ParentTree)
        made: dict[tuple[int, int], Element] = {}

        def element(obj) -> Element | None:
            if not isinstance(obj, pikepdf.Dictionary) or "/S" not in obj or not obj.is_indirect:
                return None
            if obj.objgen in made:
                return made[obj.objgen]
            role, hops = str(obj.S), 0
            while role in role_map and hops < 10:
                role, hops = str(role_map[role]), hops + 1
            made[obj.objgen] = Element(role.lstrip("/"), obj.objgen, None)  # before the parent: no loops
            made[obj.objgen].parent = element(obj.get("/P"))
            return made[obj.objgen]

        out: dict[int, dict[int, Element]] = {}
        for number, page in enumerate(pdf.pages, 1):
            key = page.obj.get("/StructParents")
            kids = tree.get(int(key)) if isinstance(key, int) else None
            if isinstance(kids, pikepdf.Array):
                out[number] = {mcid: found for mcid, kid in enumerate(kids) if (found := element(kid)) is not None}
        return out


def _number_tree(node, depth: int = 0) -> dict[int, object]:
    found: dict[int, object] = {}
    if depth > 32 or not isinstance(node, pikepdf.Dictionary):
        return found
    nums = list(node.get("/Nums", []))
    for key, value in zip(nums[::2], nums[1::2], strict=False):
        if isinstance(key, int):
            found[int(key)] = value
    for kid in node.get("/Kids", []):
        found.update(_number_tree(kid, depth + 1))
    return found


def _bookmarks(path: Path) -> list[Bookmark]:
    reader = PdfReader(path)
    out: list[Bookmark] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            try:
                page = reader.get_destination_page_number(item) + 1
            except Exception:  # an entry that leads nowhere: the navigation tests' business
                continue
            top = getattr(item, "top", None)
            out.append(Bookmark(str(item.title), level, page, float(top) if top is not None else None))

    walk(reader.outline, 0)
    return out


# --- 1. overlaps --------------------------------------------------------------------------------------

OVERLAP = 0.5  # pt both ways: less is the glyphs' own side bearings touching


def overlaps(layout: Layout) -> list[str]:
    """No two words of different lines overlap (their glyphs' boxes: lines too close, or text run
    into a neighbouring column or cell), and no ruled line is drawn through letters (between a
    line's baseline and the tops of its letters; an underline, below the baseline, is no fault)."""
    problems: list[str] = []
    for page in layout.pages:
        words = sorted((word for line in page.lines for word in line.words), key=lambda w: w.bottom)
        bottoms = [word.bottom for word in words]
        crossing: dict[tuple[int, int], list[tuple[Word, Word, float, float]]] = {}  # by the pair of lines
        for index, word in enumerate(words):
            for other in words[index + 1:bisect_left(bottoms, word.top - OVERLAP, lo=index + 1)]:
                wide = min(word.right, other.right) - max(word.left, other.left)
                if other.line is word.line or wide <= OVERLAP:
                    continue
                high = min(word.top, other.top) - max(word.bottom, other.bottom)
                upper, lower = sorted((word, other), key=lambda w: (-(w.line.baseline), w.line.left))
                crossing.setdefault((id(upper.line), id(lower.line)), []).append((upper, lower, wide, high))
        for pairs in crossing.values():
            pairs.sort(key=lambda pair: pair[0].left)
            upper, lower = pairs[0][0].line, pairs[0][1].line
            shown = ", ".join(dict.fromkeys(f"{a.text!r}/{b.text!r}" for a, b, _, _ in pairs[:4]))
            more = f" and {len(pairs) - 4} more" if len(pairs) > 4 else ""
            wide, high = max(p[2] for p in pairs), max(p[3] for p in pairs)
            problems.append(f"{layout.label(page)}: {upper.text[:40]!r} overlaps {lower.text[:40]!r} (words "
                            f"{shown}{more}; by up to {wide:.1f} x {high:.1f} pt)")
        for segment in page.segments:
            if segment.right - segment.left < 3:
                continue
            for line in page.lines:
                if not line.bottom < segment.y < line.top:
                    continue
                low = line.baseline + 0.1 * line.size
                hit = [c for c in line.inked if c.left < segment.right - 0.5 and c.right > segment.left + 0.5
                       and max(c.bottom, low) < segment.y < c.top - 0.3]
                if hit:
                    problems.append(f"{layout.label(page)}: a rule at {segment.y:.1f} pt ({segment.left:.0f} to "
                                    f"{segment.right:.0f} pt across) is drawn through {line.text[:50]!r}")
    return problems


# --- 2. half-empty pages ----------------------------------------------------------------------------

COVER, CONTENTS, LAST, BEFORE_NEW_PAGE, BEFORE_RUN_ON, BEFORE_QUESTION, BEFORE_NEW_PART, BEFORE_DRAWING, MID_SECTION = (
    "the cover", "the contents", "the last page", "the page before a section that starts on a new page",
    "the page before a run-on section that moved to the next page",
    "the page before a question or quiz item that moved on whole (with its lines or its circles)",
    "the page before a part of a section that starts on a new page (to be copied on its own)",
    "the page before a drawing that moved on whole (a drawing is never split)", "mid-section")
QUESTION = re.compile(r"\d+\.\s")
BLANK = "This page is intentionally left blank."  # all a page left blank for double-sided printing says
CIRCLE_MOST = 30  # points: the widest mark a quiz item's answer circle is drawn (large print's is 18)
# what a guide's layout leaves short by design (the layout tests name the same, one by one)
BY_DESIGN = (COVER, CONTENTS, LAST, BEFORE_NEW_PAGE, BEFORE_RUN_ON, BEFORE_QUESTION, BEFORE_NEW_PART, BEFORE_DRAWING)


def fullness(layout: Layout, page: Page) -> float:
    """How far down the text frame the page is printed: 0 empty, 1 to the bottom margin (the lowest
    text or graphic in the frame, measured against the frame's height)."""
    frame_top = layout.frame_top(page)
    lows = [line.bottom for line in page.lines if layout.in_frame(page, line.bottom, line.top)]
    lows += [bottom for _, bottom, _, top in page.graphics if layout.in_frame(page, bottom, top)]
    if not lows:
        return 0.0
    return max(0.0, min(1.0, (frame_top - min(lows)) / layout.frame_height(page)))


def page_kind(layout: Layout, page: Page, new_page_sections: Iterable[str] | None = None,
              new_page_parts: Iterable[str] = ()) -> str:
    """Why a page may end early: one of COVER ... BEFORE_DRAWING, or MID_SECTION if its section goes
    on overleaf. A section starts on a new page if it is among `new_page_sections` (titles), or,
    when they are not given, if its opening page has no running head; a part of a section (a
    heading) does if it is among `new_page_parts` and its heading is the first thing overleaf."""
    if page.number == 1:
        return COVER
    if page.number < layout.first_body_page:
        return CONTENTS
    if page.number == len(layout.pages):
        return LAST
    following = layout.pages[page.number]
    if layout.blank(following) and following.number < len(layout.pages):  # what comes after the blank page counts
        following = layout.pages[following.number]
    opening = layout.opening(following)
    if opening is None:
        if _opens_with_a_part(layout, following, new_page_parts):
            return BEFORE_NEW_PART
        if _opens_with_a_drawing(layout, following):
            return BEFORE_DRAWING
        return BEFORE_QUESTION if _opens_with_an_item_kept_whole(layout, following) else MID_SECTION
    if new_page_sections is not None:
        new_page = letters(opening.title) in {letters(title) for title in new_page_sections}
    else:
        new_page = layout.running_head(following) is None
    return BEFORE_NEW_PAGE if new_page else BEFORE_RUN_ON


def _opens_with_a_part(layout: Layout, page: Page, parts: Iterable[str]) -> bool:
    """The page begins with the heading of one of `parts` (titles)."""
    body = layout.body(page)
    mark = layout.heading_lines.get(id(body[0])) if body else None
    return mark is not None and letters(mark.title) in {letters(title) for title in parts}


def _opens_with_a_drawing(layout: Layout, page: Page) -> bool:
    """The page's first words are a drawing's: in the structure tree, inside a Figure."""
    body = layout.body(page)
    return bool(body) and any(element.role == "Figure" for element in body[0].elements)


def _opens_with_an_item_kept_whole(layout: Layout, page: Page) -> bool:
    """The page begins with a numbered item that is never parted: a question with ruled lines to
    write on, or a quiz item with circles to mark (so a tall one leaves the page before it short).
    Only what is drawn in the frame counts: the running head's rule is no line to write on."""
    body = layout.body(page)[:6]  # (a heading may come first, and a line or two introducing the questions)
    ruled = any(layout.in_frame(page, segment.y, segment.y) for segment in page.segments)
    circles = any(abs((right - left) - (top - bottom)) < 1 and right - left < CIRCLE_MOST
                  and layout.in_frame(page, bottom, top) for left, bottom, right, top in page.graphics)
    return any(QUESTION.match(line.text) for line in body) and (ruled or circles)


def half_empty_pages(layout: Layout, allowed: Iterable[str] = (COVER, CONTENTS, LAST, BEFORE_NEW_PAGE),
                     new_page_sections: Iterable[str] | None = None, least: float = 0.5,
                     new_page_parts: Iterable[str] = ()) -> list[str]:
    """No page is less than `least` full unless it is one of the `allowed` kinds (see page_kind)."""
    allowed, problems = set(allowed), []
    new_page_sections = None if new_page_sections is None else tuple(new_page_sections)
    new_page_parts = tuple(new_page_parts)
    for page in layout.pages:
        full = fullness(layout, page)
        if full >= least:
            continue
        kind = page_kind(layout, page, new_page_sections, new_page_parts)
        if kind in allowed:
            continue
        section = layout.section_at_top(layout.pages[page.number]) if page.number < len(layout.pages) else None
        if kind == MID_SECTION:
            going_on = f"'{section.title}' goes on" if section else "the text goes on"
            why = f"{going_on} on page {page.number + 1}"
        else:
            why = f"it is {kind}"
        problems.append(f"{layout.label(page)}: only {full:.0%} full, and {why}")
    return problems


# --- 3. running heads --------------------------------------------------------------------------------


def running_heads(layout: Layout) -> list[str]:
    """Every body page's running head names the section the page opens in (a section's opening
    page may have none)."""
    problems = []
    for page in layout.pages[layout.first_body_page - 1:]:
        if layout.blank(page):
            continue  # a blank page has no running head
        expected = layout.section_at_top(page)
        head = layout.running_head(page)
        if expected is None:
            continue
        if head is None:
            if layout.opening(page) is None:
                problems.append(f"{layout.label(page)}: no running head; expected '{expected.title}'")
            continue
        named = head[1]
        if not named:
            problems.append(f"{layout.label(page)}: the running head names no section; expected '{expected.title}'")
        elif letters(named) != letters(expected.title) and not _shortened(named, expected.title):
            problems.append(f"{layout.label(page)}: the running head says '{named}', but the page opens in "
                            f"'{expected.title}'")
    return problems


# --- 4. stranded headings, and lists and boxes broken after their first line ---------------------------

# the containers that should not be left with their first line alone at the foot of a page (a Sect
# inside a section is a box; the sections themselves are the Sects of the top level)
BROKEN_ROLES = {"L": "list", "LI": "list item", "Sect": "box", "Aside": "box", "Div": "group",
                "BlockQuote": "quotation", "Note": "note", "Table": "table"}


def _shortened(head: str, title: str) -> bool:
    """Whether a running head is the title cut short to fit, ending in an ellipsis."""
    return head.endswith("\u2026") and len(letters(head)) > 3 and letters(title).startswith(letters(head))


def stranded_headings(layout: Layout, least_lines: int = 2) -> list[str]:
    """No heading with fewer than `least_lines` lines after it on its page while what it heads goes
    on overleaf; no list item, box or quotation broken with only its first line on a page, or
    only its last line on the next; no page ending with a line that leads into the next page's
    ("Evidence to use:")."""
    return _stranded(layout, least_lines) + _broken(layout) + _lead_ins(layout)


def _lead_ins(layout: Layout) -> list[str]:
    """Pages whose last line leads into what follows ("Evidence to use:") on the next page."""
    problems = []
    for page in layout.pages[:-1]:
        body = layout.body(page)
        if body and body[-1].text.rstrip().endswith(":") and layout.body(layout.pages[page.number]):
            problems.append(f"{layout.label(page)}: the page ends with {body[-1].text.strip()[-40:]!r}; "
                            f"what it leads into is on page {page.number + 1}")
    return problems


def _stranded(layout: Layout, least_lines: int) -> list[str]:
    problems = []
    located = [(mark, lines) for mark, lines in layout.headings if lines]
    for index, (mark, lines) in enumerate(located):
        page = layout.pages[mark.page - 1]
        if page.number == len(layout.pages) or any(other.page == mark.page for other, _ in located[index + 1:]):
            continue  # the last page, or another heading follows on this one: checked in its turn
        below = {round(line.baseline) for line in layout.body(page)
                 if line.top < lines[-1].bottom + 1 and id(line) not in layout.heading_lines}
        if len(below) >= least_lines:
            continue
        overleaf = layout.body(layout.pages[page.number])
        if not overleaf:
            continue
        if (next_heading := layout.heading_lines.get(id(overleaf[0]))) and next_heading.level <= mark.level:
            continue  # overleaf starts a heading of its own rank or above: what this one heads ended here
        depth = (layout.frame_top(page) - lines[0].top) / layout.frame_height(page)
        after = f"{len(below)} line{'s' if len(below) != 1 else ''}"
        problems.append(f"{layout.label(page)}: the heading '{mark.title}' ({depth:.0%} down the page) has only "
                        f"{after} after it; what it heads goes on on page {page.number + 1}")
    return problems


def _broken(layout: Layout) -> list[str]:
    """Containers (by the structure tree) whose first page holds only their first line."""
    rows: dict[tuple[int, int], dict[int, dict[int, Line]]] = defaultdict(lambda: defaultdict(dict))
    found: dict[tuple[int, int], Element] = {}
    for page in layout.pages:
        for line in layout.body(page):
            if id(line) in layout.heading_lines:
                continue
            for element in line.elements:
                if element.role in BROKEN_ROLES and not (element.role == "Sect" and element.depth < 2):
                    found[element.key] = element
                    rows[element.key][page.number].setdefault(round(line.baseline), line)
    candidates: dict[int, tuple[Element, Line, int]] = {}  # by the line left alone: its outermost container
    for key, pages in rows.items():
        if len(pages) < 2:
            continue
        first, second = sorted(pages)[:2]
        if second != first + 1:
            continue
        lines = [pages[first][baseline] for baseline in sorted(pages[first], reverse=True)]
        overleaf = letters(pages[second][max(pages[second])].text)  # the container's first line overleaf
        if len(lines) > 1 and letters(lines[0].text) == overleaf:
            lines = lines[1:]  # a title set again overleaf (a box's, "continued") is not a line left behind
        if len(lines) == 1:
            known = candidates.get(id(lines[0]))
            if known is None or found[key].depth < known[0].depth:
                candidates[id(lines[0])] = (found[key], lines[0], second)
    problems = []
    for element, line, second in candidates.values():
        problems.append(f"{layout.label(layout.pages[line.page - 1])}: a {BROKEN_ROLES[element.role]} is broken "
                        f"after its first line ({line.text[:50]!r}); the rest is on page {second}")
    return problems + _widowed(layout, rows, found)


CONTINUED = re.compile(r"\(continued\)\s*$", re.IGNORECASE)  # a box's title set again overleaf


def _widowed(layout: Layout, rows: dict[tuple[int, int], dict[int, dict[int, Line]]],
             found: dict[tuple[int, int], Element]) -> list[str]:
    """Containers whose last page, after a page of them, holds only their last line."""
    candidates: dict[int, tuple[Element, Line, int]] = {}  # by the line left alone: its outermost container
    for key, pages in rows.items():
        if len(pages) < 2:
            continue
        *_, before, last = sorted(pages)
        if last != before + 1:
            continue
        lines = [line for line in pages[last].values() if not CONTINUED.search(line.text)]
        if len(lines) == 1:
            known = candidates.get(id(lines[0]))
            if known is None or found[key].depth < known[0].depth:
                candidates[id(lines[0])] = (found[key], lines[0], before)
    return [f"{layout.label(layout.pages[line.page - 1])}: a {BROKEN_ROLES[element.role]} from page {before} "
            f"ends with its last line alone here ({line.text[:50]!r})" for element, line, before in candidates.values()]


# --- 5. hyphenation -----------------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+(?:[-\u2010'\u2019][^\W\d_]+)*")


@dataclass
class Break:
    """A line that ends in a hyphen, and the word it breaks."""

    line: Line
    before: str  # the part on this line, without the hyphen
    after: str  # the part on the next line ("" if none could be found)
    compound: bool  # the hyphen is the word's own (well-known), not one added to break it
    next_line: Line | None
    last_word: bool  # the word is its paragraph's last: the paragraph's last line holds only its end
    next_page: bool  # the word goes on on the next page (or the next column)

    @property
    def word(self) -> str:
        return f"{self.before}-{self.after}" if self.compound else self.before + self.after


@dataclass
class Source:
    """What the printed words were written as: for telling a compound's own hyphen from an added one,
    and a name from a word that only starts a sentence."""

    text: str = ""
    names: frozenset[str] = frozenset()

    @cached_property
    def words(self) -> set[str]:
        return set(WORD.findall(self.text.replace("\u2019", "'")))

    @cached_property
    def lower(self) -> set[str]:
        return {word.casefold() for word in self.words if word[:1].islower()}

    @cached_property
    def compounds(self) -> set[str]:
        return {word.casefold() for word in self.words if "-" in word or "\u2010" in word}

    def is_name(self, word: str) -> bool:
        if word in self.names or any(part in self.names for part in re.split(r"[-\u2010]", word)):
            return True
        if not word[:1].isupper():
            return False
        # capitalised: a name unless the source also writes it in lower case (so it starts a sentence)
        return not self.text or word.casefold() not in self.lower


def paragraphs(layout: Layout) -> list[list[Line]]:
    """The body's lines, paragraph by paragraph and in reading order: by the structure element (the
    innermost, P or a table cell) their text belongs to, across pages; lines of no element run
    together while the leading stays even."""
    by_element: dict[tuple[int, int], list[Line]] = {}
    out: list[list[Line]] = []
    for page in layout.pages:
        loose: list[Line] = []
        for line in page.lines:
            if not layout.in_frame(page, line.bottom, line.top) or id(line) in layout.heading_lines:
                continue
            if line.owner is not None:
                element = line.owner
                if element.key not in by_element:
                    by_element[element.key] = []
                    out.append(by_element[element.key])
                by_element[element.key].append(line)
            else:
                if loose and (loose[-1].baseline - line.baseline > 2 * line.size or line.baseline > loose[-1].baseline
                              or abs(loose[-1].size - line.size) > 0.5):
                    out.append(loose)
                    loose = []
                loose.append(line)
        if loose:
            out.append(loose)
    return out


def breaks(layout: Layout, source: Source | None = None) -> list[Break]:
    source = source or Source()
    found = []
    for lines in paragraphs(layout):
        for index, line in enumerate(lines):
            if not line.ends_with_hyphen:
                continue
            words = WORD.findall(line.text.rstrip("-\u00ad\u2010\u2011"))
            before = words[-1] if words and line.text.rstrip("-\u00ad\u2010\u2011").endswith(words[-1]) else ""
            following = lines[index + 1] if index + 1 < len(lines) else None
            after_words = WORD.findall(following.text) if following else []
            after = after_words[0] if after_words and following and following.text.lstrip("(\u201c\u2018").startswith(
                after_words[0]) else ""
            joined = f"{before}-{after}".casefold()
            compound = bool(after) and joined in source.compounds
            if not source.text and after:
                compound = not line.inked[-1].hyphen  # without a source, pdfium's guess
            last_word = following is not None and index + 2 == len(lines) and len(after_words) == 1
            found.append(Break(line, before, after, compound, following, last_word,
                               following is not None and (following.page != line.page
                                                          or following.baseline > line.baseline)))
    return found


def hyphenation(layout: Layout, source: Source | None = None, most_in_a_row: int = 2) -> list[str]:
    """No name hyphenated at a line end, no hyphen into a paragraph's last line or over a page, and
    no more than `most_in_a_row` hyphenated line ends in a row."""
    source = source or Source()
    problems = []
    found = breaks(layout, source)
    for item in found:
        where = layout.label(layout.pages[item.line.page - 1])
        if item.compound:
            continue
        word = item.before + item.after
        if item.after and source.is_name(word):
            problems.append(f"{where}: the name '{word}' is hyphenated ({item.before}- / {item.after})")
        if item.next_page:
            problems.append(f"{where}: '{word}' is hyphenated over the page, to page {item.next_line.page}")
        elif item.last_word:
            problems.append(f"{where}: the last word of a paragraph, '{word}', is hyphenated: its last line is "
                            f"only {item.next_line.text!r}")
    by_line = {id(item.line): item for item in found}
    for lines in paragraphs(layout):
        run = []
        for line in [*lines, None]:
            if line is not None and id(line) in by_line:
                run.append(line)
                continue
            if len(run) > most_in_a_row:
                where = layout.label(layout.pages[run[0].page - 1])
                ends = ", ".join(f"{by_line[id(x)].before}-" for x in run)
                problems.append(f"{where}: {len(run)} hyphenated line ends in a row ({ends})")
            run = []
    return problems


# --- 6. straight quotes -----------------------------------------------------------------------------


def straight_quotes(layout: Layout) -> list[str]:
    """No straight quote or apostrophe anywhere on any page: typographic ones only."""
    problems = []
    for page in layout.pages:
        for line in page.lines:
            for match in re.finditer(r"['\"]", line.text):
                start = max(0, match.start() - 20)
                problems.append(f"{layout.label(page)}: a straight {match[0]} in "
                                f"{line.text[start:match.end() + 20]!r}")
    return problems


# --- 8. gaps inside a paragraph ----------------------------------------------------------------------

PARAGRAPH_ROLES = frozenset({"P", "Note", "TOCI"})


def gaps_in_paragraphs(layout: Layout, most: float = 1.75) -> list[str]:
    """No paragraph with a gap between two of its lines on one page (more than `most` times the
    type size from baseline to baseline): the mark of a paragraph split and both halves set on
    the same page."""
    problems = []
    for page in layout.pages:
        by_owner: dict[tuple[int, int], list[Line]] = defaultdict(list)
        for line in layout.body(page):
            if line.owner is not None and line.owner.role in PARAGRAPH_ROLES:
                by_owner[line.owner.key].append(line)
        for lines in by_owner.values():
            lines.sort(key=lambda line: -line.baseline)
            for above, below in zip(lines, lines[1:], strict=False):
                gap = above.baseline - below.baseline
                if gap > most * max(above.size, below.size) and below.left < above.right:
                    problems.append(f"{layout.label(page)}: a gap of {gap:.0f} pt inside a paragraph, between "
                                    f"{above.text[-30:]!r} and {below.text[:30]!r}")
    return problems


# --- 7. icons -----------------------------------------------------------------------------------------


def icons_apart(layout: Layout, icons: Iterable[str]) -> list[str]:
    """No line of text ends in an icon (a theme's mark), leaving the name it marks to the next
    line of its paragraph or heading. Icons that end one (a chapter heading's themes) leave
    nothing behind, and a drawing's icons are marks in a grid, not words."""
    icons = frozenset(icons)
    problems = []
    for group in [*paragraphs(layout), *_headings(layout)]:
        for line in group[:-1]:
            text = line.text.rstrip()
            if text and text[-1] in icons and not any(element.role == "Figure" for element in line.elements):
                problems.append(f"{layout.label(layout.pages[line.page - 1])}: the line {text[-40:]!r} ends in an icon")
    return problems


def _headings(layout: Layout) -> list[list[Line]]:
    """Each heading's lines, in order."""
    by_mark: dict[int, list[Line]] = {}
    for page in layout.pages:
        for line in page.lines:
            if (mark := layout.heading_lines.get(id(line))) is not None:
                by_mark.setdefault(id(mark), []).append(line)
    return list(by_mark.values())


def theme_icons() -> frozenset[str]:
    """Every icon a theme may have."""
    from nlmg_pdf.model import ICONS

    return frozenset(ICONS.values())


# --- what the model says -----------------------------------------------------------------------------


def model_text(node) -> str:
    """Every string in a model (a guide, or any part of it), joined by newlines: the text the
    printed words came from."""
    parts: list[str] = []
    seen: set[int] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, bytes | int | float | bool) or value is None:
            return
        elif id(value) in seen:
            return
        elif is_dataclass(value):
            seen.add(id(value))
            for item in fields(value):
                walk(getattr(value, item.name))
        elif isinstance(value, dict):
            seen.add(id(value))
            for item in value.values():
                walk(item)
        elif isinstance(value, tuple | list | frozenset | set):
            seen.add(id(value))
            for item in value:
                walk(item)

    walk(node)
    return "\n".join(parts)


def name_words(guide) -> frozenset[str]:
    """The characters' names and each word of them (Kathy, Madame, Marie-Claude, Claude...)."""
    out = set()
    for character in guide.characters.values():
        for word in WORD.findall(character.name):
            if len(word) > 1 and word[0].isupper():
                out.add(word)
                out.update(part for part in re.split(r"[-\u2010]", word) if len(part) > 1)
    return frozenset(out)


def source_of(guide) -> Source:
    return Source(model_text(guide), name_words(guide))


def new_page_sections(guide) -> list[str]:
    """The titles of the sections that start on a new page (the first always does)."""
    return [section.title for number, section in enumerate(guide.sections) if number == 0 or section.new_page]


def new_page_parts(guide) -> list[str]:
    """The titles of the '##' headings that start a page of their own: all but the first of a
    section whose parts are each copied on their own (the reading checks)."""
    from nlmg_pdf import model as m  # only here: the checker reads a PDF alone when given no model

    return [m.plain_text(block.children) for section in guide.sections if section.new_page_headings
            for block in [b for b in section.blocks if isinstance(b, m.Heading) and b.level == 2][1:]]


# --- all at once, and from a shell ---------------------------------------------------------------------


def all_checks(layout: Layout, guide=None) -> dict[str, list[str]]:
    """Every checker's problems, by checker name; the guide (the prepared model for this PDF's
    edition), when given, tells compound hyphens and names apart and which sections start a page."""
    source = source_of(guide) if guide is not None else None
    new_pages = new_page_sections(guide) if guide is not None else None
    new_parts = new_page_parts(guide) if guide is not None else ()
    checks: dict[str, Callable[[], list[str]]] = {
        "overlaps": lambda: overlaps(layout),
        "half-empty pages": lambda: half_empty_pages(layout, BY_DESIGN, new_page_sections=new_pages,
                                                     new_page_parts=new_parts),
        "running heads": lambda: running_heads(layout),
        "stranded headings": lambda: stranded_headings(layout),
        "hyphenation": lambda: hyphenation(layout, source),
        "straight quotes": lambda: straight_quotes(layout),
        "icons apart": lambda: icons_apart(layout, theme_icons()),
        "gaps in paragraphs": lambda: gaps_in_paragraphs(layout),
    }
    return {name: check() for name, check in checks.items()}


def edition_of(layout: Layout) -> str | None:
    """The edition a guide PDF is, from its footers ("... · Teacher edition")."""
    for page in layout.pages[1:4]:
        for line in page.lines:
            if match := re.search(r"(\w+) edition\s*$", line.text):
                return match[1].lower()
    return None


def style_margins(name: str) -> Margins:
    from nlmg_pdf.reading.style import load_style

    path = Path(name) if name.endswith((".yaml", ".yml")) else ROOT / "styles" / f"{name}.yaml"
    return Margins.of(load_style(path, str(path), ROOT / "styles"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check how a built guide's pages look.")
    parser.add_argument("pdf", nargs="+", type=Path)
    parser.add_argument("--style", help="the style it was built in (a name in styles/ or a file); default: "
                        "the name its folder starts with, else default")
    parser.add_argument("--limit", type=int, default=12, help="problems shown per checker (default 12)")
    parser.add_argument("--no-model", action="store_true", help="do not read content/ for names and sections")
    arguments = parser.parse_args(argv)
    failed = False
    for path in arguments.pdf:
        style = arguments.style or next((name for name in ("large-print", "print", "default")
                                         if path.resolve().parent.name.startswith(name)), "default")
        started = time.perf_counter()
        layout = read_layout(path, style_margins(style))
        guide = None
        if not arguments.no_model and (edition := edition_of(layout)):
            from nlmg_pdf.editions import Edition
            from nlmg_pdf.reading.guide import load_guide
            from nlmg_pdf.transforms import prepare

            guide = prepare(load_guide(ROOT / "content"), Edition(edition))
        results = all_checks(layout, guide)
        took = time.perf_counter() - started
        new_pages = new_page_sections(guide) if guide is not None else None
        new_parts = new_page_parts(guide) if guide is not None else ()
        half = [page.number for page in layout.pages
                if fullness(layout, page) < 0.5 and page_kind(layout, page, new_pages, new_parts) == MID_SECTION]
        print(f"{path} ({style}; {len(layout.pages)} pages; pages under half full mid-section: "
              f"{half or 'none'}; {took:.2f} s)")
        for name, problems in results.items():
            failed |= bool(problems)
            print(f"  {name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            for problem in problems[:arguments.limit]:
                print(f"    {problem}")
            if len(problems) > arguments.limit:
                print(f"    ... and {len(problems) - arguments.limit} more")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
