"""The cover: title, the novel it guides, the edition in a banner, and any lines to fill in."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepInFrame, Spacer, TableStyle

from .. import model as m
from ..stylesheet import Style
from .flowables import Grid, TaggedParagraph
from .markup import escaped
from .paragraph_styles import ParagraphStyles
from .tagging import Node


def cover(guide: m.Guide, paras: ParagraphStyles, style: Style, width: float, parent: Node) -> list[Flowable]:
    """The cover page; its words are a section of the structure tree under `parent`."""
    md = guide.metadata
    room = style.frame_height  # spaces are shares of the page, so every paper and size fits
    element = parent.add("Sect")
    story: list[Flowable] = [
        Spacer(1, room * 0.12),
        _text(escaped(md.title), paras.cover_title, element),
        Spacer(1, style.body_size),
        _text(escaped(md.subtitle), paras.cover_subtitle, element),
        Spacer(1, style.body_size * 0.5),
        _text(f"{escaped(md.novel_title)}, by {escaped(md.novel_author)}, was first published in {md.novel_published}.",
              paras.box_role, element),
        Spacer(1, room * 0.1),
    ]
    if guide.edition:
        story += [_banner(guide.edition.label, paras, style, width, element), Spacer(1, room * 0.06)]
    if guide.cover_fields:
        story.append(_fields(guide.cover_fields, paras, style, width, element))
    # the cover is one page whatever the paper and type size: shrink it rather than spill
    return [KeepInFrame(width, room, story, mode="shrink")]


def _text(shown: str, style, parent: Node) -> TaggedParagraph:
    return TaggedParagraph(shown, style, node=parent.add("P"))


def _banner(label: str, paras: ParagraphStyles, style: Style, width: float, parent: Node) -> Grid:
    words = ParagraphStyle("banner", parent=paras.cover_edition, textColor=style.banner_text_colour)
    banner = Grid([[_text(escaped(label), words, parent)]], colWidths=[width], hAlign="LEFT")
    banner.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(style.accent_colour)),
        ("FONTNAME", (0, 0), (-1, -1), words.fontName),
        ("LEFTPADDING", (0, 0), (-1, -1), style.body_size),
        ("TOPPADDING", (0, 0), (-1, -1), style.body_size * 0.7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), style.body_size * 0.9),
    ]))
    return banner


def _fields(labels: tuple[str, ...], paras: ParagraphStyles, style: Style, width: float, parent: Node) -> Grid:
    """Labelled lines to write a name, a class and a date on."""
    label_width = max(stringWidth(label, paras.body.fontName, style.body_size) for label in labels) + style.body_size
    rows = [[_text(f"<b>{escaped(label)}</b>", paras.body, parent), ""] for label in labels]
    table = Grid(rows, colWidths=[label_width, width * 0.7 - label_width], hAlign="LEFT",
                  rowHeights=[style.body_leading * 2.2] * len(rows))
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), paras.body.fontName),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.8, colors.HexColor(style.text_colour)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table
