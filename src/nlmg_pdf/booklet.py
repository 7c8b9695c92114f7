"""Booklets: the guide's pages imposed for saddle-stitch printing, two reduced pages side by side
on each side of a landscape sheet of the same paper (A5 halves on A4, half-letter on Letter,
as a copier's own booklet mode makes them). Print the result double-sided, flipping on the
short edge, fold the stack in half and staple the fold: the pages come in order.

The imposed file is for printing only: it keeps the text (searchable, copyable) but not the
tagging, the links or the form fields of the guide's own PDF, which stays the accessible one.
pypdf does the imposing: it copies each page's content and fonts into the new sheet whole, which
hand-written code would have to parse PDF to do."""
from __future__ import annotations

import io


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """Each printed side's (left, right) pages, from 0, sheet by sheet, front then back; None
    is a blank page that pads the count to a multiple of four."""
    padded = -(-pages // 4) * 4

    def page(index: int) -> int | None:
        return index if index < pages else None

    sides = []
    for sheet in range(padded // 4):
        sides.append((page(padded - 1 - 2 * sheet), page(2 * sheet)))  # the front: last and first
        sides.append((page(2 * sheet + 1), page(padded - 2 - 2 * sheet)))  # the back
    return sides


def impose(pdf: bytes, title: str) -> bytes:
    """The booklet of the PDF `pdf`, whose pages are all one size."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:  # links and form fields stay in the guide's own PDF (here they would sit unmoved)
        if "/Annots" in page:
            del page["/Annots"]
    width, height = (float(value) for value in reader.pages[0].mediabox.upper_right)
    sheet_width, sheet_height = height, width  # the same paper, turned to landscape
    scale = min(sheet_width / 2 / width, sheet_height / height)
    offset_y = (sheet_height - height * scale) / 2
    writer = PdfWriter()
    for number, (left, right) in enumerate(booklet_order(len(reader.pages))):
        side = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for slot, index in enumerate((left, right)):
            if index is not None:
                offset_x = slot * sheet_width / 2 + (sheet_width / 2 - width * scale) / 2
                side.merge_transformed_page(reader.pages[index],
                                            Transformation().scale(scale).translate(offset_x, offset_y))
        writer.add_page(side)
        face = "front" if number % 2 == 0 else "back"
        writer.set_page_label(number, number, prefix=f"Sheet {number // 2 + 1} {face}")
    writer.add_metadata({"/Title": f"{title} (booklet for printing)", "/Producer": "nlmg-pdf"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
