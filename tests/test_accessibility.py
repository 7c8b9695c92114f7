"""The PDFs are tagged for assistive technology, PDF/UA-1 style: a structure tree that owns every mark
on every page in reading order, furniture marked as artifacts, and the document-level promises.

The tree and the page content are walked here with pikepdf (reading helpers in tagged_pdf.py). On
top of that, qpdf's checks (through pikepdf; also `qpdf --check` and poppler's `pdfinfo` where those
system tools are installed) and two young PyPI checkers run as smoke tests; none is proof on its own:

- pdfua 0.1.3 (`pdfua check FILE`, or `pdfua.validate(path)` -> Report) has 12 checks covering 16 of the
  106 machine-checkable PDF/UA-1 rules: a structure tree (UA-01-005), MarkInfo /Marked (UA-01-002), text
  and XObjects inside marked content (UA-01-003), catalog /Lang (UA-06-001), Figure /Alt (UA-13-004),
  table headers with /Scope or /Headers (UA-15-003), /Contents on links and other annotations
  (UA-18-005, UA-18-001), no empty headings (UA-14-001), a title (UA-07-001), DisplayDocTitle
  (UA-07-002) and pdfuaid in the XMP (UA-28-004). Here any finding of any severity fails; a rule that
  could not run (a checker bug: see test_pdfua_finds_nothing) is passed on as a pytest warning.
- outloud 0.2.1 (`outloud FILE`, exit 1 on errors, or `outloud.check(path)` -> Result) has 91 rules,
  "conformance" ones calibrated against veraPDF and "semantic" ones of its own: DOC (MarkInfo, tree,
  title, DisplayDocTitle, pdfuaid, /Lang, Info and XMP titles agree), TAG (content neither tagged nor
  artifact, real text as artifact, words no element announces, MCIDs owned twice, role map), TXT (fonts
  embedded, Unicode mapping, .notdef, form XObject text), HDG (skipped levels, first is H1), TBL
  (headers, scope, regular shape), LST, FIG (alt text), LNK (links inside Link elements, /Contents,
  /Tabs /S), PAG (running heads tagged as content), ORD (paint order against tag order), NOTE and NAV
  (bookmarks). Here its errors fail, in every style, except one guess shown to be wrong (TAG-002 on a
  running head: see _running_head_taken_for_prose); its warnings, several of them guesses (TBL-014
  takes the boxed character profiles for untagged tables; ORD-001 counts a key read down its columns
  as out of order), and any rule that crashed are passed on as pytest warnings.
"""
from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import warnings
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import outloud
import page as page_validation
import pdfua
import pikepdf
import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from conftest import CONTENT, EDITIONS, PAPERS, STYLES, BuiltPdf, run_tool
from nlmg_pdf.model import ICONS, Edition
from tagged_pdf import Element, Tagged, content_of, describe, flat, problems_report, tagged

MANIFEST = yaml.safe_load((CONTENT / "guide.yaml").read_text(encoding="utf-8"))

HEADING = re.compile(r"H([1-6])")
ORNAMENTS = frozenset(ICONS.values())
FIGURE_ALT = "A map of Norfolk"  # the words the figure build gives its image


# --- the checks: each returns what is wrong, so a test can assert there is nothing --------------------


def link_problems(doc: Tagged) -> list[str]:
    """Every Link element holds the words shown where its annotations are: a screen reader on a
    link reads what a sighted reader clicks (with no description read instead of the words,
    except 'note N' on a footnote's marker). Words are placed by poppler (`pdftotext -bbox`)."""
    in_tree = {element.obj.objgen: element for element in doc.elements}
    boxes = word_boxes(doc.path)
    touched: dict[tuple[int, int], list[str]] = defaultdict(list)  # a Link -> the words its areas touch
    inside: dict[tuple[int, int], list[str]] = defaultdict(list)  # and those wholly inside them
    links: dict[tuple[int, int], int] = {}
    for index, page in enumerate(doc.pdf.pages):
        height = float(page.mediabox[3])
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link" or "/StructParent" not in annotation:
                continue
            owner = doc.parent_tree.get(int(annotation.StructParent))
            if not isinstance(owner, pikepdf.Dictionary):
                continue
            left, bottom, right, top = (float(value) for value in annotation.Rect)
            top, bottom = height - top, height - bottom  # (poppler measures from the top)
            for word, (x0, y0, x1, y1) in boxes[index]:
                # (lines set close, as in a long contents, let an area reach into the line above)
                if x0 < right and x1 > left and top <= (y0 + y1) / 2 <= bottom:
                    touched[owner.objgen].append(word)
                    if x0 >= left - 1 and x1 <= right + 1:
                        inside[owner.objgen].append(word)
            links.setdefault(owner.objgen, index + 1)
    problems = []
    for objgen, number in links.items():
        element = in_tree.get(objgen)
        held = _letters(doc.text_of(element)) if element else ""
        if not held:
            problems.append(f"page {number}: a Link element holds no words (its area shows "
                            f"{' '.join(touched[objgen])!r})")
        elif held not in _letters(" ".join(touched[objgen])) or _letters(" ".join(inside[objgen])) not in held:
            problems.append(f"page {number}: a Link element holds {held!r}, but its area shows "
                            f"{' '.join(touched[objgen])!r}")
        alt = str(element.obj.get("/Alt", "")) if element else ""
        if alt and not re.fullmatch(r"note \d+", alt):
            problems.append(f"page {number}: the Link holding {held!r} has /Alt {alt!r}, read instead of its words")
    return problems


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.replace("\u00ad", ""))


@cache
def word_boxes(path: Path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Each page's words with their boxes (left, top, right, bottom, from the page's top), by poppler."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed (.ci/run installs poppler-utils)")
    shown = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"], capture_output=True, check=True,
                           text=True, encoding="utf-8", errors="replace").stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", shown, re.S):
        pages.append([(html.unescape(word), (float(x0), float(y0), float(x1), float(y1)))
                      for x0, y0, x1, y1, word in re.findall(
                          r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)])
    return pages


def broken_word_problems(lines: list[str], tree_text: str, number: int) -> list[str]:
    """A word the page breaks at a line end with a hyphen is one word in the tree's text (the
    break hyphen is a soft hyphen, which a reader leaves out), never 'con-text'."""
    read = tree_text.replace("\u00ad", "")
    problems = []
    for line, after in zip(lines, lines[1:], strict=False):
        ending, following = line.rstrip().split()[-1:], after.split()[:1]
        if not (ending and following) or not ending[0].endswith(("-", "\u00ad")) or len(ending[0]) < 3:
            continue
        head, tail = ending[0][:-1], following[0]
        if f"{head}-{tail}" in read:
            problems.append(f"page {number}: the tree reads {head}-{tail!r}, a word broken at a line end, "
                            "with its break hyphen")
        elif f"{head}{tail}" not in read:
            problems.append(f"page {number}: the tree does not read {head + tail!r}, the word broken at a line end")
    return problems


def page_break_problems(parts: list[tuple[int, str]], where: str) -> list[str]:
    """An element's text, in (page index, text) pieces in reading order, reads across a page
    break with a space between the page's last word and the next page's first, never 'themone'."""
    problems = []
    for (page, before), (after_page, after) in zip(parts, parts[1:], strict=False):
        if after_page != page and before.strip() and after.strip() and not before[-1:].isspace() \
                and not after[:1].isspace():
            problems.append(f"{where}: {before.split()[-1]!r} on page {page + 1} runs into {after.split()[0]!r} "
                            f"on page {after_page + 1}")
    return problems


def ornament_problems(pages: list[str]) -> list[str]:
    """No theme icon or other decoration is in the text the tree reads on each page."""
    return [f"page {index + 1}: the tree reads the icon {char!r}" for index, text in enumerate(pages)
            for char in sorted(set(text) & ORNAMENTS)]


def mcid_problems(doc: Tagged) -> list[str]:
    """Every MCID on every page is referenced from exactly one element's /K and from the ParentTree, and
    every ParentTree entry names an element that really references that MCID on that page."""
    if doc.root is None:
        return ["the catalog has no /StructTreeRoot: the file is not tagged"]
    problems = list(doc.faults)
    if not any(marks.mcids for marks in doc.pages):
        problems.append("no page has any marked content with an MCID: the tree owns nothing")
    owners = doc.owners()
    reached = {element.obj.objgen for element in doc.elements}
    keys: Counter[int] = Counter()
    for index, (page, marks) in enumerate(zip(doc.pdf.pages, doc.pages, strict=True)):
        number = index + 1
        problems += [f"page {number}: {fault}" for fault in marks.faults]
        for mcid, count in Counter(marks.mcids).items():
            if count > 1:
                problems.append(f"page {number}: MCID {mcid} marks {count} sequences; each needs its own")
        key = page.obj.get("/StructParents")
        entries = None
        if key is None:
            if marks.mcids:
                problems.append(f"page {number}: has MCIDs but no /StructParents")
        else:
            keys[int(key)] += 1
            entries = doc.parent_tree.get(int(key))
            if not isinstance(entries, pikepdf.Array):
                problems.append(f"page {number}: /StructParents {int(key)} has no array in the ParentTree")
                entries = None
        for mcid in sorted(set(marks.mcids)):
            found = owners.get((index, mcid), [])
            if len(found) != 1:
                who = ", ".join(element.path for element in found) or "no structure element"
                problems.append(f"page {number}: MCID {mcid} is referenced by {who}; expected exactly one")
            if entries is None:
                continue
            entry = entries[mcid] if mcid < len(entries) else None
            if not isinstance(entry, pikepdf.Dictionary):
                problems.append(f"page {number}: MCID {mcid} has no element in the ParentTree")
            elif entry.objgen not in reached:
                problems.append(f"page {number}: the ParentTree gives MCID {mcid} to a {entry.get('/S')} that is "
                                "not in the tree")
            elif not any(element.obj.objgen == entry.objgen for element in found):
                problems.append(f"page {number}: the ParentTree gives MCID {mcid} to a {entry.get('/S')} whose /K "
                                "does not reference it on this page")
        for mcid, entry in enumerate(entries or []):
            if isinstance(entry, pikepdf.Dictionary) and mcid not in marks.mcids:
                problems.append(f"page {number}: the ParentTree has an entry for MCID {mcid}, which the page "
                                "does not have")
    for (index, mcid), found in owners.items():
        if mcid not in doc.pages[index].mcids:
            for element in found:
                problems.append(f"{element.path} references MCID {mcid} on page {index + 1}, which that page "
                                "does not have")
    for page in doc.pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                keys[int(annotation.StructParent)] += 1
    problems += [f"ParentTree key {key} is used by {count} pages or annotations" for key, count in keys.items()
                 if count > 1]
    next_key = doc.root.get("/ParentTreeNextKey")
    if next_key is not None and doc.parent_tree and int(next_key) <= max(doc.parent_tree):
        problems.append(f"/ParentTreeNextKey {int(next_key)} is not above the largest key {max(doc.parent_tree)}")
    return problems


def painting_problems(doc: Tagged) -> list[str]:
    """Nothing is painted outside marked content (tagged with an MCID, or an artifact)."""
    problems = []
    for number, marks in enumerate(doc.pages, 1):
        problems += [f"page {number}: {fault}" for fault in marks.faults]
        if marks.unmarked:
            shown = "; ".join(marks.unmarked[:3]) + (f"; +{len(marks.unmarked) - 3} more" if len(marks.unmarked) > 3
                                                     else "")
            problems.append(f"page {number}: {len(marks.unmarked)} painting operator(s) neither tagged nor "
                            f"artifact: {shown}")
    return problems


def heading_problems(doc: Tagged) -> list[str]:
    """Headings in tree order start at H1, never go more than one level deeper than the one before, and
    are not empty."""
    headings = [element for element in doc.elements if HEADING.fullmatch(element.role) or element.role == "H"]
    if not headings:
        return ["the tree has no headings (H1-H6)"]
    problems, previous = [], 0
    for element in headings:
        if element.role == "H":
            problems.append(f"{describe(doc, element)}: an unnumbered /H; the guide's headings are H1-H6")
            continue
        level = int(element.role[1])
        if not doc.text_of(element).strip():
            problems.append(f"{describe(doc, element)}: an empty {element.role}")
        if previous == 0 and level != 1:
            problems.append(f"{describe(doc, element)}: the first heading is {element.role}, expected H1")
        elif level > previous + 1:
            problems.append(f"{describe(doc, element)}: {element.role} follows H{previous}, skipping a level")
        previous = level
    return problems


class PageReading:
    """A page's tagged text in tree order, flattened, and which list or table each stretch of it is in."""

    def __init__(self, doc: Tagged, owners: dict[tuple[int, int], list[Element]], index: int):
        self.text, self.ends, self.groups = "", [], []
        for page, mcid in doc.reading:
            if page == index:
                self.text += flat(doc.pages[index].text.get(mcid, ""))
                self.ends.append(len(self.text))  # where this MCID's text ends
                self.groups.append(owners[page, mcid][0].group)

    def group_at(self, offset: int) -> Element | None:
        if not self.groups:
            return None
        return self.groups[min(bisect_right(self.ends, offset), len(self.groups) - 1)]


def occurrences(text: str, wanted: str) -> list[int]:
    """Where `wanted` starts in `text`, each time."""
    return [match.start() for match in re.finditer(f"(?={re.escape(wanted)})", text)]


def text_problems(doc: Tagged, pdf: BuiltPdf, only: int | None = None) -> list[str]:
    """The text the tree reads, in its order, is the text the pages show, apart from running heads and
    footers (and table header rows repeated on later pages), which are artifacts.

    Compared line by line as pypdf extracts each page (in painting order): every line must occur in the
    text of the page's tagged content, and after the line before it, except inside one list or table,
    which may be set in columns and read down them (lines under eight characters are only looked for, as
    they match too easily). A line missing from the tree must be inside an artifact, and be either page
    furniture or text the tree reads elsewhere (a repeated header row, a running head naming a section).
    `only` limits the comparison to one page (an index)."""
    if doc.root is None:
        return ["the catalog has no /StructTreeRoot: the file is not tagged"]
    furniture = re.compile(rf"(Page\s*[ivxlcdm\d]+(\s*of)?\s*\d*|\d+|{re.escape(flat(MANIFEST['title']))}·.*)", re.I)
    everything = flat(doc.tree_text())
    if not everything:
        return ["the tree's content has no text at all"]
    owners, problems = doc.owners(), []
    for index, shown_text in enumerate(pdf.extracted):  # what pypdf extracts from each page (cached)
        if only is not None and index != only:
            continue
        number, artifacts = index + 1, flat(doc.pages[index].artifact_text)
        reading = PageReading(doc, owners, index)
        tagged_here, group_at = reading.text, reading.group_at
        cursor = 0
        for line in shown_text.splitlines():
            wanted, shown = flat(line), line.strip()[:60]
            # a theme's icon (before a heading, or before a theme's name in a line): decoration, an artifact
            wanted = "".join(char for char in wanted if char not in ORNAMENTS or char not in artifacts)
            if not wanted:
                continue
            furniture_here = wanted in artifacts and (furniture.fullmatch(wanted) or wanted in everything
                                                      or continued_title(wanted, everything))
            at = tagged_here.find(wanted, cursor if len(wanted) >= 8 else 0)
            if furniture_here and at > cursor:
                # (a header row repeated at the top, whose words a later table's own header shares:
                # reading on from that one would skip the rows between)
                continue
            if at >= 0:
                cursor = at + len(wanted) if len(wanted) >= 8 else cursor
            elif furniture_here:
                continue  # a running head or footer, or a header row repeated: the tree reads it elsewhere
            elif (at := tagged_here.find(wanted)) >= 0:
                # read down a column of the list or table being read (the same words may also be
                # printed elsewhere on the page, as an answer is beside the item and in the key)
                here = group_at(max(cursor - 1, 0))
                places = [at for at in occurrences(tagged_here, wanted) if group_at(at) is not None]
                if not any(group_at(at) is here for at in places):
                    problems.append(f"page {number}: {shown!r} comes earlier in the tree than on the page")
            elif wanted in artifacts:
                problems.append(f"page {number}: {shown!r} is an artifact, but it is no running head or footer "
                                "and the tree reads it nowhere else")
            else:
                problems.append(f"page {number}: {shown!r} is shown but neither tagged nor an artifact")
    return problems


CONTINUED = flat(" (continued)")


def continued_title(wanted: str, everything: str) -> bool:
    """A box's title drawn again where the box goes on, saying so: "WHY IT MATTERS (CONTINUED)",
    whose title the tree reads where the box begins."""
    return wanted.lower().endswith(CONTINUED) and wanted[:-len(CONTINUED)] in everything


def furniture_problems(doc: Tagged, reader: PdfReader, edition: str) -> list[str]:
    """Running heads and footers ("Page 3 of 51", "Never Let Me Go · Teacher edition") are artifacts."""
    if doc.root is None:
        return ["the catalog has no /StructTreeRoot: the file is not tagged"]
    labels, problems = reader.page_labels, []
    footer_right = flat(f"{MANIFEST['title']} \u00b7 {edition.capitalize()} edition")
    for index in range(1, len(reader.pages)):  # the cover has no footer
        label = labels[index]
        footer = flat(f"Page {label} of" if label.isdigit() else f"Page {label}")
        tagged_here, artifacts = flat(doc.page_tree_text(index)), flat(doc.pages[index].artifact_text)
        for part in (footer, footer_right):
            if part in tagged_here:
                problems.append(f"page {index + 1}: the footer's {part!r} is read as content")
            if part not in artifacts:
                problems.append(f"page {index + 1}: the footer's {part!r} is not in an artifact")
    if re.search(r"Page\s*\d+\s*of", doc.tree_text()):
        problems.append("the tree reads a 'Page N of' footer")
    return problems


# --- builds -----------------------------------------------------------------------------------------------


@pytest.fixture(params=[pytest.param((name, edition), marks=() if name == "default" else pytest.mark.slow)
                        for name in STYLES for edition in EDITIONS],
                ids=lambda pair: f"{pair[0]}-{pair[1]}")
def every_style(request, pdfs) -> Tagged:
    """Each edition in each style, on letter paper (the style's own), from the shared build cache."""
    name, edition = request.param
    if name != "default":
        pdfs.build((style, "letter") for style in STYLES)  # the other styles side by side
    return tagged(pdfs.path(edition, name))


@pytest.fixture(params=EDITIONS)
def edition(request) -> str:
    return request.param


@pytest.fixture
def doc(built, edition) -> Tagged:
    return tagged(built[edition].path)


@pytest.fixture(scope="session")
def with_figure(tmp_path_factory) -> Tagged:
    """The teacher edition of a copy of the content with an image in the glossary."""
    folder = tmp_path_factory.mktemp("figure")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    (content / "images").mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "steelblue").save(buffer, "PNG")
    (content / "images" / "map.png").write_bytes(buffer.getvalue())
    glossary = content / "sections" / "glossary.md"
    assert "@glossary" in glossary.read_text()
    glossary.write_text(glossary.read_text().replace(
        "@glossary", f'![{FIGURE_ALT}](images/map.png "Norfolk")\n\n@glossary', 1))
    result = run_tool("build", "--content", str(content), "--out", str(folder / "figure.pdf"))
    assert result.returncode == 0, result.stderr
    return tagged(folder / "figure.pdf")


# --- the tree against the pages, in every style -----------------------------------------------------


def test_every_mcid_is_owned_once_and_the_parent_tree_agrees(every_style):
    problems = mcid_problems(every_style)
    assert not problems, f"{every_style.name}: {problems_report(problems)}"


def test_nothing_is_painted_outside_marked_content(every_style):
    problems = painting_problems(every_style)
    assert not problems, f"{every_style.name}: {problems_report(problems)}"


def test_heading_levels_never_skip(every_style):
    problems = heading_problems(every_style)
    assert not problems, f"{every_style.name}: {problems_report(problems)}"


# --- the tree itself, both editions in the default style --------------------------------------------


REQUIRED_ROLES = ("Document", "H1", "P", "L", "LI", "Lbl", "LBody", "BlockQuote", "Table", "TR", "TH", "TD",
                  "TOC", "TOCI")


def test_the_tree_is_one_document_holding_the_guides_kinds_of_block(doc):
    if doc.root is None:
        pytest.fail(f"{doc.name}: the catalog has no /StructTreeRoot")
    problems = list(doc.faults)
    if [element.role for element in doc.top] != ["Document"]:
        problems.append(f"the StructTreeRoot's /K should be one Document element, not {[e.role for e in doc.top]}")
    roles = Counter(element.role for element in doc.elements)
    missing = [role for role in REQUIRED_ROLES if not roles[role]] + ([] if roles["Sect"] or roles["Div"]
                                                                      else ["Sect or Div"])
    if missing:
        problems.append(f"no element with role {', '.join(missing)} (found {dict(roles)})")
    problems += [f"{element.path}: a Document below the root" for element in doc.elements[1:]
                 if element.role == "Document"]
    problems += [f"{element.path}: its /P is not its parent" for element in doc.elements
                 if not (isinstance(element.obj.get("/P"), pikepdf.Dictionary) and element.parent is not None
                         and element.obj.P.objgen == element.parent.objgen)]
    assert not problems, f"{doc.name}: {problems_report(problems)}"


def test_every_section_title_opens_a_section_of_its_own(doc):
    """Each H1 (a section's title, the contents' too) is the first element of a Sect, so a
    reader moving by section meets every part of the guide the same way."""
    by_key = {element.obj.objgen: element for element in doc.elements}
    astray = []
    for element in doc.elements:
        if element.role != "H1":
            continue
        parent = by_key.get(element.parent.objgen) if element.parent is not None else None
        first = next((kid for kid in parent.kids if isinstance(kid, Element)), None) if parent else None
        if parent is None or parent.role != "Sect" or first is not element:
            astray.append(describe(doc, element))
    assert not astray, f"{doc.name}: H1 not opening a Sect: {problems_report(astray)}"


def test_table_header_cells_say_what_they_head(doc):
    headers = [element for element in doc.elements if element.role == "TH"]
    assert headers, f"{doc.name}: no TH elements"
    unscoped = []
    for element in headers:
        attributes = element.obj.get("/A")
        attributes = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
        if not any(isinstance(each, pikepdf.Dictionary) and each.get("/O") == "/Table"
                   and each.get("/Scope") in ("/Row", "/Column", "/Both") for each in attributes):
            unscoped.append(describe(doc, element))
    assert not unscoped, f"{doc.name}: TH without /A << /O /Table /Scope ... >>: {problems_report(unscoped)}"
    roles = {element.obj.objgen: element.role for element in doc.elements}
    astray = [describe(doc, element) for element in doc.elements
              if element.role in ("TH", "TD") and roles.get(element.parent.objgen) != "TR"]
    assert not astray, f"{doc.name}: table cells outside a TR: {problems_report(astray)}"


def test_tables_have_a_summary_and_row_headers_where_the_first_column_names_the_row(doc):
    tables = [element for element in doc.elements if element.role == "Table"]
    assert tables, f"{doc.name}: no tables"
    unsummarised = [describe(doc, table) for table in tables
                    if not str(pikepdf.Dictionary(table.obj.get("/A", {})).get("/Summary", "")).strip()]
    assert not unsummarised, f"{doc.name}: tables with no /Summary: {problems_report(unsummarised)}"
    glance = next(table for table in tables if "Narrator" in doc.text_of(table))  # Author, Setting, Narrator...
    rows = [kid for kid in glance.kids if isinstance(kid, Element) and kid.role == "TR"]
    firsts = [next(kid for kid in row.kids if isinstance(kid, Element)) for row in rows[1:]]
    assert [cell.role for cell in firsts] == ["TH"] * len(firsts), f"{doc.name}: the facts table's rows have no headers"
    assert all(pikepdf.Dictionary(cell.obj.A).get("/Scope") == "/Row" for cell in firsts)


def test_box_labels_set_in_capitals_are_read_in_their_own_case(doc):
    labels = [element for element in doc.elements if "/ActualText" in element.obj]
    assert labels, f"{doc.name}: no element carries /ActualText (the boxes' capital labels need it)"
    for element in labels:
        shown, read = flat(doc.text_of(element)), str(element.obj.ActualText)
        assert shown == flat(read.upper()) and read != read.upper(), (describe(doc, element), shown, read)


@pytest.mark.slow
def test_figures_have_alternative_text(built, with_figure):
    """The shipped guide has no images (its drawings are vector Figures), so a copy with one in the
    glossary is built to have an image's Figure, with its caption."""
    problems = mcid_problems(with_figure) + painting_problems(with_figure)
    owners = with_figure.owners()
    drawn = [(index, owner) for index, marks in enumerate(with_figure.pages) for owner in marks.images]
    if not drawn:
        problems.append("the image is not drawn")
    for index, owner in drawn:
        found = owners.get((index, owner), []) if isinstance(owner, int) else []
        if [element.role for element in found] != ["Figure"]:
            problems.append(f"page {index + 1}: the image is drawn in {owner!r}, not in a Figure's marked content")
        elif str(found[0].obj.get("/Alt", "")) != FIGURE_ALT:
            problems.append(f"{describe(with_figure, found[0])}: /Alt is {found[0].obj.get('/Alt')!r}, the content "
                            f"says {FIGURE_ALT!r}")
    # (the image's Figure: the guide's drawings are Figures too, each with a description of its own)
    figures = [element for element in with_figure.elements if element.role == "Figure"
               and str(element.obj.get("/Alt", "")) == FIGURE_ALT]
    captions = [element for element in with_figure.elements if element.role == "Caption"]
    if [element.parent.objgen for element in captions] != [figures[0].parent.objgen] if figures else []:
        problems.append("the caption is not beside the Figure (inside it, the Figure's /Alt would hide it)")
    for doc in (with_figure, *(tagged(pdf.path) for pdf in built.values())):
        problems += [f"{doc.name}: {describe(doc, element)} has no /Alt" for element in doc.elements
                     if element.role == "Figure" and not str(element.obj.get("/Alt", "")).strip()]
    assert not problems, f"{with_figure.name}: {problems_report(problems)}"


def test_the_tree_reads_what_the_pages_show(doc, built, edition):
    problems = text_problems(doc, built[edition])
    assert not problems, f"{doc.name}: {problems_report(problems)}"


def test_links_hold_the_words_shown_for_them(doc):
    problems = link_problems(doc)
    assert not problems, f"{doc.name}: {problems_report(problems)}"


def test_words_broken_at_line_ends_are_read_whole(doc, built, edition):
    pdf = built[edition]
    problems = [problem for index, shown in enumerate(pdf.extracted)
                for problem in broken_word_problems(shown.splitlines(), doc.page_tree_text(index), index + 1)]
    breaks = sum(line.rstrip().endswith("\u00ad") for shown in pdf.extracted for line in shown.splitlines())
    assert breaks > 10, f"{doc.name}: only {breaks} soft hyphens at line ends; is the text hyphenated?"
    assert not problems, f"{doc.name}: {problems_report(problems)}"


def test_words_either_side_of_a_page_break_stay_apart(doc):
    problems = [problem for element in doc.elements
                for problem in page_break_problems([(page, doc.pages[page].text.get(mcid, "")) for page, mcid in
                                                    (kid for kid in element.kids if not isinstance(kid, Element))],
                                                   describe(doc, element))]
    assert not problems, f"{doc.name}: {problems_report(problems)}"


def test_no_icon_is_read(doc):
    """No icon is read as a glyph: decoration is an artifact, and icons that stand for words (a
    chapter heading's themes, a drawing's marks) are read as the words their element gives."""
    problems = ornament_problems([doc.page_read_text(index) for index in range(len(doc.pages))])
    assert not problems, f"{doc.name}: {problems_report(problems)}"


@pytest.mark.slow
def test_the_new_checks_can_fail(built, tmp_path):
    """A Link emptied of its words, a broken word read with its hyphen, an icon read."""
    def emptied(pdf: pikepdf.Pdf) -> None:
        for element in doc.elements:
            if element.role == "Link" and element.mcids:
                link = pdf.get_object(element.obj.objgen)
                link.K = pikepdf.Array([kid for kid in link.K if isinstance(kid, pikepdf.Dictionary)])
                return

    doc = tagged(built["teacher"].path)
    assert any("holds no words" in problem for problem in link_problems(
        changed_copy(built["teacher"].path, tmp_path / "emptied.pdf", emptied)))
    assert broken_word_problems(["the con-", "text of it"], "the con-text of it", 3) == [
        "page 3: the tree reads con-'text', a word broken at a line end, with its break hyphen"]
    assert broken_word_problems(["the con\u00ad", "text"], "the con\u00adtext", 3) == []
    assert ornament_problems(["Themes: \u266a Memory"]) == ["page 1: the tree reads the icon '\u266a'"]
    assert page_break_problems([(3, "goes through them"), (4, "one after another")], "P") == [
        "P: 'them' on page 4 runs into 'one' on page 5"]
    assert page_break_problems([(3, "goes through them "), (4, "one after another")], "P") == []


def test_running_heads_and_footers_are_artifacts(doc, built, edition):
    problems = furniture_problems(doc, built[edition].reader, edition)
    assert not problems, f"{doc.name}: {problems_report(problems)}"


def test_links_are_link_elements_with_a_description(doc):
    links = [(number, annotation) for number, page in enumerate(doc.pdf.pages, 1)
             for annotation in page.obj.get("/Annots", []) if annotation.get("/Subtype") == "/Link"]
    assert links, f"{doc.name}: no link annotations (the contents and cross-references are links)"
    in_tree = {element.obj.objgen: element for element in doc.elements}
    problems = []
    for number, annotation in links:
        where = f"page {number}: the link at {[round(float(v)) for v in annotation.Rect]}"
        if not str(annotation.get("/Contents", "")).strip():
            problems.append(f"{where} has no /Contents")
        if "/StructParent" not in annotation:
            problems.append(f"{where} has no /StructParent")
            continue
        owner = doc.parent_tree.get(int(annotation.StructParent))
        if not isinstance(owner, pikepdf.Dictionary) or owner.get("/S") != "/Link":
            problems.append(f"{where}: /StructParent {int(annotation.StructParent)} maps to "
                            f"{owner.get('/S') if isinstance(owner, pikepdf.Dictionary) else owner!r}, not a Link")
            continue
        kids = owner.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        if not any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                   and kid.get("/Obj") is not None and kid.Obj.objgen == annotation.objgen for kid in kids):
            problems.append(f"{where}: its Link element has no OBJR pointing back at it")
        if owner.objgen not in in_tree:
            problems.append(f"{where}: its Link element is not reachable from the StructTreeRoot")
        elif not doc.text_of(in_tree[owner.objgen]).strip() and not str(owner.get("/Alt", "")).strip():
            problems.append(f"{where}: its Link element holds no text and has no /Alt")
    assert not problems, f"{doc.name}: {problems_report(problems)}"


# --- the document as a whole ----------------------------------------------------------------------------


def test_the_catalog_declares_a_tagged_document_in_the_guides_language(doc):
    root = doc.pdf.Root
    assert isinstance(root.get("/MarkInfo"), pikepdf.Dictionary) and root.MarkInfo.get("/Marked") is True, (
        f"{doc.name}: the catalog needs /MarkInfo << /Marked true >>, has {root.get('/MarkInfo')!r}")
    assert str(root.get("/Lang", "")) == MANIFEST["language"], (
        f"{doc.name}: catalog /Lang is {root.get('/Lang')!r}, the manifest says {MANIFEST['language']!r}")
    preferences = root.get("/ViewerPreferences", pikepdf.Dictionary())
    assert preferences.get("/DisplayDocTitle") is True, f"{doc.name}: /ViewerPreferences /DisplayDocTitle is not true"
    assert root.get("/PageMode") == "/UseOutlines", f"{doc.name}: the viewer does not open with the bookmarks"
    assert doc.path.read_bytes()[:8] == b"%PDF-1.7", f"{doc.name}: the file says {doc.path.read_bytes()[:8]!r}"


def test_the_title_and_the_pdf_ua_claim_are_in_the_xmp(doc, edition):
    info_title = str(doc.pdf.docinfo.get("/Title", ""))
    wanted = f"{MANIFEST['title']} ({Edition(edition).label})"  # the two files a course page offers, told apart
    assert info_title == wanted, f"{doc.name}: Info /Title is {info_title!r}, expected {wanted!r}"
    assert isinstance(doc.pdf.Root.get("/Metadata"), pikepdf.Stream), f"{doc.name}: no XMP /Metadata stream"
    metadata = doc.pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    assert metadata.get("dc:title") == info_title, (
        f"{doc.name}: XMP dc:title is {metadata.get('dc:title')!r}, Info /Title is {info_title!r}")
    assert metadata.get("pdfuaid:part") == "1", (
        f"{doc.name}: XMP pdfuaid:part is {metadata.get('pdfuaid:part')!r}, expected '1'")


def test_every_page_has_structure_tab_order_and_struct_parents(doc):
    problems = []
    for number, page in enumerate(doc.pdf.pages, 1):
        if page.obj.get("/Tabs") != "/S":
            problems.append(f"page {number}: /Tabs is {page.obj.get('/Tabs')!r}, expected /S")
        if "/StructParents" not in page.obj:
            problems.append(f"page {number}: no /StructParents")
    assert not problems, f"{doc.name}: {problems_report(problems)}"


def fonts_in(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """(where, font) for every font in the file: in page and form resources, and any font object at all."""
    seen = set()

    def visit(resources, where: str, depth: int = 0):
        if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
            return
        for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
            yield f"{where} {name}", font
            yield from visit(font.get("/Resources"), f"{where} {name}", depth + 1)  # Type3 glyph procedures
        for name, xobject in resources.get("/XObject", pikepdf.Dictionary()).items():
            if xobject.objgen not in seen or xobject.objgen == (0, 0):
                seen.add(xobject.objgen)
                yield from visit(xobject.get("/Resources"), f"{where} form {name}", depth + 1)

    for number, page in enumerate(pdf.pages, 1):
        yield from visit(page.obj.get("/Resources"), f"page {number}")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/Subtype" in obj:
            yield f"object {obj.objgen[0]}", obj


def test_fonts_are_embedded_with_unicode_maps_and_no_helvetica(doc):
    """Every font anywhere in the file (pages, forms, Type3 glyph procedures, any font object) is
    embedded and maps its glyphs to Unicode; the guide's two families are among them.

    One font is let through, in the workbook only: the Helvetica that the form fields' default
    appearance names, in the AcroForm's /DR, for a viewer to set what a student types. It
    renders nothing in the file as built (no page or appearance stream uses it: those are
    scanned above it), and the guide's own fonts cannot serve, being subsets that hold only the
    letters the guide prints."""
    typing = {font.objgen for font in pikepdf.Dictionary(pikepdf.Dictionary(
        doc.pdf.Root.get("/AcroForm", {})).get("/DR", {})).get("/Font", pikepdf.Dictionary()).values()}
    problems, names = [], set()
    for where, font in fonts_in(doc.pdf):
        if where.startswith("object ") and font.objgen in typing:
            continue
        name = str(font.get("/BaseFont", "(Type3)"))
        names.add(name)
        if "Helvetica" in name:
            problems.append(f"{where}: {name}, a standard font that is not embedded")
        if "/ToUnicode" not in font:
            problems.append(f"{where}: {name} has no /ToUnicode")
        if font.get("/Subtype") == "/Type3":
            continue
        described = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
        descriptor = described.get("/FontDescriptor", pikepdf.Dictionary())
        if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()):
            problems.append(f"{where}: {name} is not embedded")
    for family in ("SourceSerifPro", "SourceSansPro"):
        if not any(family in name for name in names):
            problems.append(f"no {family} font is used (found {sorted(names)})")
    assert not problems, f"{doc.name}: {problems_report(sorted(set(problems)))}"


# --- outside tools -----------------------------------------------------------------------------------------


def run(*command: str) -> subprocess.CompletedProcess:
    """Run a command-line checker from poppler-utils or qpdf. They are system tools, not PyPI
    packages, so where one is missing its test is skipped; the pikepdf tests (pikepdf bundles
    qpdf's library) check the same file either way."""
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (Debian: apt-get install poppler-utils qpdf)")
    # (pdfinfo -struct-text prints a table's /Summary as its raw bytes, PDFDocEncoding, not UTF-8)
    return subprocess.run(command, capture_output=True, text=True, errors="backslashreplace", timeout=60)


def test_qpdf_library_finds_the_file_sound(doc):
    problems = doc.pdf.check_pdf_syntax()  # what qpdf --check checks, through pikepdf
    assert not problems, f"{doc.name}: {problems_report([str(problem) for problem in problems])}"


@pytest.mark.slow
def test_poppler_reads_the_structure(doc):
    info = run("pdfinfo", str(doc.path))
    assert info.returncode == 0, info.stderr
    tagged_line = next((line for line in info.stdout.splitlines() if line.startswith("Tagged:")), "no Tagged line")
    assert re.fullmatch(r"Tagged:\s+yes", tagged_line), f"{doc.name}: pdfinfo says {tagged_line!r}"
    structure = run("pdfinfo", "-struct-text", str(doc.path))
    assert structure.returncode == 0 and not structure.stderr.strip(), (
        f"{doc.name}: pdfinfo -struct-text exited {structure.returncode}:\n{structure.stderr[:2000]}")
    read = flat(structure.stdout)
    for passage in (MANIFEST["title"], "Contents", "At a glance"):
        assert flat(passage) in read, f"{doc.name}: pdfinfo -struct-text does not read {passage!r}"


def test_qpdf_finds_the_file_sound(doc):
    result = run("qpdf", "--check", str(doc.path))
    assert result.returncode == 0, (
        f"{doc.name}: qpdf --check exited {result.returncode}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    assert "No syntax or stream encoding errors found" in result.stdout, result.stdout


@pytest.fixture(params=[pytest.param((name, paper, edition),
                                      marks=() if (name, paper) == ("default", "letter") else pytest.mark.slow)
                        for name in STYLES for paper in PAPERS for edition in EDITIONS],
                ids=lambda triple: "-".join(triple))
def every_build(request, pdfs) -> Path:
    """Each edition in each style on each paper, from the shared build cache."""
    name, paper, edition = request.param
    if (name, paper) != ("default", "letter"):
        pdfs.build((style, each) for style in STYLES for each in PAPERS)  # side by side
    return pdfs.path(edition, name, paper)


def test_page_validation_finds_every_build_pdf_ua_1_compliant(every_build):
    report = page_validation.validate_pdf(every_build, profile="ua1")
    failures = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    assert report.rules.total > 50, f"{every_build}: page-validation ran only {report.rules.total} rules"
    assert report.is_compliant and not failures, f"{every_build}: {problems_report(failures)}"


@pytest.mark.slow
def test_page_validation_can_fail(teacher, tmp_path):
    """Without its PDF/UA identification, the file is not PDF/UA-1: the checker must say so."""
    def unclaimed(pdf: pikepdf.Pdf) -> None:
        del pdf.Root.Metadata

    changed_copy(teacher.path, tmp_path / "unclaimed.pdf", unclaimed)
    report = page_validation.validate_pdf(tmp_path / "unclaimed.pdf", profile="ua1")
    assert not report.is_compliant and report.failures


def test_pdfua_finds_nothing(doc):
    report = pdfua.validate(str(doc.path))
    findings = [f"{finding.rule_id} {finding.location.describe()}: {finding.message}" for finding in report.findings]
    for outcome in report.skipped:  # a bug in the checker, not a finding: pdfua 0.1.3's UA-14-001 raises on a
        # heading whose /K is an array (pikepdf 10 raises ValueError for getattr on an Array); heading_problems
        # checks that headings are not empty
        warnings.warn(f"pdfua on {doc.name}: {outcome.rule_id} could not run: {outcome.skipped_reason}", stacklevel=1)
    assert len(report.skipped) < len(report.outcomes), f"{doc.name}: no pdfua rule could run"
    assert not findings, f"{doc.name}: {problems_report(findings)}"


@pytest.mark.slow
def test_outloud_finds_no_errors(every_style):
    result = outloud.check(str(every_style.path))
    assert result.error is None, f"{every_style.name}: outloud could not read it: {result.error}"
    errors = [f"{finding.rule} {f'page {finding.page}' if finding.page else 'document'}: {finding.message}"
              + (f" ({finding.evidence})" if finding.evidence else "")
              for finding in result.sorted_findings()
              if finding.severity == "error" and not _running_head_taken_for_prose(every_style, finding)
              and not _repeated_header_taken_for_prose(every_style, finding)
              and not _row_headers_taken_for_shreds(every_style, finding)]
    for finding in result.sorted_findings():
        if finding.severity == "warning":
            warnings.warn(f"outloud on {every_style.name}: {finding.rule} page {finding.page or '-'}: "
                          f"{finding.message}", stacklevel=1)
    for run in result.runs:
        if run.status == "crashed":  # a bug in the checker, not a finding
            warnings.warn(f"outloud on {every_style.name}: {run.rule} crashed: {run.reason}", stacklevel=1)
    assert any(run.status == "ran" for run in result.runs), f"{every_style.name}: no outloud rule ran"
    assert not errors, f"{every_style.name}: {problems_report(errors)}"


def _running_head_taken_for_prose(doc: Tagged, finding) -> bool:
    """outloud's TAG-002 guesses that an artifact line of eight or more words, most of them in
    lower case, is hidden prose unless the line recurs on three pages. A running head that
    names a long section ("Never Let Me Go  How to use this guide") on only one or two pages
    (large print) fits that guess. Only that exact finding is let through: the line must be
    the guide's title followed by a section's title, and drawn as an artifact on that page."""
    if finding.rule != "TAG-002" or not finding.page:
        return False
    sections = [flat(doc.text_of(element)) for element in doc.elements if element.role == "H1"]
    artifacts = flat(doc.pages[finding.page - 1].artifact_text)
    lines = [flat(line) for line in str(finding.evidence or "").split(";") if line.strip()]
    title = flat(MANIFEST["title"])
    return bool(lines) and all(line.startswith(title) and line[len(title):] in sections and line in artifacts
                               for line in lines)


def _repeated_header_taken_for_prose(doc: Tagged, finding) -> bool:
    """The same TAG-002 guess, on a table's header row repeated at the top of a later page: it
    is drawn as a pagination artifact because the tree reads it once, on the table's first page.
    Only that finding is let through: every line must be, word for word, the header row of a
    table of the tree that begins on an earlier page, and be an artifact on this page."""
    if finding.rule != "TAG-002" or not finding.page:
        return False
    index = finding.page - 1
    headers = set()
    for table in (element for element in doc.elements if element.role == "Table"):
        rows = [kid for kid in table.kids if isinstance(kid, Element) and kid.role == "TR"]
        pages = sorted({page for page, _ in content_of(table)})
        if rows and pages and pages[0] < index <= pages[-1]:
            headers.add(flat(doc.text_of(rows[0])))
    artifacts = flat(doc.pages[index].artifact_text)
    lines = [flat(line) for line in str(finding.evidence or "").split(";") if line.strip()]
    return bool(lines) and all(line in headers and line in artifacts for line in lines)


def _row_headers_taken_for_shreds(doc: Tagged, finding) -> bool:
    """outloud's TBL-010 guesses that a table with more header cells than data cells has one
    header broken into pieces. A two-column table of facts whose first column names each row
    ("Author", "Setting") has a row header per row and a column header per column, so more TH
    than TD by design (WCAG's technique H63). Let through only if every table on the page with
    more TH than TD is such a table: its surplus all row headers, each beside a data cell."""
    if finding.rule != "TBL-010" or not finding.page:
        return False
    index = finding.page - 1
    tables = [element for element in doc.elements if element.role == "Table"
              and any(page == index for page, _ in content_of(element))]

    def cells(table: Element, role: str, scope: str | None = None) -> int:
        return sum(1 for element in doc.elements if element.role == role and element.path.startswith(table.path + " >")
                   and (scope is None or pikepdf.Dictionary(element.obj.get("/A", {})).get("/Scope") == scope))

    surplus = [table for table in tables if cells(table, "TH") > cells(table, "TD")]
    return bool(surplus) and all(cells(table, "TH", "/Row") == cells(table, "TD") and
                                 cells(table, "TH") - cells(table, "TH", "/Row") <= cells(table, "TD")
                                 for table in surplus)


# --- the checks themselves can fail --------------------------------------------------------------------


def changed_copy(path: Path, copy: Path, change) -> Tagged:
    """A copy of a built PDF after `change(pdf)`, read for its tagging."""
    pdf = pikepdf.open(path)
    change(pdf)
    pdf.save(copy)
    return tagged(copy)


@pytest.mark.slow
def test_an_empty_tree_fails_every_structure_check(built, tmp_path):
    """A file that claims to be tagged but marks nothing and whose tree owns nothing must not pass."""
    def empty(pdf: pikepdf.Pdf) -> None:
        for page in pdf.pages:
            kept = [each for each in pikepdf.parse_content_stream(page)
                    if str(each.operator) not in ("BDC", "BMC", "EMC")]
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document,
                                                        K=pikepdf.Array()))
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=document, ParentTree=pikepdf.Dictionary(Nums=pikepdf.Array())))
        document.P = pdf.Root.StructTreeRoot

    doc = changed_copy(built["teacher"].path, tmp_path / "empty.pdf", empty)
    assert any("no page has any marked content" in problem for problem in mcid_problems(doc))
    assert all(marks.unmarked for marks in doc.pages)
    assert heading_problems(doc) == ["the tree has no headings (H1-H6)"]
    assert text_problems(doc, built["teacher"]) == ["the tree's content has no text at all"]


@pytest.mark.slow
def test_a_dropped_or_misplaced_paragraph_is_noticed(teacher, tmp_path):
    """Take a paragraph out of the built tree, or swap it with the next one: the checks must say so."""
    doc = tagged(teacher.path)
    if doc.root is None:
        pytest.skip("the build is not tagged (the other tests say so)")
    first = second = parent = None
    for parent in (element for element in doc.elements if element.group is None):
        paragraphs = [kid for kid in parent.kids if isinstance(kid, Element)]
        pairs = [(one, two) for one, two in zip(paragraphs, paragraphs[1:], strict=False)
                 if one.role == two.role == "P" and min(len(doc.text_of(one)), len(doc.text_of(two))) > 200
                 and len({page for page, _ in (*content_of(one), *content_of(two))}) == 1]
        if pairs:
            first, second = pairs[0]
            break
    assert first is not None, f"{doc.name}: no two long paragraphs follow each other on one page"

    def positions(pdf: pikepdf.Pdf) -> tuple[pikepdf.Array, int, int]:
        kids = pdf.get_object(parent.obj.objgen).K
        found = [kid.objgen if isinstance(kid, pikepdf.Dictionary) else None for kid in kids]
        return kids, found.index(first.obj.objgen), found.index(second.obj.objgen)

    def drop(pdf: pikepdf.Pdf) -> None:
        kids, at, _ = positions(pdf)
        del kids[at]

    def swap(pdf: pikepdf.Pdf) -> None:
        kids, at, then = positions(pdf)
        kids[at], kids[then] = kids[then], kids[at]

    (page,) = {page for page, _ in content_of(first)}
    dropped = changed_copy(teacher.path, tmp_path / "dropped.pdf", drop)
    assert any("referenced by no structure element" in problem for problem in mcid_problems(dropped))
    assert any("neither tagged nor an artifact" in problem for problem in text_problems(dropped, teacher, page))
    swapped = changed_copy(teacher.path, tmp_path / "swapped.pdf", swap)
    assert mcid_problems(swapped) == mcid_problems(doc)
    assert any("comes earlier in the tree" in problem for problem in text_problems(swapped, teacher, page))
