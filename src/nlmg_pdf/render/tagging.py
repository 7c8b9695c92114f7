"""The PDF's structure tree, which screen readers and accessibility checkers read: what
each mark on a page is (a heading, a paragraph, a list item, a table cell), in reading
order, and which marks are only decoration.

The renderer gives each flowable a `Node`, made in reading order. As flowables draw, the
canvas's `Tagger` wraps their marks in numbered marked-content sequences and notes the
node each number belongs to; decoration is wrapped as an artifact instead. On saving, the
tagger writes the tree and the map from page marks back to nodes (the ParentTree).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFString

from .reportlab_compat import drop_last_code, page_code_length, register_object
from .session import session_of

# Artifact kinds: page furniture repeats on every page, layout marks only decorate.
HEADER, FOOTER, LAYOUT = ("Pagination", "Header"), ("Pagination", "Footer"), ("Layout", None)


class Node:
    """One structure element. Its children are kept in the order the renderer made them,
    which is reading order; the marks drawn for it are noted by the tagger of each pass."""

    __slots__ = ("role", "parent", "children", "alt", "attributes", "ident", "keep_empty")

    def __init__(self, role: str, parent: Node | None = None, *, alt: str | None = None,
                 attributes: dict[str, str] | None = None, ident: str | None = None, keep_empty: bool = False):
        self.role, self.parent = role, parent
        self.children: list[Node] = []
        self.alt, self.attributes, self.ident, self.keep_empty = alt, attributes, ident, keep_empty
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

    def draw_text(self, draw: Callable[[], None]) -> None:
        """Draw a text object (through `draw`), as a pending label if there is one."""
        if self.pending_label is None:
            draw()
            return
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
        mcid = len(self.marks)
        self.marks.append(node)
        self.kids[node].append(Marked(self.canvas.getPageNumber() - 1, mcid))
        self.canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        self.open, self.open_at = node, page_code_length(self.canvas)

    def _close(self) -> Node | None:
        node = self.open
        if node is None:
            return None
        if page_code_length(self.canvas) == self.open_at:  # nothing drawn: drop the empty sequence
            drop_last_code(self.canvas)
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

    def link(self, annotation: PDFObjectReference, description: str) -> int:
        """A Link element for a link's annotation, inside the element being drawn; returns
        the annotation's key in the ParentTree. (The link's words stay in the element being
        drawn, so the Link carries `description` as its alternative text.)"""
        parent = self.open or self.root
        node = Node("Link", alt=description)
        self.kids[parent].append(node)
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
        drawn = self.tagger.kids.get(node, ())
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
        if node.ident:
            entries["ID"] = PDFString(node.ident)
        if node.attributes:  # e.g. a header cell's scope: {"O": "Table", "Scope": "Column"}
            entries["A"] = PDFDictionary({key: PDFName(value) for key, value in node.attributes.items()})
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


def artifact(canvas, kind: tuple[str, str | None] = LAYOUT) -> AbstractContextManager:
    tagger = tagger_of(canvas)
    return tagger.artifact(kind) if tagger else nullcontext()
