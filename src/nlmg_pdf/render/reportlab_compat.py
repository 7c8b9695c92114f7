"""Every place the renderer relies on reportlab beyond its documented API, behind a name.

reportlab has no public hooks for what a tagged PDF needs (the code a page is made of,
the keys a page object writes, the moment an annotation is made), nor for reading how a
paragraph broke its lines. Each such reliance is here, and nowhere else, with a contract
test beside it in tests/test_render_seam.py: a reportlab upgrade that changes one fails
that test by the hook's name, instead of quietly giving a valid PDF with no tags.

The hooks, by reportlab name (pyproject.toml lists them with the versions they passed with):
- `Canvas._code`: the current page's content operators (`page_code_length`, `page_code_since`, `drop_code`);
- `PDFTextObject._code` and `Canvas._curr_tx_info`: a text object's operators, and the one a
  paragraph's `<onDraw>` callback is called in (`text_code`, `set_text_code`, `text_being_drawn`);
- `Canvas._setAnnotations(page)`: called for each finished page, and for each form
  (`HookedCanvas.page_finished`);
- `PDFPage.__NoDefault__`: the keys a page object writes (`allow_page_keys`);
- `Canvas._addAnnotation` and `Canvas._annotationCount`: every annotation made
  (`HookedCanvas.annotating`), and a form field's widget put on the page (`add_annotation`,
  `annotation_total`);
- `Canvas._doc.Reference` and `Canvas._doc.refAnnotation`: objects by name in the file
  (`register_object`, `annotation_reference`);
- `ListFlowable._makeBullet`: the bullet drawn for each list item (`HookedList.bullet_made`),
  and `DDIndenter._flowable`, the flowable it is drawn beside (`bulleted_flowable`);
- `Table._cellvalues`: a table's cells by row (`row_cells`, `replace_cell`);
- `Paragraph.blPara` and `Paragraph.frags`: a paragraph's broken lines and its runs of text
  (`has_broken_lines`, `line_count`, `line_words`, `paragraph_words`, `readable_line_ends`), and
  `_SplitWordHY` and `_FK_BREAK`, how the line breaking marks a hyphen it added (`readable_line_ends`);
- `ttfonts.makeToUnicodeCMap`: the ToUnicode map of each font subset (`map_only_used_codes`);
- `PDFTextObject._textOut` and `._wordSpace`: the spaces a line has drawn and their added
  width in justified text (`CountingTextObject`, `stretch_so_far`);
- `pdfmetrics.findFontAndRegister`, which `pdfmetrics.getFont` calls for a name not yet
  registered: a face is parsed only when first asked for (`register_when_used`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfdoc import PDFObjectReference, PDFPage
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import ListFlowable, Paragraph, Table
from reportlab.platypus.paragraph import _FK_BREAK, _SplitWordHY

# --- the page being drawn -------------------------------------------------------------


def page_code_length(canvas: Canvas) -> int:
    """How many operators the current page holds so far."""
    return len(canvas._code)


def page_code_since(canvas: Canvas, start: int) -> list[str]:
    """The current page's operators from `start` on (each entry may hold several)."""
    return canvas._code[start:]


def drop_code(canvas: Canvas, index: int) -> None:
    """Take back the operator at `index` of the current page."""
    del canvas._code[index]


def text_being_drawn(canvas: Canvas) -> Any:
    """The text object a paragraph is drawing its line into, seen from an `<onDraw>` callback."""
    return canvas._curr_tx_info["tx"]


def text_code(textobject: Any) -> list[str]:
    """A text object's operators so far, starting with its BT."""
    return textobject._code


def set_text_code(textobject: Any, code: list[str]) -> None:
    textobject._code = code


def allow_page_keys(page: PDFPage, keys: tuple[str, ...]) -> None:
    """Let `page` write entries under `keys` too (reportlab writes only the keys it lists)."""
    page.__NoDefault__ = [*PDFPage.__NoDefault__, *keys]


def register_object(canvas: Canvas, value: Any, name: str) -> PDFObjectReference:
    """Put `value` in the file as an indirect object called `name`; returns its reference."""
    return canvas._doc.Reference(value, name)


def annotation_total(canvas: Canvas) -> int:
    """How many annotations the document has so far."""
    return canvas._annotationCount


def add_annotation(canvas: Canvas, entries: Any, name: str) -> PDFObjectReference:
    """Put an annotation made here (a form field's widget) on the current page; returns its reference."""
    canvas._addAnnotation(entries, name)
    return annotation_reference(canvas, name)


def annotation_reference(canvas: Canvas, name: str) -> PDFObjectReference:
    """The reference an annotation named `name` will have in the file."""
    return canvas._doc.refAnnotation(name)


class CountingTextObject(PDFTextObject):
    """A text object that counts the spaces drawn on its current line (see `stretch_so_far`)."""

    spaces = 0

    def _textOut(self, text, TStar=0):
        super()._textOut(text, TStar)
        self.spaces = 0 if TStar else self.spaces + text.count(" ")


def stretch_so_far(textobject: Any) -> float:
    """How far justification has moved what is drawn next on the line, beyond where reportlab
    thinks it is: each space drawn so far is widened by the word spacing (Tw), which reportlab
    leaves out of where it says a link begins (so a link mid-line in justified text would
    start its clickable area words too early)."""
    return getattr(textobject, "spaces", 0) * (getattr(textobject, "_wordSpace", 0) or 0)


class HookedCanvas(Canvas):
    """A canvas that tells a subclass when a page is finished and when an annotation is made."""

    def page_finished(self, page: PDFPage) -> None:
        """Called with each page as it is finished, before it is added to the document."""

    def annotating(self, entries: Any, name: str) -> Any:
        """Called with each annotation's entries and its name; returns the entries to use."""
        return entries

    def beginText(self, x=0, y=0, direction=None):
        return CountingTextObject(self, x, y, direction=direction)

    def _setAnnotations(self, page) -> None:
        super()._setAnnotations(page)
        if isinstance(page, PDFPage):  # forms come through here too
            self.page_finished(page)

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        name = name or f"Tagged{self._annotationCount + 1}"
        entries = annotation.Dict() if hasattr(annotation, "Dict") else annotation
        return super()._addAnnotation(self.annotating(entries, name), name, addtopage)


# --- flowables ------------------------------------------------------------------------


class HookedList(ListFlowable):
    """A list whose subclass may stand in for the bullet drawn before each item."""

    def bullet_made(self, bullet: Any) -> Any:
        """Called with each item's bullet (which has `drawOn(indenter, canvas, x, y, _sW)`)."""
        return bullet

    def _makeBullet(self, value, params=None):
        return self.bullet_made(super()._makeBullet(value, params))


def bulleted_flowable(indenter: Any) -> Any:
    """The flowable a list's bullet is drawn beside (the bullet is given its indenter)."""
    return getattr(indenter, "_flowable", indenter)


def row_cells(table: Table, row: int) -> list:
    """The values of row `row`'s cells, as the table was given them."""
    return table._cellvalues[row]


def table_rows(table: Table) -> list:
    """Every row's cell values, as the table was given them."""
    return list(table._cellvalues)


def replace_cell(table: Table, row: int, column: int, value: Any) -> None:
    """Show `value` in a cell of a table not yet laid out (its row's height stays as it is)."""
    cells = list(table._cellvalues[row])  # (the row may be shared with the table this one was split from)
    cells[column] = value
    table._cellvalues[row] = cells


def has_broken_lines(paragraph: Paragraph) -> bool:
    """Whether the paragraph's lines are broken (after wrap(); a failed split drops them)."""
    return hasattr(paragraph, "blPara")


def paragraph_words(paragraph: Paragraph) -> list[str]:
    """The words of a paragraph's text, whatever their fonts."""
    frags = getattr(paragraph, "frags", [])
    if frags and isinstance(frags[0], list):  # once wrapped in several fonts: [width, (frag, text), ...] a word
        words = ("".join(piece[1] for piece in word[1:] if isinstance(piece, tuple)) for word in frags)
        return [word for word in words if word.strip()]
    return [word for frag in frags for word in getattr(frag, "text", "").split()]


def line_words(paragraph: Paragraph, line: int) -> list[str]:
    """The words of one of a wrapped paragraph's lines (-1: the last), as drawn."""
    broken = paragraph.blPara
    if not broken.lines:
        return []
    shown = broken.lines[line]
    if broken.kind == 0:  # plain lines: (space left, [words])
        return [str(word) for word in shown[1]]
    return "".join(getattr(frag, "text", "") for frag in shown.words).split()


def line_count(paragraph: Paragraph) -> int:
    """How many lines a wrapped paragraph has."""
    return len(paragraph.blPara.lines)


SOFT_HYPHEN = "\u00ad"  # a break hyphen: drawn as a hyphen, not read as part of the word


@contextmanager
def readable_line_ends(paragraph: Paragraph, runs_on: bool = False, words: frozenset[str] = frozenset()
                       ) -> Iterator[None]:
    """While drawing, end each wrapped line but the last so that text read out of the PDF (by a
    screen reader, or copied) reads as the words do: a line that ends in a hyphen the line
    breaking added ends in a soft hyphen instead (the same glyph, which readers leave out of
    the word), and any other line with a space, past its end, so that nothing moves and the
    words at line ends stay apart; the last line too if the text `runs_on` after the paragraph
    (on the next page). Layout never sees the change: a split would measure it.

    A split part has lost the marks of the hyphens the line breaking added, so a line ending
    in a hyphen whose word, joined to the next line's first, is one of the whole paragraph's
    `words`, is taken to end in an added one too ("dormit-" and "ories" make "dormitories")."""
    broken = paragraph.blPara
    changed = []
    spaced = []  # lines of fragments given a space fragment of their own at the end
    holder: Any
    key: str | int | None
    lines = broken.lines
    for number, line in enumerate(lines if runs_on else lines[:-1]):
        if broken.kind == 0:  # plain lines: (space left, [words])
            holder, key, line_words = line[1], -1, line[1]
            last = line_words[-1] if line_words else None
            added = isinstance(last, _SplitWordHY)  # a hyphenated word's head, with the hyphen added
        else:  # lines of fragments, some of them callbacks (link anchors) with no text
            frags = [frag for frag in line.words if getattr(frag, "text", "") and not hasattr(frag, "cbDefn")]
            holder, key = (frags[-1], "text") if frags else (None, None)
            last = frags[-1].text if frags else None
            # (the line breaking marks the end of a hyphenated head with a break fragment)
            added = bool(line.words) and getattr(line.words[-1], "_fkind", None) == _FK_BREAK
        if not isinstance(last, str):
            continue
        if not added and last.endswith("-") and number + 1 < len(lines) and last.split():
            following = _first_word(lines[number + 1], broken.kind)
            added = bool(following) and f"{last.split()[-1][:-1]}{following}" in words
        if added and last.endswith("-"):
            changed.append((holder, key, last, last[:-1] + SOFT_HYPHEN))
        elif last.endswith(("-", SOFT_HYPHEN, " ")):
            continue
        elif broken.kind == 0:
            changed.append((holder, key, last, last + " "))
        else:  # a fragment of its own, so that no underline or link area reaches over the space
            spaced.append(line)
            line.words.append(holder.clone(text=" ", us_lines=[], link=[]))
    for holder, key, _, shown in changed:
        _set(holder, key, shown)
    try:
        yield
    finally:
        for holder, key, last, _ in changed:
            _set(holder, key, last)
        for line in spaced:
            line.words.pop()


def _first_word(line: Any, kind: int) -> str:
    if kind == 0:
        return str(line[1][0]) if line[1] else ""
    text = "".join(getattr(frag, "text", "") for frag in line.words if not hasattr(frag, "cbDefn"))
    return text.split()[0] if text.split() else ""


def _set(holder, key, value) -> None:
    if isinstance(key, str):
        setattr(holder, key, value)
    else:
        holder[key] = value


# --- fonts ------------------------------------------------------------------------------


def map_only_used_codes() -> None:
    """Leave the codes a font subset does not use out of its ToUnicode map. reportlab maps
    them to U+0000, which PDF/UA forbids (a reader could take it for text)."""
    if getattr(ttfonts.makeToUnicodeCMap, "only_used", False):
        return
    made = ttfonts.makeToUnicodeCMap

    def used_codes_only(fontname: str, subset: list[int]) -> str:
        head, rest = made(fontname, subset).split("\n" f"{len(subset)} beginbfchar\n", 1)
        tail = rest.split("endbfchar\n", 1)[1]
        used = [f"<{code:02X}> <{value:04X}>" for code, value in enumerate(subset) if value]
        blocks = [used[start:start + 100] for start in range(0, len(used), 100)]  # (at most 100 a block)
        return "\n".join([head, *(f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar"
                                    for block in blocks), tail])

    used_codes_only.only_used = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = used_codes_only


# --- fonts made when first used -------------------------------------------------------

_waiting: dict[str, tuple[Callable[[], Any], Callable[[], None]]] = {}  # font name -> what makes it, then


def register_when_used(name: str, make: Callable[[], Any], then: Callable[[], None] = lambda: None) -> None:
    """Register the font `name`, made by `make` only when something first asks for it, and
    call `then` once it is registered: a TrueType face is parsed on registering (2 ms each),
    and a style's families offer faces (semibold italic, say) that a guide may never set a
    word in."""
    if getattr(pdfmetrics.findFontAndRegister, "making", None) is not _waiting:
        pdfmetrics.findFontAndRegister = _made_or_found(pdfmetrics.findFontAndRegister)
    if name not in pdfmetrics.getRegisteredFontNames():
        _waiting[name] = (make, then)


def _made_or_found(find: Callable[[str], Any]) -> Callable[[str], Any]:
    def made_or_found(name: str) -> Any:
        waiting = _waiting.pop(str(name), None)
        if waiting is None:
            return find(name)  # reportlab's own: a standard font, or its error for an unknown one
        make, then = waiting
        font = make()
        pdfmetrics.registerFont(font)
        then()
        return font

    made_or_found.making = _waiting  # type: ignore[attr-defined]  # (installed once)
    return made_or_found
