"""Reading a tagged PDF for the tests: each page's marked content (with the text shown in it,
decoded through the fonts' /ToUnicode maps) and the structure tree in reading order, with
pikepdf. Nothing here judges; the accessibility tests do."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pikepdf

TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
PAINTING = TEXT_SHOWING | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "INLINE IMAGE"}
READ_IN_OWN_ORDER = frozenset({"L", "Table"})  # may be set in columns, painted across but read down

# --- reading the page content -----------------------------------------------------------------------


class Decoder:
    """Turns the bytes a font shows into text through its /ToUnicode map (one or two bytes a code)."""

    def __init__(self, font: pikepdf.Dictionary):
        self.width = 2 if font.get("/Subtype") == "/Type0" else 1
        self.map: dict[int, str] = {}
        cmap = font.get("/ToUnicode")
        if isinstance(cmap, pikepdf.Stream):
            self._read(cmap.read_bytes().decode("latin-1"))

    def _read(self, cmap: str) -> None:
        for block in re.findall(r"begincodespacerange(.*?)endcodespacerange", cmap, re.S):
            if codes := re.findall(r"<([0-9A-Fa-f]+)>", block):
                self.width = len(codes[0]) // 2
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                self.map[int(source, 16)] = _utf16(target)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])",
                                                block):
                low, high = int(low, 16), int(high, 16)
                if target.startswith("["):
                    for offset, each in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", target)):
                        self.map[low + offset] = _utf16(each)
                else:
                    start, digits = int(target[1:-1], 16), len(target) - 2
                    for offset in range(high - low + 1):
                        self.map[low + offset] = _utf16(f"{start + offset:0{digits}X}")

    def __call__(self, shown: bytes) -> str:
        if not self.map:  # no /ToUnicode: the font test says so; read the bytes as WinAnsi meanwhile
            return shown.decode("cp1252", errors="replace")
        codes = (int.from_bytes(shown[i:i + self.width], "big") for i in range(0, len(shown), self.width))
        return "".join(self.map.get(code, "\ufffd") for code in codes)


def _utf16(digits: str) -> str:
    return bytes.fromhex(digits).decode("utf-16-be", errors="replace").replace("\x00", "")


@dataclass
class PageMarks:
    """What one page's content does: its MCIDs in the order they occur, the text shown inside each, the
    text shown inside artifacts, what it paints that is neither tagged nor artifact, and stream faults."""

    mcids: list[int] = field(default_factory=list)
    text: dict[int, str] = field(default_factory=lambda: defaultdict(str))
    artifact_text: str = ""
    unmarked: list[str] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    images: list[int | str | None] = field(default_factory=list)  # the owner of each image drawn (see _owner)


class ContentScanner:
    """Reads content streams with pikepdf, following marked-content depth into the form XObjects they draw."""

    def __init__(self):
        self.decoders: dict[tuple[int, int], Decoder] = {}

    def page(self, page: pikepdf.Page) -> PageMarks:
        marks = PageMarks()
        self._scan(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), marks, (), "", frozenset())
        return marks

    def _scan(self, stream, resources, marks: PageMarks, outer: tuple, where: str, forms: frozenset) -> None:
        """Scan one stream. `outer` is the marked content open where a form XObject is drawn (empty for
        the page itself): a form drawn outside marked content must mark its own content. `where` names
        the form ("" on the page itself)."""
        at = f"in {where}: " if where else ""
        fonts = resources.get("/Font", pikepdf.Dictionary())
        xobjects = resources.get("/XObject", pikepdf.Dictionary())
        stack: list[tuple[str, int | None]] = []  # (tag, MCID) of each open marked-content sequence
        decode = Decoder(pikepdf.Dictionary())
        for instruction in pikepdf.parse_content_stream(stream):
            op, operands = str(instruction.operator), list(instruction.operands)
            if op in ("BDC", "BMC"):
                stack.append((str(operands[0]), self._mcid(op, operands, resources)))
                if stack[-1][1] is None:
                    continue
                if forms:
                    marks.faults.append(f"{at}MCID {stack[-1][1]} inside a form XObject; this test cannot "
                                        "follow a form's own /StructParents (mark the Do on the page instead)")
                else:
                    marks.mcids.append(stack[-1][1])
                continue
            if op == "EMC":
                if not stack:
                    marks.faults.append(f"{at}EMC closes no marked-content sequence")
                stack = stack[:-1]
                continue
            if op == "Tf" and operands[0] in fonts:
                decode = self._decoder(fonts[operands[0]])
            open_marks = (*outer, *stack)
            owner = _owner(open_marks)
            shown = ""
            if op in TEXT_SHOWING:
                strings = operands[0] if op == "TJ" else [operands[-1]]
                shown = "".join(decode(bytes(item)) for item in strings if isinstance(item, pikepdf.String))
                if owner == "artifact":
                    marks.artifact_text += shown
                elif owner is not None:
                    marks.text[owner] += shown
            if op == "INLINE IMAGE":
                marks.images.append(owner)
            if op == "Do":
                xobject = xobjects.get(operands[0])
                if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Image":
                    marks.images.append(owner)
                if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                    if xobject.objgen in forms:
                        marks.faults.append(f"{at}form XObject {operands[0]} draws itself")
                    else:  # the form's own content decides, not the Do that draws it
                        self._scan(xobject, xobject.get("/Resources", resources), marks, open_marks,
                                   " > ".join(filter(None, (where, f"form XObject {operands[0]}"))),
                                   forms | {xobject.objgen})
                    continue
            if op in PAINTING and owner is None:
                name = "BI (inline image)" if op == "INLINE IMAGE" else op
                detail = f" {shown[:40]!r}" if shown else f" {operands[0]}" if op == "Do" else ""
                if open_marks:
                    tags = " ".join(tag for tag, _ in open_marks)
                    marks.unmarked.append(f"{at}{name}{detail} inside {tags} with no MCID and no /Artifact")
                else:
                    marks.unmarked.append(f"{at}{name}{detail} outside marked content")
        if stack:
            marks.faults.append(f"{at}{len(stack)} marked-content sequence(s) left open at the end of the stream")

    @staticmethod
    def _mcid(op: str, operands: list, resources) -> int | None:
        if op == "BMC":
            return None
        properties = operands[1]
        if isinstance(properties, pikepdf.Name):  # a named entry in the resources' /Properties
            properties = resources.get("/Properties", pikepdf.Dictionary()).get(properties)
        if isinstance(properties, pikepdf.Dictionary) and isinstance(properties.get("/MCID"), int):
            return int(properties.MCID)
        return None

    def _decoder(self, font: pikepdf.Dictionary) -> Decoder:
        if not font.is_indirect:
            return Decoder(font)
        return self.decoders.setdefault(font.objgen, Decoder(font))


def _owner(open_marks: tuple) -> int | str | None:
    """Who owns content drawn now: 'artifact', the innermost MCID, or None (neither)."""
    for tag, mcid in reversed(open_marks):
        if tag == "/Artifact":
            return "artifact"
        if mcid is not None:
            return mcid
    return None


# --- walking the structure tree -----------------------------------------------------------------------


@dataclass
class Element:
    """One structure element, with the content it references directly (not its descendants')."""

    role: str  # the standard role, after the RoleMap: "H1", "P", "Link"...
    obj: pikepdf.Dictionary
    path: str  # "Document > Sect #3 > P #2": where it is, for messages
    parent: pikepdf.Object | None
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    objrs: list[pikepdf.Object] = field(default_factory=list)  # the objects of its OBJR kids
    kids: list[Element | tuple[int, int]] = field(default_factory=list)  # elements and MCIDs, in order
    group: Element | None = None  # the outermost list or table it is part of, if any (see READ_IN_OWN_ORDER)


@dataclass(repr=False)
class Tagged:
    """A built PDF read for its tagging: every page's marks, the tree in order, and the ParentTree."""

    path: Path
    pdf: pikepdf.Pdf
    pages: list[PageMarks]
    root: pikepdf.Dictionary | None  # the StructTreeRoot
    top: list[Element]  # the root's kids
    elements: list[Element]  # every element, in reading (depth-first) order
    reading: list[tuple[int, int]]  # every (page index, MCID) the tree references, in reading order
    parent_tree: dict[int, pikepdf.Object]
    faults: list[str]  # what the walk could not make sense of

    def __repr__(self) -> str:
        return f"Tagged({self.name})"

    @property
    def name(self) -> str:
        """The file and the folder it was built in (which names the style), for messages."""
        return f"{self.path.parent.name}/{self.path.name}"

    def owners(self) -> dict[tuple[int, int], list[Element]]:
        """The elements that reference each (page index, MCID)."""
        found: dict[tuple[int, int], list[Element]] = defaultdict(list)
        for element in self.elements:
            for content in element.mcids:
                found[content].append(element)
        return found

    def text_of(self, element: Element) -> str:
        return "".join(self.pages[page].text.get(mcid, "") for page, mcid in content_of(element))

    def page_tree_text(self, index: int) -> str:
        return "".join(self.pages[page].text.get(mcid, "") for page, mcid in self.reading if page == index)

    def tree_text(self) -> str:
        return "".join(self.pages[page].text.get(mcid, "") for page, mcid in self.reading)

    def page_read_text(self, index: int) -> str:
        """What a screen reader reads of page `index`: the tree's text, except that an element
        with /ActualText or /Alt (a Figure, icons standing for words) is read as that instead."""
        out: list[str] = []

        def visit(element: Element) -> None:
            instead = element.obj.get("/ActualText", element.obj.get("/Alt"))
            if instead is not None:
                if any(page == index for page, _ in content_of(element)):
                    out.append(str(instead))
                return
            for kid in element.kids:
                if isinstance(kid, Element):
                    visit(kid)
                elif kid[0] == index:
                    out.append(self.pages[index].text.get(kid[1], ""))

        for element in self.top:
            visit(element)
        return "".join(out)


def content_of(element: Element) -> Iterator[tuple[int, int]]:
    for kid in element.kids:
        if isinstance(kid, Element):
            yield from content_of(kid)
        else:
            yield kid


@cache
def tagged(path: Path) -> Tagged:
    """Read a PDF's page content and walk its structure tree, once a session for each file."""
    pdf = pikepdf.open(path)
    scanner = ContentScanner()
    pages = [scanner.page(page) for page in pdf.pages]
    root = pdf.Root.get("/StructTreeRoot")
    doc = Tagged(path, pdf, pages, root if isinstance(root, pikepdf.Dictionary) else None, [], [], [], {}, [])
    if doc.root is None:
        return doc
    page_index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    role_map = doc.root.get("/RoleMap", pikepdf.Dictionary())
    seen: set[tuple[int, int]] = set()

    def standard(role: str) -> str:
        hops = 0
        while role in role_map and hops < 10:
            role, hops = str(role_map[role]), hops + 1
        return role.lstrip("/")

    def walk(obj, parent, path: str, page: int | None, group: Element | None = None) -> Element:
        element = Element(standard(str(obj.get("/S", "/?"))), obj, path, parent)
        element.group = group or (element if element.role in READ_IN_OWN_ORDER else None)
        if obj.is_indirect:
            if obj.objgen in seen:
                doc.faults.append(f"{path} appears twice in the tree")
                return element
            seen.add(obj.objgen)
        else:
            doc.faults.append(f"{path} is a direct object; structure elements must be indirect")
        if isinstance(obj.get("/Pg"), pikepdf.Dictionary):
            page = page_index.get(obj.Pg.objgen)
        doc.elements.append(element)
        kids = obj.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for kid in kids:
            if isinstance(kid, int) and not isinstance(kid, bool):
                content = (page, int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                if "/Stm" in kid:
                    doc.faults.append(f"{path}: an MCR into a form XObject, which this test cannot follow")
                    continue
                on = page_index.get(kid.Pg.objgen) if isinstance(kid.get("/Pg"), pikepdf.Dictionary) else page
                content = (on, int(kid.get("/MCID", -1)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                element.objrs.append(kid.get("/Obj"))
                continue
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                number = sum(isinstance(k, Element) for k in element.kids) + 1
                role = standard(str(kid.S))
                element.kids.append(walk(kid, obj, f"{path} > {role} #{number}", page, element.group))
                continue
            else:
                doc.faults.append(f"{path}: a kid that is no MCID, MCR, OBJR or structure element: {kid!r}")
                continue
            if content[0] is None:
                doc.faults.append(f"{path}: MCID {content[1]} with no /Pg to say which page it is on")
                continue
            element.mcids.append(content)
            element.kids.append(content)
            doc.reading.append(content)
        return element

    top = doc.root.get("/K")
    for number, kid in enumerate(list(top) if isinstance(top, pikepdf.Array) else [] if top is None else [top], 1):
        if isinstance(kid, pikepdf.Dictionary):
            doc.top.append(walk(kid, doc.root, f"{standard(str(kid.get('/S', '/?')))} #{number}", None))
    tree = doc.root.get("/ParentTree")
    if isinstance(tree, pikepdf.Dictionary):
        doc.parent_tree = number_tree(tree, doc.faults)
    return doc


def number_tree(node: pikepdf.Dictionary, faults: list[str], depth: int = 0) -> dict[int, pikepdf.Object]:
    found: dict[int, pikepdf.Object] = {}
    if depth > 32:
        faults.append("the ParentTree is nested more than 32 deep (a loop?)")
        return found
    nums = list(node.get("/Nums", []))
    if len(nums) % 2 or not all(isinstance(key, int) for key in nums[::2]):
        faults.append("a ParentTree /Nums array is not pairs of an integer key and a value")
        return found
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        if key in found:
            faults.append(f"the ParentTree has key {key} twice")
        found[key] = value
    for kid in node.get("/Kids", []):
        found.update(number_tree(kid, faults, depth + 1))
    return found


def flat(text: str) -> str:
    """Text with spacing, hyphens and leader dots taken out, so differently broken lines compare equal."""
    return re.sub(r"\.{3,}", "", re.sub(r"[\s\-\u00ad]+", "", text))


def problems_report(problems: list[str], limit: int = 20) -> str:
    more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:limit]) + more


def describe(doc: Tagged, element: Element) -> str:
    pages = sorted({page + 1 for page, _ in content_of(element)})
    text = doc.text_of(element).strip()
    on = f" on page {pages[0]}" if len(pages) == 1 else f" on pages {pages[0]}-{pages[-1]}" if pages else ""
    return f"{element.path}{on}" + (f" ({text[:50]!r})" if text else "")
