"""The canvas the guide is drawn on. It fills in numbers only known at the end (the page
total, the contents' page numbers), labels the pages as the footers number them, and
carries the structure tree and the document-level entries accessibility checkers read."""
from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary, PDFName, PDFObjectReference, PDFPage, PDFString, PDFtrue

from .. import __version__
from .. import model as m
from .forms import Forms
from .markup import escape
from .reportlab_compat import HookedCanvas, add_annotation, allow_page_keys, annotation_reference, annotation_total
from .session import LayoutSession
from .tagging import Node, Tagger

PAGE_TOTAL_FORM = "page-total"
PRINTABLE = 4  # annotation flag: print the annotation with the page
PAGE_KEYS = ("StructParents", "Tabs")  # what a tagged page adds to reportlab's page entries


def page_number_form(anchor: str) -> str:
    """The form that shows the page a heading is on; contents entries draw it."""
    return f"page-of-{anchor}"


class GuideCanvas(HookedCanvas):
    """Each footer draws a form holding the page total, and each contents entry one holding
    its heading's page; the forms are defined once the last page is known, just before
    saving, so one layout pass is enough."""

    def __init__(self, *args, session: LayoutSession, number_font: tuple[str, float, str], structure: Node,
                 link_titles: Mapping[str, str], metadata: m.Metadata, title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.layout_session = session
        self.number_font, self.link_titles, self.metadata, self.title = number_font, link_titles, metadata, title
        self.tagger = session.tagger = Tagger(self, structure)
        self.numbers_drawn: dict[str, tuple[str, float, str]] = {}  # anchor -> the font its number is in
        self.describing = ""  # the link being made, in words
        self.linking = ""  # and where it goes: '#anchor' or an address
        self.forms = Forms(self)
        self.widget_for: Node | None = None  # the Form element of the widget being added

    # --- numbers known at the end ------------------------------------------------------

    def page_number(self, anchor: str, font: tuple[str, float, str]) -> None:
        """Draw, right-aligned at the origin, the page number of the heading `anchor`."""
        self.numbers_drawn[anchor] = font
        self.doForm(page_number_form(anchor))

    def save(self):
        heading_pages = self.layout_session.heading_pages
        self._number(PAGE_TOTAL_FORM, str(self.getPageNumber() - 1), self.number_font, left=True)
        if missing := set(self.numbers_drawn) - set(heading_pages):
            raise RuntimeError(f"contents entries for headings never laid out: {sorted(missing)}")
        for anchor, font in sorted(self.numbers_drawn.items()):
            self._number(page_number_form(anchor), str(heading_pages[anchor]), font, left=False)
        self.addPageLabel(0, "ARABIC", 1)  # labels that agree with the footers and the print dialogs
        self._describe_document()
        super().save()

    def _number(self, name: str, number: str, font: tuple[str, float, str], left: bool) -> None:
        face, size, colour = font
        width = self.stringWidth(number, face, size)
        lower_x = 0 if left else -width
        self.beginForm(name, lowerx=lower_x, lowery=-size * 0.3, upperx=lower_x + width, uppery=size)
        self.setFont(face, size)
        self.setFillColor(colors.HexColor(colour))
        self.drawString(lower_x, 0, number)
        self.endForm()

    # --- tagging hooks (see reportlab_compat) -------------------------------------------

    def drawText(self, textobject):
        self.tagger.draw_text(textobject, lambda: super(GuideCanvas, self).drawText(textobject))

    def line(self, x1, y1, x2, y2):
        if not self.tagger.lines_decorate:
            return super().line(x1, y1, x2, y2)
        with self.tagger.artifact():
            return super().line(x1, y1, x2, y2)

    def page_finished(self, page: PDFPage) -> None:
        allow_page_keys(page, PAGE_KEYS)
        page.StructParents = self.tagger.end_page()
        page.Tabs = PDFName("S")  # tab through links in structure order

    def linkRect(self, contents, destinationname, Rect=None, *args, **kwargs):
        self.describing = f"Go to {self.link_titles.get(destinationname, destinationname)}"
        self.linking = f"#{destinationname}"
        Rect = self.tagger.link_area(self.linking, Rect)
        return super().linkRect(contents or self.describing, destinationname, Rect, *args, **kwargs)

    def linkURL(self, url, rect, *args, **kwargs):
        self.describing, self.linking = f"Open {url}", url
        kwargs.setdefault("Contents", PDFString(self.describing))
        return super().linkURL(url, self.tagger.link_area(url, rect), *args, **kwargs)

    def add_widget(self, entries, node: Node) -> PDFObjectReference:
        """Put a form field's widget on the page, as the content of its `Form` element `node`."""
        self.widget_for = node
        try:
            return add_annotation(self, entries, f"Field{annotation_total(self) + 1}")
        finally:
            self.widget_for = None

    def annotating(self, entries, name: str):
        """A form field's widget is its Form element's; any other annotation here is a link's:
        printable, and a Link element in the tree."""
        entries["F"] = PRINTABLE
        reference = annotation_reference(self, name)
        if self.widget_for is not None:
            entries["StructParent"] = self.tagger.form(reference, self.widget_for)
        else:
            entries["StructParent"] = self.tagger.link(reference, self.describing, self.linking)
        return entries

    def _describe_document(self) -> None:
        self.setCatalogEntry("StructTreeRoot", self.tagger.tree())
        self.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": PDFtrue}))
        self.setCatalogEntry("Metadata", XMP(creator=lambda document: xmp(self.metadata, self.title).encode("utf-8")))
        self.showOutline()  # the viewer opens with the bookmarks beside the page
        if (fields := self.forms.acro_form()) is not None:
            self.setCatalogEntry("AcroForm", fields)


def xmp(md: m.Metadata, title: str) -> str:
    """The XMP packet: `title` and the author as in the document info, and the PDF/UA claim."""
    title, author, subject = escape(title), escape(md.author), escape(md.subject)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(md.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>nlmg-pdf {__version__}</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
