"""The PDF's structure tree, which screen readers and accessibility checkers read: what
each mark on a page is (a heading, a paragraph, a list item, a table cell), in reading
order, and which marks are only decoration.

The renderer gives each flowable a `Node`, made in reading order. As flowables draw, the
canvas's `Tagger` wraps their marks in numbered marked-content sequences and notes the
node each number belongs to; decoration is wrapped as an artifact instead. On saving, the
tagger writes the tree and the map from page marks back to nodes (the ParentTree).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFString

from .reportlab_compat import (
    drop_code,
    page_code_length,
    page_code_since,
    register_object,
    set_text_code,
    stretch_so_far,
    text_being_drawn,
    text_code,
)
from .session import session_of

# Artifact kinds: page furniture repeats on every page, layout marks only decorate.
HEADER, FOOTER, LAYOUT = ("Pagination", "Header"), ("Pagination", "Footer"), ("Layout", None)


class Node:
    """One structure element. Its children are kept in the order the renderer made them,
    which is reading order; the marks drawn for it are noted by the tagger of each pass."""

    __slots__ = ("role", "parent", "children", "alt", "actual_text", "attributes", "ident", "keep_empty")

    def __init__(self, role: str, parent: Node | None = None, *, alt: str | None = None,
                 actual_text: str | None = None, attributes: dict[str, str] | None = None,
                 ident: str | None = None, keep_empty: bool = False):
        self.role, self.parent = role, parent
        self.children: list[Node] = []
        self.alt, self.actual_text, self.attributes = alt, actual_text, attributes
        self.ident, self.keep_empty = ident, keep_empty
        if parent is not None:
            parent.children.append(self)

    def add(self, role: str, **options) -> Node:
        return Node(role, self, **options)

    # platypus deep-copies flowables while it tries splits; every copy is still this element
    def __deepcopy__(self, memo) -> Node:
        return self

    def __copy__(self) -> Node:
        return self

    def __repr__(self) -> str:
        return f"Node({self.role}, {len(self.children)} children)"


ORNAMENT = Node("Artifact")  # a paragraph's "label" that is only decoration (a theme's icon)

TEXT_ATTRIBUTES = frozenset({"Summary"})  # structure attributes whose value is text, not a name

# Inline spans: paragraph markup marks where a link's words or an icon begin and end with
# `<onDraw name="span" label=...>` (see markup.py); the tagger gives the words their own
# marked content, inside the paragraph's text object.
SPAN = "span"  # the canvas callback's name
END, DECORATION, LINK, NOTE, NAMED = "end", "decoration", "link", "note", "named"  # the labels' first words
PAINTS = re.compile(r"(?:^|\s)(?:T[jJ]|'|\"|[SsFfBb]\*?|Do|sh|EI)(?:\s|$)")  # an operator that marks the page
SHOWS_TEXT = re.compile(r"(?:^|\s)(?:T[jJ]|'|\")(?:\s|$)")  # one that paints glyphs


@dataclass(frozen=True, slots=True)  # (one per paragraph part: a long guide has many)
class Marked:
    """Marked content number `mcid` on page `page` (counted from 0)."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Annotated:
    """An annotation (a link's clickable area) on page `page`."""

    page: int
    annotation: PDFObjectReference


class Tagger:
    """The tagging state of one canvas, so of one layout pass."""

    def __init__(self, canvas, root: Node):
        self.canvas, self.root = canvas, root
        self.kids: dict[Node, list] = defaultdict(list)  # marks and links, in drawing order
        self.marks: list[Node] = []  # this page's marked-content numbers -> their nodes
        self.keys: list[list[Node] | Node] = []  # the ParentTree, by key: a page's marks, or a link
        self.open: Node | None = None  # the node whose marked content is open
        self.open_at = 0  # where in the page's code the open sequence began
        self.artifacts = 0  # depth of artifacts being drawn; inside one, nothing is content
        self._outer: Node | None = None  # the content an artifact interrupted
        self.pending_label: tuple[Node, Node] | None = None  # see labelled()
        self.cell_artifacts: list[bool] = []  # for each table row and cell being drawn: is it an artifact?
        self.spans: dict[int, list[tuple[int, Node | None]]] = {}  # by text object: (where in its code, what)
        self.links_in_text: list[Node] = []  # the paragraph's links so far
        self.targets: dict[Node, str] = {}  # each link in the text -> where it goes
        self.carried: dict[Node, Node] = {}  # a paragraph -> the link its last part ended inside
        self._placed: set[Node] = set()  # inline Links already among their paragraph's kids
        self.lines_decorate = False  # whether a line drawn now is an underline (in a paragraph)
        self.link_shift: dict[Node, float] = {}  # how far a link's first area must move right

    # --- marked content --------------------------------------------------------------

    @contextmanager
    def marked(self, node: Node | None) -> Iterator[None]:
        """Draw `node`'s marks, as a sequence of their own."""
        if node is None or self.artifacts:
            yield
            return
        with self._interrupting():
            self._open(node)
            yield

    def begin_artifact(self, kind: tuple[str, str | None] = LAYOUT) -> None:
        if not self.artifacts:
            self._outer = self._close()
            kind_name, subtype = kind
            properties = f"/Type /{kind_name}" + (f" /Subtype /{subtype}" if subtype else "")
            self.canvas.addLiteral(f"/Artifact <<{properties}>> BDC")
        self.artifacts += 1

    def end_artifact(self) -> None:
        self.artifacts -= 1
        if not self.artifacts:
            self.canvas.addLiteral("EMC")
            if self._outer is not None:
                self._open(self._outer)

    @contextmanager
    def artifact(self, kind: tuple[str, str | None] = LAYOUT) -> Iterator[None]:
        self.begin_artifact(kind)
        try:
            yield
        finally:
            self.end_artifact()

    @contextmanager
    def labelled(self, label: Node, node: Node) -> Iterator[None]:
        """Draw a paragraph with a bullet: reportlab draws the bullet as a text object of its
        own before the words, so that text object is `label`, and what follows is `node`."""
        if self.artifacts:
            yield
            return
        with self._interrupting():
            self.pending_label = (label, node)
            try:
                yield
            finally:
                self.pending_label = None

    def draw_text(self, textobject, draw: Callable[[], None]) -> None:
        """Draw a text object (through `draw`): as a pending label if there is one, and with
        its spans (links, icons) marked on their own if it has any."""
        if self.pending_label is not None:
            label, node = self.pending_label
            self.pending_label = None
            if label is ORNAMENT:
                with self.artifact():
                    draw()
            else:
                self._open(label)
                draw()
                self._close()
            self._open(node)
            return
        spans = self.spans.pop(id(textobject), [])
        outer = self.open
        carried = self.carried.pop(outer, None) if outer is not None else None
        if outer is None or not (spans or carried):
            draw()
            self.links_in_text.clear()
            return
        self._close()  # (a sequence begun outside the text object may not end inside it)
        code = text_code(textobject)
        # (code[0] is the text object's BT)
        cuts: list[tuple[int, Node | None]] = [(1, carried), *spans]
        ends = [start for start, _ in cuts[1:]] + [len(code)]
        marked = [code[0]]
        for (start, inline), end in zip(cuts, ends, strict=True):
            marked += self._inline(outer, inline, code[start:end])
        set_text_code(textobject, marked)
        draw()
        last = cuts[-1][1]
        if last is not None and last is not ORNAMENT:  # the link goes on in the paragraph's next part
            self.carried[outer] = last
        self.links_in_text.clear()
        self._open(outer)

    def span(self, textobject, label: str) -> None:
        """A span begins or ends at this point of `textobject` (a paragraph's markup said so)."""
        if self.artifacts or self.open is None:
            return
        kind, _, rest = label.partition(" ")
        node: Node | None = None
        if kind == DECORATION:
            node = ORNAMENT
        elif kind == NAMED:  # marks that stand for words (a chapter's theme icons): a Span read as the words
            node = Node("Span", alt=rest)
        elif kind in (LINK, NOTE):
            number, _, target = rest.partition(" ") if kind == NOTE else ("", "", rest)
            node = Node("Link", alt=f"note {number}" if kind == NOTE else None)
            self.links_in_text.append(node)
            self.targets[node] = target
            self.link_shift[node] = stretch_so_far(textobject)
        self.spans.setdefault(id(textobject), []).append((len(text_code(textobject)), node))

    def _inline(self, outer: Node, node: Node | None, code: list[str]) -> list[str]:
        """One span's operators, marked as its element's (or as decoration)."""
        if not any(SHOWS_TEXT.search(operator) for operator in code):
            return code  # (nothing painted: no sequence needed)
        if node is ORNAMENT:
            return [f"/Artifact <</Type /{LAYOUT[0]}>> BDC", *code, "EMC"]
        if node is not None and node not in self._placed:
            self._placed.add(node)
            self.kids[outer].append(node)  # the link, at its place among the paragraph's words
        return [self._mark(node or outer), *code, "EMC"]

    def begin_part(self, decoration: bool, kind: tuple[str, str | None] = LAYOUT) -> None:
        """A table's row or cell begins; it is drawn as an artifact of `kind` if `decoration`."""
        self.cell_artifacts.append(decoration)
        if decoration:
            self.begin_artifact(kind)

    def end_part(self) -> None:
        if self.cell_artifacts.pop():
            self.end_artifact()

    def drawn(self, node: Node) -> bool:
        """Whether `node` has marks already (a table's header row repeated on a later page)."""
        return bool(self.kids.get(node))

    @contextmanager
    def _interrupting(self) -> Iterator[None]:
        """Close the open sequence (marked content may not nest) and reopen it, with a new
        number, once what is drawn meanwhile has been marked."""
        outer = self._close()
        try:
            yield
        finally:
            self._close()
            if outer is not None:
                self._open(outer)

    def _open(self, node: Node) -> None:
        self.canvas.addLiteral(self._mark(node))
        self.open, self.open_at = node, page_code_length(self.canvas)

    def _mark(self, node: Node) -> str:
        """A new marked-content number for `node`; returns the operator that begins it."""
        mcid = len(self.marks)
        self.marks.append(node)
        self.kids[node].append(Marked(self.canvas.getPageNumber() - 1, mcid))
        return f"/{node.role} <</MCID {mcid}>> BDC"

    def _close(self) -> Node | None:
        node = self.open
        if node is None:
            return None
        if not any(PAINTS.search(code) for code in page_code_since(self.canvas, self.open_at)):
            drop_code(self.canvas, self.open_at - 1)  # nothing painted: no sequence (what is there stays)
            self.marks.pop()
            self.kids[node].pop()
        else:
            self.canvas.addLiteral("EMC")
        self.open = None
        return node

    # --- pages and links ---------------------------------------------------------------

    def end_page(self) -> int:
        """The page's key in the ParentTree; its marks are complete."""
        if self.open is not None or self.artifacts:
            raise RuntimeError("a page ended inside marked content")
        self.keys.append(self.marks)
        self.marks = []
        return len(self.keys) - 1

    def link(self, annotation: PDFObjectReference, description: str, target: str) -> int:
        """The Link element for a link's annotation; returns the annotation's key in the
        ParentTree. A link in a paragraph's text has its element already, holding its words;
        any other is a Link inside the element being drawn, with `description` for its words."""
        page = self.canvas.getPageNumber() - 1
        node = self._link_in_text(target)
        if node is None:
            node = Node("Link", alt=description)
            self.kids[self.open or self.root].append(node)
        self.kids[node].append(Annotated(page, annotation))
        self.keys.append(node)
        return len(self.keys) - 1

    def link_area(self, target: str, rect):
        """The clickable area of a link in the text: reportlab places the first one (on the line
        where the link begins) without the justification's added space; moved by that."""
        node = self._link_in_text(target)
        shift = self.link_shift.pop(node, 0.0) if node is not None else 0.0
        if not shift or rect is None:
            return rect
        x1, y1, x2, y2 = rect
        return (min(x1 + shift, x2), y1, x2, y2)

    def _link_in_text(self, target: str) -> Node | None:
        """The latest link to `target` in the paragraph being drawn (reportlab makes a link's
        annotations line by line, after the line's words)."""
        carried = self.carried.get(self.open) if self.open is not None else None
        candidates = [carried, *self.links_in_text] if carried else self.links_in_text
        return next((node for node in reversed(candidates) if self.targets[node] == target), None)

    def form(self, annotation: PDFObjectReference, node: Node) -> int:
        """A form field's widget, in its `Form` element; returns its key in the ParentTree."""
        self.kids[node].append(Annotated(self.canvas.getPageNumber() - 1, annotation))
        self.keys.append(node)
        return len(self.keys) - 1

    # --- writing the tree ----------------------------------------------------------------

    def tree(self) -> PDFObjectReference:
        """Register the structure tree with the canvas's document; returns its root."""
        writer = _TreeWriter(self)
        top = writer.element(self.root, PDFObjectReference("StructTreeRoot"))
        nums = []
        for key, value in enumerate(self.keys):
            marks = PDFArray([writer.refs[node] for node in value]) if isinstance(value, list) else writer.refs[value]
            nums += [key, marks]
        return register_object(self.canvas, PDFDictionary({
            "Type": PDFName("StructTreeRoot"), "K": PDFArray([top]),
            "ParentTree": PDFDictionary({"Nums": PDFArray(nums)}), "ParentTreeNextKey": len(self.keys),
        }), "StructTreeRoot")


class _TreeWriter:
    def __init__(self, tagger: Tagger):
        self.tagger = tagger
        self.refs: dict[Node, PDFObjectReference] = {}
        self.count = 0

    def element(self, node: Node, parent: PDFObjectReference) -> PDFObjectReference | None:
        """The element and its descendants; None for one that nothing was drawn for."""
        self.count += 1
        name = f"StructElem{self.count}"
        ref = PDFObjectReference(name)
        # (a link's annotation is made before its words are drawn; a reader meets the words first)
        drawn = sorted(self.tagger.kids.get(node, ()), key=lambda kid: isinstance(kid, Annotated))
        # marks on the element's own page are bare numbers; only those beyond it name their page
        page = next((kid.page for kid in drawn if isinstance(kid, Marked)), None)
        kids = [self._kid(kid, ref, page) for kid in drawn]
        kids += [child for child in (self.element(child, ref) for child in node.children) if child is not None]
        if not kids and not node.keep_empty:
            return None
        entries = {"Type": PDFName("StructElem"), "S": PDFName(node.role), "P": parent}
        if page is not None:
            entries["Pg"] = _page(page)
        if kids:
            entries["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
        if node.alt:
            entries["Alt"] = PDFString(node.alt)
        if node.actual_text:  # the words as they are read, where the page shows them otherwise (in capitals)
            entries["ActualText"] = PDFString(node.actual_text)
        if node.ident:
            entries["ID"] = PDFString(node.ident)
        if node.attributes:  # e.g. a header cell's scope: {"O": "Table", "Scope": "Column"}
            entries["A"] = PDFDictionary({key: PDFString(value) if key in TEXT_ATTRIBUTES else PDFName(value)
                                          for key, value in node.attributes.items()})
        self.refs[node] = register_object(self.tagger.canvas, PDFDictionary(entries), name)
        return self.refs[node]

    def _kid(self, kid, parent: PDFObjectReference, page: int | None):
        if isinstance(kid, Marked):
            if kid.page == page:
                return kid.mcid
            return PDFDictionary({"Type": PDFName("MCR"), "Pg": _page(kid.page), "MCID": kid.mcid})
        if isinstance(kid, Annotated):
            return PDFDictionary({"Type": PDFName("OBJR"), "Pg": _page(kid.page), "Obj": kid.annotation})
        return self.element(kid, parent)


def _page(index: int) -> PDFObjectReference:
    return PDFObjectReference(f"Page{index + 1}")  # reportlab's name for each page it adds


# --- helpers for flowables: a canvas outside a layout session (measuring, tests) draws untagged ---

def tagger_of(canvas) -> Tagger | None:
    session = session_of(canvas)
    return session.tagger if session else None


def marked(canvas, node: Node | None) -> AbstractContextManager:
    tagger = tagger_of(canvas)
    return tagger.marked(node) if tagger else nullcontext()


def labelled(canvas, label: Node | None, node: Node | None) -> AbstractContextManager:
    tagger = tagger_of(canvas)
    if tagger is None or label is None or node is None:
        return marked(canvas, node)
    return tagger.labelled(label, node)


def span(canvas, kind: str, label: str) -> None:
    """The `<onDraw name="span">` callback (reportlab calls it with the canvas, its kind and its label)."""
    tagger = tagger_of(canvas)
    if tagger is not None:
        tagger.span(text_being_drawn(canvas), label)


def ready_for_spans(canvas) -> None:
    """Let any canvas draw the guide's paragraphs: reportlab stops at a callback it does not know,
    and on a canvas that tags nothing (a measuring one, a benchmark's) the spans do nothing."""
    if canvas.getNamedCB(SPAN) is None:
        canvas.setNamedCB(SPAN, span)


@contextmanager
def underlines_as_decoration(canvas) -> Iterator[None]:
    """While a paragraph draws: the lines it draws are underlines (of links), so decoration."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    tagger.lines_decorate = True
    try:
        yield
    finally:
        tagger.lines_decorate = False


def artifact(canvas, kind: tuple[str, str | None] = LAYOUT) -> AbstractContextManager:
    tagger = tagger_of(canvas)
    return tagger.artifact(kind) if tagger else nullcontext()
