"""The imprint: the page after the cover that says which guide this is (title, edition,
version and date), who may copy it, how to cite it and where to report a mistake.

The licence and the place to report a mistake come from the manifest, so an editor can
change them; either is left out when the manifest has none. The page is a section of the
structure tree: an H1 (the contents' title, the next heading, is an H1 too), an H2 over
each part, and paragraphs.
"""
from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepInFrame, Spacer, TableStyle

from .. import __version__
from .. import model as m
from ..addresses import ADDRESS, link_target
from ..outline import written_date
from ..stylesheet import Style
from .cover import stacked_height
from .flowables import Grid, Rule, TaggedParagraph
from .markup import NO_BREAK, escaped, linked
from .paragraph_styles import ParagraphStyles
from .session import Origin
from .tagging import Node

MANIFEST = "guide.yaml"  # where the licence and the place to report come from (read by reading/guide.py)
TITLE = "About this guide"
LICENCE, CITE, REPORT = "Copying this guide", "How to cite this guide", "Found a mistake?"


def imprint(guide: m.Guide, paras: ParagraphStyles, style: Style, width: float, parent: Node,
            origins: MutableMapping[Any, Origin] | None = None) -> list[Flowable]:
    """The imprint page's flowables (one page; the caller breaks the page after it). Given the
    layout session's `origins`, a word too wide for the page in the manifest's words (a long web
    address) is reported at the manifest's field."""
    # set at the foot of the page, as a book's imprint is (measured in a copy: the flowables
    # laid out are measured on the page, where a word too wide for its column is noted)
    room = style.frame_height
    below = room - stacked_height(_story(guide, paras, style, width, Node("Sect"), {}), width, room) - 2
    story = _story(guide, paras, style, width, parent.add("Sect"), {} if origins is None else origins)
    return [KeepInFrame(width, room, [Spacer(1, max(0.0, below)), *story], mode="shrink")]  # one page, always


def _story(guide: m.Guide, paras: ParagraphStyles, style: Style, width: float, element: Node,
           origins: MutableMapping[Any, Origin]) -> list[Flowable]:
    md, size = guide.metadata, style.body_size
    text = ParagraphStyle("imprint-text", parent=paras.body, alignment=TA_LEFT, hyphenationLang="",
                          spaceAfter=size * 0.3)
    heading = ParagraphStyle("imprint-heading", parent=paras.headings[1], keepWithNext=0, spaceBefore=0,
                             spaceAfter=size * 0.6)
    part = ParagraphStyle("imprint-part", parent=paras.headings[2], keepWithNext=0,
                          textColor=colors.HexColor(style.accent_colour),
                          spaceBefore=size * 1.2, spaceAfter=size * 0.25)
    title = ParagraphStyle("imprint-guide", parent=paras.cover_edition, textColor=colors.HexColor(style.text_colour),
                           spaceAfter=size * 0.1)
    story: list[Flowable] = [
        _tagged(escaped(TITLE), heading, element, "H1"),
        Rule(width="100%", thickness=style.box_border, color=colors.HexColor(style.rule_colour),
             spaceBefore=0, spaceAfter=size * 0.9),
        _tagged(escaped(md.title), title, element),
    ]
    if md.subtitle:
        story.append(_tagged(escaped(md.subtitle), text, element))
    if md.author:
        story.append(_tagged(escaped(md.author), paras.box_role, element))
    story += [Spacer(1, size * 0.4), _tagged(_which(guide), text, element)]
    if md.licence:
        licence_heading = _tagged(escaped(LICENCE), ParagraphStyle("imprint-licence-heading", parent=part,
                                                                   spaceBefore=0), element, "H2")
        licence = _tagged(_linked(md.licence, style.link_colour), ParagraphStyle("imprint-licence", parent=text,
                                                                                  spaceAfter=0), element)
        origins[licence] = Origin(m.Source(MANIFEST), "'licence' field")
        story += [Spacer(1, size * 1.2), _box(licence_heading, licence, style, width)]
    story += [_tagged(escaped(CITE), part, element, "H2"), _tagged(_citation(guide, style), text, element)]
    if md.report:
        report_heading = _tagged(escaped(REPORT), part, element, "H2")  # (made first: the tree reads it first)
        report = _tagged(_linked(md.report, style.link_colour), text, element)
        origins[report] = Origin(m.Source(MANIFEST), "'report' field")
        story += [report_heading, report]
    return story


def _tagged(shown: str, style: ParagraphStyle, parent: Node, role: str = "P") -> TaggedParagraph:
    return TaggedParagraph(shown, style, node=parent.add(role))


def _box(heading: TaggedParagraph, words: TaggedParagraph, style: Style, width: float) -> Grid:
    """The licence, boxed like the guide's notes so that a teacher finds it at a glance."""
    padding = style.box_padding
    box = Grid([[heading], [words]], colWidths=[width], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), words.style.fontName),  # or reportlab names Helvetica for the cells
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(style.box_colour)),
        ("LINEBEFORE", (0, 0), (0, -1), style.box_border * 3.5, colors.HexColor(style.accent_colour)),
        ("LEFTPADDING", (0, 0), (-1, -1), padding * 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, 0), padding), ("BOTTOMPADDING", (0, 0), (-1, 0), padding * 0.2),
        ("TOPPADDING", (0, 1), (-1, -1), 0), ("BOTTOMPADDING", (0, -1), (-1, -1), padding),
    ]))
    return box


def _which(guide: m.Guide) -> str:
    """Which copy this is: "Teacher edition, version 0.1.0 of 21 November 2026." """
    md = guide.metadata
    made = f"{_version()}{NO_BREAK}of {written_date(md.date, md.language)}."  # (no line ends in the bare number)
    return f"{escaped(guide.edition.label)}, {made}" if guide.edition else made[0].upper() + made[1:]


def _version() -> str:
    """The word and the number, which a line never parts."""
    return f"version{NO_BREAK}{escaped(__version__)}"


def _citation(guide: m.Guide, style: Style) -> str:
    """The guide as a reader would cite it: who wrote it, its title, edition, version and date."""
    md = guide.metadata
    title = escaped(md.title + (f": {md.subtitle}" if md.subtitle else ""))
    title = f"<i>{title}</i>" if style.quote_italic else title  # large print sets no italic
    parts = [escaped(md.author)] if md.author else []
    parts.append(title)
    if guide.edition:
        parts.append(escaped(guide.edition.label.lower()))
    parts.append(_version())
    return ", ".join(parts) + f", {written_date(md.date, md.language)}."


def _linked(words: str, colour: str) -> str:
    """Paragraph markup for the manifest's words, each web or email address in them a link."""
    shown, at = [], 0
    for found in ADDRESS.finditer(words):
        shown.append(escaped(words[at:found.start()]))
        shown.append(linked(link_target(found), escaped(found.group()), f' color="{colour}" underline="1"'))
        at = found.end()
    shown.append(escaped(words[at:]))
    return "".join(shown)
